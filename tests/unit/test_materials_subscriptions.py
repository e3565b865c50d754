"""Periodical subscriptions per member per year: set, listed, carried into the next year."""

from datetime import date

import pytest

from app.errors import InputError
from app.models import Member
from app.services import subscriptions as subs


@pytest.fixture
def three(db, branch_id):
    ids = []
    with db.session() as s:
        for i, name in enumerate(["王建国", "李秀英", "陈志明"], 1):
            m = Member(branch_id=branch_id, name=name, sort_order=i, community="东关社区")
            s.add(m)
            s.flush()
            ids.append(m.id)
    return ids


def test_setting_the_subscribers_of_a_year_replaces_the_old_set(db, branch_id, three):
    with db.session() as s:
        assert subs.set_subscribers(s, branch_id, "《银潮》", 2026, three[:2]) == 2
        subs.set_subscribers(s, branch_id, "银潮", 2026, [three[2], three[0]])
        assert [r.name for r in subs.subscribers(s, branch_id, "银潮", 2026)] == ["王建国", "陈志明"]
        assert subs.subscriber_counts(s, branch_id, 2026) == {"银潮": 2}


def test_one_member_subscribes_and_unsubscribes(db, branch_id, three):
    with db.session() as s:
        subs.subscribe(s, three[1], "新保健", 2026, copies=2)
        subs.subscribe(s, three[1], "新保健", 2026, copies=3)  # a change, not a second row
        assert subs.subscribers(s, branch_id, "新保健", 2026)[0].copies == 3
        assert subs.subscription_map(s, branch_id, 2026) == {three[1]: {"新保健"}}
        subs.unsubscribe(s, three[1], "新保健", 2026)
        assert subs.subscribers(s, branch_id, "新保健", 2026) == []
        with pytest.raises(InputError, match="刊物名称"):
            subs.subscribe(s, three[1], "  ", 2026)
        with pytest.raises(InputError, match="订阅年度"):
            subs.subscribe(s, three[1], "银潮", 1900)


def test_last_years_subscriptions_carry_over_except_for_those_who_left(db, branch_id, three):
    with db.session() as s:
        subs.set_subscribers(s, branch_id, "银潮", 2025, three)
        subs.subscribe(s, three[0], "银潮", 2026)
        m = s.get(Member, three[2])
        m.status, m.status_date = "去世", date(2025, 12, 1)
        s.flush()
        assert subs.copy_year(s, branch_id, 2025, 2026) == 1
        assert [r.name for r in subs.subscribers(s, branch_id, "银潮", 2026)] == ["王建国", "李秀英"]
        assert subs.subscriber_counts(s, branch_id, 2025) == {"银潮": 2}  # the dead not counted
        assert subs.periodicals(s, branch_id)[:2] == ["银潮", "新保健"]
