"""The committee: posts set and refused (a term ending before it starts, a future date, a
probationary member, two secretaries), a 换届 that ends the old posts, the status with its term
end and warnings, and the 7-full-member rule."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.models import CommitteePost
from app.services.orglife import committee as c
from tests.unit.orglife_data import TODAY, branch_of, member, members


@pytest.fixture
def branch(db):
    with db.session() as s:
        b = branch_of(s)
        ids = members(s, b, 7)
        ids.append(member(s, b, "预备甲", party_standing="预备", sort_order=20))
    return b, ids


def posts_stored(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(CommitteePost))


def elect(db, b, ids, day=date(2024, 3, 31)):
    with db.session() as s:
        return c.elect_committee(s, b, day, [("书记", ids[0]), ("组织委员", ids[1]),
                                             ("宣传委员", ids[2])], today=TODAY)


def test_an_election_makes_the_committee_and_its_term(db, branch):
    b, ids = branch
    elect(db, b, ids)
    with db.session() as s:
        status = c.committee_status(s, b, date(2026, 9, 29))
    assert [(p.post, p.name) for p in status.posts] == [
        ("书记", "党员00"), ("组织委员", "党员01"), ("宣传委员", "党员02")]
    assert status.term_ends == date(2027, 3, 31) and status.warning is None
    assert status.full_members == 7 and status.needs_committee and status.notes == []
    assert status.to_json()["term_ends"] == "2027-03-31"


@pytest.mark.parametrize("today, words", [
    (date(2026, 9, 30), "请着手准备换届选举"),
    (date(2027, 2, 28), "请抓紧召开党员大会换届选举"),
    (date(2027, 4, 1), "支委会任期已于2027年03月31日届满"),
])
def test_the_status_warns_six_and_one_month_before(db, branch, today, words):
    b, ids = branch
    elect(db, b, ids)
    with db.session() as s:
        assert words in c.committee_status(s, b, today).warning


def test_a_new_election_ends_the_old_posts_the_day_before(db, branch):
    b, ids = branch
    elect(db, b, ids)
    with db.session() as s:
        c.elect_committee(s, b, date(2026, 11, 20), [("书记", ids[1]), ("副书记", ids[3]),
                                                     ("纪检委员", ids[0])], today=TODAY)
    with db.session() as s:
        every = c.committee_posts(s, b, TODAY, include_past=True)
        now = c.committee_status(s, b, TODAY)
    assert [(p.post, p.name) for p in now.posts] == [
        ("书记", "党员01"), ("副书记", "党员03"), ("纪检委员", "党员00")]
    assert now.term_ends == date(2029, 11, 20)
    old = [p for p in every if p.elected_on == date(2024, 3, 31)]
    assert len(old) == 3 and {p.until_date for p in old} == {date(2026, 11, 19)}


def test_under_seven_full_members_a_secretary_only(db):
    with db.session() as s:
        b = branch_of(s)
        ids = members(s, b, 6)
        member(s, b, "预备乙", party_standing="预备")
        c.elect_committee(s, b, date(2025, 1, 10), [("书记", ids[0]), ("组织委员", ids[1])],
                          today=TODAY)
        status = c.committee_status(s, b, TODAY)
    assert status.full_members == 6 and not status.needs_committee
    assert "不设支部委员会，只设书记" in status.rule
    assert any("不足 7 人" in n and "组织委员" in n for n in status.notes)


def test_seven_full_members_with_only_a_secretary_are_told_to_elect_a_committee(db, branch):
    b, ids = branch
    with db.session() as s:
        c.elect_committee(s, b, date(2025, 1, 10), [("书记", ids[0])], today=TODAY)
        status = c.committee_status(s, b, TODAY)
    assert any("应当选举产生支部委员会" in n for n in status.notes)


def test_a_branch_without_posts_is_asked_to_record_them(db, branch):
    b, _ids = branch
    with db.session() as s:
        status = c.committee_status(s, b, TODAY)
    assert status.term_ends is None and status.warning is None
    assert "还没有登记支部书记" in status.notes[0]


@pytest.mark.parametrize("change, words", [
    (dict(until_date=date(2024, 3, 30), from_date=date(2024, 4, 1)), "任期不能在开始之前结束"),
    (dict(from_date=date(2024, 3, 1)), "任职日期 2024-03-01 早于选举日期 2024-03-31"),
    (dict(elected_on=date(2026, 12, 2), from_date=date(2026, 12, 2)), "选举日期 2026-12-02 在今天之后"),
    (dict(until_date=date(2027, 1, 1)), "离任日期 2027-01-01 在今天之后"),
    (dict(member=7), "预备甲是预备党员，没有被选举权"),
    (dict(post="主任"), "职务“主任”应为"),
])
def test_bad_posts_are_refused_and_nothing_is_stored(db, branch, change, words):
    b, ids = branch
    data = dict(member_id=ids[4], post="组织委员", from_date=date(2024, 3, 31), until_date=None,
                elected_on=date(2024, 3, 31))
    if "member" in change:
        data["member_id"] = ids[change.pop("member")]
    data.update(change)
    with pytest.raises(InputError, match=words):
        with db.session() as s:
            c.set_post(s, b, c.PostInput(**data), today=TODAY)
    assert posts_stored(db) == 0


def test_one_secretary_at_a_time_and_one_post_a_member(db, branch):
    b, ids = branch
    elect(db, b, ids)
    with pytest.raises(InputError, match="书记一职在这段时间由党员00担任"):
        with db.session() as s:
            c.set_post(s, b, c.PostInput(ids[5], "书记", date(2025, 1, 1), None,
                                         date(2024, 3, 31)), today=TODAY)
    with pytest.raises(InputError, match="党员01在这段时间已担任组织委员"):
        with db.session() as s:
            c.set_post(s, b, c.PostInput(ids[1], "纪检委员", date(2025, 1, 1), None,
                                         date(2024, 3, 31)), today=TODAY)
    with db.session() as s:  # 增补: a second 其他委员 and a 纪检委员, same term
        c.set_post(s, b, c.PostInput(ids[5], "其他委员", date(2025, 1, 1), None,
                                     date(2024, 3, 31)), today=TODAY)
        c.set_post(s, b, c.PostInput(ids[6], "其他委员", date(2025, 1, 1), None,
                                     date(2024, 3, 31)), today=TODAY)
        assert c.committee_status(s, b, TODAY).term_ends == date(2027, 3, 31)


def test_ending_a_post_before_it_began_is_refused(db, branch):
    b, ids = branch
    post_id = elect(db, b, ids)[1]
    with pytest.raises(InputError, match="任期不能在开始之前结束"):
        with db.session() as s:
            c.end_post(s, post_id, date(2024, 3, 1), today=TODAY)
    with db.session() as s:
        c.end_post(s, post_id, date(2025, 6, 30), today=TODAY)
        assert [p.post for p in c.committee_posts(s, b, TODAY)] == ["书记", "宣传委员"]


@pytest.mark.parametrize("posts, words", [
    ([("组织委员", 1)], "换届要选出书记 1 名"),
    ([("书记", 0), ("书记", 1)], "换届要选出书记 1 名"),
    ([("书记", 0), ("组织委员", 1), ("组织委员", 2)], "组织委员只能有 1 名"),
    ([("书记", 0), ("组织委员", 0)], "同一名党员只能担任一个职务"),
    ([("书记", 7)], "预备党员"),
])
def test_a_bad_election_changes_nothing(db, branch, posts, words):
    b, ids = branch
    elect(db, b, ids)
    with pytest.raises(InputError, match=words):
        with db.session() as s:
            c.elect_committee(s, b, date(2026, 11, 1), [(p, ids[i]) for p, i in posts],
                              today=TODAY)
    with db.session() as s:
        assert len(c.committee_posts(s, b, TODAY)) == 3
    assert posts_stored(db) == 3
