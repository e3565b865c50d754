"""The 组织生活 tabs, each standalone (the lead puts them on the page): talks recorded from the
register and from the coverage (found in SQLite), a bad talk refused in the dialog, a 换届 and
the term warning, the quorum of a meeting from its attendance, exclusions refused without
approval, the 整改清单 with an opinion turned into an item, and the home page's tile."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.committee_term import shift_months
from app.models import Attendance, RectifyItem, StudyEvent, Talk, VoteExclusion
from app.prefs import Prefs
from app.services.orglife import committee, rectify, talks
from app.ui.app import make_application
from app.ui.context import AppContext
from tests.unit.orglife_data import branch_of, member, members

TODAY = date.today()


@pytest.fixture
def ctx(qtbot, db):
    """A branch of ten full members (党员00 … 党员09), a probationary one and a non-member."""
    make_application()
    with db.session() as s:
        b = branch_of(s)
        members(s, b, 10)
        member(s, b, "预备甲", party_standing="预备", sort_order=20)
        member(s, b, "群众乙", is_party_member=False, sort_order=21)
    c = AppContext(db, Prefs(), b)
    c.tasks.synchronous = True
    return c


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1160, 640)
    widget.show()
    widget.refresh()
    return widget


def click(qtbot, b):
    qtbot.mouseClick(b, Qt.MouseButton.LeftButton)


def test_a_talk_from_the_coverage_list_is_stored_and_the_member_leaves_the_list(
        qtbot, ctx, db, monkeypatch, said):
    from app.ui.dialogs.orglife_dialogs import TalkDialog
    from app.ui.pages.orglife_talks import TalksTab

    tab = shown(qtbot, TalksTab(ctx))
    assert "应谈 11 人，已谈 0 人，还有 11 人没谈" in tab.summary.text()
    tab.show_missing()
    assert tab.stack.currentIndex() == 1 and tab.cover_model.rowCount() == 11
    tab.cover_table.selectRow(1)  # 党员01

    def fill(dialog):
        assert dialog.partner.currentText() == "党员01"
        dialog.talker.setEditText("党员00")
        dialog.how.setCurrentIndex(dialog.how.findData("上门"))
        dialog.opinions.setPlainText("希望多组织参观")
        click(qtbot, dialog.save_button)
        return dialog.result()

    monkeypatch.setattr(TalkDialog, "exec", fill)
    tab.talk_with()
    with db.session() as s:
        t = s.scalars(select(Talk)).one()
        assert (t.talker_id, t.talker_name, t.how, t.opinions, t.date) == (
            1, "党员00", "上门", "希望多组织参观", TODAY)
    assert tab.cover_model.rowCount() == 10 and "已谈 1 人" in tab.summary.text()
    assert tab.views[1].text() == "谁还没谈（10）"


def test_a_talk_with_a_free_talker_name_from_the_register(qtbot, ctx, db, monkeypatch):
    from app.ui.dialogs.orglife_dialogs import TalkDialog
    from app.ui.pages.orglife_talks import TalksTab

    tab = shown(qtbot, TalksTab(ctx))

    def fill(dialog):
        dialog.talker.setEditText("镇党委王书记")
        dialog.partner.setEditText("党员03")
        click(qtbot, dialog.save_button)
        return dialog.result()

    monkeypatch.setattr(TalkDialog, "exec", fill)
    click(qtbot, next(b for b in tab.findChildren(type(tab.views[0])) if b.text() == "登记谈话"))
    assert tab.talk_model.rowCount() == 1
    assert tab.talk_model.rows[0][1:4] == ("镇党委王书记", "党员03", "当面")
    with db.session() as s:
        assert s.scalars(select(Talk.talker_id)).one() is None


def test_a_talk_dated_tomorrow_is_refused_in_the_dialog(qtbot, ctx, db):
    from app.ui.dialogs.orglife_dialogs import TalkDialog

    dialog = TalkDialog(ctx, member_id=2)
    qtbot.addWidget(dialog)
    dialog.when.set_value(TODAY + timedelta(days=1))
    click(qtbot, dialog.save_button)
    assert "谈话日期" in dialog.problems.text() and "在今天之后" in dialog.problems.text()
    dialog.when.set_value(TODAY)
    dialog.partner.setEditText("群众乙")  # not in the list of party members
    click(qtbot, dialog.save_button)
    assert "请选择谈话对象" in dialog.problems.text()
    with db.session() as s:
        assert s.scalars(select(Talk)).all() == []


def test_an_election_in_the_committee_tab_and_the_term_warning(qtbot, ctx, db, monkeypatch):
    from app.ui.dialogs.committee_dialogs import ElectionDialog
    from app.ui.pages.orglife_committee import CommitteeTab

    tab = shown(qtbot, CommitteeTab(ctx))
    assert tab.term.text() == "还没有登记本届支委会（或书记）。"
    assert "应当设立支部委员会" in tab.rule.text()  # ten full members
    elected = shift_months(TODAY, -33)  # the term ends in three months

    def fill(dialog):
        dialog.elected.set_value(elected)
        for post, box in dialog.boxes[:3]:
            box.setEditText({"书记": "党员00", "副书记": "党员01", "组织委员": "党员02"}[post])
        click(qtbot, dialog.save_button)
        return dialog.result()

    monkeypatch.setattr(ElectionDialog, "exec", fill)
    tab.elect()
    assert [tab.model.rows[i][:2] for i in range(3)] == [
        ("书记", "党员00"), ("副书记", "党员01"), ("组织委员", "党员02")]
    assert "请着手准备换届选举" in tab.warning.text() and tab.warning.isVisible()
    assert "任期三年" in tab.term.text()


def test_an_election_without_a_secretary_is_refused_in_the_dialog(qtbot, ctx, db):
    from app.ui.dialogs.committee_dialogs import ElectionDialog

    dialog = ElectionDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.boxes[2][1].setEditText("党员02")
    click(qtbot, dialog.save_button)
    assert "换届要选出书记 1 名" in dialog.problems.text()
    dialog.boxes[0][1].setEditText("预备甲")  # not a full member: not in the list
    click(qtbot, dialog.save_button)
    assert "书记：正式党员名单里没有“预备甲”" in dialog.problems.text()
    with db.session() as s:
        assert committee.committee_posts(s, ctx.branch_id) == []


def test_the_quorum_of_a_meeting_and_an_exclusion(qtbot, ctx, db, monkeypatch):
    from app.ui.dialogs.orglife_dialogs import ExclusionDialog
    from app.ui.pages.orglife_quorum import QuorumTab

    with db.session() as s:
        event = StudyEvent(branch_id=ctx.branch_id, kind="支部党员大会",
                           date=TODAY - timedelta(days=1) if TODAY.month > 1 or TODAY.day > 1
                           else TODAY, topic="换届选举")
        s.add(event)
        s.flush()
        for mid in range(1, 9):  # eight of ten full members: exactly 4/5
            s.add(Attendance(event_id=event.id, member_id=mid, mark="出席"))
    tab = shown(qtbot, QuorumTab(ctx))
    assert "支部党员大会“换届选举”" in tab.meeting.currentText()
    assert "应到会 10 人，实到会 8 人" in tab.result.text() and "还差 1 人" in tab.result.text()

    def refused(dialog):
        dialog.member.setEditText("党员09")
        dialog.reason.setText("卧床多年")
        click(qtbot, dialog.save_button)
        assert "请填写批准人" in dialog.problems.text()
        dialog.approved_by.setText("镇党委")
        dialog.approved_on.set_value(TODAY)
        click(qtbot, dialog.save_button)
        return dialog.result()

    monkeypatch.setattr(ExclusionDialog, "exec", refused)
    tab.add()
    with db.session() as s:
        assert s.scalars(select(VoteExclusion.member_id)).all() == [10]
    assert tab.model.rowCount() == 1
    assert "应到会 9 人，实到会 8 人" in tab.result.text() and "已达到规定人数" in tab.result.text()


def test_the_rectify_list_and_an_opinion_made_an_item(qtbot, ctx, db, monkeypatch):
    from app.ui.dialogs.orglife_dialogs import RectifyDialog
    from app.ui.pages.orglife_rectify import RectifyTab

    with db.session() as s:
        talks.record_talk(s, ctx.branch_id, talks.TalkInput(2, TODAY, 1, "", "当面",
                                                            opinions="活动室冬天太冷"))
        rectify.add_item(s, ctx.branch_id, rectify.RectifyInput(
            TODAY.year - 1, "学习形式单一", "组织参观", "宣传委员", TODAY - timedelta(days=1)))
    tab = shown(qtbot, RectifyTab(ctx))
    assert tab.item_model.rows[0][:2] == ("▲ 已超期", f"（{TODAY.year - 1}年）学习形式单一")
    assert tab.views[1].text() == "会前征求意见（1）"
    tab.views[1].click()
    assert tab.opinion_model.rows[0][2:] == ("党员01", "党员00", "活动室冬天太冷")

    def fill(dialog):
        assert dialog.problem.toPlainText().startswith("活动室冬天太冷")
        dialog.measure.setPlainText("装空调")
        dialog.responsible.setText("组织委员")
        dialog.deadline.set_value(TODAY + timedelta(days=30))
        click(qtbot, dialog.save_button)
        return dialog.result()

    monkeypatch.setattr(RectifyDialog, "exec", fill)
    tab.opinion_table.selectRow(0)
    tab.from_opinion()
    with db.session() as s:
        assert s.scalars(select(RectifyItem.measure).order_by(RectifyItem.id)).all() == [
            "组织参观", "装空调"]
    tab.views[0].click()
    assert [r[0] for r in tab.item_model.rows] == ["▲ 已超期", "● 整改中"]


def test_the_home_tile_tells_the_term_warning_and_the_talks_left(qtbot, ctx, db):
    from datetime import date as d

    from app.services.dashboard import dashboard
    from app.services.orglife.checks import home_notes
    from app.ui.pages.home import HomePage

    with db.session() as s:
        committee.elect_committee(s, ctx.branch_id, shift_months(TODAY, -35), [("书记", 1)])
        talks.record_talk(s, ctx.branch_id, talks.TalkInput(2, TODAY, 1, "", "当面"))
        september = home_notes(s, ctx.branch_id, d(TODAY.year, 9, 30))
        quiet = dashboard(s, ctx.branch_id, d(TODAY.year - 1, 6, 1)).orglife
    home = HomePage(ctx)
    qtbot.addWidget(home)
    home.resize(1160, 640)
    home.show()
    home.refresh()
    assert home.orglife.isVisible()
    assert "请抓紧召开党员大会换届选举" in home.orglife.flag.text()
    if TODAY.month >= 10:
        assert "已谈 1 人，还有 10 人没谈" in home.orglife.body.text()
    assert not september.talks_due  # no count of talks before October
    assert quiet is None  # last June: the term far from its end, and not yet October
