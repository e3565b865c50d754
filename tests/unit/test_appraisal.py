"""民主评议党员 (spec/org-life.md): who takes part, once a year, votes that must add up to the
ballots returned, the committee's grades with 优秀 capped at one third of the full members, the
year's results and the member's grades over the years."""

from datetime import date

import pytest
from sqlalchemy import select

from app.errors import InputError
from app.models import AppraisalMember, AuditEntry
from app.services.orglife import appraisal, appraisal_votes
from tests.unit.appraisal_data import FULL, HELD, YEAR, branch_with_members, started


@pytest.fixture
def ids(db, branch_id):
    return branch_with_members(db, branch_id)


def _grade(db, branch_id, member_id, grade, year=YEAR):
    with db.session() as s:
        return appraisal_votes.set_grade(s, branch_id, year, member_id, grade)


def _votes(db, branch_id, member_id, votes):
    with db.session() as s:
        return appraisal_votes.record_votes(s, branch_id, YEAR, member_id, votes)


def _info(db, branch_id, year=YEAR):
    with db.session() as s:
        return appraisal.appraisal_of(s, branch_id, year)


@pytest.mark.parametrize(("full", "cap"), [(0, 0), (2, 0), (3, 1), (5, 1), (6, 2), (7, 2),
                                           (9, 3), (80, 26)])
def test_the_excellent_cap_is_one_third_rounded_down(full, cap):
    assert appraisal.excellent_cap(full) == cap


def test_who_takes_part(db, branch_id, ids):
    info = started(db, branch_id, ids)
    assert [p.name for p in info.graded] == list(FULL)
    assert [p.name for p in info.probationary] == ["吴预备"]
    assert [(p.name, p.reason) for p in info.excluded] == [("郑卧床", "长期卧床，经支部委员会同意")]
    names = {p.name for p in info.participants}
    assert not names & {"冯群众", "陈已故", "外支部"}  # no party member, left, other branch
    assert (info.cap, info.done, info.held_on) == (2, False, HELD)


def test_a_second_appraisal_in_the_same_year_is_refused(db, branch_id, ids):
    started(db, branch_id, ids)
    with db.session() as s, pytest.raises(InputError, match="2026年度的民主评议党员已经开始.*每年只评议一次"):
        appraisal.start_appraisal(s, branch_id, YEAR, date(2026, 12, 20))
    with db.session() as s:  # the next year's is another matter
        appraisal.start_appraisal(s, branch_id, 2027, date(2028, 1, 15))
        assert appraisal.appraisal_years(s, branch_id) == [2027, 2026]


def test_a_date_far_from_the_year_is_refused(db, branch_id, ids):
    with db.session() as s, pytest.raises(InputError, match="应在2026年或2027年初举行"):
        appraisal.start_appraisal(s, branch_id, YEAR, date(2028, 1, 5))


def test_seven_full_members_may_have_two_excellent_and_the_third_is_refused(db, branch_id, ids):
    started(db, branch_id, ids)
    _grade(db, branch_id, ids["张建国"], "优秀")
    _grade(db, branch_id, ids["李明"], "优秀")
    with pytest.raises(InputError) as refused:
        _grade(db, branch_id, ids["王芳"], "优秀")
    assert "优秀已有 2 人，参评正式党员 7 人，最多 2 人" in str(refused.value)
    _grade(db, branch_id, ids["张建国"], "优秀")  # the same grade again is no new 优秀
    _grade(db, branch_id, ids["张建国"], "合格")  # one freed: now 王芳 may have it
    _grade(db, branch_id, ids["王芳"], "优秀")
    assert _info(db, branch_id).counts == {"优秀": 2, "合格": 1, "基本合格": 0, "不合格": 0}


def test_two_full_members_may_have_no_excellent(db, branch_id):
    ids = branch_with_members(db, branch_id, full=("张建国", "李明"))
    started(db, branch_id, ids)
    with pytest.raises(InputError, match="优秀已有 0 人，参评正式党员 2 人，最多 0 人"):
        _grade(db, branch_id, ids["张建国"], "优秀")
    assert _grade(db, branch_id, ids["张建国"], "合格").grade == "合格"


def test_probationary_excused_and_strangers_get_no_grade(db, branch_id, ids):
    started(db, branch_id, ids)
    refusals = {
        "吴预备": "吴预备是预备党员：参加民主评议，但不评定等次",
        "郑卧床": "郑卧床没有参加2026年的民主评议（长期卧床，经支部委员会同意）",
        "冯群众": "冯群众不是党员，不参加民主评议",
        "陈已故": "陈已故不在2026年民主评议时的花名册上",
        "外支部": "外支部不在2026年民主评议时的花名册上",
    }
    for name, words in refusals.items():
        with pytest.raises(InputError) as refused:
            _grade(db, branch_id, ids[name], "合格")
        assert words in str(refused.value), name
    with pytest.raises(InputError, match="预备党员"):
        _votes(db, branch_id, ids["吴预备"], {"合格": 8})
    with db.session() as s:
        assert s.scalars(select(AppraisalMember.grade).where(
            AppraisalMember.grade.is_not(None))).all() == []


def test_a_member_added_after_the_start_is_taken_in_by_an_update(db, branch_id, ids):
    from tests.unit.appraisal_data import member

    started(db, branch_id, ids)
    with db.session() as s:
        late = member(s, branch_id, "后来者", 99)
    with pytest.raises(InputError, match="后来者不在2026年民主评议的名单上"):
        _grade(db, branch_id, late, "合格")
    with db.session() as s:
        info = appraisal.update_participants(s, branch_id, YEAR)
    assert info.graded[-1].name == "后来者" and len(info.graded) == 8  # 优秀 ≤ 2 still
    assert [p.name for p in info.excluded] == ["郑卧床"]  # the exclusions kept
    assert _grade(db, branch_id, late, "合格").grade == "合格"


def test_an_update_never_drops_a_member_already_graded(db, branch_id, ids):
    started(db, branch_id, ids)
    _grade(db, branch_id, ids["李明"], "合格")
    with db.session() as s, pytest.raises(InputError, match="李明已经录入了票数或等次"):
        appraisal.update_participants(s, branch_id, YEAR, excluded={ids["李明"]: "住院"})
    assert [p.name for p in _info(db, branch_id).excluded] == ["郑卧床"]


def test_votes_must_add_up_to_the_ballots_returned(db, branch_id, ids):
    started(db, branch_id, ids, returned=8)
    with pytest.raises(InputError) as refused:
        _votes(db, branch_id, ids["张建国"], {"优秀": 3, "合格": 4})
    assert str(refused.value) == ("张建国的票数合计 7 张（优秀 3、合格 4、基本合格 0、不合格 0），"
                                  "应等于收回的选票 8 张")
    with pytest.raises(InputError, match="合计 9 张"):
        _votes(db, branch_id, ids["张建国"], {"优秀": 3, "合格": 6})
    got = _votes(db, branch_id, ids["张建国"], {"优秀": 3, "合格": 5})
    assert (got.votes, got.total) == ((3, 5, 0, 0), 8)
    with pytest.raises(InputError, match="不能是负数"):
        _votes(db, branch_id, ids["李明"], {"优秀": -1, "合格": 9})
    with pytest.raises(InputError, match="没有“良好”这个等次"):
        _votes(db, branch_id, ids["李明"], {"良好": 8})
    assert _votes(db, branch_id, ids["张建国"], None).votes is None  # cleared
    info = _info(db, branch_id)
    assert len(info.uncounted) == 7


def test_votes_need_the_ballots_returned_which_then_stay(db, branch_id, ids):
    started(db, branch_id, ids, returned=None)
    with pytest.raises(InputError, match="请先填写收回的选票张数"):
        _votes(db, branch_id, ids["张建国"], {"合格": 8})
    with db.session() as s, pytest.raises(InputError, match="不能多于发出的"):
        appraisal_votes.set_ballots(s, branch_id, YEAR, 8, 9)
    with db.session() as s:
        appraisal_votes.set_ballots(s, branch_id, YEAR, 9, 8)
    _votes(db, branch_id, ids["张建国"], {"合格": 8})
    with db.session() as s, pytest.raises(InputError, match="已经按收回 8 张录入了票数"):
        appraisal_votes.set_ballots(s, branch_id, YEAR, 9, 7)
    with db.session() as s:  # the ones issued may still be corrected
        assert appraisal_votes.set_ballots(s, branch_id, YEAR, 10, 8).ballots_issued == 10


def test_results_counts_failed_for_follow_up_and_done(db, branch_id, ids):
    started(db, branch_id, ids)
    grades = dict(zip(FULL, ("优秀", "优秀", "合格", "合格", "合格", "基本合格", "不合格")))
    for name, grade in grades.items():
        assert not _info(db, branch_id).done
        _grade(db, branch_id, ids[name], grade)
    with db.session() as s:
        appraisal_votes.set_follow_up(s, branch_id, YEAR, ids["周桂兰"], "支部书记谈话，限期三个月改正")
        info = appraisal.appraisal_of(s, branch_id, YEAR)
        check = appraisal.appraisal_check(s, branch_id, YEAR)
        before = appraisal.appraisal_check(s, branch_id, 2025)
    assert info.counts == {"优秀": 2, "合格": 3, "基本合格": 1, "不合格": 1}
    assert [(p.name, p.follow_up) for p in info.failed] == [("周桂兰", "支部书记谈话，限期三个月改正")]
    assert info.done and check == {"appraisal": {"done": True}}
    assert before == {"appraisal": {"done": False}}
    data = info.to_json()
    assert (data["full_members"], data["probationary"], data["excluded"], data["excellent_cap"]) \
        == (7, 1, 1, 2)


def test_a_member_s_grades_stay_with_their_years(db, branch_id, ids):
    started(db, branch_id, ids)
    _grade(db, branch_id, ids["李明"], "合格")
    with db.session() as s:
        appraisal.start_appraisal(s, branch_id, 2027, date(2027, 12, 5))
    _grade(db, branch_id, ids["李明"], "优秀", year=2027)
    with db.session() as s:
        assert appraisal.member_grades(s, ids["李明"]) == [(2027, "优秀"), (2026, "合格")]
        assert appraisal.member_grades(s, ids["吴预备"]) == []


def test_a_grade_change_is_in_the_member_s_history(db, branch_id, ids):
    started(db, branch_id, ids)
    _grade(db, branch_id, ids["李明"], "合格")
    _grade(db, branch_id, ids["李明"], "基本合格")
    with db.session() as s:
        entries = s.scalars(select(AuditEntry).where(
            AuditEntry.member_id == ids["李明"], AuditEntry.field == "评定等次")
            .order_by(AuditEntry.id)).all()
    assert [(e.entity, e.old, e.new) for e in entries] == [
        ("appraisal_member", "", "合格"), ("appraisal_member", "合格", "基本合格")]


def test_nothing_before_the_appraisal_starts(db, branch_id, ids):
    with pytest.raises(InputError, match="2026年的民主评议党员还没有开始"):
        _grade(db, branch_id, ids["李明"], "合格")
    assert _info(db, branch_id) is None


def test_an_empty_roster_cannot_start(db, branch_id):
    with db.session() as s, pytest.raises(InputError, match="花名册上没有党员"):
        appraisal.start_appraisal(s, branch_id, YEAR, HELD)
    assert _info(db, branch_id) is None
