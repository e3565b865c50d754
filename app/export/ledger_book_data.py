"""The branch's ledger book (支部工作台账, spec/year-end.md) as plain data: what
app.services.yearend.ledger_book gathers and the writers (ledger_book_pdf, ledger_book_xlsx)
lay out. Every value is the text to print (dates already 2026年12月01日, ID numbers masked);
a part is a list of blocks — label/value facts, tables, and passages of free text — so both
writers show the same things in the same order."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

PART_NUMBERS = "一二三四五六七八九"


@dataclass
class Facts:
    """Label / value lines (支部名称：…)."""

    caption: str
    lines: list[tuple[str, str]]


@dataclass
class Table:
    """A table under its caption; `widths` are relative (the PDF shares the page out by them)."""

    caption: str
    headers: tuple[str, ...]
    widths: tuple[float, ...]
    rows: list[tuple[str, ...]]
    empty: str  # said in place of the rows when there are none
    centred: tuple[int, ...] = ()  # 0-based columns centred (序号, 日期, counts)
    right: tuple[int, ...] = ()  # 0-based columns of amounts, right-aligned
    dense: bool = False  # many narrow columns (a year of dues): printed in smaller type


@dataclass
class Passage:
    """A heading and free text (a meeting's minutes, the year's plan)."""

    caption: str
    text: str


Block = Facts | Table | Passage


@dataclass
class Part:
    number: int  # 1 … 9
    title: str  # 党支部基本情况
    blocks: list[Block] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{PART_NUMBERS[self.number - 1]}、{self.title}"


@dataclass
class LedgerBook:
    branch: str
    township: str
    year: int
    made_on: date
    unit: str  # 填报单位
    maker: str  # the secretary
    parts: list[Part] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.branch}{self.year}年度工作台账"
