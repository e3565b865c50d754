"""Issuing a material in one action: the right people in each group, the homebound copies left
待送达, and a second issue of the same material asked about, never silently doubled."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.models import Attendance, Handout, Member, StudyEvent
from app.services import issuing, subscriptions
from app.services.issuing import AlreadyIssued, Recipients
from app.services.materials import MaterialInput, add_material

DAY = date(2026, 6, 5)


@pytest.fixture
def people(db, branch_id):
    """Hand-made members: two able in 东关社区, one bedridden and one cared-for in 河湾村,
    one who died before the issue day, one who joined after it, one in another branch."""
    from app.services.roster import ensure_branch

    specs = [
        ("王建国", "东关社区", "行动自如", False, "在册", None, None),
        ("李秀英", "东关社区", "行动自如", False, "在册", None, None),
        ("张德顺", "河湾村", "卧床", False, "在册", None, None),
        ("赵桂兰", "河湾村", "行动自如", True, "在册", None, None),
        ("陈志明", "河湾村", "行动不便", False, "去世", date(2026, 5, 1), None),
        ("刘春生", "东关社区", "行动自如", False, "在册", None, date(2026, 9, 1)),
    ]
    ids = {}
    with db.session() as s:
        for i, (name, place, mob, care, status, when, joined) in enumerate(specs, 1):
            m = Member(branch_id=branch_id, name=name, sort_order=i, community=place,
                       mobility=mob, needs_care=care, status=status, status_date=when,
                       joined_date=joined)
            s.add(m)
            s.flush()
            ids[name] = m.id
        other = ensure_branch(s, "别的支部")
        m = Member(branch_id=other.id, name="外支部", sort_order=1, community="东关社区")
        s.add(m)
        s.flush()
        ids["外支部"] = m.id
        ids["material"] = add_material(s, branch_id, MaterialInput(
            title="老干部政治理论学习读本", kind="读本", period="2026年", quantity=10))
    return ids


def names(db, branch_id, rcp, on=DAY):
    with db.session() as s:
        return [r.name for r in issuing.resolve_recipients(s, branch_id, rcp, on)]


def test_everyone_on_the_roster_means_on_the_issue_day(db, branch_id, people):
    assert names(db, branch_id, Recipients("roster")) == ["王建国", "李秀英", "张德顺", "赵桂兰"]
    # before 陈志明 died he was on the roster; after 刘春生 joined, so is he
    assert "陈志明" in names(db, branch_id, Recipients("roster"), date(2026, 4, 1))
    assert "刘春生" in names(db, branch_id, Recipients("roster"), date(2026, 10, 1))


def test_groups_select_the_homebound_a_village_and_subscribers(db, branch_id, people):
    assert names(db, branch_id, Recipients("homebound")) == ["张德顺", "赵桂兰"]
    assert names(db, branch_id, Recipients("community", community="河湾村")) == ["张德顺", "赵桂兰"]
    with db.session() as s:
        subscriptions.set_subscribers(s, branch_id, "银潮", 2026,
                                      [people["李秀英"], people["陈志明"], people["外支部"]])
        subscriptions.subscribe(s, people["王建国"], "银潮", 2025)
    assert names(db, branch_id, Recipients("subscribers", periodical="银潮", year=2026)) == ["李秀英"]
    with pytest.raises(InputError, match="请选择村"):
        names(db, branch_id, Recipients("community"))


def test_attendees_of_an_event_include_those_marked_door_delivery(db, branch_id, people):
    with db.session() as s:
        event = StudyEvent(branch_id=branch_id, kind="集中学习日", date=date(2026, 6, 5),
                           topic="学习二十大精神")
        s.add(event)
        s.flush()
        for name, mark in [("王建国", "出席"), ("李秀英", "请假"), ("张德顺", "送学上门"),
                           ("赵桂兰", "缺席")]:
            s.add(Attendance(event_id=event.id, member_id=people[name], mark=mark))
        event_id = event.id
    rcp = Recipients("event", event_id=event_id)
    assert names(db, branch_id, rcp) == ["王建国", "张德顺"]
    with db.session() as s:
        result = issuing.issue_material(s, branch_id, people["material"], rcp, issued_date=DAY,
                                        homebound_to_door=False)
        methods = dict(s.execute(select(Handout.member_id, Handout.method)).all())
    # marked 送学上门 at the meeting: their copy goes to the door even with the switch off
    assert result.pending == 1 and methods[people["张德顺"]] == "送学上门"


def test_chosen_members_must_be_on_the_roster(db, branch_id, people):
    chosen = Recipients("members", member_ids=[people["李秀英"], people["王建国"]])
    assert names(db, branch_id, chosen) == ["李秀英", "王建国"]
    with pytest.raises(InputError, match="陈志明（去世于 2026-05-01）"):
        names(db, branch_id, Recipients("members", member_ids=[people["陈志明"]]))
    with pytest.raises(InputError, match="不在本支部"):
        names(db, branch_id, Recipients("members", member_ids=[people["外支部"]]))


def test_issuing_to_all_leaves_the_homebound_copies_pending_for_the_door(db, branch_id, people):
    with db.session() as s:
        result = issuing.issue_material(s, branch_id, people["material"], Recipients("roster"),
                                        issued_date=DAY, method="集中领取", handled_by="李秀兰")
    assert (result.issued, result.pending, result.skipped) == (4, 2, 0)
    with db.session() as s:
        rows = {r.member_id: r for r in s.scalars(select(Handout))}
    assert rows[people["王建国"]].status == "已送达"
    assert rows[people["王建国"]].delivered_date == DAY
    assert (rows[people["张德顺"]].status, rows[people["张德顺"]].method) == ("待送达", "送学上门")
    assert rows[people["赵桂兰"]].status == "待送达" and rows[people["赵桂兰"]].delivered_date is None
    assert {r.handled_by for r in rows.values()} == {"李秀兰"}


def test_posting_counts_as_sent_and_door_delivery_is_pending_for_all(db, branch_id, people):
    with db.session() as s:
        assert issuing.issue_material(s, branch_id, people["material"], Recipients("homebound"),
                                      issued_date=DAY, method="邮寄").pending == 0
        assert issuing.issue_material(s, branch_id, people["material"],
                                      Recipients("community", community="东关社区"),
                                      issued_date=DAY, method="送学上门").pending == 2


def test_issuing_twice_to_the_same_member_is_refused_with_their_names(db, branch_id, people):
    rcp = Recipients("community", community="河湾村")
    with db.session() as s:
        issuing.issue_material(s, branch_id, people["material"], rcp, issued_date=DAY)
    with db.session() as s:
        preview = issuing.preview_issue(s, branch_id, people["material"], Recipients("roster"), DAY)
    assert (preview.total, preview.to_door, preview.already_issued) == (4, 2, 2)
    assert [n for _i, n in preview.repeats] == ["张德顺", "赵桂兰"]
    with db.session() as s, pytest.raises(AlreadyIssued) as err:
        issuing.issue_material(s, branch_id, people["material"], Recipients("roster"),
                               issued_date=DAY)
    assert [n for _i, n in err.value.members] == ["张德顺", "赵桂兰"]
    assert "已经发给过以下 2 人：张德顺、赵桂兰" in str(err.value)
    with db.session() as s:
        assert s.scalar(select(func.count(Handout.id))) == 2  # the refusal changed nothing
        result = issuing.issue_material(s, branch_id, people["material"], Recipients("roster"),
                                        issued_date=DAY, skip_existing=True)
    assert (result.issued, result.skipped) == (2, 2)
    with db.session() as s:
        again = issuing.issue_material(s, branch_id, people["material"], rcp, issued_date=DAY,
                                       allow_repeat=True)
        assert again.issued == 2
        assert s.scalar(select(func.count(Handout.id))) == 6


def test_bad_issue_dates_and_methods_are_refused(db, branch_id, people):
    with db.session() as s:
        for kwargs, words in [({"issued_date": date(2099, 1, 1)}, "今天之后"),
                              ({"issued_date": DAY, "method": "快递"}, "发放方式")]:
            with pytest.raises(InputError, match=words):
                issuing.issue_material(s, branch_id, people["material"], Recipients(), **kwargs)
        with pytest.raises(InputError, match="没有 2026-06-05 在册的党员"):
            issuing.issue_material(s, branch_id, people["material"],
                                   Recipients("community", community="北岗村"), issued_date=DAY)


def test_issue_to_twenty_thousand_goes_in_one_batch(db, branch_id):
    from sqlalchemy import insert

    with db.session() as s:
        s.execute(insert(Member), [{"branch_id": branch_id, "name": f"党员{i}", "sort_order": i,
                                    "mobility": "卧床" if i % 4 == 0 else "行动自如"}
                                   for i in range(20_000)])
        mid = add_material(s, branch_id, MaterialInput(title="读本", kind="读本", period="2026年"))
        result = issuing.issue_material(s, branch_id, mid, Recipients(), issued_date=DAY)
    assert (result.issued, result.pending) == (20_000, 5_000)


def test_an_issue_made_by_mistake_can_be_taken_back_whole(db, branch_id, people):
    with db.session() as s:
        issuing.issue_material(s, branch_id, people["material"], Recipients("homebound"),
                               issued_date=date(2026, 6, 1))
        issuing.issue_material(s, branch_id, people["material"], Recipients("roster"),
                               issued_date=DAY, skip_existing=True)
        batches = issuing.issue_batches(s, people["material"])
        assert [(b.issued_date, b.copies, b.pending) for b in batches] == [
            (DAY, 2, 0), (date(2026, 6, 1), 2, 2)]
        assert issuing.withdraw_issue(s, people["material"], DAY) == 2
        assert s.scalar(select(func.count(Handout.id))) == 2
        with pytest.raises(InputError, match="没有发放记录"):
            issuing.withdraw_issue(s, people["material"], DAY)


def test_an_issue_with_quiz_results_cannot_be_taken_back(db, branch_id, people):
    from app.services import materials

    with db.session() as s:
        quiz = add_material(s, branch_id, MaterialInput(title="试题", kind="试题", period="2026年"))
        issuing.issue_material(s, branch_id, quiz, Recipients(), issued_date=DAY)
        hid = s.scalar(select(Handout.id).where(Handout.member_id == people["王建国"]))
        materials.record_quiz_return(s, hid, date(2026, 6, 20), 88)
        with pytest.raises(InputError, match="有 1 份已登记交回成绩或走访送达"):
            issuing.withdraw_issue(s, quiz, DAY)
        assert s.scalar(select(func.count(Handout.id))) == 4
