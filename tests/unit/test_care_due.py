"""Who is due or overdue for a visit, against hand-made members and dates."""

from datetime import date, timedelta

from app.services import care
from app.services.dashboard import dashboard
from app.services.members import set_status
from tests.unit.care_data import member, visit

TODAY = date(2026, 11, 20)


def states(db, branch_id, today=TODAY):
    with db.session() as s:
        return {r.name: r.state for r in care.care_list(s, branch_id, today)}


def test_due_date_is_last_visit_plus_interval_and_the_due_day_itself_is_not_late(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "甲", interval=30)
        visit(s, a, TODAY - timedelta(days=30))  # due today
        b = member(s, branch_id, "乙", interval=30)
        visit(s, b, TODAY - timedelta(days=31))  # due yesterday
        c = member(s, branch_id, "丙", interval=30)
        visit(s, c, TODAY - timedelta(days=23))  # due in 7 days: inside the window
        d = member(s, branch_id, "丁", interval=30)
        visit(s, d, TODAY - timedelta(days=22))  # due in 8 days: not yet
        member(s, branch_id, "戊")  # never visited
    assert states(db, branch_id) == {"甲": "该走访", "乙": "已逾期", "丙": "该走访",
                                     "丁": "未到期", "戊": "从未走访"}
    with db.session() as s:
        rows = {r.name: r for r in care.care_list(s, branch_id, TODAY)}
        assert rows["甲"].due_date == TODAY and rows["甲"].days_since == 30
        assert rows["乙"].days_overdue == 1 and rows["乙"].state_label == "▲ 已逾期 1 天"
        assert rows["丁"].state_label == "○ 未到期"
        assert care.overdue_count(s, branch_id, TODAY) == 2
        assert [r.name for r in care.members_due_for_visit(s, branch_id, TODAY)] == \
            ["乙", "戊", "甲", "丙"]


def test_a_visit_on_the_due_day_keeps_the_member_on_time(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "甲", interval=14)
        visit(s, a, date(2026, 11, 1))
        visit(s, a, date(2026, 11, 15))  # exactly on the due day
    assert states(db, branch_id, date(2026, 11, 29)) == {"甲": "该走访"}  # 11-15 + 14 = 11-29
    assert states(db, branch_id, date(2026, 11, 30)) == {"甲": "已逾期"}


def test_visits_after_today_do_not_count(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "甲")
        visit(s, a, date(2026, 10, 1))
        visit(s, a, date(2026, 11, 19))
    assert states(db, branch_id, date(2026, 11, 5)) == {"甲": "已逾期"}  # 35 days after 10-01


def test_the_interval_is_per_member(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "周周", interval=7)
        b = member(s, branch_id, "季季", interval=90)
        for m in (a, b):
            visit(s, m, TODAY - timedelta(days=10))
    assert states(db, branch_id) == {"周周": "已逾期", "季季": "未到期"}
    with db.session() as s:
        assert care.set_visit_interval(s, [b], 7) == 1
    assert states(db, branch_id) == {"周周": "已逾期", "季季": "已逾期"}


def test_who_is_on_the_care_list(db, branch_id):
    with db.session() as s:
        member(s, branch_id, "卧床", "卧床")
        member(s, branch_id, "住院", "住院")
        member(s, branch_id, "不便", "行动不便")
        member(s, branch_id, "自如", "行动自如")
        alone = member(s, branch_id, "独居", "行动自如")
        care.add_to_care(s, alone, "独居")
        member(s, branch_id, "暂离", "卧床", status="暂离", status_date=TODAY)
        member(s, branch_id, "新来", "卧床", joined_date=TODAY + timedelta(days=3))
    with db.session() as s:
        rows = {r.name: r.reason for r in care.care_list(s, branch_id, TODAY)}
    assert rows == {"卧床": "卧床", "住院": "住院", "不便": "行动不便", "独居": "独居"}


def test_members_who_die_drop_off_and_their_open_items_close_with_history(db, branch_id):
    from app.models import Pairing, Visit

    with db.session() as s:
        a = member(s, branch_id, "甲")
        helper = member(s, branch_id, "帮", "行动自如")
        v = visit(s, a, date(2026, 9, 1), follow_up="联系社区修水管")
        s.add(Pairing(helper_id=helper, helped_id=a, since=date(2026, 1, 1)))
    with db.session() as s:
        set_status(s, a, "去世", date(2026, 10, 3))
    with db.session() as s:
        assert care.care_list(s, branch_id, TODAY) == []
        assert care.open_follow_ups(s, branch_id) == []
        closed = s.get(Visit, v)
        assert closed.follow_up == "联系社区修水管"  # kept
        assert closed.follow_up_done and closed.follow_up_done_date == date(2026, 10, 3)
        assert "去世" in closed.notes
        pair = s.query(Pairing).one()
        assert pair.until == date(2026, 10, 3)


def test_temporary_leave_closes_nothing(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "甲")
        visit(s, a, date(2026, 9, 1), follow_up="送轮椅")
    with db.session() as s:
        set_status(s, a, "暂离", date(2026, 10, 3))
        assert care.close_open_items(s, a, date(2026, 10, 3)) == 0
    with db.session() as s:
        set_status(s, a, "在册", None)
        assert [r.follow_up for r in care.open_follow_ups(s, branch_id)] == ["送轮椅"]


def test_the_home_page_counts_what_the_care_list_says(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "甲")
        visit(s, a, TODAY - timedelta(days=40))
        member(s, branch_id, "乙")
        c = member(s, branch_id, "丙")
        visit(s, c, TODAY - timedelta(days=25))
        d = member(s, branch_id, "丁")
        visit(s, d, TODAY - timedelta(days=3))
        board = dashboard(s, branch_id, TODAY)
    assert board.visits.due_soon == 1 and board.visits.overdue == 2  # 丙 due soon; 甲, 乙 late
    assert board.due_names == ["甲", "乙", "丙"]


def test_home_page_overdue_says_how_many_are_homebound_as_the_report_counts(db, branch_id):
    """独居 members put on the care list by hand are overdue too, but the quarterly report's
    逾期未走访人数 counts the homebound only: the home page shows both numbers."""
    from app.services.quarter_figures import overdue_count as report_overdue

    with db.session() as s:
        a = member(s, branch_id, "甲")  # 卧床
        visit(s, a, TODAY - timedelta(days=40))
        member(s, branch_id, "乙", mobility="行动不便")  # never visited
        c = member(s, branch_id, "丙", mobility="行动自如", needs_care=True, care_reason="独居")
        visit(s, c, TODAY - timedelta(days=45))
        member(s, branch_id, "丁", mobility="行动自如")  # not on the care list
        board = dashboard(s, branch_id, TODAY)
        assert (board.visits.overdue, board.visits.overdue_homebound) == (3, 2)
        assert report_overdue(s, branch_id, TODAY) == board.visits.overdue_homebound
