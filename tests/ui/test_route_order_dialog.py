"""走访路线顺序 in the window: the list the secretary reorders with 上移 / 下移 is saved for the
branch and the next checklist follows it; 按拼音排序 goes back to no order of one's own; closing
with a change asks first; and the checklist window names members who died or left."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pypdf import PdfReader

from app.prefs import Prefs
from app.services import care, route_order
from app.ui import messages
from app.ui.app import make_application
from app.ui.context import AppContext
from tests.unit.care_data import member

TODAY = date.today()


@pytest.fixture
def ctx(qtbot, db, branch_id):
    with db.session() as s:
        member(s, branch_id, "张德顺", community="河湾村", address="河湾村2组")
        member(s, branch_id, "赵桂兰", community="东关社区", address="建设路8号")
        member(s, branch_id, "王建国", community="北岗村", address="北岗村10组")
    make_application()
    context = AppContext(db, Prefs(), branch_id)
    context.tasks.synchronous = True
    return context


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_moving_a_village_up_is_saved_and_the_checklist_follows(ctx, qtbot, tmp_path):
    from app.ui.dialogs.route_order_dialog import RouteOrderDialog

    dialog = shown(qtbot, RouteOrderDialog(ctx))
    assert dialog.order() == ["北岗村", "东关社区", "河湾村"]  # bei, dong, he
    dialog.list.setCurrentRow(2)
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)  # already first: stays
    assert dialog.order() == ["河湾村", "北岗村", "东关社区"]
    dialog.list.setCurrentRow(1)
    qtbot.mouseClick(dialog.down_button, Qt.MouseButton.LeftButton)
    assert dialog.order() == ["河湾村", "东关社区", "北岗村"]
    qtbot.mouseClick(dialog.default_button(), Qt.MouseButton.LeftButton)
    assert dialog.result() == 1
    with ctx.db.session() as s:
        assert route_order.stored_order(s, [ctx.branch_id]) == ["河湾村", "东关社区", "北岗村"]
        ids = [r.member_id for r in care.care_list(s, ctx.branch_id, TODAY)]
        care.print_visits(s, ids, tmp_path / "r.pdf", TODAY)
    pages = [p.extract_text() for p in PdfReader(tmp_path / "r.pdf").pages]
    assert ["张德顺" in pages[1], "赵桂兰" in pages[2], "王建国" in pages[3]] == [True] * 3
    again = shown(qtbot, RouteOrderDialog(ctx))  # opens in the saved order
    assert again.order() == ["河湾村", "东关社区", "北岗村"]


def test_back_to_pinyin_saves_no_order_and_closing_with_a_change_asks(ctx, qtbot, monkeypatch):
    from app.ui.dialogs.route_order_dialog import RouteOrderDialog

    with ctx.db.session() as s:
        route_order.set_route_order(s, ctx.branch_id, ["河湾村"])
    asked = []
    monkeypatch.setattr(messages, "ask_unsaved", lambda _p: asked.append(1) or "discard")
    dialog = shown(qtbot, RouteOrderDialog(ctx))
    dialog.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.down_button, Qt.MouseButton.LeftButton)
    dialog.reject()
    assert asked == [1]
    with ctx.db.session() as s:
        assert route_order.stored_order(s, [ctx.branch_id]) == ["河湾村"]
    dialog = shown(qtbot, RouteOrderDialog(ctx))
    dialog.by_pinyin()
    assert dialog.order() == ["北岗村", "东关社区", "河湾村"]
    dialog.save()
    with ctx.db.session() as s:
        assert route_order.stored_order(s, [ctx.branch_id]) == []


def test_the_due_page_and_the_settings_page_open_it(ctx, qtbot, monkeypatch):
    from app.ui.dialogs.route_order_dialog import RouteOrderDialog
    from app.ui.pages.care import CarePage
    from app.ui.pages.settings import SettingsPage

    opened = []
    monkeypatch.setattr(RouteOrderDialog, "exec", lambda d: opened.append(d.order()) or 0)
    page = CarePage(ctx)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.due.route_button, Qt.MouseButton.LeftButton)
    settings = SettingsPage(ctx)
    qtbot.addWidget(settings)
    settings.route_order()
    assert opened == [["北岗村", "东关社区", "河湾村"]] * 2


def test_the_checklist_window_names_members_who_died(ctx, qtbot, monkeypatch):
    from PySide6.QtWidgets import QLabel

    from app.models import Member
    from app.ui.dialogs import checklist_dialog
    from app.ui.pages.care import CarePage

    with ctx.db.session() as s:
        gone = member(s, ctx.branch_id, "李秀英", community="河湾村", status="去世",
                      status_date=date(2026, 10, 1))
        here = s.query(Member.id).filter(Member.name == "张德顺").scalar()
    texts = []
    monkeypatch.setattr(checklist_dialog.ChecklistDialog, "exec", lambda d: texts.extend(
        w.text() for w in d.findChildren(QLabel)) or 0)
    page = CarePage(ctx)
    qtbot.addWidget(page)
    page.print_checklist([gone, here])
    summary = next(t for t in texts if t.startswith("共 1 人"))
    assert "没有打印：李秀英已去世（2026-10-01）" in summary
