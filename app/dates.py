"""Dates as the work counts them: ages, quarters, and the loose forms rosters write dates in."""

from __future__ import annotations

import re
from datetime import date


def age_on(birth: date | None, on: date) -> int | None:
    """Whole years of age on `on` (age is always computed, never typed)."""
    if birth is None:
        return None
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a quarter (1–4)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"季度应为 1 到 4，而不是 {quarter}")
    first = date(year, 3 * quarter - 2, 1)
    last_month = 3 * quarter
    last = date(year + (last_month == 12), 1 if last_month == 12 else last_month + 1, 1)
    return first, date.fromordinal(last.toordinal() - 1)


def last_complete_quarter(today: date) -> tuple[int, int]:
    q = (today.month - 1) // 3 + 1
    return (today.year - 1, 4) if q == 1 else (today.year, q - 1)


def fmt(d: date | None, month_only: bool = False) -> str:
    """How the program shows a date: 1938-05-12, or 1938-05 when only the month is known."""
    if d is None:
        return ""
    return f"{d:%Y-%m}" if month_only else f"{d:%Y-%m-%d}"


_LOOSE_DATE = re.compile(
    r"^\s*(\d{4})\s*(?:[-./年]\s*(\d{1,2})\s*(?:[-./月]\s*(\d{1,2})\s*日?)?\s*月?)?\s*$"
)


_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})?")


def parse_loose(text: str) -> tuple[date | None, bool]:
    """A date as people type it: 1938-05-12, 1938.5.12, 1938年5月12日, 1938.05, 19380512.

    Returns (date, month_only). Blank gives (None, False). Raises ValueError with a Chinese
    sentence for anything that is not a real date.
    """
    raw = (text or "").strip()
    if not raw:
        return None, False
    compact = _COMPACT_DATE.fullmatch(raw)
    match = compact or _LOOSE_DATE.match(raw)
    if not match:
        raise ValueError(f"“{raw}”不是日期，请写成 1938-05-12 或 1938.05 的样子")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is None:
        raise ValueError(f"“{raw}”缺少月份，请写成 1938-05 或 1938-05-12")
    try:
        return date(year, month, day or 1), day is None
    except ValueError:
        raise ValueError(f"“{raw}”不是一个真实的日期") from None


def cn(d: date) -> str:
    """A date as forms write it: 2026年12月01日."""
    return f"{d:%Y年%m月%d日}"
