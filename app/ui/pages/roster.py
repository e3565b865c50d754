"""党员花名册: find anyone as you type, filter, add and edit, mark 去世/转出, import and export."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView,
    QVBoxLayout, QWidget,
)

from app.services import roster
from app.ui import messages, style
from app.ui.table_models.roster_model import RosterTableModel
from app.ui.widgets import button, choice_box, heading
from app.vocab import LIVING_SITUATIONS, MEMBER_STATUSES, MOBILITIES, RETIRE_TYPES

# Each dialog's module is imported when the dialog is first opened: the page loads with the
# window at start-up, its dialogs need not (app/ui/app.py).

_WIDTHS = (60, 90, 60, 60, 100, 80, 60, 190, 150, 110, 240, 110, 100, 70)


class RosterPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.model = RosterTableModel(ctx.db, self)
        self._search_and_filters()
        self._member_dialog = None  # the member window while it is open
        self._table()
        self.count_label = QLabel()
        self.edit_button = button("查看 / 修改", self.edit_member)
        self.status_button = button("去世 / 转出…", self.change_status,
                                    tip="人员不会被删除，只记录状态和日期，历史记录全部保留")
        self._lay_out()
        ctx.scale_changed.connect(lambda _s: self._size_columns())
        self._size_columns()

    def _search_and_filters(self) -> None:
        """The search field (reloads shortly after typing stops, not on every key) and the
        filters (reload at once)."""
        self.search = QLineEdit()
        self.search.setPlaceholderText("输入姓名、拼音首字母（如 zjg）、电话或身份证号查找")
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._debounce.start())

        self.status_box = choice_box(MEMBER_STATUSES, blank="全部状态", current="在册")
        self.retire_box = choice_box(RETIRE_TYPES, blank="离休和退休")
        self.mobility_box = choice_box((roster.HOMEBOUND_FILTER, *MOBILITIES), blank="全部身体状况")
        self.living_box = choice_box(LIVING_SITUATIONS, blank="全部居住状况")
        self.all_branches = QCheckBox("显示全部支部")
        for box in (self.status_box, self.retire_box, self.mobility_box, self.living_box):
            box.currentIndexChanged.connect(self.reload)
        self.all_branches.toggled.connect(self.reload)

    def _table(self) -> None:
        """The roster table: whole rows, read only, sorted by the model (in SQL), fixed row
        height (sizing rows to contents is what makes a large table slow, see stack-notes)."""
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # One window per double-click: Qt emits `activated` from the same double-click on most
        # styles, and connecting both opened the member window twice. The mouse uses
        # doubleClicked; the keyboard's Enter has its own shortcut on the table.
        self.table.doubleClicked.connect(lambda _i: self.edit_member())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.table, self.edit_member,
                      context=Qt.ShortcutContext.WidgetShortcut)

    def _lay_out(self) -> None:
        """Heading and count, search, filters, the table (taking the room), then the actions:
        the everyday ones on the left, import and export apart on the right."""
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading("党员花名册"))
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout.addLayout(top)
        layout.addWidget(self.search)
        filters = QHBoxLayout()
        for w in (self.status_box, self.retire_box, self.mobility_box, self.living_box,
                  self.all_branches):
            filters.addWidget(w)
        filters.addStretch(1)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        actions.addWidget(button("新增党员", self.add_member, primary=True))
        actions.addWidget(self.edit_button)
        actions.addWidget(self.status_button)
        actions.addStretch(1)
        actions.addWidget(button("导入花名册…", self.import_roster,
                                 tip="从 Excel / WPS 表格（.xlsx .xls .csv）导入"))
        actions.addWidget(button("导出花名册…", self.export_roster,
                                 tip="导出为可打印的 Excel 表格，身份证号默认隐去中间位"))
        layout.addLayout(actions)

    # data ------------------------------------------------------------------------------
    def current_filter(self) -> roster.RosterFilter:
        status = self.status_box.currentData()
        return roster.RosterFilter(
            branch_id=None if self.all_branches.isChecked() else self.ctx.branch_id,
            statuses=(status,) if status else (),
            retire_type=self.retire_box.currentData(),
            mobility=self.mobility_box.currentData(),
            living=self.living_box.currentData(),
            text=self.search.text(),
            sort=self.model.filter.sort,
            descending=self.model.filter.descending,
        )

    def reload(self) -> None:
        self.model.reload(self.current_filter())
        self.count_label.setText(f"共 {self.model.rowCount()} 人")

    def refresh(self) -> None:
        self.reload()

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        for col, width in enumerate(_WIDTHS):
            header.resizeSection(col, style.px(width))
        header.setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(style.px(40))

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.member_id(rows[0].row()) if rows else None

    def select_member(self, member_id: int) -> None:
        row = self.model.row_of(member_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def open_with(self, member_id: int | None = None, **_kw) -> None:
        if member_id is not None:
            self.select_member(member_id)

    # actions ---------------------------------------------------------------------------
    def add_member(self) -> None:
        from app.ui.dialogs.member_dialog import MemberDialog

        dialog = MemberDialog(self.ctx, None, self)
        if dialog.exec():
            self.ctx.data_changed.emit()
            self.reload()
            self.select_member(dialog.member_id)

    def edit_member(self) -> None:
        from app.ui.dialogs.member_dialog import MemberDialog

        member_id = self.selected_id()
        if member_id is None:
            messages.info(self, "请先在表格中点选一位党员。")
            return
        if self._member_dialog is not None:  # already open: bring it forward, never a second
            self._member_dialog.raise_()
            self._member_dialog.activateWindow()
            return
        self._member_dialog = dialog = MemberDialog(self.ctx, member_id, self)
        try:
            saved = dialog.exec()
        finally:
            self._member_dialog = None
        if saved:
            self.ctx.data_changed.emit()
            self.reload()
            self.select_member(member_id)

    def change_status(self) -> None:
        from app.ui.dialogs.status_dialog import StatusDialog

        member_id = self.selected_id()
        if member_id is None:
            messages.info(self, "请先在表格中点选一位党员。")
            return
        if StatusDialog(self.ctx, member_id, self).exec():
            self.ctx.data_changed.emit()
            self.reload()

    def import_roster(self) -> None:
        from app.ui.dialogs.import_dialog import open_import_dialog

        open_import_dialog(self.ctx, self)

    def export_roster(self) -> None:
        from app.ui.dialogs.import_dialog import export_roster_interactive

        export_roster_interactive(self.ctx, self)
