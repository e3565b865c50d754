"""Automatic backups are thinned to recent, daily, weekly and monthly copies — about a year."""

from datetime import date, datetime, timedelta

from app.storage.backup_rotation import backups_to_keep

TIMES = ("09:00", "09:30", "10:00", "10:30", "11:00")  # a morning's 30-minute backups


def _simulate(first: date, last: date) -> set[datetime]:
    """Every working morning's backups, rotated after each one, as the program does."""
    kept: set[datetime] = set()
    day = first
    while day <= last:
        for t in TIMES:
            at = datetime.combine(day, datetime.strptime(t, "%H:%M").time())
            kept.add(at)
            kept = backups_to_keep([(k, k) for k in kept], at)
        day += timedelta(days=1)
    return kept


def test_a_year_and_a_half_of_backups_leaves_exactly_the_planned_copies():
    kept = _simulate(date(2024, 6, 1), date(2025, 12, 31))
    eleven = lambda d: datetime(d.year, d.month, d.day, 11, 0)
    expected = {eleven(date(2025, 12, d)) for d in range(18, 32)}  # 14 days
    expected |= {eleven(d) for d in (date(2025, 12, 14), date(2025, 12, 7), date(2025, 11, 30),
                                      date(2025, 11, 23), date(2025, 11, 16))}  # Sundays of 8 weeks
    month_ends = [date(2025, m + 1, 1) - timedelta(days=1) for m in range(1, 12)]
    expected |= {eleven(d) for d in month_ends}  # Jan … Nov; December's is the 31st
    expected |= {datetime(2025, 12, 31, h, m) for h, m in ((9, 0), (9, 30), (10, 0), (10, 30))}
    expected |= {datetime(2025, 12, 30, h, m) for h, m in ((10, 0), (10, 30))}  # the newest 8
    assert sorted(kept) == sorted(expected)
    assert len(kept) == 14 + 5 + 10 + 6
    assert min(kept) == datetime(2025, 1, 31, 11, 0)  # nothing older than twelve months


def test_rotating_once_keeps_what_rotating_every_day_keeps():
    stamps = [datetime(2025, 1, 1, 10) + timedelta(hours=7 * i) for i in range(1200)]
    now = stamps[-1]
    once = backups_to_keep([(s, s) for s in stamps], now)
    assert _simulate  # same policy; daily rotation checked above
    assert len(once) < 60
    assert stamps[-1] in once


def test_a_copy_dated_in_the_future_is_never_thrown_away():
    now = datetime(2025, 3, 1, 12)
    future = datetime(2031, 1, 1)
    old = [datetime(2024, 1, 1) + timedelta(days=i) for i in range(20)]
    kept = backups_to_keep([(d, d) for d in [*old, future]], now)
    assert future in kept
