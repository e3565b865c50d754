"""The appraisal's prints as plain data: what app.services.orglife.appraisal_print gathers and
app.export.appraisal_pdf lays out — the ballot (测评票) every voter fills in, and the tally
sheet (统计表) the counters sign. Names, numbers and words only; the writer computes nothing
but the totals of the columns it prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

GRADES = ("优秀", "合格", "基本合格", "不合格")  # the columns, in this order


@dataclass
class Ballot:
    """测评票: one row per full member taking part; the voter ticks one grade each."""

    branch: str
    year: int
    held_on: date
    full_members: int  # 参评正式党员
    cap: int  # 优秀 at most
    names: list[str]
    probationary: int = 0  # 预备党员 taking part without a grade (not on the ballot)


@dataclass
class TallyRow:
    number: int
    name: str
    votes: tuple[int, int, int, int] | None  # GRADES order; None: not counted yet (blank)
    grade: str = ""  # the committee's grade, "" while not set


@dataclass
class Tally:
    """统计表: each member's votes per grade, their total and the committee's grade; under it
    the results, who took part without a grade or not at all, and the signature lines."""

    branch: str
    year: int
    held_on: date
    issued: int | None
    returned: int | None
    full_members: int
    cap: int
    rows: list[TallyRow]
    counts: dict[str, int]  # members per grade
    probationary: list[str] = field(default_factory=list)
    excluded: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)
