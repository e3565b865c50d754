"""A secretary types a whole branch's attendance at full speed, in the real main window, and
every member ends up recorded exactly as typed: no key is swallowed by a reason choice (once a
menu after 2 ate the next digits and 101 of 119 members were silently left unrecorded)."""

from datetime import date

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.models import Attendance
from app.prefs import Prefs
from app.services import roster, study
from app.services.attendance import event_counts
from app.ui.app import build_window, make_application

# key → what it must store: (mark, reason)
EXPECT = {"1": ("出席", ""), "2": ("请假", ""), "3": ("缺席", ""), "4": ("送学上门", ""),
          "5": ("请假", "生病"), "6": ("请假", "住院"), "7": ("请假", "外出"),
          "8": ("请假", "其他")}
PATTERN = "1112513416171281"  # every kind, leave right after leave, reasons between digits


@pytest.fixture
def big_branch(db):
    """The demo branch grown to the size of the one that lost 101 of 119 marks."""
    from app.demo import fill_demo

    fill_demo(db, members=124, seed=7, today=date(2026, 11, 20))
    return db


def open_new_event(qtbot, demo_db, when=date(2026, 12, 3)):
    make_application()
    window = build_window(demo_db, Prefs())
    window.ctx.tasks.synchronous = True
    qtbot.addWidget(window)
    window.show()
    with demo_db.session() as s:
        event_id = study.create_event(s, roster.default_branch_id(s),
                                      study.EventInput("党课", when, "09:00", "快速登记"))
    window.navigate("study", event_id=event_id)
    return window, window.page("study").attendance, event_id


def stored_by_member(db, event_id) -> dict[int, tuple[str, str]]:
    with db.session() as s:
        return {m: (mark, reason) for m, mark, reason in s.execute(
            select(Attendance.member_id, Attendance.mark, Attendance.reason)
            .where(Attendance.event_id == event_id))}


def test_a_whole_branch_typed_at_full_speed_is_recorded_row_by_row(qtbot, big_branch):
    demo_db = big_branch
    window, panel, event_id = open_new_event(qtbot, demo_db)
    members = [r.member_id for r in panel.model.rows]
    assert len(members) >= 110
    typed = (PATTERN * (len(members) // len(PATTERN) + 1))[:len(members)]
    assert panel.table.currentIndex().row() == 0
    with qtbot.waitActive(window):
        window.activateWindow()
    panel.table.setFocus()
    assert QApplication.focusWidget() is panel.table
    for key in typed:  # one burst, no waiting, each key where a real key goes
        target = QApplication.activePopupWidget() or QApplication.focusWidget()
        qtbot.keyClick(target, key)

    saved = stored_by_member(demo_db, event_id)
    for row, (member_id, key) in enumerate(zip(members, typed)):
        assert saved.get(member_id) == EXPECT[key], f"第 {row + 1} 行（按键 {key}）"
    assert len(saved) == len(members)
    assert QApplication.activePopupWidget() is None
    assert panel.counts.text().endswith("未登记 0")
    shown = {r.member_id: (r.mark, r.reason) for r in panel.model.rows}
    assert shown == saved  # the screen says what the database holds


def test_the_unrecorded_count_and_space_lead_to_each_gap(qtbot, demo_db):
    window, panel, event_id = open_new_event(qtbot, demo_db)
    n = panel.model.rowCount()
    qtbot.keyClicks(panel.table, "15")  # rows 0 and 1
    for _ in range(3):
        qtbot.keyClick(panel.table, Qt.Key.Key_Down)  # skip rows 2, 3, 4
    qtbot.keyClicks(panel.table, "38")  # rows 5 and 6
    assert panel.counts.text().endswith(f"未登记 {n - 4}")
    panel.table.setCurrentIndex(panel.model.index(0, 1))
    gaps = []
    for _ in range(3):
        qtbot.keyClick(panel.table, Qt.Key.Key_Space)
        gaps.append(panel.table.currentIndex().row())
        qtbot.keyClick(panel.table, Qt.Key.Key_2)
    assert gaps == [2, 3, 4]
    assert panel.counts.text().endswith(f"未登记 {n - 7}")
    with demo_db.session() as s:
        assert event_counts(s, event_id).unmarked == n - 7  # the same figure from SQLite
    saved = stored_by_member(demo_db, event_id)
    assert len(saved) == 7
    assert saved[panel.model.rows[6].member_id] == ("请假", "其他")


def rows_fully_visible(table) -> int:
    height = table.viewport().height()
    model = table.model()
    return sum(1 for r in range(model.rowCount())
               if table.visualRect(model.index(r, 1)).top() >= 0
               and table.visualRect(model.index(r, 1)).bottom() < height)


@pytest.mark.parametrize(("scale", "at_least"), [(100, 12), (150, 8), (200, 3)])
def test_the_attendance_list_shows_enough_members_on_a_1366_laptop(qtbot, demo_db, scale,
                                                                   at_least):
    """1366 × 768 less the taskbar and a title bar: the window's inside is 1366 × 688."""
    make_application()
    prefs = Prefs()
    prefs.font_scale = scale
    window = build_window(demo_db, prefs)
    qtbot.addWidget(window)
    window.resize(1366, 688)
    window.show()
    with demo_db.session() as s:
        event_id = study.create_event(s, roster.default_branch_id(s), study.EventInput(
            "党课", date(2026, 12, 3), "09:00", "学习新修订的《中国共产党纪律处分条例》"))
    window.navigate("study", event_id=event_id)
    panel = window.page("study").attendance
    qtbot.waitUntil(lambda: rows_fully_visible(panel.table) >= at_least, timeout=2000)
    table = panel.table
    assert not table.horizontalScrollBar().isVisible()  # every mark column in sight
    assert panel.help.isVisible() and "空格" in panel.help.text()
