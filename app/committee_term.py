"""The branch committee's dates and counts that need no database: the 3-year term from the
election, the warnings 6 months and 1 month before it ends, the 4/5 quorum of a vote (more than
4/5 of the members with voting rights), and whether the branch elects a committee or a
secretary only (7 full members). Kept apart so their edges are tested one by one."""

from __future__ import annotations

import calendar
from datetime import date

from app.dates import cn
from app.vocab import COMMITTEE_MIN_FULL_MEMBERS, COMMITTEE_TERM_YEARS, TERM_WARN_MONTHS


def shift_months(day: date, months: int) -> date:
    """`day` moved by whole months; a day the target month lacks becomes its last (31 March
    less one month is 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def term_end(elected_on: date) -> date:
    """The last day of the term: 3 years from the election date (2024-03-31 → 2027-03-31)."""
    return shift_months(elected_on, 12 * COMMITTEE_TERM_YEARS)


def warn_from(end: date) -> tuple[date, date]:
    """The days the two warnings start: 6 months, then 1 month before the term ends."""
    early, late = TERM_WARN_MONTHS
    return shift_months(end, -early), shift_months(end, -late)


def term_warning(end: date | None, today: date) -> str | None:
    """The sentence the home page and `committee show` print, or None while the term is far
    from its end. From exactly 6 months before: prepare; from exactly 1 month: hurry."""
    if end is None:
        return None
    early, late = warn_from(end)
    days = (end - today).days
    if days < 0:
        return f"支委会任期已于{cn(end)}届满，请尽快召开党员大会换届选举。"
    if days == 0:
        return f"支委会任期今天（{cn(end)}）届满，请尽快召开党员大会换届选举。"
    left = f"还剩 {days} 天"
    if today >= late:
        return f"支委会任期将于{cn(end)}届满（{left}），请抓紧召开党员大会换届选举。"
    if today >= early:
        return f"支委会任期将于{cn(end)}届满（{left}），请着手准备换届选举。"
    return None


def needed_for_quorum(base: int) -> int:
    """The fewest present that make more than 4/5 of `base` (10 → 9: 8 is exactly 4/5, not
    more)."""
    return base * 4 // 5 + 1 if base > 0 else 0


def quorum_reached(present: int, base: int) -> bool:
    return base > 0 and present * 5 > base * 4


def needs_committee(full_members: int) -> bool:
    """7 full members or more: a 支部委员会; fewer: a secretary (and at most a deputy)."""
    return full_members >= COMMITTEE_MIN_FULL_MEMBERS


def committee_rule(full_members: int) -> str:
    if needs_committee(full_members):
        return (f"正式党员 {full_members} 人（{COMMITTEE_MIN_FULL_MEMBERS} 人以上），"
                f"应当设立支部委员会，由党员大会选举产生。")
    return (f"正式党员 {full_members} 人（不足 {COMMITTEE_MIN_FULL_MEMBERS} 人），"
            f"不设支部委员会，只设书记 1 名（必要时可设副书记 1 名）。")
