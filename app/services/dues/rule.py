"""The party-dues rule of spec/dues.md as pure arithmetic: whole 分 and month numbers in, whole
分 and month numbers out. No database, no floats, no Decimal.

- Rate: base ≤ 5,000.00 → 0.5 %, base > 5,000.00 → 1 % of the *whole* base (中组发〔2008〕3号):
  5,000.00 → 25.00, 5,000.01 → 50.00 — the jump is the rule.
- 低保 / 救济 / 抚恤: 0.20 a month, whatever the base and the rounding.
- Rounding: half-up to 1 分; a branch may round up to 1 角 or 1 元. Rounding up starts from the
  amount in 分 (3,000.01 × 0.5 % = 15.00005 → 15.00 → 15.00 at 角, not 15.10).
- Reductions: the branch's decision replaces the month's amount (a lower amount, or 免交: 0).
- Months owed: a party member owes from the month they joined the branch (入册) — or became a
  party member, whichever is later — to the month they died or moved away (去世 / 转出), both
  included; 暂离 still owes; a non-member owes nothing.

A month is a number: year × 12 + month − 1, so ranges are ranges and "2026-03" is shown by
`month_text`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from app.vocab import DUES_ROUNDINGS, DUES_SPECIALS, LEFT_STATUSES

LINE_FEN = 500_000  # 5,000.00 yuan: up to it 0.5 %, above it 1 %
SPECIAL_FEN = 20  # 0.20 yuan a month for members living on 低保 / 救济 / 抚恤
_UNIT = {"分": 1, "角": 10, "元": 100}


# months ---------------------------------------------------------------------------------------
def month_number(year: int, month: int) -> int:
    return year * 12 + month - 1


def month_of(day: date) -> int:
    return month_number(day.year, day.month)


def year_month(number: int) -> tuple[int, int]:
    year, rest = divmod(number, 12)
    return year, rest + 1


def month_text(number: int) -> str:
    """2026-03: how months are stored and typed."""
    year, month = year_month(number)
    return f"{year:04d}-{month:02d}"


def month_cn(number: int) -> str:
    """2026年03月: how forms write a month."""
    year, month = year_month(number)
    return f"{year}年{month:02d}月"


def months_cn(first: int, last: int) -> str:
    """2026年01月至03月, 2026年11月至2027年02月, or one month."""
    if first == last:
        return month_cn(first)
    (y1, _m1), (y2, m2) = year_month(first), year_month(last)
    return f"{month_cn(first)}至{m2:02d}月" if y1 == y2 else f"{month_cn(first)}至{month_cn(last)}"


@lru_cache(maxsize=4096)  # a county's year of payments names a few dozen months, 300,000 times
def stored_month(text: str) -> int:
    """A month as stored ("2026-03"): read without a pattern (the books read 100,000s)."""
    return int(text[:4]) * 12 + int(text[5:7]) - 1


_MONTH = re.compile(r"(\d{4})\s*(?:[-./年]\s*(\d{1,2})\s*月?|(\d{2}))")


def parse_month(text: str, what: str = "月份") -> int:
    """A month as people type it: 2026-03, 2026.3, 2026年3月, 202603."""
    raw = unicodedata.normalize("NFKC", str(text or "")).strip()
    m = _MONTH.fullmatch(raw)
    if not m:
        raise ValueError(f"{what}“{raw}”看不懂，请写成 2026-03 的样子")
    year, month = int(m.group(1)), int(m.group(2) or m.group(3))
    if not 1 <= month <= 12 or not 1900 <= year <= 2200:
        raise ValueError(f"{what}“{raw}”不是一个真实的月份")
    return month_number(year, month)


_RANGE = re.compile(r"\s*(?:\.\.|…|~|～|至|到|—|－|--)\s*")


def parse_months(text: str) -> tuple[int, int]:
    """The months a payment covers: 2026-01..2026-03 (also 至, 到, ~), or one month 2026-03."""
    raw = unicodedata.normalize("NFKC", str(text or "")).strip()
    parts = _RANGE.split(raw)
    if len(parts) == 1:
        one = parse_month(parts[0], "所交月份")
        return one, one
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"所交月份“{raw}”看不懂，请写成 2026-01..2026-03 的样子")
    first, last = parse_month(parts[0], "所交月份"), parse_month(parts[1], "所交月份")
    if last < first:
        raise ValueError(f"所交月份“{raw}”的结束月份早于开始月份")
    return first, last


# the amount -----------------------------------------------------------------------------------
def rate_text(base_fen: int | None, special: str | None) -> str:
    """比例 as the ledger prints it: 0.5%, 1%, or the special case (低保 …)."""
    if special:
        return special
    if base_fen is None:
        return ""
    return "0.5%" if base_fen <= LINE_FEN else "1%"


def _half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)


def _up_to(fen: int, unit: int) -> int:
    return -(-fen // unit) * unit


def monthly_fen(base_fen: int | None, special: str | None = None, rounding: str = "分"
                ) -> int | None:
    """月应交 in 分 from the base (分 a month), or 0.20 for 低保 / 救济 / 抚恤; None without a base."""
    if special:
        if special not in DUES_SPECIALS:
            raise ValueError(f"特殊情况“{special}”应为：{'、'.join(DUES_SPECIALS)}")
        return SPECIAL_FEN
    if base_fen is None:
        return None
    if base_fen <= 0:
        raise ValueError("缴费基数应大于 0")
    if rounding not in DUES_ROUNDINGS:
        raise ValueError(f"取整方式“{rounding}”应为：{'、'.join(DUES_ROUNDINGS)}")
    # 0.5 % = 5 / 1000, 1 % = 1 / 100 of the whole base
    fen = _half_up(base_fen * 5, 1000) if base_fen <= LINE_FEN else _half_up(base_fen, 100)
    return _up_to(fen, _UNIT[rounding])


# who owes which months -----------------------------------------------------------------------
@dataclass(frozen=True)
class Span:
    """The months a member owes dues: first and last included; None is open."""

    first: int | None = None
    last: int | None = None

    def __contains__(self, month: int) -> bool:
        return (self.first is None or month >= self.first) and (
            self.last is None or month <= self.last)

    def months_in(self, first: int, last: int) -> range:
        """The months of first..last this span covers."""
        lo = first if self.first is None else max(first, self.first)
        hi = last if self.last is None else min(last, self.last)
        return range(lo, hi + 1) if lo <= hi else range(0)


def owing_span(is_party_member: bool, status: str, status_date: date | None,
               joined_date: date | None, party_join_date: date | None) -> Span | None:
    """The months a member owes dues, or None for someone who owes none: a non-member, or one
    who died or moved away on a date nobody wrote down (nothing is guessed)."""
    if not is_party_member:
        return None
    starts = [month_of(d) for d in (joined_date, party_join_date) if d is not None]
    first = max(starts) if starts else None
    last = None
    if status in LEFT_STATUSES:
        if status_date is None:
            return None
        last = month_of(status_date)
    if first is not None and last is not None and last < first:
        return None
    return Span(first, last)


# reductions ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reduction:
    """减免 from month `first` to `last` (None: until further notice): `monthly_fen` a month, or
    None for 免交."""

    first: int
    last: int | None
    monthly_fen: int | None
    text: str = ""  # 减免依据 as the ledger's 备注 prints it

    def covers(self, month: int) -> bool:
        return month >= self.first and (self.last is None or month <= self.last)

    @property
    def waived(self) -> bool:
        return self.monthly_fen is None


def reduction_in(month: int, reductions) -> Reduction | None:
    for r in reductions:
        if month >= r.first and (r.last is None or month <= r.last):
            return r
    return None


def owed_in_month(normal_fen: int | None, reduction: Reduction | None) -> int | None:
    """What the month costs: the reduced amount (or 0 when waived), else the normal amount
    (None: no base for the year yet)."""
    if reduction is not None:
        if reduction.waived:
            return 0
        return reduction.monthly_fen if normal_fen is None else min(reduction.monthly_fen,
                                                                    normal_fen)
    return normal_fen


# payments ------------------------------------------------------------------------------------
def spread(amount_fen: int, months: int) -> list[int]:
    """A payment for several months, month by month, to the 分: 100.00 over three months is
    33.34, 33.33, 33.33 (the odd 分 to the first months). A reversal spreads as the payment
    it cancels, negated, so the two always sum to nothing month by month."""
    if months <= 0:
        return []
    sign = -1 if amount_fen < 0 else 1
    each, extra = divmod(abs(amount_fen), months)
    return [sign * (each + (1 if i < extra else 0)) for i in range(months)]


def months_behind(upto: int, span: Span, covered, free, since: int) -> int:
    """Months in a row, back from `upto`, that the member owed and no payment covers (months
    waived by the branch count as neither); counting stops at the span's first month and at
    `since` (the first month the branch keeps its dues in the program)."""
    last = upto if span.last is None else min(upto, span.last)
    first = since if span.first is None else max(since, span.first)
    count = 0
    month = last
    while month >= first:
        if month in covered:
            break
        if month not in free:
            count += 1
        month -= 1
    return count
