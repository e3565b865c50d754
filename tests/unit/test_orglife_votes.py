"""Vote exclusions and the quorum: an exclusion needs its reason and approval, the base leaves
the approved ones out (unless they came), probationary members have no vote, and exactly 4/5
present is NOT enough — more than 4/5 is."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.models import Attendance, StudyEvent, VoteExclusion
from app.services.orglife import votes
from tests.unit.orglife_data import TODAY, branch_of, member, members


@pytest.fixture
def branch(db):
    """Ten full members, one probationary, one non-member, one who died in June."""
    with db.session() as s:
        b = branch_of(s)
        ids = members(s, b, 10)
        ids.append(member(s, b, "预备甲", party_standing="预备", sort_order=20))
        ids.append(member(s, b, "群众乙", is_party_member=False, sort_order=21))
        ids.append(member(s, b, "去世丙", status="去世", status_date=date(2026, 6, 1),
                          sort_order=22))
    return b, ids


def exclude(s, b, member_id, **kw):
    data = dict(member_id=member_id, year=2026, category="年老体弱卧床不起",
                reason="长期卧床，无法到会", approved_by="镇党委", approved_on=date(2026, 3, 1))
    data.update(kw)
    return votes.set_exclusion(s, b, votes.ExclusionInput(**data), today=TODAY)


def test_exactly_four_fifths_present_is_not_a_quorum(db, branch):
    b, ids = branch
    with db.session() as s:
        q = votes.quorum(s, b, 2026, ids[:8], on=TODAY)
    assert (q.voting, q.base, q.needed, q.present, q.reached) == (10, 10, 9, 8, False)
    assert "还差 1 人，未达到规定人数" in q.sentence()
    with db.session() as s:
        assert votes.quorum(s, b, 2026, ids[:9], on=TODAY).reached


def test_approved_exclusions_leave_the_base(db, branch):
    b, ids = branch
    with db.session() as s:
        exclude(s, b, ids[8])
        exclude(s, b, ids[9], category="长期生病生活不能自理", reason="住院")
        q = votes.quorum(s, b, 2026, ids[:7], on=TODAY)
    # base 8, 4/5 of 8 is 6.4: 7 present is more
    assert (q.base, q.needed, q.present, q.reached) == (8, 7, 7, True)
    assert [(e.name, e.category) for e in q.excluded] == [
        ("党员08", "年老体弱卧床不起"), ("党员09", "长期生病生活不能自理")]
    assert "经批准不计入 2 人，应到会 8 人，实到会 7 人" in q.sentence()


def test_an_excluded_member_who_came_counts_again(db, branch):
    b, ids = branch
    with db.session() as s:
        exclude(s, b, ids[9])
        q = votes.quorum(s, b, 2026, ids[2:10], on=TODAY)
    assert q.came_anyway == ["党员09"] and q.excluded == []
    assert (q.base, q.present, q.reached) == (10, 8, False)


def test_probationary_and_non_members_have_no_vote_nor_the_dead(db, branch):
    b, ids = branch
    with db.session() as s:
        q = votes.quorum(s, b, 2026, ids[:8] + ids[10:], on=TODAY)
        before = votes.quorum(s, b, 2026, [], on=date(2026, 5, 1))
    assert (q.voting, q.present, q.without_vote, q.reached) == (10, 8, 3, False)
    assert before.voting == 11  # she was alive in May


def test_an_exclusion_of_another_year_does_not_count(db, branch):
    b, ids = branch
    with db.session() as s:
        exclude(s, b, ids[9], year=2025, approved_on=date(2025, 2, 1))
        assert votes.quorum(s, b, 2026, ids[:8], on=TODAY).base == 10
        assert [e.name for e in votes.excluded_members(s, b, 2025)] == ["党员09"]


@pytest.mark.parametrize("change, words", [
    (dict(reason="  "), "请填写不计入表决人数的具体原因"),
    (dict(approved_by=""), "请填写批准人"),
    (dict(approved_on=None), "请填写批准日期"),
    (dict(approved_on=date(2026, 12, 2)), "批准日期 2026-12-02 在今天之后"),
    (dict(category="外出"), "类别“外出”应为"),
    (dict(member=11), "群众乙不是党员"),
    (dict(member=12, year=2027), "去世丙在 2027 年不在本支部名册上"),
])
def test_an_exclusion_without_reason_or_approval_is_refused(db, branch, change, words):
    b, ids = branch
    member_index = change.pop("member", 0)
    with pytest.raises(InputError, match=words):
        with db.session() as s:
            exclude(s, b, ids[member_index], **change)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(VoteExclusion)) == 0


def test_one_exclusion_a_member_a_year(db, branch):
    b, ids = branch
    with db.session() as s:
        first = exclude(s, b, ids[0])
    with pytest.raises(InputError, match="党员00在 2026 年已登记为不计入"):
        with db.session() as s:
            exclude(s, b, ids[0])
    with db.session() as s:  # correcting the one there is allowed
        votes.set_exclusion(s, b, votes.ExclusionInput(ids[0], 2026, "其他", "卧床三年", "镇党委",
                                                       date(2026, 3, 2)), first, today=TODAY)
        assert votes.excluded_members(s, b, 2026)[0].category == "其他"


def test_a_meetings_quorum_comes_from_its_attendance(db, branch):
    b, ids = branch
    with db.session() as s:
        event = StudyEvent(branch_id=b, kind="支部党员大会", date=date(2026, 11, 5))
        s.add(event)
        s.flush()
        for i, mid in enumerate(ids[:10]):
            s.add(Attendance(event_id=event.id, member_id=mid,
                             mark="出席" if i < 9 else "送学上门"))
        s.flush()
        q = votes.event_quorum(s, event.id)
    assert (q.on, q.base, q.present, q.reached) == (date(2026, 11, 5), 10, 9, True)
