from datetime import date

import pytest
from sqlalchemy import select

from app.idcard import check_digit
from app.models import Member
from app.services import members as svc
from app.services import roster


def an_id(birth="19400101", seq="002"):
    body = f"410122{birth}{seq}"
    return body + check_digit(body)


def test_add_member_derives_birth_and_gender_from_id(db, branch_id):
    with db.session() as s:
        member_id = svc.add_member(s, branch_id, svc.MemberInput(name="张 建国", id_number=an_id()))
    with db.session() as s:
        m = s.get(Member, member_id)
        assert (m.name, m.birth_date, m.gender) == ("张建国", date(1940, 1, 1), "女")
        assert "zjg" in m.search_key


def test_birth_date_disagreeing_with_id_is_refused(db, branch_id):
    with db.session() as s, pytest.raises(svc.MemberError, match="不一致"):
        svc.add_member(s, branch_id, svc.MemberInput(
            name="李四", id_number=an_id(), birth_date=date(1941, 1, 1)))
    with db.session() as s:
        assert s.scalar(select(Member).where(Member.name == "李四")) is None


def test_bad_phone_and_missing_name_reported_together(db, branch_id):
    with db.session() as s, pytest.raises(svc.MemberError) as err:
        svc.add_member(s, branch_id, svc.MemberInput(name="", phone="12345"))
    assert len(err.value.problems) == 2
    assert "姓名" in err.value.problems[0] and "12345" in err.value.problems[1]


def test_several_phones_kept(db, branch_id):
    with db.session() as s:
        mid = svc.add_member(s, branch_id, svc.MemberInput(
            name="王五", phone="13812345678/0371-62345678，13912345678"))
        assert s.get(Member, mid).phone == "13812345678、0371-62345678、13912345678"


def test_same_id_twice_is_refused(db, branch_id):
    with db.session() as s:
        svc.add_member(s, branch_id, svc.MemberInput(name="甲", id_number=an_id()))
    with db.session() as s, pytest.raises(svc.MemberError, match="已登记在 甲"):
        svc.add_member(s, branch_id, svc.MemberInput(name="乙", id_number=an_id()))


def test_leaving_is_a_status_with_a_date_never_a_deletion(db, branch_id):
    with db.session() as s:
        mid = svc.add_member(s, branch_id, svc.MemberInput(name="赵六"))
    with db.session() as s, pytest.raises(svc.MemberError, match="日期"):
        svc.set_status(s, mid, "去世", None)
    with db.session() as s:
        svc.set_status(s, mid, "去世", date(2026, 3, 1))
    with db.session() as s:
        active = roster.member_ids(s, roster.RosterFilter(branch_id=branch_id))
        everyone = roster.member_ids(s, roster.RosterFilter(branch_id=branch_id, statuses=()))
        assert mid not in active and mid in everyone
        assert s.get(Member, mid).status_date == date(2026, 3, 1)


def test_roster_search_by_initials_name_and_phone(db, branch_id):
    with db.session() as s:
        a = svc.add_member(s, branch_id, svc.MemberInput(name="张建国", phone="13800000001"))
        b = svc.add_member(s, branch_id, svc.MemberInput(name="曾红梅"))
        svc.add_member(s, branch_id, svc.MemberInput(name="李华"))
    with db.session() as s:
        def find(text):
            return roster.member_ids(s, roster.RosterFilter(branch_id=branch_id, text=text))

        assert find("zjg") == [a]
        assert find("ZJG") == [a]
        assert find("chm") == [b] and find("zhm") == [b]
        assert find("建国") == [a]
        assert find("0000001") == [a]


def test_roster_sorts_by_age_in_sql(db, branch_id):
    with db.session() as s:
        young = svc.add_member(s, branch_id, svc.MemberInput(name="少", birth_date=date(1960, 1, 1)))
        old = svc.add_member(s, branch_id, svc.MemberInput(name="老", birth_date=date(1930, 1, 1)))
    with db.session() as s:
        ids = roster.member_ids(s, roster.RosterFilter(branch_id=branch_id, sort="年龄"))
        assert ids == [young, old]
        ids = roster.member_ids(s, roster.RosterFilter(branch_id=branch_id, sort="年龄",
                                                       descending=True))
        assert ids == [old, young]
        rows = roster.roster_rows(s, ids, on=date(2026, 1, 1))
        assert rows[old][3] == 96
