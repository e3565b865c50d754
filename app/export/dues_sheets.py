"""The party-dues prints as plain data: what app.services.dues.printing gathers and the writers
(dues_ledger_xlsx, dues_ledger_pdf, dues_notice_pdf) lay out. Amounts arrive as text with two
decimals ("25.00") — the writers never compute money — plus, for spreadsheet cells, the
amount in 分 so a cell holds a number Excel can add up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

MONTH_LABELS = tuple(f"{m}月" for m in range(1, 13))
NOT_ON_ROSTER = "—"  # a month the member was not on the roster as a party member
WAIVED = "免交"


@dataclass
class Money:
    """An amount as printed ("25.00") and in 分 (None: nothing to show)."""

    fen: int | None

    @property
    def text(self) -> str:
        if self.fen is None:
            return ""
        sign = "-" if self.fen < 0 else ""
        return f"{sign}{abs(self.fen) // 100}.{abs(self.fen) % 100:02d}"


@dataclass
class LedgerMonth:
    """One month of one member: money paid for it, the day(s) paid, or a mark (— / 免交)."""

    paid: Money
    days: list[date] = field(default_factory=list)
    mark: str = ""  # NOT_ON_ROSTER, WAIVED, or ""


@dataclass
class LedgerRow:
    number: int  # 序号
    name: str
    base: Money
    rate: str  # 0.5% / 1% / 低保
    monthly: Money  # 月应交 by the rule
    months: list[LedgerMonth]  # 12
    owed: Money  # 全年应交 (to the as-of month while the year runs)
    paid: Money  # 全年实交
    outstanding: Money  # 欠交 (negative: paid more)
    note: str = ""  # 备注: short marks, with ① … pointing at `Ledger.notes`


@dataclass
class Ledger:
    """党费收缴登记表 of one branch and year."""

    branch: str
    year: int
    made_on: date
    upto: date | None  # the as-of day while the year runs (the title says 截至), else None
    rows: list[LedgerRow]
    totals: LedgerRow  # the 合计 row (number 0, name "合计")
    notes: list[str] = field(default_factory=list)  # 注①：… (减免依据 and the like)
    secretary: str = ""
    collector: str = ""

    @property
    def title(self) -> str:
        return f"{self.branch}{self.year}年党费收缴登记表"

    @property
    def subtitle(self) -> str:
        return f"（截至{self.upto:%Y年%m月%d日}）" if self.upto else ""


@dataclass
class NoticeRow:
    number: int
    name: str
    monthly: str  # 月交纳额 ("25.00", "0.20")
    owed: str  # 全年应交
    paid: str  # 全年实交
    note: str = ""  # 减免 / 免交 / 转出 … (never the reasons, never an ID)


@dataclass
class Notice:
    """年度党费收缴情况公示: each member's year and the branch's totals, for the wall."""

    branch: str
    year: int
    made_on: date
    upto: date | None
    rows: list[NoticeRow]
    members: int
    owed: str
    paid: str
    rate: str  # 收缴率 "96.3%" or "—"
    days_posted: int = 7
