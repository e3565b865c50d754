"""个人出勤统计 (each member's attendance in a period) and 连续缺席 (who attended none of the
last N events, each with a 加入走访名单 button in the row)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QSpinBox, QTableView, QVBoxLayout,
    QWidget,
)

from app.dates import fmt
from app.services import study
from app.ui import messages, style
from app.ui.operations import run_op
from app.ui.table_models.attendance_model import CHOSEN, PLAIN, STATE_ROLE, MarkDelegate
from app.ui.table_models.materials_models import RowsTableModel
from app.ui.widgets import DateField, button, hint

FIGURE_HEADERS = ("序号", "姓名", "状态", "应到", "出席", "请假", "缺席", "送学上门", "未登记",
                  "出勤率", "参学率", "最近出席")
MISSING_HEADERS = ("姓名", "村/社区", "联系电话", "身体状况", "其中请假", "最近出席", "走访名单")
ON_LIST, ADD = "✔ 已在走访名单", "加入走访名单"


def _table(model, widths) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(style.px(42))
    for col, width in enumerate(widths):
        table.horizontalHeader().resizeSection(col, style.px(width))
    table.horizontalHeader().setStretchLastSection(True)
    return table


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


class FiguresPanel(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        today = date.today()
        self.start = DateField()
        self.start.set_value(date(today.year, 1, 1))
        self.end = DateField()
        self.end.set_value(today)
        for w in (self.start, self.end):
            w.setMaximumWidth(style.px(170))
        self.go = button("统计", self.refresh, primary=True)
        self.summary = QLabel()
        self.model = RowsTableModel(FIGURE_HEADERS, centered=tuple(range(0, 12)))
        self.table = _table(self.model, (60, 110, 60, 60, 60, 60, 60, 90, 70, 80, 80, 120))
        top = QHBoxLayout()
        top.addWidget(QLabel("从"))
        top.addWidget(self.start)
        top.addWidget(QLabel("到"))
        top.addWidget(self.end)
        top.addWidget(self.go)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint("应到：这段时间里本人在册期间举行、未取消的活动次数。"
                              "出勤率＝出席÷应到；参学率＝（出席＋送学上门）÷应到。"))

    def period(self) -> tuple[date, date]:
        start, _m = self.start.value()
        end, _m = self.end.value()
        if start is None or end is None:
            raise ValueError("请填写起止日期")
        return start, end

    def refresh(self) -> None:
        try:
            start, end = self.period()
        except ValueError as exc:
            self.summary.setText(f"⚠ {exc}")
            return
        db, branch_id = self.ctx.db, self.ctx.branch_id

        def work(progress):
            progress(0, 0, "正在统计…")
            with db.session() as s:
                return study.member_figures(s, branch_id, start, end)

        self.go.setEnabled(False)  # no key: a newer period's figures must not be refused
        run_op(self, self.ctx, work, self._show, on_error=self._failed, busy_text="正在统计…")

    def _failed(self, exc) -> None:
        self.go.setEnabled(True)
        messages.show_exception(self, exc)

    def _show(self, rows) -> None:
        self.go.setEnabled(True)
        self.model.set_rows(rows, [r.member_id for r in rows], [
            (r.sort_order, r.name, r.status, r.expected, r.present, r.leave, r.absent,
             r.delivered, r.unmarked, percent(r.rate) if r.expected else "—",
             percent(r.study_rate) if r.expected else "—", fmt(r.last_attended) or "—")
            for r in rows])
        expected = sum(r.expected for r in rows)
        present = sum(r.present for r in rows)
        door = sum(r.delivered for r in rows)
        self.summary.setText(
            f"{len(rows)} 人；应到 {expected} 人次，出席 {present}，送学上门 {door}；"
            f"出勤率 {percent(present / expected) if expected else '—'}，"
            f"参学率 {percent((present + door) / expected) if expected else '—'}")


class MissingModel(RowsTableModel):
    """The 连续缺席 rows; the last column is painted as a button (MarkDelegate)."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == STATE_ROLE and index.column() == len(MISSING_HEADERS) - 1:
            return CHOSEN if self.rows[index.row()][-1] == ON_LIST else PLAIN
        return super().data(index, role)


class MissingPanel(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.n = QSpinBox()
        self.n.setRange(1, 24)
        self.n.setValue(3)
        self.n.setPrefix("最近 ")
        self.n.setSuffix(" 次活动都没有参学")
        self.n.setMinimumWidth(style.px(300))
        self.n.valueChanged.connect(lambda _v: self.refresh())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = MissingModel(MISSING_HEADERS, centered=(3, 4, 5, 6))
        self.table = _table(self.model, (110, 120, 150, 100, 90, 120, 190))
        self.table.setItemDelegateForColumn(len(MISSING_HEADERS) - 1, MarkDelegate(self.table))
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.clicked.connect(self._clicked)
        self.care_button = button("去走访关怀", self.go_care)
        top = QHBoxLayout()
        top.addWidget(QLabel("列出"))
        top.addWidget(self.n)
        top.addStretch(1)
        top.addWidget(self.care_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint("只算已经登记过出勤的活动；出席或送学上门都算参学。"
                              "点“加入走访名单”，这位党员就会出现在走访关怀的名单里。"))

    def refresh(self) -> None:
        n = self.n.value()
        with self.ctx.db.session() as s:
            rows = study.members_missing_last(s, self.ctx.branch_id, n, date.today())
            held = len(study.last_recorded_events(s, self.ctx.branch_id, n, date.today()))
        self.model.set_rows(rows, [r.member_id for r in rows], [
            (r.name, r.community, r.phone, r.mobility,
             f"{r.on_leave} 次" if r.on_leave else "", fmt(r.last_attended) or "从未",
             ON_LIST if r.needs_care else ADD) for r in rows])
        if held < n:
            self.summary.setText(f"登记过出勤的活动只有 {held} 次，不足 {n} 次。")
        else:
            self.summary.setText(f"最近 {n} 次活动都没有参学的有 {len(rows)} 人。" if rows
                                 else f"没有人连续 {n} 次没有参学。")

    def add_to_visits(self, row: int) -> None:
        r = self.model.item(row)
        if r is None:
            return
        with self.ctx.db.session() as s:
            changed = study.put_on_visit_list(s, r.member_id, study.missing_reason(r.missed))
        if changed:
            self.ctx.data_changed.emit()
        self.refresh()

    def _clicked(self, index) -> None:
        if index.column() == len(MISSING_HEADERS) - 1:
            self.add_to_visits(index.row())

    def go_care(self) -> None:
        r = self.model.item(self.table.currentIndex().row())
        # always the 待走访 tab: without it the page kept whatever tab was used last (志愿者)
        self.ctx.navigate("care", tab="due", **({"member_id": r.member_id} if r else {}))
