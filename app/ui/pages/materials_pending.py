"""待送达: the copies still to be taken to members' doors, grouped by member or by village;
tick several (a click on the row ticks it) and mark them delivered on one date."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QTableView, QVBoxLayout,
    QWidget,
)

from app.services import materials as mat
from app.ui import messages, style
from app.ui.table_models.materials_models import PendingTableModel
from app.ui.widgets import DateField, button, choice_box, hint

_GROUPINGS = {"按党员": "member", "按村(社区)": "village"}
_WIDTHS = (50, 120, 100, 300, 120, 100, 100)


def tick_style() -> str:
    """Tick boxes inside tables as large as the ones in forms (Qt draws them tiny by default)."""
    return (f"QTableView::indicator {{ width: {style.px(22)}px; height: {style.px(22)}px; }}")


class PendingPanel(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.model = PendingTableModel(self)
        self.grouping = QComboBox()
        for title, key in _GROUPINGS.items():
            self.grouping.addItem(title, key)
        self.grouping.currentIndexChanged.connect(self.refresh)
        self.place = choice_box([], blank="全部村(社区)")
        self.place.currentIndexChanged.connect(self._show)
        self.summary = QLabel()
        self.summary.setStyleSheet("font-weight: bold;")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.clicked.connect(self._clicked)
        self.table.setStyleSheet(tick_style())
        self.when = DateField()
        self.when.set_value(date.today())
        self.when.setMaximumWidth(style.px(200))
        self.mark_button = button("标记为已送达", self.mark_delivered, primary=True)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("分组"))
        top.addWidget(self.grouping)
        top.addWidget(self.place)
        top.addStretch(1)
        top.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(hint("点一下某一行即可勾选或取消勾选；可先选中几行再点“勾选所选党员的全部资料”。"))
        layout.addWidget(self.table, 1)
        picks = QHBoxLayout()
        picks.addWidget(button("全选", lambda: self._tick_all(True)))
        picks.addWidget(button("全不选", lambda: self._tick_all(False)))
        picks.addWidget(button("勾选所选党员的全部资料", self.tick_selected_members))
        picks.addStretch(1)
        picks.addWidget(QLabel("送达日期"))
        picks.addWidget(self.when)
        picks.addWidget(self.mark_button)
        layout.addLayout(picks)
        self._all_rows: list = []
        self._size_columns()
        ctx.scale_changed.connect(lambda _s: self._size_columns())

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        for col, width in enumerate(_WIDTHS):
            header.resizeSection(col, style.px(width))
        header.setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(style.px(40))

    # data ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        by = self.grouping.currentData()
        with self.ctx.db.session() as s:
            self._all_rows = mat.pending_handouts(s, self.ctx.branch_id, order=by)
        keep = self.place.currentData()
        places = sorted({r.community for r in self._all_rows})
        self.place.blockSignals(True)
        self.place.clear()
        self.place.addItem("全部村(社区)", None)
        for p in places:
            self.place.addItem(p or "（未填村/社区）", p)
        self.place.setCurrentIndex(max(self.place.findData(keep), 0) if keep is not None else 0)
        self.place.blockSignals(False)
        self._show()

    def _show(self) -> None:
        place = self.place.currentData()
        rows = [r for r in self._all_rows if place is None or r.community == place]
        self.model.set_rows(rows, self.grouping.currentData())
        self._count()

    def _count(self) -> None:
        people = len({r.member_id for r in self.model.rows})
        ticked = len(self.model.checked)
        self.summary.setText(f"待送达 {len(self.model.rows)} 份，涉及 {people} 人；已勾选 {ticked} 份")
        self.mark_button.setText(f"将勾选的 {ticked} 份标记为已送达" if ticked else "标记为已送达")
        self.mark_button.setEnabled(ticked > 0)

    def open_member(self, member_id: int) -> None:
        """Show one member's pending copies ticked (e.g. coming from the home page)."""
        self.grouping.setCurrentIndex(0)
        self.refresh()
        self.model.check_members({member_id})
        row = next((i for i, r in enumerate(self.model.rows) if r.member_id == member_id), -1)
        if row >= 0:
            self.table.scrollTo(self.model.index(row, 0))
        self._count()

    # ticks and actions ---------------------------------------------------------------------
    def _clicked(self, index) -> None:
        self.model.toggle(index.row())
        self._count()

    def _tick_all(self, on: bool) -> None:
        self.model.set_all(on)
        self._count()

    def tick_selected_members(self) -> None:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        if not rows:
            messages.info(self, "请先点选一位或几位党员所在的行。")
            return
        self.model.check_members({self.model.rows[r].member_id for r in rows})
        self._count()

    def mark_delivered(self) -> None:
        ids = self.model.checked_ids()
        if not ids:
            messages.info(self, "请先勾选已经送到的资料。")
            return
        try:
            day, _m = self.when.value()
            if day is None:
                raise ValueError("请填写送达日期")
            with self.ctx.db.session() as s:
                changed = mat.mark_delivered(s, ids, day)
        except ValueError as exc:
            messages.error(self, f"送达日期：{exc}")
            return
        except Exception as exc:  # noqa: BLE001 - a sentence for the user, details in the log
            messages.show_exception(self, exc)
            return
        self.model.checked.clear()
        self.ctx.data_changed.emit()
        self.refresh()
        messages.info(self, f"已将 {changed} 份资料标记为已送达（{day:%Y-%m-%d}）。")
