"""The member dialog shows 变更记录: who changed the phone number, from what to what."""

from app.prefs import Prefs
from app.services.members import MemberInput, add_member, member_input, update_member
from app.ui.app import make_application
from app.ui.context import AppContext
from app.ui.dialogs.member_history_tab import MemberHistoryTab


def test_history_tab_lists_the_phone_change_with_the_users_name(qtbot, db, branch_id):
    make_application()
    db.user_name = "王书记"
    with db.session() as s:
        mid = add_member(s, branch_id, MemberInput(name="张建国", phone="13800000001"))
    with db.session() as s:
        data = member_input(s, mid)
        data.phone = "13900000002"
        update_member(s, mid, data)
    tab = MemberHistoryTab(AppContext(db, Prefs(), branch_id), mid)
    qtbot.addWidget(tab)
    m = tab.model
    first = [m.data(m.index(0, c)) for c in range(m.columnCount())]
    assert first[1:] == ["王书记", "党员信息", "修改", "联系电话", "13800000001", "13900000002"]
    assert m.rowCount() == 2 and "2 条" in tab.summary.text()
