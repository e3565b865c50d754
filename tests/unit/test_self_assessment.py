"""支部自评: each item the program judges, on a hand-built year, at full, partial and zero; the
secretary's scores; the total and the stars (spec/year-end.md). Scores are in tenths."""

from datetime import date

import pytest

from app.errors import InputError
from app.services import dues
from app.services.attendance import record_attendance
from app.services.orglife import appraisal, appraisal_votes
from app.services.yearend import honours as hon
from app.services.yearend.self_assessment import assessment_of, set_score
from tests.unit.assessment_data import TODAY, YEAR, item, meet, people
from tests.unit.orglife_data import talk, visit


@pytest.mark.parametrize("months,score", [(12, 60), (9, 30), (3, 0)])
def test_theme_days_n_of_12(db, branch_id, months, score):
    with db.session() as s:
        for m in range(1, months + 1):
            meet(s, branch_id, "主题党日", date(YEAR, m, 10))
        meet(s, branch_id, "主题党日", date(YEAR, 1, 20))  # two in a month count once
    got, evidence, by = item(db, branch_id, "4.1")
    assert (got, by) == (score, "程序") and evidence == f"主题党日 {months}/12"


@pytest.mark.parametrize("quarters,score", [(4, 40), (3, 20), (1, 0)])
def test_party_congress_and_lectures_n_of_4(db, branch_id, quarters, score):
    with db.session() as s:
        for q in range(quarters):
            meet(s, branch_id, "支部党员大会", date(YEAR, 3 * q + 2, 5))
            meet(s, branch_id, "党课", date(YEAR, 3 * q + 2, 6))
    assert item(db, branch_id, "4.2")[:2] == (score, f"党员大会 {quarters}/4")
    assert item(db, branch_id, "4.3")[:2] == (score, f"党课 {quarters}/4")


def test_life_meeting_held_or_not(db, branch_id):
    assert item(db, branch_id, "6.1")[:2] == (0, "组织生活会 未召开")
    with db.session() as s:
        meet(s, branch_id, "组织生活会", date(YEAR, 12, 20))
    assert item(db, branch_id, "6.1")[:2] == (50, "组织生活会 已召开（2025-12-20）")


def test_appraisal_not_held_started_and_done(db, branch_id):
    with db.session() as s:
        ids = people(s, branch_id, 3)
    assert item(db, branch_id, "3.1")[:2] == (0, "民主评议 未开展")
    with db.session() as s:
        appraisal.start_appraisal(s, branch_id, YEAR, date(YEAR, 12, 10))
    score, evidence, _by = item(db, branch_id, "3.1")
    assert score == 25 and evidence == "民主评议 已开始，还有 3 人未评定等次"
    with db.session() as s:
        for member_id in ids:
            appraisal_votes.set_grade(s, branch_id, YEAR, member_id, "合格")
    assert item(db, branch_id, "3.1")[:2] == (50, "民主评议 已完成（2025-12-10）")


@pytest.mark.parametrize("talked,score,shown", [(10, 50, "100 %"), (8, 25, "80 %"),
                                                 (5, 0, "50 %")])
def test_talks_coverage(db, branch_id, talked, score, shown):
    with db.session() as s:
        ids = people(s, branch_id, 10)
        for member_id in ids[:talked]:
            talk(s, branch_id, member_id, date(YEAR, 6, 1))
    assert item(db, branch_id, "2.2")[:2] == (score, f"谈心谈话覆盖 {shown}（{talked}/10人）")


@pytest.mark.parametrize("present,score", [(8, 60), (6, 30), (4, 0)])
def test_attendance_rate_of_the_year(db, branch_id, present, score):
    with db.session() as s:
        ids = people(s, branch_id, 10)
        event = meet(s, branch_id, "集中学习日", date(YEAR, 4, 8))
        for member_id in ids[:present]:
            record_attendance(s, event, member_id, "出席")
    score_got, evidence, _by = item(db, branch_id, "4.4")
    assert score_got == score
    assert evidence == f"全年出勤率 {present * 10} %（出席 {present}/应参学 10人次）"


@pytest.mark.parametrize("visited,score", [(5, 50), (4, 25), (2, 0)])
def test_homebound_visits_coverage(db, branch_id, visited, score):
    with db.session() as s:
        ids = people(s, branch_id, 5, prefix="不便", mobility="行动不便")
        people(s, branch_id, 3)
        for member_id in ids[:visited]:
            visit(s, member_id, date(YEAR, 9, 1), purposes=("送学上门",))
    assert item(db, branch_id, "3.2")[:2] == (
        score, f"行动不便党员走访覆盖 {visited * 20} %（{visited}/5人）")


def test_no_homebound_member_loses_nothing(db, branch_id):
    with db.session() as s:
        people(s, branch_id, 3)
    assert item(db, branch_id, "3.2")[:2] == (50, "没有行动不便党员，不扣分")


@pytest.mark.parametrize("paid,score", [(10, 50), (9, 25), (5, 0)])
def test_dues_on_time(db, branch_id, paid, score):
    with db.session() as s:
        ids = people(s, branch_id, 10)
        for member_id in ids:
            dues.set_base(s, member_id, YEAR, "2000", today=TODAY)
        for member_id in ids[:paid]:
            dues.record_payment(s, member_id, f"{YEAR}-01..{YEAR}-06", "60.00",
                                paid_on=date(YEAR, 1, 5), today=TODAY)
            dues.record_payment(s, member_id, f"{YEAR}-07..{YEAR}-12", "60.00",
                                paid_on=date(YEAR, 7, 5), today=TODAY)
    got, evidence, by = item(db, branch_id, "3.3")
    assert (got, by) == (score, "程序")
    assert evidence == f"党费按时交纳率 {paid * 10} %（{paid}/10人）"


def test_without_dues_in_the_program_the_secretary_scores_it(db, branch_id):
    with db.session() as s:
        people(s, branch_id, 3)
    score, evidence, by = item(db, branch_id, "3.3")
    assert (score, by) == (None, "书记") and "没有党费记录" in evidence
    with db.session() as s:
        set_score(s, branch_id, YEAR, "3.3", "4", "党费交纳登记在纸质台账上", today=TODAY)
    assert item(db, branch_id, "3.3") == (40, "党费交纳登记在纸质台账上", "书记")


@pytest.mark.parametrize("written,score", [(5, 50), (4, 25), (2, 0)])
def test_minutes_for_every_meeting(db, branch_id, written, score):
    with db.session() as s:
        for n in range(5):
            meet(s, branch_id, "支委会", date(YEAR, n + 1, 3), minutes=n < written)
        meet(s, branch_id, "支委会", date(YEAR + 1, 1, 3))  # next year: not counted
    got, evidence, _by = item(db, branch_id, "6.2")
    assert got == score
    if written == 5:
        assert evidence == "台账齐全（5 次会议都有记录）"
    else:
        assert evidence.startswith(f"会议记录 {written}/5，缺")


@pytest.mark.parametrize("count,score", [(2, 50), (1, 25), (0, 0)])
def test_honours_of_the_year(db, branch_id, count, score):
    with db.session() as s:
        for n in range(count):
            hon.add_honour(s, branch_id, YEAR, ("五好支部", "示范点")[n], "县", today=TODAY)
    got, evidence, _by = item(db, branch_id, "5.2")
    assert got == score
    assert evidence.startswith(f"荣誉 {count} 项") if count else evidence == "本年没有登记荣誉"


def test_hand_scores_total_and_stars(db, branch_id):
    with db.session() as s:
        before = assessment_of(s, branch_id, YEAR, TODAY)
        hand = [i for i in before.items if i.editable]
        for i in hand:
            set_score(s, branch_id, YEAR, i.code, str(i.points / 10), "落实到位", today=TODAY)
        after = assessment_of(s, branch_id, YEAR, TODAY)
    assert before.unscored and not after.unscored
    assert after.total == before.total + sum(i.points for i in hand)
    assert after.stars == after.checklist.stars_for(after.total)
    data = after.to_json()
    assert set(data) == {"branch", "year", "total", "max", "stars", "items"}
    assert set(data["items"][0]) == {"area", "item", "points", "score", "evidence", "by"}


def test_a_score_is_refused_above_its_points_or_on_a_program_item(db, branch_id):
    with db.session() as s:
        with pytest.raises(InputError, match="0 到 5 分之间"):
            set_score(s, branch_id, YEAR, "1.1", "5.5", today=TODAY)
        with pytest.raises(InputError, match="最多只能有一位小数"):
            set_score(s, branch_id, YEAR, "1.1", "4.25", today=TODAY)
        with pytest.raises(InputError, match="由程序按数据评分"):
            set_score(s, branch_id, YEAR, "4.1", "6", today=TODAY)
        with pytest.raises(InputError, match="没有"):
            set_score(s, branch_id, YEAR, "9.9", "1", today=TODAY)
        set_score(s, branch_id, YEAR, "1.1", "4.5", "换届按期", today=TODAY)
        cleared = set_score(s, branch_id, YEAR, "1.1", "", today=TODAY)
    assert cleared.score is None and cleared.evidence == "未评分"


def test_a_future_year_is_refused(db, branch_id):
    with db.session() as s, pytest.raises(InputError, match="年度"):
        assessment_of(s, branch_id, 2027, TODAY)
