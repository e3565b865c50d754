"""Which automatic backups to keep: recent ones, one a day, one a week, one a month (about a year).

A pure function over (name, time) pairs, so a test can run a simulated year in milliseconds. In
every period the newest copy is kept (it holds the most); a copy kept as a month's newest is
also its week's and its day's newest, so rotating every day keeps exactly what rotating once
at the end would.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import date, datetime, timedelta

RECENT = 8  # the newest copies, whatever their age (a morning of 30-minute backups)
DAYS = 14  # one a day for the last two weeks
WEEKS = 8  # one a week (ISO weeks) for the last eight
MONTHS = 12  # one a month for the last twelve calendar months


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def backups_to_keep(backups: Iterable[tuple[Hashable, datetime]], now: datetime) -> set:
    """The keys of the backups to keep from `(key, made_at)` pairs; everything else may go."""
    items = sorted(backups, key=lambda kv: kv[1], reverse=True)  # newest first
    keep = {key for key, _at in items[:RECENT]}
    today = now.date()
    this_week = today - timedelta(days=today.weekday())
    this_month = _month_index(today)
    seen_day, seen_week, seen_month = set(), set(), set()
    for key, at in items:
        day = at.date()
        if day > today:  # a clock set wrong once: keep the copy, never count it as a period
            keep.add(key)
            continue
        if (today - day).days < DAYS and day not in seen_day:
            seen_day.add(day)
            keep.add(key)
        week = day - timedelta(days=day.weekday())
        if (this_week - week).days < WEEKS * 7 and week not in seen_week:
            seen_week.add(week)
            keep.add(key)
        month = _month_index(day)
        if this_month - month < MONTHS and month not in seen_month:
            seen_month.add(month)
            keep.add(key)
    return keep
