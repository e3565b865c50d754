"""Every change to a member, attendance, hand-out or visit is written down: who, when, old → new."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.models import AuditEntry
from app.storage import audit
from app.services.members import MemberInput, add_member, member_input, set_status, update_member


def _member(db, branch_id, name="张建国", phone="13800000001"):
    with db.session() as s:
        return add_member(s, branch_id, MemberInput(name=name, phone=phone))


def _count(db):
    with db.session() as s:
        return s.scalar(select(func.count(AuditEntry.id)))


def test_changing_a_phone_number_records_who_when_and_old_to_new(db, branch_id):
    mid = _member(db, branch_id)
    db.user_name = "王书记"
    with db.session() as s:
        data = member_input(s, mid)
        data.phone = "13900000002"
        update_member(s, mid, data)
    with db.session() as s:
        history = audit.member_history(s, mid)
    change = history[0]
    assert (change.what, change.action, change.field) == ("党员信息", "修改", "联系电话")
    assert (change.old, change.new, change.user) == ("13800000001", "13900000002", "王书记")
    assert history[-1].action == "新增" and history[-1].new == "张建国"
    assert len(history) == 2  # the unchanged fields are not listed


def test_a_change_that_fails_leaves_no_audit_entry(db, branch_id):
    mid = _member(db, branch_id)
    before = _count(db)
    with pytest.raises(RuntimeError), db.session() as s:
        data = member_input(s, mid)
        data.phone = "13900000002"
        update_member(s, mid, data)
        raise RuntimeError("power cut before commit")
    assert _count(db) == before
    with db.session() as s:
        assert member_input(s, mid).phone == "13800000001"


def test_status_change_is_in_the_history(db, branch_id):
    mid = _member(db, branch_id)
    with db.session() as s:
        set_status(s, mid, "去世", date(2025, 3, 1))
    with db.session() as s:
        fields = {(h.field, h.new) for h in audit.member_history(s, mid)}
    assert ("状态", "去世") in fields and ("状态日期", "2025-03-01") in fields


def test_attendance_marks_and_their_changes_are_recorded(db, branch_id):
    from app.services import attendance, study_events

    mid = _member(db, branch_id)
    with db.session() as s:
        eid = study_events.create_event(s, branch_id, study_events.EventInput(
            date=date(2025, 3, 5), topic="学习"))
    with db.session() as s:
        attendance.record_attendance(s, eid, mid, "请假", "生病")
    with db.session() as s:
        attendance.record_attendance(s, eid, mid, "出席", None)
    with db.session() as s:
        rows = [h for h in audit.member_history(s, mid) if h.what == "出勤"]
    assert ("修改", "出勤", "请假", "出席") in {(h.action, h.field, h.old, h.new) for h in rows}
    assert any(h.action == "新增" and "请假" in h.new for h in rows)


def test_marking_hand_outs_delivered_records_each_copy(db, branch_id):
    from app.services import handouts, issuing, materials

    mid = _member(db, branch_id)
    with db.session() as s:
        mat = materials.add_material(s, branch_id, materials.MaterialInput(
            title="银潮", kind="期刊", period="2025年第3期"))
        issuing.issue_material(s, branch_id, mat, issuing.Recipients(kind="members", member_ids=[mid]),
                               issued_date=date(2025, 3, 5), method="送学上门")
        ids = [r.handout_id for r in materials.pending_handouts(s, branch_id)]
    with db.session() as s:
        handouts.mark_delivered(s, ids, date(2025, 3, 9))
    with db.session() as s:
        rows = [h for h in audit.member_history(s, mid) if h.what == "资料发放"]
    changes = {(h.field, h.old, h.new) for h in rows if h.action == "修改"}
    assert ("状态", "待送达", "已送达") in changes and ("送达日期", "", "2025-03-09") in changes
    assert any(h.action == "新增" for h in rows)


def test_a_visit_is_recorded(db, branch_id):
    from app.services import visits

    mid = _member(db, branch_id)
    with db.session() as s:
        visits.record_visit(s, visits.VisitInput(member_id=mid, date=date(2025, 3, 9),
                                                 visitor_name="王书记", purposes=["谈心谈话"]),
                            today=date(2025, 3, 10))
    with db.session() as s:
        rows = [h for h in audit.member_history(s, mid) if h.what == "走访"]
    assert rows and rows[0].action == "新增" and "谈心谈话" in rows[0].new


def test_an_export_with_full_id_numbers_is_logged(db):
    db.user_name = "王书记"
    with db.session() as s:
        audit.log_export(s, "花名册", "/tmp/x.xlsx", 80)
    with db.session() as s:
        row = s.execute(select(AuditEntry).where(AuditEntry.entity == "export")).scalar_one()
    assert (row.user, row.action) == ("王书记", "导出") and "80 人" in row.new
