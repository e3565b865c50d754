"""首页: big tiles with today's work, each button opening the page that handles it."""

from PySide6.QtWidgets import QPushButton

from app.prefs import Prefs
from app.ui.app import build_window, make_application


def test_home_tiles_say_what_is_pending_and_lead_to_the_pages(qtbot, demo_db):
    make_application()
    w = build_window(demo_db, Prefs())
    qtbot.addWidget(w)
    w.show()
    w.navigate("home")
    page = w.page("home")
    assert "份资料没送到" in page.handouts.body.text()
    assert "在册人数" in page.quarter.body.text()
    seen = []
    page.ctx._navigate = lambda key, **kw: seen.append(key)
    for b in page.handouts.findChildren(QPushButton) + page.quarter.findChildren(QPushButton):
        b.click()
    assert seen == ["materials", "reports"]
