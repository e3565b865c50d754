"""Which automatic backups to keep: recent ones, one a day, one a week, one a month (about a year).

A pure function over (name, time) pairs, so a test can run a simulated year in milliseconds. In
every period the newest copy is kept (it holds the most); a copy kept as a month's newest is
also its week's and its day's newest, so rotating every day keeps exactly what rotating once
at the end would.

Periods are counted among the days, weeks and months that *have* copies, newest first — not
back from today's date. So a time gap never deletes anything by itself: not a clock that jumped
ahead (a copy dated 2027 made all of 2026 look a year old and thinned it away), not a winter
when the program was not opened. Only newer copies push older ones out, and at most
RECENT + DAYS + WEEKS + MONTHS copies are ever kept.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import date, datetime, timedelta

RECENT = 8  # the newest copies, whatever their dates (a morning of 30-minute backups)
DAYS = 14  # one a day for the last fourteen days that have copies
WEEKS = 8  # one a week (ISO weeks) for the last eight weeks that have copies
MONTHS = 12  # one a month for the last twelve months that have copies


def _month(d: date) -> tuple[int, int]:
    return d.year, d.month


def backups_to_keep(backups: Iterable[tuple[Hashable, datetime]], now: datetime,
                    newest_first: bool = False) -> set:
    """The keys of the backups to keep from `(key, made_at)` pairs; everything else may go.

    `newest_first`: the pairs already come in the order the copies were made, newest first (the
    backups folder's sequence numbers), which is trusted over their dates. A copy dated after
    `now` (a clock set wrong once) is kept and never counted as a period."""
    items = list(backups) if newest_first else sorted(backups, key=lambda kv: kv[1], reverse=True)
    keep = {key for key, _at in items[:RECENT]}
    today = now.date()
    seen_day: set[date] = set()
    seen_week: set[date] = set()
    seen_month: set[tuple[int, int]] = set()
    for key, at in items:
        day = at.date()
        if day > today:
            keep.add(key)
            continue
        week = day - timedelta(days=day.weekday())
        for seen, period, limit in ((seen_day, day, DAYS), (seen_week, week, WEEKS),
                                    (seen_month, _month(day), MONTHS)):
            if period not in seen and len(seen) < limit:
                seen.add(period)
                keep.add(key)
    return keep
