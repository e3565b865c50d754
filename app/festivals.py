"""The lunar-calendar days the branch's year turns on, and the festivals' visiting windows.

春节 and 重阳节 start the festival visiting rounds (services/reminders), with 七一 (建党日, a solar
day); 春节, 端午节 and 中秋节
are public holidays a study day may be moved off (services/study_events). The solar dates come
from the lunardate library, which covers 1900–2099; outside that range there is no date and the
caller simply leaves the festival out. 清明 is a solar term, not a lunar day: `qingming_date`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

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


# The days around each festival in which a visit with 节日慰问 counts as its festival visit:
# 七一 from 15 June to 15 July; 春节 the 15 days before to the 15 days after (the 元宵 is on day
# 14 after); 重阳节 the 30 days before to the 15 days after (the round as the reminders had it).
VISITING_FESTIVALS = ("春节", "七一", "重阳节")  # in the order of the year
SOLAR_DAYS = {"七一": (7, 1)}
_WINDOWS = {"春节": (15, 15), "重阳节": (30, 15)}  # days before, days after
_FIXED_WINDOWS = {"七一": ((6, 15), (7, 15))}


@dataclass(frozen=True)
class VisitingWindow:
    """A festival of one year, and the first and last day of its visits (both counted)."""

    name: str
    day: date
    start: date
    end: date

    @property
    def text(self) -> str:
        """"2026年06月15日至07月15日" — the window as the screens and prints say it."""
        same_year = self.end.year == self.start.year
        end = f"{self.end:%m月%d日}" if same_year else f"{self.end:%Y年%m月%d日}"
        return f"{self.start:%Y年%m月%d日}至{end}"


def visiting_window(name: str, year: int) -> VisitingWindow | None:
    """The visiting window of festival `name` (VISITING_FESTIVALS) in `year`; None when the
    lunar calendar does not reach the year."""
    if name in SOLAR_DAYS:
        (m1, d1), (m2, d2) = _FIXED_WINDOWS[name]
        return VisitingWindow(name, date(year, *SOLAR_DAYS[name]), date(year, m1, d1),
                              date(year, m2, d2))
    day = festival_date(name, year)
    if day is None:
        return None
    before, after = _WINDOWS[name]
    return VisitingWindow(name, day, day - timedelta(days=before), day + timedelta(days=after))
