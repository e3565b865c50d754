"""Soak: the real main window on the demo branch through a secretary's long afternoon.

More than 5,000 user events (tests/ui/soak_session.py) — attendance marked by key and by click
on six events, every table scrolled with the wheel and walked with the arrow keys, every page
and tab shown again and again, every button of every page pressed (which opens and closes every
dialog a page offers) — then: the program is alive, every mark the screen showed as saved is
in SQLite, and the process grew by less than 30 MB after the first round had built every page.
"""

from datetime import date

import pytest
from sqlalchemy import select

from app.demo import fill_demo
from app.models import Attendance
from tests.ui.soak_session import closed_dialogs, run_soak


@pytest.mark.slow
def test_a_long_session_keeps_the_program_alive_its_records_and_its_memory(db):
    fill_demo(db, seed=7, today=date(2026, 11, 20))
    with closed_dialogs() as opened:
        result, shown = run_soak(db)

    assert result.events >= 5000, result.kinds
    assert len(opened) >= 30, opened  # the pages' dialogs were really opened
    with db.session() as s:
        stored = {(a.event_id, a.member_id): a.mark for a in s.scalars(select(Attendance))}
    missing = {k: v for k, v in shown.items() if stored.get(k) != v}
    assert len(shown) > 300 and not missing, f"{len(missing)} marks not in the database"
    assert result.rss_growth_mb < 30, f"memory grew {result.rss_growth_mb:.1f} MB"
    print(f"\nsoak: {result.events} events in {result.seconds:.1f} s, "
          f"RSS {result.rss_start_mb:.1f} → {result.rss_end_mb:.1f} MB, "
          f"{len(opened)} dialogs, {len(shown)} marks checked, {result.kinds}")
