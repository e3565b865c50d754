"""Hospital follow-up from the audit log (住院 → visit; 出院 → contact within a week) and the
quarterly contact of 80+ and 独居 members, shown among the due visits without changing the
care list's own states and counts."""

from datetime import date, datetime, time

from sqlalchemy import select

from app.models import Attendance, AuditEntry, Member, StudyEvent
from app.services import care
from app.services.care_calendar import follow_up
from tests.unit.care_data import member, visit

TODAY = date(2026, 11, 20)  # the fourth quarter: 1 October – 31 December


def set_mobility(db, member_id: int, word: str, on: date) -> None:
    """Change 身体状况 as the member window does (the audit hook writes the entry), then date
    the entry `on` — the day the secretary typed it in."""
    with db.session() as s:
        s.get(Member, member_id).mobility = word
    with db.session() as s:
        entry = s.scalars(select(AuditEntry).where(
            AuditEntry.member_id == member_id, AuditEntry.field == "身体状况")
            .order_by(AuditEntry.id.desc())).first()
        assert (entry.old, entry.new) != ("", "") and entry.new == word
        entry.at = datetime.combine(on, time(9, 30))


def ups(db, branch_id, today=TODAY):
    with db.session() as s:
        return {m: [(f.kind, f.why, f.late) for f in found]
                for m, found in follow_up.follow_ups(s, branch_id, today).items()}


def test_admission_and_discharge_dates_come_from_the_audit_log(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "甲", "行动不便", birth_date=date(1950, 1, 1))
    set_mobility(db, a, "住院", date(2026, 10, 3))
    set_mobility(db, a, "行动不便", date(2026, 10, 20))
    set_mobility(db, a, "住院", date(2026, 11, 2))
    with db.session() as s:
        assert follow_up.hospital_stays(s, branch_id)[a] == follow_up.Stay(date(2026, 11, 2), None)
    set_mobility(db, a, "卧床", date(2026, 11, 12))
    with db.session() as s:
        assert follow_up.hospital_stays(s, branch_id)[a] == follow_up.Stay(
            date(2026, 11, 2), date(2026, 11, 12))


def test_a_member_in_hospital_is_due_until_visited_after_admission(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "甲", "行动不便", birth_date=date(1950, 1, 1))
        visit(s, a, date(2026, 11, 1))  # the day before: does not count
    set_mobility(db, a, "住院", date(2026, 11, 2))
    assert ups(db, branch_id, date(2026, 11, 2)) == {
        a: [("住院探望", "11月02日住院，还没有探望", False)]}
    assert ups(db, branch_id, date(2026, 11, 12))[a] == [
        ("住院探望", "11月02日住院，还没有探望（已 10 天）", True)]
    with db.session() as s:
        visit(s, a, date(2026, 11, 2))  # visited on admission
    assert ups(db, branch_id, date(2026, 11, 12)) == {}


def test_after_discharge_a_contact_within_a_week(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "甲", "住院", birth_date=date(1950, 1, 1))
    set_mobility(db, a, "行动自如", date(2026, 11, 10))
    assert ups(db, branch_id, date(2026, 11, 10))[a] == [
        ("出院回访", "11月10日出院，请在11月17日前联系", False)]
    assert ups(db, branch_id, date(2026, 11, 17))[a][0][2] is False  # the 7th day: in time
    assert ups(db, branch_id, date(2026, 11, 18))[a] == [
        ("出院回访", "11月10日出院，应在11月17日前联系，已过期", True)]
    assert ups(db, branch_id, date(2026, 12, 11)) == {}  # 31 days on: no longer shown
    with db.session() as s:  # a study day the member came to is a contact
        event = StudyEvent(branch_id=branch_id, date=date(2026, 11, 12), kind="集中学习日",
                           topic="十一月学习")
        s.add(event)
        s.flush()
        s.add(Attendance(event_id=event.id, member_id=a, mark="出席"))
    assert ups(db, branch_id, date(2026, 11, 18)) == {}


def test_80_and_older_and_living_alone_are_contacted_each_quarter(db, branch_id):
    with db.session() as s:
        old = member(s, branch_id, "八十", "行动自如", birth_date=date(1946, 11, 20))
        young = member(s, branch_id, "七十九", "行动自如", birth_date=date(1946, 11, 21))
        alone = member(s, branch_id, "独居", "行动自如", birth_date=date(1960, 1, 1),
                       living="独居")
        seen = member(s, branch_id, "已联系", "行动自如", birth_date=date(1930, 1, 1))
        visit(s, seen, date(2026, 10, 1))  # the quarter's first day
        last_q = member(s, branch_id, "上季度", "行动自如", birth_date=date(1930, 1, 1))
        visit(s, last_q, date(2026, 9, 30))
    got = ups(db, branch_id)
    assert got == {
        old: [("季度联系", "本季度还没有联系（80岁及以上），请在12月31日前", False)],
        alone: [("季度联系", "本季度还没有联系（独居），请在12月31日前", False)],
        last_q: [("季度联系", "本季度还没有联系（80岁及以上），请在12月31日前", False)]}
    assert young not in got


def test_the_due_list_adds_follow_ups_and_keeps_the_care_counts(db, branch_id):
    with db.session() as s:
        late = member(s, branch_id, "逾期", "卧床", sort_order=1)
        visit(s, late, date(2026, 10, 1))
        fresh = member(s, branch_id, "刚走访", "卧床", sort_order=2)
        visit(s, fresh, date(2026, 11, 15))
        member(s, branch_id, "高龄", "行动自如", birth_date=date(1940, 1, 1), sort_order=3)
        member(s, branch_id, "年轻", "行动自如", birth_date=date(1960, 1, 1), sort_order=4)
        before = care.visit_counts(s, branch_id, TODAY)
    set_mobility(db, fresh, "住院", date(2026, 11, 18))
    with db.session() as s:
        due = follow_up.due_visits(s, branch_id, TODAY)
        after = care.visit_counts(s, branch_id, TODAY)
        states = care.care_list(s, branch_id, TODAY)
    assert after == before and (after.overdue, after.due_soon, after.on_list) == (1, 0, 2)
    assert [r.state for r in states] == ["已逾期", "未到期"]  # the rhythm itself is unchanged
    assert [(d.row.name, d.row.state, d.on_care_list) for d in due] == [
        ("逾期", "已逾期", True), ("刚走访", "须联系", True), ("高龄", "须联系", False)]
    why = {d.row.name: d.why for d in due}
    assert why["逾期"] == "超过周期 20 天（每 30 天一次）"
    assert why["刚走访"] == "11月18日住院，还没有探望（已 2 天）"
    assert why["高龄"].startswith("本季度还没有联系（80岁及以上）")
    assert due[1].row.state_label == "◆ 须联系" and due[2].row.reason == "不在关怀名单"
    assert follow_up.contact_count(due) == 2
