"""Recording visits from the paper form: refusals, hand-outs delivered by the visit, follow-ups,
pairings, volunteers and suggestions."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.errors import InputError
from app.models import Handout, Visit
from app.services import care, pairings, suggestions, visits, volunteers
from app.services import materials as mat
from tests.unit.care_data import member, visit

TODAY = date.today()


def test_a_visit_from_the_form_delivers_the_pending_handouts_it_brought(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "张德顺", community="河湾村")
        m1 = mat.add_material(s, branch_id, mat.MaterialInput(
            title="银潮", kind="期刊", period="2026年第11期", received_date=TODAY, quantity=5))
        m2 = mat.add_material(s, branch_id, mat.MaterialInput(
            title="党课辅导光盘", kind="光盘", period="第4季度", received_date=TODAY, quantity=5))
        for mid in (m1, m2):
            s.add(Handout(material_id=mid, member_id=a, issued_date=TODAY - timedelta(days=3),
                          method="送学上门", status="待送达"))
        s.flush()
        h1, h2 = s.scalars(select(Handout.id).order_by(Handout.id)).all()
        vid = visits.record_visit(s, visits.VisitInput(
            member_id=a, date=TODAY, visitor_name="李秀兰", visitor_kind="支部书记",
            purposes=["学习辅导", "送学上门"], handout_ids=[h1], health="血压偏高",
            mood="精神好", requests="想要大字版读本", follow_up="联系街道送大字版"))
    with db.session() as s:
        v = s.get(Visit, vid)
        assert v.purposes == "送学上门、学习辅导"  # the form's order
        assert v.delivered_note == "《银潮》2026年第11期"
        assert (v.health, v.mood, v.requests) == ("血压偏高", "精神好", "想要大字版读本")
        assert not v.follow_up_done
        first, second = s.scalars(select(Handout).order_by(Handout.id)).all()
        assert (first.status, first.delivered_date, first.visit_id) == ("已送达", TODAY, vid)
        assert (second.status, second.visit_id) == ("待送达", None)
        assert [r.follow_up for r in care.open_follow_ups(s, branch_id)] == ["联系街道送大字版"]
        visits.mark_follow_up_done(s, vid, TODAY)
        assert care.open_follow_ups(s, branch_id) == []
        assert care.care_list(s, branch_id, TODAY)[0].last_visit == TODAY


@pytest.mark.parametrize("change, words", [
    ({"date": TODAY + timedelta(days=1)}, "在今天之后"),
    ({"date": date(2019, 12, 31)}, "早于张德顺入册的日期 2020-01-01"),
    ({"date": None}, "请填写走访日期"),
    ({"purposes": []}, "请至少勾选一项走访事由"),
    ({"visitor_kind": "路人"}, "走访人类别"),
    ({"visitor_name": ""}, "请填写走访人"),
])
def test_a_visit_that_cannot_have_happened_is_refused_and_nothing_saved(db, branch_id, change,
                                                                          words):
    with db.session() as s:
        a = member(s, branch_id, "张德顺", joined_date=date(2020, 1, 1))
    data = dict(member_id=a, date=TODAY, visitor_name="李秀兰", purposes=["谈心谈话"])
    data.update(change)
    with pytest.raises(visits.VisitError, match=words):
        with db.session() as s:
            visits.record_visit(s, visits.VisitInput(**data))
    with db.session() as s:
        assert s.scalars(select(Visit)).all() == []


def test_an_overdue_member_can_still_be_visited_and_a_volunteer_named(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "甲")
        visit(s, a, TODAY - timedelta(days=100))
        vol = volunteers.add_volunteer(s, branch_id, volunteers.VolunteerInput(
            name="陈小燕", kind="助老员", organisation="东关社区", phone="13812345678"))
        visits.record_visit(s, visits.VisitInput(
            member_id=a, date=TODAY, visitor_kind="助老员", volunteer_id=vol,
            purposes=["学习辅导"]))
        row = visits.visit_rows(s, branch_id)[0]
        assert (row.visitor_name, row.visitor_kind) == ("陈小燕", "助老员")
        assert care.care_list(s, branch_id, TODAY)[0].state == "未到期"


def test_pairing_with_oneself_is_refused(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "甲")
        with pytest.raises(InputError, match="不能让党员和自己结对"):
            pairings.add_pairing(s, a, a, TODAY)


def test_pairing_warns_when_the_helper_is_homebound_or_already_helps_three(db, branch_id):
    with db.session() as s:
        sick = member(s, branch_id, "病", "卧床")
        well = member(s, branch_id, "壮", "行动自如")
        helped = [member(s, branch_id, f"老{i}") for i in range(4)]
        _pid, warns = pairings.add_pairing(s, sick, helped[0], TODAY)
        assert warns == ["病本人卧床，可能照顾不了别人"]
        for h in helped[:3]:
            _pid, warns = pairings.add_pairing(s, well, h, TODAY)
            assert warns == []
        _pid, warns = pairings.add_pairing(s, well, helped[3], TODAY)
        assert warns == ["壮已经结对帮扶 3 人"]
        with pytest.raises(InputError, match="已经结对"):
            pairings.add_pairing(s, well, helped[3], TODAY)
        assert pairings.helpers_of(s, [helped[0]], TODAY) == {helped[0]: "病、壮"}
        assert len(pairings.pairings(s, branch_id, TODAY)) == 5
        assert {r.helped_name for r in pairings.member_pairs(s, well)} == {"老0", "老1", "老2",
                                                                            "老3"}


def test_volunteer_phone_is_checked_and_volunteers_are_never_deleted(db, branch_id):
    with db.session() as s:
        with pytest.raises(InputError, match="不像手机号"):
            volunteers.add_volunteer(s, branch_id, volunteers.VolunteerInput(name="王", phone="12"))
        vid = volunteers.add_volunteer(s, branch_id, volunteers.VolunteerInput(name="王 芳"))
        volunteers.set_active(s, vid, False)
        assert volunteers.volunteers(s, branch_id) == []
        assert [v.name for v in volunteers.volunteers(s, branch_id, True)] == ["王芳"]


def test_suggestions_are_collected_forwarded_and_settled(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "甲")
        with pytest.raises(InputError, match="转交给哪个部门"):
            suggestions.add_suggestion(s, branch_id, suggestions.SuggestionInput(
                a, TODAY, "民生保障", "小区加装电梯", status="已转交"))
        sid = suggestions.add_suggestion(s, branch_id, suggestions.SuggestionInput(
            a, TODAY, "民生保障", "小区加装电梯"))
        data = suggestions.suggestion_input(s, sid)
        data.status, data.forwarded_to = "已转交", "县住建局"
        suggestions.update_suggestion(s, sid, data)
        rows = suggestions.suggestions(s, branch_id, status="已转交")
        assert [(r.member_name, r.category, r.text, r.forwarded_to) for r in rows] == [
            ("甲", "民生保障", "小区加装电梯", "县住建局")]


def test_a_visit_typed_wrongly_can_be_corrected_and_its_handouts_follow_its_date(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "甲")
        m = mat.add_material(s, branch_id, mat.MaterialInput(
            title="银潮", kind="期刊", period="第11期", received_date=TODAY, quantity=5))
        for _ in range(2):
            s.add(Handout(material_id=m, member_id=a, issued_date=TODAY - timedelta(days=10),
                          method="送学上门", status="待送达"))
        s.flush()
        h1, h2 = s.scalars(select(Handout.id).order_by(Handout.id)).all()
        vid = visits.record_visit(s, visits.VisitInput(
            member_id=a, date=TODAY, visitor_name="李秀兰", purposes=["送学上门"],
            handout_ids=[h1], follow_up="修水管"))
        data = visits.visit_input(s, vid)
        assert data.purposes == ["送学上门"] and data.follow_up == "修水管"
        data.date, data.visitor_name = TODAY - timedelta(days=2), "王振华"
        data.handout_ids, data.follow_up_done = [h2], True
        visits.update_visit(s, vid, data)
        with pytest.raises(visits.VisitError, match="才发放的"):
            data.date = TODAY - timedelta(days=30)
            visits.update_visit(s, vid, data)
    with db.session() as s:
        v = s.get(Visit, vid)
        assert (v.date, v.visitor_name, v.follow_up_done) == (TODAY - timedelta(days=2), "王振华",
                                                              True)
        assert v.follow_up_done_date == TODAY - timedelta(days=2)
        assert [(h.visit_id, h.delivered_date) for h in s.scalars(select(Handout))] == [
            (vid, TODAY - timedelta(days=2))] * 2
        assert visits.delivered_by(s, vid) == ["《银潮》第11期"] * 2
