"""评先评优's contests: entries per member with a result, a quiz's score in tenths (one decimal
at most, within the full marks), and the year's entries as plain data."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.models import Contest, ContestEntry
from app.services.yearend import contests as con
from app.services.yearend.honour_checks import score_tenths_of, score_text
from app.services.yearend.honour_figures import (
    contest_entries_of_year, entries_of_member, honour_counts,
)
from tests.unit.dues_data import member

TODAY = date(2026, 12, 1)


@pytest.fixture
def people(db, branch_id):
    with db.session() as s:
        ids = {n: member(s, branch_id, n, sort_order=i) for i, n in
               enumerate(("张建国", "李明", "王芳"))}
        ids["赵群众"] = member(s, branch_id, "赵群众", is_party_member=False, sort_order=5)
        ids["孙故"] = member(s, branch_id, "孙故", status="去世", status_date=date(2025, 8, 2))
    return ids


@pytest.fixture
def quiz(db, branch_id):
    with db.session() as s:
        return con.add_contest(s, branch_id, "党史知识竞答", "知识竞答", held_on=date(2026, 7, 20),
                               organiser="市委老干部局", today=TODAY).id


def count(db, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("typed, tenths", [
    ("95.5", 955), ("95", 950), (100, 1000), ("0", 0), ("88.0", 880), ("  72.5分 ", 725),
    ("", None), (None, None),
])
def test_a_score_is_kept_in_tenths(typed, tenths):
    assert score_tenths_of(typed, 100) == tenths
    assert score_text(tenths) == ("" if tenths is None else f"{tenths / 10:g}")


@pytest.mark.parametrize("typed, words", [
    ("95.55", "最多一位小数"), ("100.5", "应在 0 到 100 分之间"), ("-1", "应在 0 到 100 分之间"),
    ("九十", "不是数字"), ("nan", "不是数字"), ("1e3", "应在 0 到 100"),
])
def test_a_score_with_two_decimals_or_out_of_range_is_refused(db, people, quiz, typed, words):
    with pytest.raises(InputError, match=words), db.session() as s:
        con.add_entry(s, quiz, people["李明"], score=typed)
    assert count(db, ContestEntry) == 0


def test_entries_of_the_year_in_contest_order_with_scores_and_prizes(db, branch_id, people, quiz):
    with db.session() as s:
        essay = con.add_contest(s, branch_id, "喜迎国庆征文", "征文", held_on=date(2026, 9, 10),
                                today=TODAY).id
        con.add_entry(s, quiz, people["王芳"], result="一等奖", score="98.5")
        con.add_entry(s, quiz, people["李明"], result="参与", score=76)
        con.add_entry(s, essay, people["赵群众"], "我的入党故事", "优秀奖")
        con.add_contest(s, branch_id, "去年的征文", "征文", 2025, today=TODAY)
        rows = contest_entries_of_year(s, branch_id, 2026)
        counts = honour_counts(s, branch_id, 2026)
        listed = con.contests_of_year(s, branch_id, 2026)
    assert [(e.contest, e.name, e.result, e.score, e.prized) for e in rows] == [
        ("党史知识竞答", "李明", "参与", "76", False), ("党史知识竞答", "王芳", "一等奖", "98.5", True),
        ("喜迎国庆征文", "赵群众", "优秀奖", "", True)]
    assert rows[2].title == "我的入党故事"
    assert [(c.name, c.entries, c.prized) for c in listed] == [("党史知识竞答", 2, 1),
                                                              ("喜迎国庆征文", 1, 1)]
    assert (counts.contests, counts.entries, counts.entrants, counts.prized) == (2, 3, 3, 2)


def test_a_score_for_an_essay_is_refused(db, branch_id, people):
    with db.session() as s:
        essay = con.add_contest(s, branch_id, "征文", "征文", 2026, today=TODAY).id
    with pytest.raises(InputError, match="只有知识竞答登记分数"), db.session() as s:
        con.add_entry(s, essay, people["李明"], score="90")
    assert count(db, ContestEntry) == 0


def test_a_member_enters_a_contest_once_and_the_entry_is_corrected(db, people, quiz):
    with db.session() as s:
        first = con.add_entry(s, quiz, people["李明"], score="80")
    with pytest.raises(InputError, match="李明参加“党史知识竞答”已经登记过了"), db.session() as s:
        con.add_entry(s, quiz, people["李明"], score="90")
    with db.session() as s:
        fixed = con.update_entry(s, first.id, result="二等奖", score="90.5")
    assert (fixed.result, fixed.score_tenths) == ("二等奖", 905)
    assert count(db, ContestEntry) == 1
    with db.session() as s:
        assert [e.contest for e in entries_of_member(s, people["李明"])] == ["党史知识竞答"]


def test_someone_not_on_the_roster_that_year_cannot_enter(db, people, quiz):
    with pytest.raises(InputError, match="孙故已于2025-08-02去世，2026年不在本支部花名册上"), \
            db.session() as s:
        con.add_entry(s, quiz, people["孙故"], score="60")
    assert count(db, ContestEntry) == 0


@pytest.mark.parametrize("kw, words", [
    ({"name": " "}, "请填写活动名称"),
    ({"kind": "书法"}, "活动类别“书法”应为"),
    ({"year": 2026, "held_on": date(2025, 12, 30)}, "应在 2026-01-01 到 2026-12-31 之间"),
    ({"year": 2030}, "年度 2030 不对"),
    ({"full_marks": 0}, "满分应在 1 到 1000"),
])
def test_a_bad_contest_is_refused(db, branch_id, kw, words):
    args = {"name": "竞答", "kind": "知识竞答", **kw}
    with pytest.raises(InputError, match=words), db.session() as s:
        con.add_contest(s, branch_id, today=TODAY, **args)
    assert count(db, Contest) == 0


def test_a_contest_with_scores_keeps_its_kind_and_marks(db, people, quiz):
    with db.session() as s:
        con.add_entry(s, quiz, people["李明"], score="95")
    with pytest.raises(InputError, match="不能改为“征文”"), db.session() as s:
        con.update_contest(s, quiz, "党史知识竞答", "征文", 2026, today=TODAY)
    with pytest.raises(InputError, match="已有人得了 95 分，满分不能改为 50"), db.session() as s:
        con.update_contest(s, quiz, "党史知识竞答", "知识竞答", 2026, full_marks=50, today=TODAY)
    with pytest.raises(InputError, match="已有 1 人参加的记录"), db.session() as s:
        con.remove_contest(s, quiz)
    with db.session() as s:
        renamed = con.update_contest(s, quiz, "党史知识竞赛", "知识竞答", 2026,
                                     date(2026, 7, 21), "市委", 120, today=TODAY)
    assert (renamed.name, renamed.full_marks, renamed.held_on) == ("党史知识竞赛", 120,
                                                                   date(2026, 7, 21))


def test_a_quizs_entries_come_best_score_first_unscored_last(db, people, quiz):
    with db.session() as s:
        con.add_entry(s, quiz, people["张建国"], score="70")
        con.add_entry(s, quiz, people["李明"])
        con.add_entry(s, quiz, people["王芳"], score="88.5")
        con.add_entry(s, quiz, people["赵群众"], score="70")
        rows = con.entries_of_contest(s, quiz)
    assert [(e.name, e.score) for e in rows] == [("王芳", "88.5"), ("张建国", "70"),
                                                 ("赵群众", "70"), ("李明", "")]
