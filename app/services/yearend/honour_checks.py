"""The checks every 评先评优 entry passes before anything is stored, each a Chinese sentence
naming the field: a year that makes sense, a real day inside it, a member of this branch who
was on its roster that year (and a party member, for an honour), a quiz score with one decimal
at most and within the paper's marks.

Shared by honours.py and contests.py so that the window, `zhibu honours` and `zhibu contest`
refuse the same things in the same words.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import Member
from app.plain_text import strip_controls
from app.vocab import LEFT_STATUSES

FIRST_YEAR = 1949


def user(session: Session) -> str:
    return str(session.info.get("user", "") or "")[:50]


def clean(text: str | None, limit: int, lines: bool = False) -> str:
    """Typed text without control characters or surrounding spaces, cut to `limit`."""
    return strip_controls(text or "", keep_lines=lines).strip()[:limit]


def check_year(year, today: date, ahead: int = 0) -> int:
    """`year` as an int between 1949 and this year (+ `ahead`: a contest may be planned)."""
    try:
        value = int(year)
    except (TypeError, ValueError):
        raise InputError(f"年度“{year}”不是年份，请写成 {today.year} 的样子") from None
    last = today.year + ahead
    if not FIRST_YEAR <= value <= last:
        raise InputError(f"年度 {value} 不对：应在 {FIRST_YEAR} 到 {last} 年之间")
    return value


def day_in(day: date | None, first: date, last: date, what: str) -> date | None:
    """`day` (may be None) when first <= day <= last, else InputError naming `what`."""
    if day is None:
        return None
    if not first <= day <= last:
        raise InputError(f"{what} {day:%Y-%m-%d} 不对：应在 {first:%Y-%m-%d} 到 {last:%Y-%m-%d} 之间")
    return day


def roster_member(session: Session, branch_id: int, member_id: int, year: int,
                  party: bool = True) -> Member:
    """The member when they belong to the branch and were on its roster at some time in
    `year` (and are a party member, when `party`); InputError saying why not, otherwise. A
    member who left on a day nobody wrote down is not refused: nothing is guessed."""
    member = session.get(Member, member_id) if member_id is not None else None
    if member is None:
        raise InputError(f"党员编号 {member_id} 不存在")
    if member.branch_id != branch_id:
        raise InputError(f"{member.name}不是本支部的党员，不能在本支部登记")
    if party and not member.is_party_member:
        raise InputError(f"{member.name}在花名册上不是党员，不能登记党员的荣誉")
    if member.joined_date is not None and member.joined_date > date(year, 12, 31):
        raise InputError(f"{member.name}{member.joined_date:%Y-%m-%d}才入册，"
                         f"{year}年不在本支部花名册上")
    if member.status in LEFT_STATUSES and member.status_date is not None \
            and member.status_date < date(year, 1, 1):
        raise InputError(f"{member.name}已于{member.status_date:%Y-%m-%d}{member.status}，"
                         f"{year}年不在本支部花名册上")
    return member


def score_tenths_of(value, full_marks: int) -> int | None:
    """A quiz score as typed ("95.5", 95, None) in whole tenths of a point (955); None when
    blank. More than one decimal, a negative score or one above `full_marks` is refused."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip().replace("分", "").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise InputError(f"分数“{text}”不是数字，请写成 95 或 95.5 的样子") from None
    if not number.is_finite():
        raise InputError(f"分数“{text}”不是数字，请写成 95 或 95.5 的样子")
    if number != number.quantize(Decimal("0.1")):
        raise InputError(f"分数最多一位小数（如 95.5），而不是 {text}")
    if not 0 <= number <= full_marks:
        raise InputError(f"分数应在 0 到 {full_marks} 分之间，而不是 {text}")
    return int(number * 10)


def score_text(tenths: int | None) -> str:
    """955 → "95.5", 950 → "95", None → ""."""
    if tenths is None:
        return ""
    whole, tenth = divmod(tenths, 10)
    return f"{whole}.{tenth}" if tenth else str(whole)


def level_text(level: str) -> str:
    """支部 as it is; 县 → 县级, 国家 → 国家级."""
    return level if level == "支部" or not level else f"{level}级"
