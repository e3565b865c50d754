"""Guard: the Qt binding must not drop references to None during real UI work.

PySide6 6.12.0 on CPython 3.11 drops one per call of any method that returns nothing; the
attendance table's painting delegate alone makes hundreds such calls per repaint, and after
about a minute the interpreter aborts with "none_dealloc". This test repaints the attendance
table, moves through its rows and switches every page, and measures None's count around it.
On the broken combination it fails (None falls by thousands); on what we ship it holds.
"""

import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.prefs import Prefs
from app.services import study
from app.ui.app import build_window, make_application
from app.ui.binding_check import none_refcount_drift
from app.ui.pages import PAGES

# A sound binding moves None's count by a few references either way (caches, interned
# values); the broken one moves it by one per void call: thousands over this workload.
TOLERANCE = 200


def test_the_binding_keeps_none_alive_through_painting_moving_and_switching(qtbot, demo_db):
    # the cheap probe first: on the broken binding this fails before the workload below
    # could drain None to zero and abort the whole test run
    assert none_refcount_drift() > -0.5, "this PySide6 drops a reference to None per call"
    make_application()
    window = build_window(demo_db, Prefs())
    window.ctx.tasks.synchronous = True
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    with demo_db.session() as s:
        event_id = study.list_events(s, window.ctx.branch_id, year=2026)[0].id
    window.navigate("study", event_id=event_id)
    panel = window.page("study").attendance
    qtbot.waitExposed(window)
    QApplication.processEvents()

    before = sys.getrefcount(None)
    for _ in range(20):  # about 40 visible mark cells × 9 painter calls per repaint
        panel.table.viewport().repaint()
    for _ in range(40):
        qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    for _ in range(40):
        qtbot.keyClick(panel.table, Qt.Key.Key_Up)
    for key, _title, _target in PAGES:
        window.navigate(key)
        window.repaint()
    window.navigate("study", event_id=event_id)
    panel.table.viewport().repaint()
    QApplication.processEvents()
    drift = sys.getrefcount(None) - before

    assert panel.model.rowCount() > 20  # the workload really painted a full table
    assert drift > -TOLERANCE, f"None lost {-drift} references during ordinary UI work"
