"""首页 on an empty program: the three steps, naming the branch right there (Enter saves and the
window's title changes), each step marked done, and the demo only after a clear question."""

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.demo import DEFAULT_BRANCH
from app.models import Member
from app.prefs import Prefs
from app.services import study
from app.services.members import MemberInput, add_member
from app.ui.app import build_window, make_application


@pytest.fixture
def window(qtbot, db):
    make_application()
    w = build_window(db, Prefs())  # an empty database: the window makes "本支部"
    w.ctx.tasks.synchronous = True
    qtbot.addWidget(w)
    w.resize(1366, 728)
    w.show()
    w.navigate("home")
    w.page("home").refresh()  # counted inline now (the start-up's count ran in the worker)
    return w


def test_an_empty_program_shows_the_three_steps_and_the_demo(window):
    home = window.page("home")
    panel = home.first_start
    assert panel.isVisible() and home.heading.text().startswith("欢迎使用")
    assert [s.title.text() for s in panel.steps] == [
        "填写支部名称", "导入花名册（或新增党员）", "生成全年学习日"]
    assert not any(s.is_done for s in panel.steps)
    assert panel.name_button.property("primary") and not panel.year_button.property("primary")
    assert panel.demo_button.isVisible()
    assert not any(t.isVisible() for t in home.tiles)  # nothing to say about an empty roster


def test_typing_the_name_and_enter_names_the_branch_and_the_title(window, qtbot, said):
    panel = window.page("home").first_start
    assert window.branch_label.text() == "本支部"
    panel.name_edit.setFocus()
    panel.name_edit.insert("城关镇老干部第二党支部")  # QTest cannot type Chinese characters
    qtbot.keyClick(panel.name_edit, Qt.Key.Key_Return)
    assert not said, said
    assert window.branch_label.text() == "城关镇老干部第二党支部"
    assert panel.name_step.is_done and "城关镇老干部第二党支部" in panel.name_step.state.text()
    assert panel.import_button.property("primary") and not panel.name_button.property("primary")


def test_a_blank_name_is_refused_in_words(window, qtbot, said):
    panel = window.page("home").first_start
    qtbot.keyClick(panel.name_edit, Qt.Key.Key_Return)
    assert said == [("error", "请填写支部名称")] and not panel.name_step.is_done


def test_steps_are_marked_done_and_the_guide_goes_when_all_are(window, db):
    home = window.page("home")
    panel = home.first_start
    panel.name_edit.setText("第三支部")
    panel.save_name()
    with db.session() as s:
        add_member(s, window.ctx.branch_id, MemberInput(name="王建国"))
    window.ctx.data_changed.emit()
    assert [s.is_done for s in panel.steps] == [True, True, False]
    assert panel.roster_button.isVisible() and not panel.demo_button.isVisible()
    assert panel.year_button.property("primary")
    with db.session() as s:
        study.create_year_study_days(s, window.ctx.branch_id, 2026)
    window.ctx.data_changed.emit()
    assert not panel.isVisible() and home.heading.text() == "首页"
    assert any(t.isVisible() for t in home.tiles)


def test_the_demo_asks_first_and_fills_this_database(window, db, said):
    said.answer = False
    panel = window.page("home").first_start
    panel.demo_button.click()
    kind, text = said[0]
    assert kind == "ask" and "空的数据库" in text and "备份" in text
    with db.session() as s:
        assert s.scalar(select(func.count(Member.id))) == 0  # 不放了: nothing written
    said.answer = True
    panel.demo_button.click()
    with db.session() as s:
        assert s.scalar(select(func.count(Member.id))) > 50
    assert window.branch_label.text() == DEFAULT_BRANCH
    assert not panel.isVisible()


@pytest.mark.parametrize("scale", [100, 150])
def test_all_three_steps_fit_a_1366_by_728_window(qtbot, db, scale):
    """On a 1366×768 screen less the taskbar the three steps show whole, without scrolling,
    at 100 % and 150 % type."""
    from PySide6.QtCore import QPoint

    make_application()
    prefs = Prefs()
    prefs.font_scale = scale
    w = build_window(db, prefs)
    qtbot.addWidget(w)
    w.resize(1366, 728)
    w.show()
    w.navigate("home")
    panel = w.page("home").first_start
    qtbot.waitUntil(panel.isVisible, timeout=10_000)  # counted in the worker
    qtbot.wait(50)
    bottom = panel.year_step.mapTo(w, QPoint(0, panel.year_step.height())).y()
    assert bottom <= 728, bottom
    right = panel.mapTo(w, QPoint(panel.width(), 0)).x()
    assert right <= 1366 and panel.minimumSizeHint().width() <= panel.width()
    assert panel.demo_button.mapTo(w, QPoint(0, 0)).y() >= 0 and panel.demo_button.isVisible()
