"""Choosing members by hand (手动选择): type to find, click a row to tick it, ticks are kept
while searching for the next name."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView

from app.services import roster
from app.ui.pages.materials_pending import tick_style
from app.ui import style
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.widgets import hint

HEADERS = ("选", "姓名", "年龄", "村/社区", "身体状况")
_FROM_ROSTER = (None, 1, 3, 9, 12)  # positions in roster.ROSTER_COLUMNS


class PickerModel(QAbstractTableModel):
    def __init__(self, db, branch_id: int, parent=None):
        super().__init__(parent)
        self.db, self.branch_id = db, branch_id
        self.ids: list[int] = []
        self.checked: set[int] = set()
        self._rows: dict[int, tuple] = {}

    def search(self, text: str) -> None:
        with self.db.session() as s:
            ids = roster.member_ids(s, roster.RosterFilter(branch_id=self.branch_id, text=text))
        self.beginResetModel()
        self.ids = ids
        self.endResetModel()

    def _row(self, row: int) -> tuple:
        mid = self.ids[row]
        if mid not in self._rows:
            block = self.ids[max(0, row - 50): max(0, row - 50) + 200]
            with self.db.session() as s:
                self._rows.update(roster.roster_rows(s, block))
        return self._rows.get(mid, ("",) * len(roster.ROSTER_COLUMNS))

    def toggle(self, row: int) -> None:
        self.checked.symmetric_difference_update({self.ids[row]})
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def check_shown(self) -> None:
        self.checked |= set(self.ids)
        self.layoutChanged.emit()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            return Qt.CheckState.Checked if self.ids[index.row()] in self.checked else \
                Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole and index.column() > 0:
            return str(self._row(index.row())[_FROM_ROSTER[index.column()]])
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None


class MemberPicker(FormDialog):
    """A choice, not a form: closing it without 确定 simply keeps the earlier choice."""

    asks_to_save = False

    def __init__(self, ctx, chosen: list[int] | None = None, parent=None):
        super().__init__(parent, "选择党员")
        self.ctx = ctx
        self.model = PickerModel(ctx.db, ctx.branch_id, self)
        self.model.checked = set(chosen or [])
        self.search = QLineEdit()
        self.search.setPlaceholderText("输入姓名或拼音首字母查找（如 zjg）")
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(lambda: self.model.search(self.search.text()))
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(style.px(40))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setAlternatingRowColors(True)
        self.table.clicked.connect(lambda i: self._toggle(i.row()))
        self.table.setStyleSheet(tick_style())
        for col, width in enumerate((50, 110, 60, 140, 100)):
            self.table.horizontalHeader().resizeSection(col, style.px(width))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.count = QLabel()
        layout = self.body_layout
        layout.addWidget(hint("点一下某一行即可勾选或取消；查找别的名字时已勾选的人会保留。"))
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        self.add_button("勾选列表中全部", self._check_shown, left=True)
        self.add_button("全部取消", self._clear, left=True)
        self.add_to_button_row(self.count, left=True)
        self.add_cancel()
        self.add_button("确定", self.accept, primary=True)
        self.model.search("")
        self._show_count()
        self.want_size(720, 640)

    def _toggle(self, row: int) -> None:
        self.model.toggle(row)
        self._show_count()

    def _check_shown(self) -> None:
        self.model.check_shown()
        self._show_count()

    def _clear(self) -> None:
        self.model.checked.clear()
        self.model.layoutChanged.emit()
        self._show_count()

    def _show_count(self) -> None:
        self.count.setText(f"已选 {len(self.model.checked)} 人")

    def chosen_ids(self) -> list[int]:
        """The ticked members in roster order."""
        with self.ctx.db.session() as s:
            order = roster.member_ids(s, roster.RosterFilter(branch_id=self.ctx.branch_id))
        return [m for m in order if m in self.model.checked]
