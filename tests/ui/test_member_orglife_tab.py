"""The member dialog's 组织生活 tab: this member's talks (with them, held by them, home visits
for 谈心谈话), the latest first, and each year's 民主评议 grade."""

from datetime import date

from app.models import Appraisal, AppraisalMember, Member, Talk, Visit
from app.ui.app import make_application
from app.ui.context import AppContext
from app.prefs import Prefs
from app.ui.dialogs.member_dialog import MemberDialog


def _member(s, branch_id, name, order):
    m = Member(branch_id=branch_id, name=name, sort_order=order)
    s.add(m)
    s.flush()
    return m.id


def test_the_tab_lists_talks_and_grades(qtbot, db, branch_id):
    make_application()
    with db.session() as s:
        zhang = _member(s, branch_id, "张建国", 1)
        li = _member(s, branch_id, "李明", 2)
        s.add_all([
            Talk(branch_id=branch_id, date=date(2026, 3, 5), talker_id=li, talker_name="李明",
                 member_id=zhang, how="当面", topic="身体和学习"),
            Talk(branch_id=branch_id, date=date(2026, 9, 1), talker_id=zhang,
                 talker_name="张建国", member_id=li, how="电话", topic="支部工作意见"),
            Visit(member_id=zhang, date=date(2025, 12, 20), visitor_name="王书记",
                  purposes="谈心谈话、节日慰问"),
            Visit(member_id=zhang, date=date(2026, 10, 1), visitor_name="王书记",
                  purposes="送学上门"),  # not a talk
        ])
        appraisal = Appraisal(branch_id=branch_id, year=2025, held_on=date(2025, 12, 28))
        s.add(appraisal)
        s.flush()
        s.add(AppraisalMember(appraisal_id=appraisal.id, member_id=zhang, role="参评",
                              grade="优秀"))
    ctx = AppContext(db, Prefs(), branch_id)
    dialog = MemberDialog(ctx, zhang)
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    tab = dialog.tabs.widget(titles.index("组织生活"))
    rows = [tuple(r) for r in tab.talks.rows]
    assert [r[1] for r in rows] == ["谈话人", "谈话对象", "谈话对象"]  # latest first
    assert rows[0][2] == "李明" and rows[1][2] == "李明" and rows[2][2] == "王书记"
    assert "上门" in rows[2][3]
    assert [tuple(r) for r in tab.grades.rows] == [("2025", "优秀")]
    assert "2026年09月01日" in tab.summary.text() and "2025年评为“优秀”" in tab.summary.text()
