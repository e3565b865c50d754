"""The main window opens on a real database, shows Chinese navigation, and every page builds."""

import pytest

from app.prefs import Prefs
from app.ui.app import build_window, make_application
from app.ui.pages import PAGES


def test_every_page_opens_from_the_navigation(qtbot, demo_db):
    make_application()
    window = build_window(demo_db, Prefs())
    qtbot.addWidget(window)
    window.show()
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["首页", "党员花名册", "学习活动", "自学资料", "走访关怀", "党费", "组织生活",
                      "评先评优", "支部自评", "报表", "设置"]
    for row, (key, _title, _target) in enumerate(PAGES):
        window.nav.setCurrentRow(row)
        assert window.current_page() is window.page(key)
    assert window.branch_label.text() == "城关镇老干部第一党支部"


def test_the_window_never_opens_larger_than_the_screen():
    from app.ui.main_window import initial_size

    assert initial_size(1280, 800, 1920, 1040) == (1280, 800, False)  # 1080p: as wanted
    assert initial_size(1280, 800, 1366, 728) == (1280, 728, True)  # office laptop: maximized
    assert initial_size(2560, 1600, 1920, 1040) == (1920, 1040, True)  # 200 % type on 1080p


AREA = (1366, 728)  # a 1366 × 768 laptop less the taskbar


def sideways_overflow(window) -> list[str]:
    """The pages (and scrolling panels inside them) whose content is wider than the room
    they have: each would be cut off or scroll sideways."""
    from PySide6.QtWidgets import QScrollArea

    bad = []
    for key, _title, _target in PAGES:
        window.navigate(key)
        holder = window.page(key).parentWidget().parentWidget()
        # the visible ones: a tab not on screen has not been laid out at this size yet
        areas = [a for a in (holder, *holder.findChildren(QScrollArea)) if a.isVisibleTo(holder)]
        for area in areas:
            inner = area.widget()
            if inner is not None and inner.minimumSizeHint().width() > area.viewport().width():
                bad.append(f"{key}: {inner.minimumSizeHint().width()} > "
                           f"{area.viewport().width()} ({type(inner).__name__})")
            if area.horizontalScrollBar().isVisible():
                bad.append(f"{key}: sideways scroll bar")
    return bad


@pytest.mark.parametrize("scale", [100, 125, 150, 175, 200])
def test_every_page_fits_a_1366_laptop_at_every_type_size(qtbot, demo_db, scale):
    from app.ui.main_window import FRAME, fits_area

    make_application()
    prefs = Prefs()
    prefs.font_scale = scale
    window = build_window(demo_db, prefs)
    qtbot.addWidget(window)
    window.resize(AREA[0], AREA[1] - FRAME)
    window.show()
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        qtbot.wait(1)
    hint = window.minimumSizeHint()
    assert fits_area(hint.width(), hint.height(), *AREA), (scale, hint.toTuple())
    assert window.size().toTuple() == (AREA[0], AREA[1] - FRAME)  # nothing pushed it wider
    assert sideways_overflow(window) == []
    last = window.nav.visualItemRect(window.nav.item(window.nav.count() - 1))
    assert last.bottom() <= window.nav.viewport().height(), "设置 hidden below the screen"


def test_changing_the_type_size_refits_the_window_at_once(qtbot, demo_db, monkeypatch):
    from PySide6.QtCore import QRect

    from app.ui import main_window

    make_application()
    window = build_window(demo_db, Prefs())
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "_area", lambda: QRect(0, 0, *AREA))
    # the offscreen platform would maximize to its own 800 × 800 screen: keep the given area
    maximized = []
    monkeypatch.setattr(window, "showMaximized",
                        lambda: maximized.append(window.size()) or window.show())
    window.show_fitted()
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)  # every page built at 100 %
    settings = window.page("settings")
    for percent in (150, 200, 100):
        settings.set_scale(percent)
        qtbot.wait(20)
        g = window.geometry()
        assert g.width() <= AREA[0] and g.height() <= AREA[1], (percent, g)
        assert maximized  # 1280 × 800 (scaled) does not fit 1366 × 728: the whole area
        assert sideways_overflow(window) == [], percent
        width, _height = main_window.nav_size(window.nav.fontMetrics(), ["党员花名册"], None)
        assert window.nav.width() == width, (percent, window.nav.font().pointSizeF())
    assert window.nav.width() < 200  # back to the 100 % navigation, not the 200 % one


def test_at_200_percent_every_table_keeps_room_for_three_rows(qtbot, demo_db):
    """The complaint: at 200 % tables showed one row or none under their headings."""
    from PySide6.QtWidgets import QTableView

    from app.ui.main_window import FRAME, TABLE_ROWS_AT_LEAST

    make_application()
    prefs = Prefs()
    prefs.font_scale = 200
    window = build_window(demo_db, prefs)
    qtbot.addWidget(window)
    window.resize(AREA[0], AREA[1] - FRAME)
    window.show()
    short = []
    for key, title, _target in PAGES:
        window.navigate(key)
        qtbot.wait(1)
        for table in window.page(key).findChildren(QTableView):
            if not table.isVisibleTo(window):
                continue
            rows = (table.viewport().height()
                    / table.verticalHeader().defaultSectionSize())
            if rows < TABLE_ROWS_AT_LEAST - 0.01:
                short.append(f"{title}: {rows:.1f} rows")
    assert not short, short
