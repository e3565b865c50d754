"""The 组织生活会's 整改清单 (open until done, carried into later years) and the 征求意见 list
(opinions from the year's talks and 建言献策, not visits' 诉求); and the plain parts of
`zhibu org-life check` for talks and the committee."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.models import RectifyItem
from app.services.orglife import rectify as r
from app.services.orglife.checks import committee_check, home_notes, talks_check
from app.services.orglife.committee import elect_committee
from app.services.suggestions import SuggestionInput, add_suggestion
from tests.unit.orglife_data import TODAY, branch_of, members, talk, visit


@pytest.fixture
def branch(db):
    with db.session() as s:
        b = branch_of(s)
        ids = members(s, b, 3)
    return b, ids


def item(s, b, year=2026, deadline=date(2026, 12, 31), **kw):
    data = dict(year=year, problem="学习形式单一", measure="每季度组织一次参观", responsible="李秀兰",
                deadline=deadline)
    data.update(kw)
    return r.add_item(s, b, r.RectifyInput(**data), today=TODAY)


def test_items_stay_open_until_done_and_follow_into_later_years(db, branch):
    b, _ids = branch
    with db.session() as s:
        old_open = item(s, b, 2025, date(2026, 3, 31), problem="走访记录不全")
        old_done = item(s, b, 2025, date(2026, 3, 31), problem="党费公示不及时")
        r.mark_done(s, old_done, date(2026, 2, 1), "已按季度公示", today=TODAY)
        this = item(s, b)
        rows = r.rectify_items(s, b, 2026)
        open_rows = r.rectify_items(s, b, open_only=True)
    assert [x.item_id for x in rows] == [old_open, this]
    assert [x.state(TODAY) for x in rows] == ["已超期", "整改中"]
    assert [x.item_id for x in open_rows] == [old_open, this]
    with db.session() as s:
        r.mark_done(s, old_open, date(2026, 11, 30), today=TODAY)
        assert [x.item_id for x in r.rectify_items(s, b, 2026)] == [this]
        done = r.rectify_items(s, b, 2025)
    assert {x.state(TODAY) for x in done} == {"已完成"}
    assert next(x for x in done if x.item_id == old_done).progress == "已按季度公示"


@pytest.mark.parametrize("change, words", [
    (dict(problem=" "), "请填写问题"),
    (dict(measure=""), "请填写整改措施"),
    (dict(responsible=""), "请填写责任人"),
    (dict(deadline=None), "请填写整改时限"),
    (dict(done_on=date(2026, 12, 2)), "完成日期 2026-12-02 在今天之后"),
])
def test_a_bad_item_is_refused_and_nothing_stored(db, branch, change, words):
    b, _ids = branch
    with pytest.raises(InputError, match=words):
        with db.session() as s:
            item(s, b, **change)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(RectifyItem)) == 0


def test_marking_done_needs_a_date(db, branch):
    b, _ids = branch
    with db.session() as s:
        made = item(s, b)
    with pytest.raises(InputError, match="请填写完成日期"):
        with db.session() as s:
            r.mark_done(s, made, None, today=TODAY)


def test_the_opinions_before_the_meeting(db, branch):
    b, ids = branch
    with db.session() as s:
        talk(s, b, ids[0], date(2026, 3, 5), opinions="希望多组织参观")
        talk(s, b, ids[1], date(2026, 4, 5))  # no opinion: not listed
        talk(s, b, ids[1], date(2025, 4, 5), opinions="去年的意见")
        visit(s, ids[2], date(2026, 5, 6), requests="想要轮椅")  # a need, not an opinion
        add_suggestion(s, b, SuggestionInput(ids[1], date(2026, 6, 1), "民生保障", "修缮老年活动室",
                                             "县住建局", "已转交"))
        rows = r.opinions_before_meeting(s, b, 2026)
    assert [(x.source, x.member_name, x.text, x.heard_by) for x in rows] == [
        ("谈心谈话", "党员00", "希望多组织参观", "李秀兰"),
        ("建言献策", "党员01", "修缮老年活动室", "县住建局")]


def test_the_org_life_check_parts(db, branch):
    b, ids = branch
    with db.session() as s:
        talk(s, b, ids[0], date(2026, 3, 5))
        assert talks_check(s, b, 2026, TODAY) == {"talks": {"members": 3, "covered": 1}}
        assert committee_check(s, b, TODAY) == {"committee": {"term_ends": None, "warning": None}}
        elect_committee(s, b, date(2024, 3, 31), [("书记", ids[0])], today=TODAY)
        part = committee_check(s, b, date(2026, 10, 1))["committee"]
        notes = home_notes(s, b, date(2026, 10, 1))
    assert part["term_ends"] == "2027-03-31" and "请着手准备换届选举" in part["warning"]
    assert (notes.talk_members, notes.talks_left, notes.talks_due) == (3, 2, True)
    assert notes.term_warning == part["warning"] and notes.worth_showing


def test_the_home_page_counts_talks_left_from_the_first_of_october(db, branch):
    b, ids = branch
    with db.session() as s:
        talk(s, b, ids[0], date(2026, 3, 5))
        september = home_notes(s, b, date(2026, 9, 30))
        october = home_notes(s, b, date(2026, 10, 1))
        everyone = [talk(s, b, m, date(2026, 10, 2)) for m in ids[1:]]
        done = home_notes(s, b, TODAY)
    assert not september.talks_due and not september.worth_showing
    assert october.talks_due and october.worth_showing and october.talks_left == 2
    assert len(everyone) == 2 and done.talks_left == 0 and not done.worth_showing
