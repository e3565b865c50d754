"""组织生活 › 表决人数: the members left out of the year's vote count (with the reason and the
approval), and the quorum of a chosen meeting from its recorded attendance — more than 4/5 of
the members with voting rights, exactly 4/5 not being enough (app.services.orglife.votes, as
`zhibu quorum --event ID` says it)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.dates import fmt
from app.services.event_list import event_list
from app.services.orglife import votes
from app.ui import messages
from app.ui.pages.orglife_talks import selected_key, sized, year_box
from app.ui.table_models.materials_models import RowsTableModel
from app.ui.widgets import button, hint, table_view

EXCLUDED_HEADERS = ("姓名", "类别", "具体原因", "批准人 / 组织", "批准日期")
MEETING_FIRST = "支部党员大会"


class QuorumTab(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.year = year_box(self.refresh)
        self.model = RowsTableModel(EXCLUDED_HEADERS, centered=(4,))
        self.table = sized(table_view(self.model), {0: 100, 1: 170, 3: 140, 4: 120}, ctx)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.meeting = QComboBox()
        self.meeting.currentIndexChanged.connect(lambda _i: self.calculate())
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setStyleSheet("font-weight: bold;")
        top = QHBoxLayout()
        top.addWidget(QLabel("年度"))
        top.addWidget(self.year)
        top.addWidget(QLabel("会议"))
        top.addWidget(self.meeting, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.result)
        layout.addWidget(hint("选举和党员大会表决，到会的有表决权党员要超过应到会人数的五分之四"
                              "（正好五分之四不够）。经批准不计入应到会人数的党员："))
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        actions.addWidget(button("新增不计入人员…", self.add, primary=True,
                                 tip="登记一名经批准不计入表决人数的党员（须填原因和批准）"))
        actions.addWidget(button("修改…", self.edit))
        actions.addWidget(button("删除", self.remove))
        actions.addStretch(1)
        layout.addLayout(actions)

    def refresh(self) -> None:
        if self.ctx.branch_id is None:
            return
        year = self.year.value()
        with self.ctx.db.session() as s:
            rows = votes.excluded_members(s, self.ctx.branch_id, year)
            events = [e for e in event_list(s, self.ctx.branch_id, year) if not e.cancelled]
        self.model.set_rows(rows, [r.exclusion_id for r in rows], [
            (r.name, r.category, r.reason, r.approved_by, fmt(r.approved_on)) for r in rows])
        events.sort(key=lambda e: (e.kind != MEETING_FIRST, -e.date.toordinal()))
        chosen = self.meeting.currentData()
        self.meeting.blockSignals(True)
        self.meeting.clear()
        for e in events:
            self.meeting.addItem(f"{fmt(e.date)} {e.kind}" + (f"“{e.topic}”" if e.topic else ""),
                                 e.id)
        self.meeting.setCurrentIndex(max(self.meeting.findData(chosen), 0))
        self.meeting.blockSignals(False)
        self.calculate()

    def calculate(self) -> None:
        event_id = self.meeting.currentData()
        if event_id is None:
            self.result.setText(f"{self.year.value()}年还没有会议或学习活动；"
                                f"开会并登记出勤后，这里会算出到会人数够不够。")
            return
        with self.ctx.db.session() as s:
            q = votes.event_quorum(s, event_id)
        text = ("✔ " if q.reached else "▲ ") + q.sentence()
        if q.came_anyway:
            text += f"（{'、'.join(q.came_anyway)}虽经批准不计入，但到会了，照常计入。）"
        self.result.setText(text)
        self.result.setStyleSheet("font-weight: bold;" + ("" if q.reached else
                                                          "color: #a3150c;"))

    def add(self) -> None:
        from app.ui.dialogs.orglife_dialogs import ExclusionDialog

        if ExclusionDialog(self.ctx, year=self.year.value(), parent=self).exec():
            self.refresh()

    def edit(self) -> None:
        from app.ui.dialogs.orglife_dialogs import ExclusionDialog

        key = selected_key(self.table)
        if key is None:
            messages.info(self, "请先在表中点选一位党员。")
            return
        if ExclusionDialog(self.ctx, key, self.year.value(), self).exec():
            self.refresh()

    def remove(self) -> None:
        key = selected_key(self.table)
        if key is None:
            messages.info(self, "请先在表中点选要删除的一条。")
            return
        row = self.model.item(self.model.row_of(key))
        if not messages.ask(self, f"删除{row.name}{row.year}年不计入表决人数的记录吗？",
                            yes="删除"):
            return
        with self.ctx.db.session() as s:
            votes.remove_exclusion(s, key)
        self.refresh()
