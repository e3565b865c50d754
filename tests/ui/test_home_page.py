"""首页: big tiles with today's work, each button opening the page that handles it."""

from PySide6.QtWidgets import QPushButton

from app.prefs import Prefs
from app.ui.app import build_window, make_application


def _home_window(qtbot, db):
    make_application()
    w = build_window(db, Prefs())
    qtbot.addWidget(w)
    w.ctx.tasks.synchronous = True  # the counts inline (test_counts_arrive_after_the_first_paint)
    w.show()
    w.navigate("home")
    w.page("home").refresh()  # counted inline now (the start-up's count ran in the worker)
    return w


def test_home_tiles_say_what_is_pending_and_lead_to_the_pages(qtbot, demo_db):
    w = _home_window(qtbot, demo_db)
    page = w.page("home")
    assert "份资料没送到" in page.handouts.body.text()
    assert "在册人数" in page.quarter.body.text()
    seen = []
    page.ctx._navigate = lambda key, **kw: seen.append(key)
    for b in page.handouts.findChildren(QPushButton) + page.quarter.findChildren(QPushButton):
        b.click()
    assert seen == ["materials", "reports"]


def test_study_tile_opens_the_days_attendance_or_a_form_with_its_date(qtbot, db, branch_id,
                                                                     monkeypatch):
    """去新建 opens the form dated the coming 集中学习日; once made, 去登记 opens its
    attendance."""
    from datetime import date

    from app.services import study
    from app.ui.pages.study import StudyPage

    w = _home_window(qtbot, db)
    home = w.page("home")
    with db.session() as s:
        day, made = study.next_study_day(s, branch_id, date.today())
    assert made is None and home.study_button.text() == "去新建"
    opened = []
    def record(_panel, event_id=None, initial=None):
        opened.append((event_id, initial))

    monkeypatch.setattr(type(w.page("study").events), "_open_dialog", record)
    home.study_button.click()
    assert w.current_key() == "study"
    assert opened and opened[0][0] is None and opened[0][1].date == day
    assert opened[0][1].kind == "集中学习日"

    with db.session() as s:
        event_id = study.create_event(s, branch_id, study.EventInput(date=day, start_time="09:00",
                                                                      hours=2.0))
    w.navigate("home")
    home.refresh()
    assert home.study_button.text() == "去登记"
    home.study_button.click()
    page = w.page("study")
    assert isinstance(page, StudyPage)
    assert page.tabs.currentWidget() is page.attendance and page.attendance.event_id == event_id


def test_three_tiles_a_row_on_a_wide_page_two_on_a_narrow_one(qtbot, demo_db):
    w = _home_window(qtbot, demo_db)
    home = w.page("home")
    for width, columns in ((1366, 3), (1200, 2), (1920, 3)):  # the navigation is narrower now
        w.resize(width, 740)
        qtbot.wait(20)
        assert home._columns == columns, width
        tops = sorted({tile.y() for tile in home.tiles if tile.isVisible()})
        assert len(tops) == -(-len([t for t in home.tiles if t.isVisible()]) // columns)


def test_home_and_care_page_show_the_same_visit_counts_on_demo_data(qtbot, demo_db):
    """首页 once said 该走访 38 / 已逾期 38 while 走访关怀 said 该走访 0 / 已逾期 38: both now read
    care.visit_counts and use the same words."""
    import re
    from datetime import date

    from app.services import care

    w = _home_window(qtbot, demo_db)
    home = w.page("home")
    home.refresh()
    tile = home.visits.body.text()
    w.navigate("care")
    care_page = w.page("care")
    care_page.show_tab("due")
    care_page.due.show_box.setCurrentIndex(0)
    care_page.refresh()
    summary = care_page.due.summary.text()
    with demo_db.session() as s:
        counts = care.visit_counts(s, w.ctx.branch_id, date.today())
    assert counts.overdue > 0

    def number(text, label):
        return int(re.search(re.escape(label) + r"[：\s]*(\d+)", text).group(1))

    for label, value in (("已逾期", counts.overdue), (care.DUE_SOON_LABEL, counts.due_soon)):
        assert number(tile, label) == number(summary, label) == value, label
    # 须联系 (住院, 出院回访, 季度联系) is counted apart, the same on both screens
    assert number(tile, "须联系（住院、出院回访、季度联系）") == number(summary, "须联系") > 0
    assert f"{counts.overdue} 人已逾期" in care_page.status.text()


def test_counts_arrive_after_the_first_paint(qtbot, demo_db):
    """The day's counts are made in the worker: the window is shown with 正在统计 at once, and
    the tiles fill in when the worker is done — the same text as when counted inline."""
    make_application()
    w = build_window(demo_db, Prefs())
    qtbot.addWidget(w)
    w.show()
    w.navigate("home")
    page = w.page("home")
    assert not w.ctx.tasks.synchronous
    assert "正在统计" in page.today_label.text() or page.handouts.body.text()
    qtbot.waitUntil(lambda: "份资料没送到" in page.handouts.body.text(), timeout=10_000)
    counted_later = page.quarter.body.text()
    w.ctx.tasks.synchronous = True
    page.refresh()
    assert page.quarter.body.text() == counted_later and "在册人数" in counted_later
