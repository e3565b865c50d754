"""The days the care calendar counts (党内关怀, spec/year-end.md), as rules without a database.

- A date's anniversary in a year: 29 February falls on 28 February in a common year (the rule the
  birthday reminders already keep).
- 政治生日: the anniversary of 入党时间; the years of standing are the year minus the year joined.
- 光荣在党50年: the medal goes to members who have 50 years of standing **by 1 July** of the year.
  Joined 1976-07-01 → reached on 2026-07-01 → on the 2026 list; joined 1976-07-02 → reached on
  2026-07-02 → on the 2027 list. A member is on the list of one year only: the year whose
  1 July is the first on or after the day the 50 years are reached ("今年"); in later years they
  are "已满".
- A month-only 入党时间 ("1976.07") is taken as the 1st of its month — the earliest day it can be —
  so no member is left off the list of the year they may qualify in. Only for July does the day
  decide the year (1976-07-01 qualifies in 2026, any later July day in 2027), so a month-only July
  date is marked to be checked against the member's file (党员档案) before the list goes up.
  (Strictly, 党龄 runs from the day a member became full (转正); the roster keeps 入党时间 only, so
  the list is one to check, as every list the branch reports is.)
- Birthdays the branch marks with a visit or a card: every tenth (逢十), the 85th, and every
  birthday from the 90th on.
"""

from __future__ import annotations

from datetime import date

MEDAL_YEARS = 50
MEDAL_MONTH_DAY = (7, 1)  # the standing is counted to 1 July (建党日) of the year
THIS_YEAR = "今年"  # reaches 50 years by this year's 1 July: on this year's medal list
ALREADY = "已满"  # reached them by an earlier 1 July


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def anniversary(day: date, year: int) -> date:
    """`day`'s anniversary in `year`; 29 February → 28 February in a common year."""
    if (day.month, day.day) == (2, 29) and not is_leap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


def medal_day(year: int) -> date:
    return date(year, *MEDAL_MONTH_DAY)


def standing_years(joined: date, year: int) -> int:
    """Years of party standing this year's 政治生日 marks (2026 for 1976-xx-xx: 50)."""
    return year - joined.year


def fifty_years(joined: date, year: int) -> str | None:
    """THIS_YEAR, ALREADY or None: where a member who joined on `joined` (a month-only date is
    given as its 1st) stands on the 光荣在党50年 list of `year`."""
    reached = anniversary(joined, joined.year + MEDAL_YEARS)
    if reached <= medal_day(year - 1):
        return ALREADY
    if reached <= medal_day(year):
        return THIS_YEAR
    return None


def medal_year(joined: date) -> int:
    """The year whose list first has the member (the first 1 July on or after the 50 years)."""
    reached = anniversary(joined, joined.year + MEDAL_YEARS)
    return reached.year if reached <= medal_day(reached.year) else reached.year + 1


def day_to_check(joined: date, month_only: bool) -> bool:
    """A month-only July date: the unknown day decides which year's list (see the module)."""
    return month_only and joined.month == MEDAL_MONTH_DAY[0]


def birthday_word(age: int) -> str:
    """The word for a birthday the branch marks ("" for others): 80岁整寿, 85岁寿辰, 93岁高寿."""
    if age <= 0:
        return ""
    if age % 10 == 0:
        return f"{age}岁整寿"
    if age == 85:
        return "85岁寿辰"
    if age >= 90:
        return f"{age}岁高寿"
    return ""
