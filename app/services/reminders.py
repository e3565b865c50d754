"""提醒: birthdays this month (80, 90 and 100 marked) and the 重阳节 and 春节 visiting rounds.

The two festivals follow the lunar calendar; their solar dates come from `app.festivals`
(1900–2099; outside it the round is simply not shown).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import extract, func, or_, select
from sqlalchemy.orm import Session

from app.festivals import festival_date
from app.models import Member, Visit
from app.vocab import HOMEBOUND_MOBILITIES, STATUS_ACTIVE

ROUND_AGES = (80, 90, 100)

FESTIVALS = ("春节", "重阳节")  # the two visiting rounds of the year
ROUND_BEFORE_DAYS = 30  # a festival round starts this many days before the festival
ROUND_AFTER_DAYS = 15  # and visits up to this many days after it still belong to it
FESTIVAL_PURPOSE = "节日慰问"


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
        """"90岁整寿" for 80, 90 and 100 — the birthdays the branch marks with a visit."""
        return f"{self.age}岁整寿" if self.age in ROUND_AGES else ""


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


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
        if (month, day) == (2, 29) and not _leap(year):
            day = 28
        out.append(BirthdayRow(r.id, r.name, born, date(year, month, day), year - born.year,
                               r.community or "", r.mobility or "", bool(r.birth_month_only)))
    return out


@dataclass(frozen=True)
class FestivalRound:
    """A festival visiting round (节日慰问): when, how far away, and how far along it is."""

    name: str
    day: date
    days_until: int  # negative once the festival has passed
    start: date
    end: date
    members: int  # on the care list now
    visited: int  # of them, visited with 节日慰问 within the round

    @property
    def text(self) -> str:
        when = (f"还有 {self.days_until} 天" if self.days_until > 0 else
                "就是今天" if self.days_until == 0 else f"已过 {-self.days_until} 天")
        return (f"{self.name}（{self.day:%Y-%m-%d}，{when}）：关怀名单 {self.members} 人，"
                f"已节日慰问 {self.visited} 人，还差 {self.members - self.visited} 人")


def festival_rounds(session: Session, branch_id: int, today: date,
                    horizon_days: int = 90) -> list[FestivalRound]:
    """The 重阳节 and 春节 rounds that are coming within `horizon_days` or still under way."""
    out = []
    for name in FESTIVALS:
        for year in (today.year, today.year + 1):
            day = festival_date(name, year)
            if day is None:
                continue
            start = day - timedelta(days=ROUND_BEFORE_DAYS)
            end = day + timedelta(days=ROUND_AFTER_DAYS)
            if end < today or (day - today).days > horizon_days:
                continue
            out.append(_round(session, branch_id, name, day, start, end, today))
            break
    return sorted(out, key=lambda r: r.day)


def _round(session, branch_id, name, day, start, end, today) -> FestivalRound:
    cared = select(Member.id).where(
        Member.branch_id == branch_id, Member.status == STATUS_ACTIVE,
        or_(Member.mobility.in_(HOMEBOUND_MOBILITIES), Member.needs_care.is_(True)))
    members = session.scalar(select(func.count()).select_from(cared.subquery())) or 0
    visited = session.scalar(
        select(func.count(func.distinct(Visit.member_id)))
        .where(Visit.member_id.in_(cared.scalar_subquery()), Visit.date.between(start, end),
               Visit.purposes.like(f"%{FESTIVAL_PURPOSE}%"))
    ) or 0
    return FestivalRound(name, day, (day - today).days, start, end, members, visited)
