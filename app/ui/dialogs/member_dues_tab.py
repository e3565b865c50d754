"""The member dialog's 党费 tab: the member's dues for a year — base, rate and monthly amount,
month by month what was owed and paid, the totals and months behind — and their payments."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from app.models import Member
from app.money import yuan
from app.services import dues
from app.services.dues import rule
from app.ui.table_models.dues_models import PaymentsModel, month_mark
from app.ui.table_models.materials_models import RowsTableModel
from app.ui.widgets import table_view
from app.vocab import DUES_BEHIND_MONTHS, DUES_FLAG_MONTHS

MONTH_HEADERS = ("月份", "状态", "应交（元）", "实交（元）", "交纳日期")


class MemberDuesTab(QWidget):
    def __init__(self, ctx, member_id: int):
        super().__init__()
        self.ctx, self.member_id = ctx, member_id
        self.year = QSpinBox()
        self.year.setRange(2000, date.today().year + 1)
        self.year.setValue(date.today().year)
        self.year.setSuffix(" 年")
        self.year.valueChanged.connect(lambda _y: self.reload())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.months = RowsTableModel(MONTH_HEADERS, centered=(0, 1, 4))
        self.payments = PaymentsModel()
        top = QHBoxLayout()
        top.addWidget(QLabel("年度："))
        top.addWidget(self.year)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        months = QHBoxLayout()
        months.addWidget(table_view(self.months, (60, 60, 90, 90)), 1)
        payments = table_view(self.payments, (60, 110, 80, 170, 90, 100, 80))
        payments.setColumnHidden(2, True)  # the name: it is this member's own
        months.addWidget(payments, 1)
        layout.addLayout(months, 1)
        self.reload()

    def reload(self) -> None:
        year = self.year.value()
        with self.ctx.db.session() as s:
            member = s.get_one(Member, self.member_id)
            party = member.is_party_member
            row = dues.member_year(s, self.member_id, year) if party else None
            paid = dues.payments_of(s, self.member_id, year) if party else []
        self.payments.set_payments(paid)
        if not party:
            self.summary.setText("不是党员，不交党费。")
            self.months.set_rows([], [], [])
            return
        if row is None:
            self.summary.setText(f"{year}年没有党费记录（还没有缴费基数，或这一年不在册）。")
            self.months.set_rows([], [], [])
            return
        self.months.set_rows(row.months, list(range(1, 13)), [
            (f"{i}月", month_mark(c),
             "" if not c.owes else "未定" if c.owed_fen is None else yuan(c.owed_fen),
             yuan(c.paid_fen) if c.paid_fen or c.covered else "",
             "、".join(f"{d:%m-%d}" for d in c.paid_on))
            for i, c in enumerate(row.months, start=1)])
        base = row.special or (f"{yuan(row.base_fen)} 元" if row.base_fen is not None else "未定")
        owed = "—" if row.owed_fen is None else f"{yuan(row.owed_fen)} 元"
        lines = [f"缴费基数 {base}，比例 {row.rate or '—'}，月应交 "
                 f"{yuan(row.monthly_fen) or '—'} 元" + (f"；{row.reduction}" if row.reduction else ""),
                 f"{year}年到{rule.month_cn(rule.month_of(row_as_of(year)))}：应交 {row.months_owed} 个月 "
                 f"{owed}，实交 {yuan(row.paid_fen)} 元"
                 + ("" if row.outstanding_fen is None else f"，欠交 {yuan(row.outstanding_fen)} 元")]
        if row.months_behind >= DUES_FLAG_MONTHS:
            lines.append(f"▲ 已连续 {row.months_behind} 个月未交党费，支部需要处理")
        elif row.months_behind >= DUES_BEHIND_MONTHS:
            lines.append(f"欠缴：已连续 {row.months_behind} 个月未交党费")
        self.summary.setText("\n".join(lines))


def row_as_of(year: int) -> date:
    """The day the year's figures run to: today, or the year's last day once it is over."""
    return min(date.today(), date(year, 12, 31))
