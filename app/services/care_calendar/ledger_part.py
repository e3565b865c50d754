"""What the ledger book's part 7 (服务群众及关怀帮扶情况) takes from the care calendar: the year's
festival visits and the year's hardship help, as plain rows with their headers — the book lays
them out, it does not ask the care calendar anything else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.dates import cn
from app.festivals import VISITING_FESTIVALS
from app.services.care_calendar.festival_lists import festival_list
from app.services.care_calendar.hardship import hardship_rows

FESTIVAL_HEADERS = ("节日", "姓名", "慰问原因", "慰问日期", "慰问人")
HARDSHIP_HEADERS = ("姓名", "性别", "年龄", "入党时间", "困难状况及原因", "住址", "帮扶措施",
                    "公示日期")


@dataclass(frozen=True)
class FestivalSummary:
    festival: str  # 春节 / 七一 / 重阳节
    day: date
    window: str  # 2026年06月15日至07月15日
    members: int  # to be visited
    visited: int


@dataclass
class FestivalVisits:
    summaries: list[FestivalSummary]
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]  # one per member to be visited, the not-visited ones marked


def festival_visits_of_year(session: Session, branch_id: int, year: int) -> FestivalVisits:
    """春节, 七一 and 重阳节 of `year`: who was to be visited, when and by whom they were."""
    summaries, rows = [], []
    for name in VISITING_FESTIVALS:
        fl = festival_list(session, branch_id, name, year)
        if fl is None:
            continue
        summaries.append(FestivalSummary(name, fl.window.day, fl.window.text, fl.members,
                                         fl.visited))
        rows += [(name, r.name, r.reason_text, cn(r.visited_on) if r.visited_on else "未慰问",
                  r.visitor) for r in fl.rows]
    return FestivalVisits(summaries, FESTIVAL_HEADERS, rows)


def hardship_help_of_year(session: Session, branch_id: int, year: int,
                          today: date | None = None) -> list[tuple[str, ...]]:
    """The year's 困难党员 register as rows under HARDSHIP_HEADERS (dates as 2026年12月01日)."""
    return [(h.name, h.gender, "" if h.age is None else str(h.age), h.joined_text, h.situation,
             h.address, h.measures, h.posted_text)
            for h in hardship_rows(session, branch_id, year, today)]
