"""提醒: birthdays this month (逢十, 85 and from 90 marked: app/anniversaries.py) and the 春节,
七一 and 重阳节 visiting rounds.

春节 and 重阳节 follow the lunar calendar; their solar dates and every festival's visiting window
come from `app.festivals` (1900–2099; outside it the round is simply not shown). Who is to be
visited and who was is the festival's list (care_calendar.festival_lists), so the 提醒 tab,
the 关怀日历 and 首页 count the same people.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from app.anniversaries import birthday_word, is_leap
from app.festivals import VISITING_FESTIVALS, festival_date, visiting_window  # noqa: F401 (festival_date: re-export)
from app.models import Member
from app.services.care_calendar.festival_lists import festival_list
from app.vocab import STATUS_ACTIVE

FESTIVALS = VISITING_FESTIVALS  # the visiting rounds of the year


@dataclass(frozen=True)
class BirthdayRow:
    member_id: int
    name: str
    birth_date: date
    birthday: date  # this year's birthday (29 February → 28 February in a common year)
    age: int  # the age turned on it
    community: str
    mobility: str
    month_only: bool

    @property
    def round_word(self) -> str:
        """"90岁整寿", "85岁寿辰", "93岁高寿" — the birthdays the branch marks with a visit."""
        return birthday_word(self.age)


def birthdays_in_month(session: Session, branch_id: int, year: int, month: int
                       ) -> list[BirthdayRow]:
    """Members 在册 whose birthday falls in `month` of `year`, by day (then roster order).

    A birth date known to the month only ("1938.05") is listed on the 1st and flagged.
    """
    rows = session.execute(
        select(Member.id, Member.name, Member.birth_date, Member.community, Member.mobility,
               Member.birth_month_only)
        .where(Member.branch_id == branch_id, Member.status == STATUS_ACTIVE,
               Member.birth_date.is_not(None), extract("month", Member.birth_date) == month)
        .order_by(func.strftime("%d", Member.birth_date), Member.sort_order, Member.id)
    ).all()
    out = []
    for r in rows:
        born = r.birth_date
        day = 1 if r.birth_month_only else born.day
        if (month, day) == (2, 29) and not is_leap(year):
            day = 28
        out.append(BirthdayRow(r.id, r.name, born, date(year, month, day), year - born.year,
                               r.community or "", r.mobility or "", bool(r.birth_month_only)))
    return out


@dataclass(frozen=True)
class FestivalRound:
    """A festival visiting round (节日慰问): when, how far away, and how far along it is — the
    counts of the festival's visiting list (care_calendar.festival_lists)."""

    name: str
    day: date
    days_until: int  # negative once the festival has passed
    start: date
    end: date
    members: int  # to be visited (homebound, on the care list, 困难, 80+)
    visited: int  # of them, visited with 节日慰问 within the window

    @property
    def missing(self) -> int:
        return self.members - self.visited

    @property
    def text(self) -> str:
        when = (f"还有 {self.days_until} 天" if self.days_until > 0 else
                "就是今天" if self.days_until == 0 else f"已过 {-self.days_until} 天")
        return (f"{self.name}（{self.day:%Y-%m-%d}，{when}）：应慰问 {self.members} 人，"
                f"已节日慰问 {self.visited} 人，还差 {self.missing} 人")


def festival_rounds(session: Session, branch_id: int, today: date,
                    horizon_days: int = 90) -> list[FestivalRound]:
    """The 春节, 七一 and 重阳节 rounds that are coming within `horizon_days` or still under way."""
    out = []
    for name in FESTIVALS:
        for year in (today.year, today.year + 1):
            window = visiting_window(name, year)
            if window is None or window.end < today or (window.day - today).days > horizon_days:
                continue
            listed = festival_list(session, branch_id, name, year)
            out.append(FestivalRound(name, window.day, (window.day - today).days, window.start,
                                     window.end, listed.members, listed.visited))
            break
    return sorted(out, key=lambda r: r.day)
