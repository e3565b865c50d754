"""政治生日, the 光荣在党50年 list and the birthdays the branch marks, read from the roster.

The rules (the 1 July edge, month-only dates, 29 February, which birthdays) are in
app/anniversaries.py; this module only finds the members. Lists are of members 在册; the
50-year list also keeps those 暂离 (away for a while, still the branch's: the medal is theirs).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import extract, select
from sqlalchemy.orm import Session

from app import anniversaries as rules
from app.dates import age_on
from app.models import Member
from app.services.reminders import birthdays_in_month
from app.vocab import STATUS_ACTIVE

MEDAL_STATUSES = (STATUS_ACTIVE, "暂离")


@dataclass(frozen=True)
class PartyBirthday:
    """One member's 政治生日 in a year: the day (None when only the month is known)."""

    member_id: int
    name: str
    joined: date
    month_only: bool
    day: date | None
    years: int  # years of standing it marks
    community: str
    mobility: str

    @property
    def month(self) -> int:
        return self.joined.month

    @property
    def day_text(self) -> str:
        """"07月01日", or "7月（日不详）" for a month-only 入党时间."""
        return f"{self.month}月（日不详）" if self.day is None else f"{self.day:%m月%d日}"

    @property
    def joined_text(self) -> str:
        return f"{self.joined:%Y年%m月}" if self.month_only else f"{self.joined:%Y年%m月%d日}"


def political_birthdays(session: Session, branch_id: int, year: int,
                        month: int | None = None) -> list[PartyBirthday]:
    """政治生日 of `year` (of one `month`, or all twelve), by month and day; month-only dates
    after the dated ones of their month; then the roster's order. Members who joined in `year`
    itself have none yet."""
    stmt = (select(Member.id, Member.name, Member.party_join_date, Member.party_join_month_only,
                   Member.community, Member.mobility, Member.sort_order)
            .where(Member.branch_id == branch_id, Member.status == STATUS_ACTIVE,
                   Member.is_party_member.is_(True), Member.party_join_date.is_not(None),
                   extract("year", Member.party_join_date) < year))
    if month is not None:
        stmt = stmt.where(extract("month", Member.party_join_date) == month)
    out = []
    for r in session.execute(stmt).all():
        joined = r.party_join_date
        day = None if r.party_join_month_only else rules.anniversary(joined, year)
        out.append(((joined.month, day is None, day or joined, r.sort_order, r.id), PartyBirthday(
            r.id, r.name, joined, bool(r.party_join_month_only), day,
            rules.standing_years(joined, year), r.community or "", r.mobility or "")))
    return [row for _key, row in sorted(out, key=lambda item: item[0])]


@dataclass(frozen=True)
class FiftyYears:
    """A member on the 光荣在党50年 list of a year."""

    member_id: int
    name: str
    gender: str
    age: int | None
    joined: date
    month_only: bool
    reached: date  # the day the 50 years are reached (a month-only date counted from the 1st)
    kind: str  # rules.THIS_YEAR / rules.ALREADY
    to_check: bool  # a month-only July date: the day decides the year
    years: int  # full years of standing on 1 July of the year
    status: str
    community: str

    @property
    def joined_text(self) -> str:
        return f"{self.joined:%Y年%m月}" if self.month_only else f"{self.joined:%Y年%m月%d日}"

    @property
    def note(self) -> str:
        words = []
        if self.to_check:
            words.append("入党时间只知年月，请核对档案中的入党日期")
        if self.status != STATUS_ACTIVE:
            words.append(self.status)
        return "；".join(words)


def fifty_year_list(session: Session, branch_id: int, year: int,
                    today: date | None = None) -> tuple[list[FiftyYears], list[FiftyYears]]:
    """(this year's list — those reaching 50 years by 1 July of `year`, the ones the branch
    reports for the medal —, those who reached them by an earlier 1 July), earliest joined first."""
    today = today or date.today()
    rows = session.execute(
        select(Member.id, Member.name, Member.gender, Member.birth_date, Member.party_join_date,
               Member.party_join_month_only, Member.status, Member.community, Member.sort_order)
        .where(Member.branch_id == branch_id, Member.status.in_(MEDAL_STATUSES),
               Member.is_party_member.is_(True), Member.party_join_date.is_not(None),
               Member.party_join_date <= rules.medal_day(year - rules.MEDAL_YEARS))
        .order_by(Member.party_join_date, Member.sort_order, Member.id)).all()
    this_year, already = [], []
    for r in rows:
        joined = r.party_join_date
        kind = rules.fifty_years(joined, year)
        if kind is None:  # not reachable by the query's bound; kept for safety
            continue
        row = FiftyYears(
            r.id, r.name, r.gender or "", age_on(r.birth_date, today), joined,
            bool(r.party_join_month_only),
            rules.anniversary(joined, joined.year + rules.MEDAL_YEARS), kind,
            rules.day_to_check(joined, bool(r.party_join_month_only)),
            age_on(joined, rules.medal_day(year)) or 0, r.status, r.community or "")
        (this_year if kind == rules.THIS_YEAR else already).append(row)
    return this_year, already


@dataclass(frozen=True)
class MarkedBirthday:
    """A birthday the branch marks (逢十, 85, every one from 90) in a year."""

    member_id: int
    name: str
    birthday: date  # this year's (29 February → 28 February; a month-only one on the 1st)
    month_only: bool
    age: int
    word: str  # 80岁整寿 / 85岁寿辰 / 93岁高寿
    community: str
    mobility: str

    @property
    def day_text(self) -> str:
        return (f"{self.birthday.month}月（日不详）" if self.month_only
                else f"{self.birthday:%m月%d日}")


def marked_birthdays(session: Session, branch_id: int, year: int,
                     month: int | None = None) -> list[MarkedBirthday]:
    """The birthdays of `year` (one `month`, or all) the branch marks, by day; one known to the
    month only after the dated ones of its month."""
    out = []
    for m in ([month] if month is not None else range(1, 13)):
        for b in birthdays_in_month(session, branch_id, year, m):
            word = rules.birthday_word(b.age)
            if word:
                out.append(MarkedBirthday(b.member_id, b.name, b.birthday, b.month_only, b.age,
                                          word, b.community, b.mobility))
    return sorted(out, key=lambda b: (b.birthday.month, b.month_only, b.birthday))
