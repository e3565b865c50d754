"""The quarterly workbook as plain data: what the use cases gather and the writers lay out.

Defined here, below both, so that app.services builds these and app.export writes them without
either importing the other's modules the wrong way round (services → export, never back).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.dates import cn, quarter_bounds

SHEET_NAMES = ("汇总", "党员名册", "学习活动", "学习考勤", "自学资料发放", "走访记录", "建言献策",
               "党费收缴")
# 党费收缴's amounts (元, shown with two decimals), by header
MONEY_HEADERS = ("缴费基数", "月应交", "本季应交", "本季实交", "欠交")
TOTAL = "合计"  # the label of a sheet's totals row (in its second column), written bold
FORM_NUMBER = "老干季报1表"  # 表号
DEFAULT_AUTHORITY = "县委老干部局"  # 制表机关 until the secretary sets the real one (设置)


@dataclass
class SubTable:
    """A smaller table above a sheet's main one (自学资料发放's summary per material)."""

    heading: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)


@dataclass
class Sheet:
    name: str
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""  # a line between title and header (学习考勤's legend)
    percent_columns: tuple[int, ...] = ()  # 1-based columns holding fractions
    center_columns: tuple[int, ...] = ()  # 1-based columns of short marks (✓ 假 缺 送)
    money_columns: tuple[int, ...] = ()  # 1-based columns of amounts in 元 (0.00)
    total_row: bool = False  # the last row is the table's 合计
    before: list[SubTable] = field(default_factory=list)
    heading: str = ""  # the main table's own heading, when `before` has tables


@dataclass
class QuarterReport:
    branch: str
    township: str
    secretary: str
    year: int
    quarter: int
    made_on: date
    figures: object  # app.services.quarter_figures.QuarterFigures: start, end, items()
    sheets: list[Sheet]
    phone: str = ""
    authority: str = DEFAULT_AUTHORITY  # 制表机关
    form_number: str = FORM_NUMBER  # 表号

    @property
    def partial(self) -> bool:
        """The quarter is not over: the figures run to `made_on` only."""
        return self.figures.end < quarter_bounds(self.year, self.quarter)[1]

    @property
    def title(self) -> str:
        upto = f"（截至{cn(self.figures.end)}）" if self.partial else ""
        return f"{self.branch}{self.year}年第{self.quarter}季度工作情况统计表{upto}"

    @property
    def period(self) -> str:
        return f"统计时段：{cn(self.figures.start)}至{cn(self.figures.end)}"
