"""The lunar-calendar days the branch's year turns on.

春节 and 重阳节 start the festival visiting rounds (services/reminders); 春节, 端午节 and 中秋节
are public holidays a study day may be moved off (services/study_events). The solar dates come
from the lunardate library, which covers 1900–2099; outside that range there is no date and the
caller simply leaves the festival out.
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
