"""The lunar-calendar days the branch's year turns on.

春节 and 重阳节 start the festival visiting rounds (services/reminders); 春节, 端午节 and 中秋节
are public holidays a study day may be moved off (services/study_events). The solar dates come
from the lunardate library, which covers 1900–2099; outside that range there is no date and the
caller simply leaves the festival out. 清明 is a solar term, not a lunar day: `qingming_date`.
"""

from __future__ import annotations

from datetime import date

from lunardate import LunarDate

LUNAR_DAYS = {"春节": (1, 1), "端午节": (5, 5), "中秋节": (8, 15), "重阳节": (9, 9)}


def festival_date(name: str, year: int) -> date | None:
    """The solar date of the festival `name` (a key of LUNAR_DAYS) in `year`, or None."""
    month, day = LUNAR_DAYS[name]
    try:
        return LunarDate(year, month, day).to_solar_date()
    except ValueError:  # outside the library's 1900–2099
        return None


# 寿星公式 for a solar term: day = [Y × D + C] − [Y / 4], Y the last two digits of the year;
# C for 清明 is 5.59 in the 20th century and 4.81 in the 21st. 2008 is the one known exception
# in 1900–2099 (the formula gives 5 April 2008, the term fell on the 4th).
_QINGMING_C = {19: 5.59, 20: 4.81}
_QINGMING_EXCEPTIONS = {2008: 4}


def qingming_date(year: int) -> date | None:
    """The day of 清明 (the solar term, a public holiday) in `year`; None outside 1900–2099."""
    century, y = divmod(year, 100)
    if century not in _QINGMING_C:
        return None
    day = _QINGMING_EXCEPTIONS.get(year, int(y * 0.2422 + _QINGMING_C[century]) - y // 4)
    return date(year, 4, day)
