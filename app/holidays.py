"""Which days are days off in China, for moving a study day (顺延) to the next working day.

Two sources, the better one first:
- the State Council's yearly notice, as shipped offline by the `chinesecalendar` package (MIT):
  every public holiday *and* every 调休 weekend that is a working day. It covers the years it was
  published for (2004–2026 in 1.11.0); a newer release of the package adds the next year.
- for any other year, the rules the notices follow: 元旦, 春节 (除夕 to 初六), 清明 (the solar
  term), 劳动节 (1–5 May), 端午, 中秋 and 国庆 (1–7 October), plus Saturdays and Sundays. The
  调休 working days cannot be foreseen, so none are assumed.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar
from chinese_calendar.constants import holidays as _official_holidays

from app.festivals import festival_date, qingming_date

OFFICIAL_YEARS = (min(_official_holidays).year, max(_official_holidays).year)
SPRING_FESTIVAL_DAYS = 7  # 除夕 to 初六, the usual break
_RULE_DAYS = {"元旦": ((1, 1),), "劳动节": tuple((5, d) for d in range(1, 6)),
              "国庆节": tuple((10, d) for d in range(1, 8))}
_OFFICIAL_NAMES = {"New Year's Day": "元旦", "Spring Festival": "春节",
                   "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
                   "Dragon Boat Festival": "端午节", "National Day": "国庆节",
                   "Mid-autumn Festival": "中秋节",
                   "Anti-Fascist 70th Day": "抗战胜利70周年纪念日"}


def official_calendar_covers(year: int) -> bool:
    """True when the State Council's notice for `year` is known (shipped with the package)."""
    return OFFICIAL_YEARS[0] <= year <= OFFICIAL_YEARS[1]


@lru_cache(maxsize=16)
def _rule_holidays(year: int) -> dict[date, str]:
    """The year's days off by the rules. A one-day holiday (元旦, 清明, 端午, 中秋) that falls on
    a Saturday or Sunday gives the Monday after it off, as the notices do (补休)."""
    days: dict[date, str] = {}
    for name, month_days in _RULE_DAYS.items():
        days.update({date(year, m, d): name for m, d in month_days})
    first = festival_date("春节", year)
    if first is not None:
        days.update({first + timedelta(days=i): "春节" for i in range(-1, SPRING_FESTIVAL_DAYS - 1)})
    singles = {"元旦": date(year, 1, 1), "清明节": qingming_date(year),
               "端午节": festival_date("端午节", year), "中秋节": festival_date("中秋节", year)}
    for name, day in singles.items():
        if day is None:
            continue
        days.setdefault(day, name)
        if day.weekday() >= 5:
            days.setdefault(day + timedelta(days=7 - day.weekday()), name)
    return days


def _rule_holiday(day: date) -> str:
    """The holiday's name by the rules (no 调休), or "" for an ordinary day."""
    return _rule_holidays(day.year).get(day, "")


def holiday_name(day: date) -> str:
    """The public holiday `day` belongs to ("清明节"), or "" when it is none (a plain weekend
    is not a holiday)."""
    if official_calendar_covers(day.year):
        is_off, name = chinese_calendar.get_holiday_detail(day)
        return _OFFICIAL_NAMES.get(name, "节假日") if is_off and name else ""
    return _rule_holiday(day)


def is_holiday(day: date) -> bool:
    """A public holiday (not counting ordinary weekends)."""
    return bool(holiday_name(day))


def is_day_off(day: date) -> bool:
    """No work that day: a holiday, or a weekend that the notice does not make a working day."""
    if official_calendar_covers(day.year):
        return not chinese_calendar.is_workday(day)
    return day.weekday() >= 5 or bool(_rule_holiday(day))


def next_working_day(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    while is_day_off(day):
        day += timedelta(days=1)
    return day
