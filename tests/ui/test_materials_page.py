"""The 自学资料 page: issue to the homebound in one click, mark several delivered from the 待送达
list, archive from the catalogue, quiz scores refused out of range, the member's tab."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import Handout, Material, Member
from app.prefs import Prefs
from app.services import materials as mat
from app.ui.app import build_window, make_application

TODAY = date.today()


@pytest.fixture
def window(qtbot, db, branch_id):
    with db.session() as s:
        for i, (name, place, mobility) in enumerate([
            ("张德顺", "河湾村", "卧床"), ("王建国", "东关社区", "行动自如"),
            ("赵桂兰", "东关社区", "行动不便"), ("李秀英", "河湾村", "行动自如"),
        ], 1):
            s.add(Member(branch_id=branch_id, name=name, sort_order=i, community=place,
                         mobility=mobility))
        mat.add_material(s, branch_id, mat.MaterialInput(
            title="党课辅导光盘", kind="光盘", period="2026年第4季度", received_date=TODAY,
            quantity=10))
    make_application()
    w = build_window(db, Prefs())
    w.ctx.tasks.synchronous = True
    qtbot.addWidget(w)
    w.show()
    w.navigate("materials")
    return w


def handouts(db):
    with db.session() as s:
        return {name: (status, method) for name, status, method in s.execute(
            select(Member.name, Handout.status, Handout.method)
            .join(Member, Member.id == Handout.member_id))}


def test_issuing_to_the_homebound_in_one_click(window, qtbot, db, said):
    page = window.page("materials")
    page.show_tab("issue")
    panel = page.issuing
    panel.radios["homebound"].setChecked(True)
    panel.update_preview()
    assert panel.preview.text() == "将发给 2 人，其中 2 人送学上门（待送达）。"
    qtbot.mouseClick(panel.issue_button, Qt.MouseButton.LeftButton)
    assert handouts(db) == {"张德顺": ("待送达", "送学上门"), "赵桂兰": ("待送达", "送学上门")}
    assert said[-1] == ("info", "已发放 2 份。其中 2 份待送达，请在“待送达”中跟进。")
    assert page.tabs.tabText(2) == "待送达（2）"


def test_issuing_again_asks_and_can_give_only_the_others(window, qtbot, db, said, monkeypatch):
    panel = window.page("materials").issuing
    window.page("materials").show_tab("issue")
    panel.radios["homebound"].setChecked(True)
    panel.issue()
    panel.radios["roster"].setChecked(True)
    panel.update_preview()
    assert "其中 2 人已领过这份资料" in panel.warning.text()
    asked = []
    monkeypatch.setattr(panel, "ask_repeat", lambda p: asked.append(p.repeats) or "skip")
    panel.issue()
    assert [n for _i, n in asked[0]] == ["张德顺", "赵桂兰"]
    assert handouts(db)["王建国"] == ("已送达", "集中领取")
    assert len(handouts(db)) == 4
    assert "已领过的 2 人没有重复发放" in said[-1][1]


def test_marking_two_copies_delivered_from_the_pending_list(window, qtbot, db, said):
    page = window.page("materials")
    page.show_tab("issue")
    page.issuing.radios["homebound"].setChecked(True)
    page.issuing.issue()
    page.show_tab("pending")
    panel = page.pending
    assert [r.member_name for r in panel.model.rows] == ["张德顺", "赵桂兰"]
    assert not panel.mark_button.isEnabled()
    for row in (0, 1):  # a click anywhere on a row ticks it
        rect = panel.table.visualRect(panel.model.index(row, 3))
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.mark_button.text() == "将勾选的 2 份标记为已送达"
    panel.when.setText(TODAY.strftime("%Y-%m-%d"))
    qtbot.mouseClick(panel.mark_button, Qt.MouseButton.LeftButton)
    assert set(handouts(db).values()) == {("已送达", "送学上门")}
    assert panel.model.rowCount() == 0 and page.tabs.tabText(2) == "待送达"
    assert said[-1][1].startswith("已将 2 份资料标记为已送达")


def test_pending_list_groups_by_village(window, db):
    page = window.page("materials")
    with db.session() as s:
        from app.services import issuing

        issuing.issue_material(s, window.ctx.branch_id, s.scalar(select(Material.id)),
                               issuing.Recipients(), issued_date=TODAY, method="送学上门")
    page.show_tab("pending")
    panel = page.pending
    panel.grouping.setCurrentIndex(panel.grouping.findData("village"))
    column = [panel.model.data(panel.model.index(r, 1)) for r in range(panel.model.rowCount())]
    assert column == ["东关社区", "", "河湾村", ""]
    panel.place.setCurrentIndex(panel.place.findData("河湾村"))
    assert [r.member_name for r in panel.model.rows] == ["张德顺", "李秀英"]


def test_archiving_an_issued_material_asks_and_keeps_the_record(window, db, said):
    page = window.page("materials")
    page.show_tab("issue")
    page.issuing.radios["homebound"].setChecked(True)
    page.issuing.issue()
    assert len(handouts(db)) == 2
    page.show_tab("catalogue")
    panel = page.catalogue
    panel.table.selectRow(0)
    panel.remove()
    assert any(kind == "ask" and "已发放 2 份，其中 2 份待送达" in text for kind, text in said)
    with db.session() as s:
        assert s.scalar(select(Material.archived)) is True
    assert panel.model.rowCount() == 0 and len(handouts(db)) == 2


def test_a_quiz_score_over_full_marks_is_refused_with_a_message(window, db, said):
    with db.session() as s:
        quiz = mat.add_material(s, window.ctx.branch_id, mat.MaterialInput(
            title="知识竞答试题", kind="试题", period="2026年", full_marks=100))
        from app.services import issuing

        issuing.issue_material(s, window.ctx.branch_id, quiz, issuing.Recipients(),
                               issued_date=TODAY)
    page = window.page("materials")
    page.show_tab("quiz")
    panel = page.quiz
    panel.table.selectRow(1)
    panel.returned.setText(TODAY.strftime("%Y-%m-%d"))
    panel.score.setText("105")
    panel.record()
    assert said[-1][0] == "error" and "成绩应在 0 到 100 之间" in said[-1][1]
    panel.table.selectRow(1)
    panel.score.setText("96")
    panel.record()
    assert [(b.member_name, b.score) for b in panel.best_model.items] == [("王建国", 96.0)]


def test_the_member_dialog_lists_what_the_member_was_issued(window, qtbot, db):
    from app.ui.dialogs.member_dialog import MemberDialog

    with db.session() as s:
        member_id = s.scalar(select(Member.id).where(Member.name == "张德顺"))
    with db.session() as s:
        from app.services import issuing

        issuing.issue_material(s, window.ctx.branch_id, s.scalar(select(Material.id)),
                               issuing.Recipients("members", member_ids=[member_id]),
                               issued_date=TODAY)
    dialog = MemberDialog(window.ctx, member_id, window)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    tab = dialog.tabs.widget(titles.index("自学资料"))
    assert tab.model.rowCount() == 1
    assert tab.model.data(tab.model.index(0, 1)) == "《党课辅导光盘》2026年第4季度"
    assert tab.summary.text() == "共领取 1 份资料，其中 1 份待送达"


def test_new_material_dialog_lists_problems_then_saves(window, qtbot, db):
    from app.ui.dialogs.material_dialog import MaterialDialog

    dialog = MaterialDialog(window.ctx, None, window)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("期刊"))
    dialog.save()
    assert "请填写资料名称" in dialog.problems.text() and "期号" in dialog.problems.text()
    assert dialog.result() == 0
    dialog.title.setText("银潮")
    dialog.period.setText("2026-11")
    dialog.save()
    assert dialog.result() == 1
    with db.session() as s:
        assert s.scalar(select(Material.period).where(Material.title == "银潮")) == "2026年第11期"


def test_choosing_members_by_hand_issues_to_just_them(window, qtbot, db, said, monkeypatch):
    from app.ui.dialogs import member_picker

    picker = member_picker.MemberPicker(window.ctx, [], window)
    qtbot.addWidget(picker)
    picker.search.setText("王建")  # keyClicks takes ASCII only
    qtbot.waitUntil(lambda: picker.model.rowCount() == 1, timeout=2000)
    picker._toggle(0)
    assert picker.count.text() == "已选 1 人"
    chosen = picker.chosen_ids()
    monkeypatch.setattr(member_picker.MemberPicker, "exec", lambda self: True)
    monkeypatch.setattr(member_picker.MemberPicker, "chosen_ids", lambda self: chosen)
    page = window.page("materials")
    page.show_tab("issue")
    page.issuing.pick_members()
    assert page.issuing.radios["members"].isChecked()
    assert page.issuing.picked_label.text() == "已选 1 人"
    page.issuing.issue()
    assert handouts(db) == {"王建国": ("已送达", "集中领取")}


def test_a_mistaken_issue_is_withdrawn_from_the_catalogue(window, db, said, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    page = window.page("materials")
    page.show_tab("issue")
    page.issuing.radios["homebound"].setChecked(True)
    page.issuing.issue()
    page.show_tab("catalogue")
    page.catalogue.table.selectRow(0)
    offered = []
    monkeypatch.setattr(QInputDialog, "getItem",
                        lambda *a: offered.append(a[3]) or (a[3][0], True))
    page.catalogue.withdraw()
    assert offered == [[f"{TODAY:%Y-%m-%d} 发放的 2 份"]]
    assert handouts(db) == {}
    assert said[-1] == ("info", "已撤销 2 份发放记录。")


@pytest.mark.parametrize("scale, size, side_by_side", [
    (100, (1280, 800), True), (150, (1600, 1000), None), (200, (1920, 1200), False)])
def test_issue_form_fits_the_window_and_the_button_stays_in_sight(qtbot, db, branch_id, scale,
                                                                 size, side_by_side):
    """Nothing runs off the right edge at large type: 怎样发 goes under 发给谁 when it must, and
    the 发放 button is never scrolled away."""
    from PySide6.QtWidgets import QBoxLayout, QScrollArea

    make_application()
    prefs = Prefs()
    prefs.font_scale = scale
    w = build_window(db, prefs)
    qtbot.addWidget(w)
    w.resize(*size)
    w.show()
    w.navigate("materials", tab="issue")
    qtbot.wait(50)
    panel = w.page("materials").issuing
    scroll = panel.findChild(QScrollArea)
    assert scroll.horizontalScrollBar().maximum() == 0, "the form is wider than the page"
    button_box = panel.issue_button.geometry()
    assert panel.issue_button.isVisible() and panel.rect().contains(button_box)
    across = panel.middle.direction() == QBoxLayout.Direction.LeftToRight
    if side_by_side is not None:  # at 150 % it depends on the font's widths: either is right
        assert across == side_by_side
