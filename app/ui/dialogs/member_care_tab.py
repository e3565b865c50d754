"""The member dialog's 走访关怀 tab: this member's visits (newest first) and pairings."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services import care, pairings, visits
from app.ui.pages.care_tabs import table_view
from app.ui.table_models.materials_models import RowsTableModel

VISITS = ("走访日期", "走访人", "类别", "办结", "事由", "身体状况", "诉求", "处理意见")
PAIRS = ("角色", "对方", "开始日期", "结束日期", "备注")


class MemberCareTab(QWidget):
    def __init__(self, ctx, member_id: int):
        super().__init__()
        self.ctx, self.member_id = ctx, member_id
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.visits = RowsTableModel(VISITS, centered=(0, 2, 3))
        self.pairs = RowsTableModel(PAIRS, centered=(0, 2, 3))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(table_view(self.visits, (110, 110, 90, 100, 170, 170, 170)), 2)
        layout.addWidget(QLabel("老老结对"))
        layout.addWidget(table_view(self.pairs, (110, 120, 110, 110)), 1)
        self.reload()

    def reload(self) -> None:
        today = date.today()
        with self.ctx.db.session() as s:
            rows = visits.visit_rows(s, member_id=self.member_id)
            pairs = pairings.member_pairs(s, self.member_id)
            mine = [r for r in care.care_list(s, self.ctx.branch_id, today)
                    if r.member_id == self.member_id] if self.ctx.branch_id else []
        self.visits.set_rows(rows, [r.visit_id for r in rows], [
            (r.date, r.visitor_name, r.visitor_kind, r.follow_up_state, r.purposes, r.health,
             r.requests, r.follow_up) for r in rows])
        self.pairs.set_rows(pairs, [p.pairing_id for p in pairs], [
            ("帮扶人" if p.helper_id == self.member_id else "被帮扶",
             p.helped_name if p.helper_id == self.member_id else p.helper_name,
             p.since, p.until or "至今", p.notes) for p in pairs])
        if mine:
            r = mine[0]
            self.summary.setText(f"在关怀名单上（{r.reason}），每 {r.interval_days} 天走访一次；"
                                 f"{r.state_label}；共走访 {len(rows)} 次。")
        else:
            self.summary.setText(f"不在关怀名单上；共走访 {len(rows)} 次。")
