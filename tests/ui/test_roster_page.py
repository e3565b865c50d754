"""The roster page: search as you type, filters, sorting in SQL, add / edit, status, font size."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import Member
from app.prefs import Prefs
from app.services import members as svc
from app.ui.app import build_window, make_application


@pytest.fixture
def window(qtbot, db, branch_id):
    with db.session() as s:
        for name, born, mobility in [("张建国", date(1936, 5, 1), "卧床"),
                                     ("曾红梅", date(1950, 2, 3), "行动自如"),
                                     ("李华", date(1945, 7, 9), "行动不便")]:
            svc.add_member(s, branch_id, svc.MemberInput(name=name, birth_date=born,
                                                         mobility=mobility))
    make_application()
    w = build_window(db, Prefs())
    qtbot.addWidget(w)
    w.show()
    w.navigate("roster")
    return w


def names(page):
    return [page.model.data(page.model.index(r, 1)) for r in range(page.model.rowCount())]


def test_typing_pinyin_initials_finds_the_member(window, qtbot):
    page = window.page("roster")
    assert names(page) == ["张建国", "曾红梅", "李华"]
    qtbot.keyClicks(page.search, "zjg")
    qtbot.waitUntil(lambda: names(page) == ["张建国"], timeout=2000)
    page.search.clear()
    qtbot.keyClicks(page.search, "chm")
    qtbot.waitUntil(lambda: names(page) == ["曾红梅"], timeout=2000)
    assert page.count_label.text() == "共 1 人"


def test_homebound_filter_and_age_sort(window):
    page = window.page("roster")
    page.mobility_box.setCurrentIndex(page.mobility_box.findData("行动不便(全部)"))
    assert sorted(names(page)) == ["张建国", "李华"]
    page.mobility_box.setCurrentIndex(0)
    page.model.sort(3, Qt.SortOrder.DescendingOrder)  # 年龄, oldest first
    assert names(page) == ["张建国", "李华", "曾红梅"]


def test_add_member_dialog_validates_then_saves(window, qtbot, db, monkeypatch):
    from app.ui.dialogs.member_dialog import MemberDialog

    dialog = MemberDialog(window.ctx, None, window)
    qtbot.addWidget(dialog)
    dialog.form.edits["name"].setText("王\u3000五")
    dialog.form.edits["phone"].setText("12345")
    dialog.form.edits["birth_date"].setText("1940.13")
    dialog.save()
    assert "出生年月" in dialog.problems.text()
    dialog.form.edits["birth_date"].setText("1940.3")
    dialog.save()
    assert "12345" in dialog.problems.text() and dialog.result() == 0
    dialog.form.edits["phone"].setText("13800138000")
    dialog.save()
    assert dialog.result() == 1
    with db.session() as s:
        m = s.scalar(select(Member).where(Member.name == "王五"))
        assert m.birth_date == date(1940, 3, 1) and m.birth_month_only and m.phone == "13800138000"


def test_marking_someone_deceased_keeps_them_out_of_the_active_list(window, db):
    from app.ui.dialogs.status_dialog import StatusDialog

    page = window.page("roster")
    page.table.selectRow(0)
    member_id = page.selected_id()
    dialog = StatusDialog(window.ctx, member_id, page)
    dialog.status.setCurrentIndex(dialog.status.findData("去世"))
    dialog.when.setText("2026-03-01")
    dialog.save()
    page.reload()
    assert "张建国" not in names(page)
    page.status_box.setCurrentIndex(0)  # 全部状态
    assert "张建国" in names(page)
    with db.session() as s:
        assert s.get(Member, member_id).status == "去世"


def test_font_size_setting_applies_at_once_and_is_remembered(window):
    from PySide6.QtWidgets import QApplication

    window.navigate("settings")
    settings = window.page("settings")
    settings.set_scale(150)
    assert QApplication.instance().font().pointSizeF() == pytest.approx(21.0)
    assert Prefs.load().font_scale == 150
    settings.set_scale(100)
    assert QApplication.instance().font().pointSizeF() == pytest.approx(14.0)


def test_branch_details_saved_and_bad_study_day_refused(window, db, branch_id):
    from app.services import branches

    window.navigate("settings")
    settings = window.page("settings")
    settings.township.setText("城关镇")
    with db.session() as s:
        branches.save_branch(s, settings._info(branch_id))
        assert branches.get_branch(s, branch_id).township == "城关镇"
    with db.session() as s, pytest.raises(Exception, match="1 到 28"):
        branches.save_branch(s, branches.BranchInfo(branch_id, "测试支部", study_day=31))


def test_double_click_on_a_row_opens_one_member_window(window, qtbot, monkeypatch):
    """Double-clicking a row used to open the member window twice (doubleClicked and activated
    both fired); Enter opens it once too."""
    from app.ui.dialogs.member_dialog import MemberDialog

    opened = []
    monkeypatch.setattr(MemberDialog, "exec", lambda self: opened.append(self) or 0)
    page = window.page("roster")
    page.table.selectRow(0)
    rect = page.table.visualRect(page.model.index(0, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(opened) == 1
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert len(opened) == 2


def test_a_second_open_while_the_member_window_is_open_is_ignored(window, qtbot, monkeypatch):
    from app.ui.dialogs.member_dialog import MemberDialog

    page = window.page("roster")
    page.table.selectRow(0)
    opened = []

    def exec_(dialog):
        opened.append(dialog)
        page.edit_member()  # a second request while the first window is still open
        return 0

    monkeypatch.setattr(MemberDialog, "exec", exec_)
    page.edit_member()
    assert len(opened) == 1 and page._member_dialog is None
