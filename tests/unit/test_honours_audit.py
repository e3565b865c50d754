"""评先评优 is in the audit log like the rest of a member's record: an honour recorded, corrected
or deleted, a contest score corrected, the recommendation's outcome — who, when, old → new."""

from datetime import date

from sqlalchemy import select

from app.models import AuditEntry
from app.storage import audit
from app.services.yearend import contests as con
from app.services.yearend import honours as hon
from tests.unit.dues_data import member

TODAY = date(2026, 12, 1)


def _history(db, member_id):
    with db.session() as s:
        return audit.member_history(s, member_id)


def test_an_honour_recorded_corrected_and_deleted_is_in_the_member_s_history(db, branch_id):
    with db.session() as s:
        mid = member(s, branch_id, "张建国")
    db.user_name = "王书记"
    with db.session() as s:
        hid = hon.add_honour(s, branch_id, 2026, "优秀共产党员", "乡镇", mid, "城关镇党委",
                             today=TODAY).id
    with db.session() as s:
        hon.update_honour(s, hid, 2026, "优秀共产党员", "县", mid, "县委", today=TODAY)
    with db.session() as s:
        hon.remove_honour(s, hid)
    rows = [r for r in _history(db, mid) if r.what == "荣誉"]
    assert [r.action for r in rows] == ["删除", "修改", "修改", "新增"]
    changed = {r.field: (r.old, r.new) for r in rows if r.action == "修改"}
    assert changed == {"级别": ("乡镇", "县"), "授予单位": ("城关镇党委", "县委")}
    assert "荣誉名称：优秀共产党员" in rows[-1].new and "级别：乡镇" in rows[-1].new
    assert "授予单位：县委" in rows[0].old  # what was deleted can be read back
    assert {r.user for r in rows} == {"王书记"}


def test_a_corrected_quiz_score_reads_in_points(db, branch_id):
    with db.session() as s:
        mid = member(s, branch_id, "李明")
        quiz = con.add_contest(s, branch_id, "党史知识竞答", "知识竞答", held_on=date(2026, 7, 20),
                               today=TODAY).id
        entry = con.add_entry(s, quiz, mid, result="二等奖", score="95.5").id
    with db.session() as s:
        con.update_entry(s, entry, result="一等奖", score="98")
    rows = [r for r in _history(db, mid) if r.what == "参赛成绩"]
    changed = {r.field: (r.old, r.new) for r in rows if r.action == "修改"}
    assert changed == {"成绩": ("95.5", "98"), "结果": ("二等奖", "一等奖")}
    assert "成绩：95.5" in rows[-1].new
    with db.session() as s:  # the contest itself, a branch's record, is logged too
        kinds = s.scalars(select(AuditEntry.entity).where(AuditEntry.entity_id == quiz)).all()
    assert "contest" in kinds


def test_the_recommendation_and_its_outcome_are_logged(db, branch_id):
    with db.session() as s:
        mid = member(s, branch_id, "王芳")
        hon.add_study_model(s, branch_id, 2026, mid, today=TODAY)
        hon.recommend(s, branch_id, 2026, mid, "十年送学上门", on=date(2026, 11, 2), today=TODAY)
    with db.session() as s:
        hon.set_outcome(s, branch_id, 2026, "当选", today=TODAY)
    rows = [r for r in _history(db, mid) if r.what == "推荐市十佳"]
    assert ("修改", "评选结果", "待评", "当选") in [(r.action, r.field, r.old, r.new) for r in rows]
