"""The main window opens on a real database, shows Chinese navigation, and every page builds."""

from app.prefs import Prefs
from app.ui.app import build_window, make_application
from app.ui.pages import PAGES


def test_every_page_opens_from_the_navigation(qtbot, demo_db):
    make_application()
    window = build_window(demo_db, Prefs())
    qtbot.addWidget(window)
    window.show()
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["首页", "党员花名册", "学习活动", "自学资料", "走访关怀", "报表", "设置"]
    for row, (key, _title, _target) in enumerate(PAGES):
        window.nav.setCurrentRow(row)
        assert window.stack.currentWidget() is window.page(key)
    assert window.branch_label.text() == "城关镇老干部第一党支部"


def test_the_window_never_opens_larger_than_the_screen():
    from app.ui.main_window import initial_size

    assert initial_size(1280, 800, 1920, 1040) == (1280, 800, False)  # 1080p: as wanted
    assert initial_size(1280, 800, 1366, 728) == (1280, 728, True)  # office laptop: maximized
    assert initial_size(2560, 1600, 1920, 1040) == (1920, 1040, True)  # 200 % type on 1080p
