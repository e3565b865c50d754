"""Follow-ups shown among the due visits, beside each member's visit rhythm (care.care_list):

- 住院探望: a member whose 身体状况 is 住院 is to be visited on admission. The admission day is
  the day the audit log saw 身体状况 change to 住院 (the day it was typed in); a member entered
  already 住院 counts from the day they were entered. Done by any visit on or after that day.
- 出院回访: a member whose 身体状况 changed from 住院 to anything else is to be contacted within
  a week (the discharge day + 7, both counted). Done by a contact on or after the discharge
  day; shown for 30 days after the discharge, then the rhythm and the quarterly rule take over.
- 季度联系: members 80 or older, and members living alone (独居), are to be contacted at least
  once each calendar quarter; due from the quarter's first day until a contact in it.

A *contact* is a visit (a telephone call is recorded as a visit too) or a study event marked
出席 or 送学上门 — the branch saw the member or brought the material home. The audit log is the
source of the dates, so a change made before the log existed is not known: such a member is
counted from the day the program first saw them 住院.

`due_visits` is the due list of the 走访关怀 page: every care-list row with why it is due, and
members due only by a follow-up (state 须联系, ◆). The care list's own states and counts
(care.count_visits: 已逾期, 该走访, 关怀名单) are unchanged; 须联系 is counted apart.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app import member_fields
from app.dates import age_on, quarter_bounds
from app.models import Attendance, AuditEntry, Member, StudyEvent, Visit
from app.services import care
from app.services.care import CareRow
from app.vocab import STATUS_ACTIVE

HOSPITAL = "住院"
ALONE = "独居"
OLD_AGE = 80
DISCHARGE_CONTACT_DAYS = 7
DISCHARGE_SHOWN_DAYS = 30
CONTACT_MARKS = ("出席", "送学上门")
KIND_ADMITTED, KIND_DISCHARGED, KIND_QUARTER = "住院探望", "出院回访", "季度联系"
_MOBILITY_LABELS = (member_fields.label("mobility"), *member_fields.BY_ATTR["mobility"].formerly)


@dataclass(frozen=True)
class Stay:
    admitted: date | None
    discharged: date | None


@dataclass(frozen=True)
class FollowUp:
    kind: str  # KIND_ADMITTED / KIND_DISCHARGED / KIND_QUARTER
    why: str  # the sentence the list shows
    by: date  # the day it should be done by
    late: bool

    @property
    def urgent(self) -> bool:
        return self.kind != KIND_QUARTER


def hospital_stays(session: Session, branch_id: int) -> dict[int, Stay]:
    """Each member's latest stay in hospital as the audit log saw it: admitted when 身体状况
    became 住院, discharged when it changed from 住院 (None while still in)."""
    stays: dict[int, Stay] = {}
    rows = session.execute(
        select(AuditEntry.member_id, AuditEntry.at, AuditEntry.old, AuditEntry.new)
        .join(Member, Member.id == AuditEntry.member_id)
        .where(Member.branch_id == branch_id, AuditEntry.entity == "member",
               AuditEntry.action == "修改", AuditEntry.field.in_(_MOBILITY_LABELS))
        .order_by(AuditEntry.at, AuditEntry.id))
    for member_id, at, old, new in rows:
        if new == HOSPITAL and old != HOSPITAL:
            stays[member_id] = Stay(at.date(), None)
        elif old == HOSPITAL and new != HOSPITAL:
            before = stays.get(member_id)
            stays[member_id] = Stay(before.admitted if before else None, at.date())
    return stays


def _last_dates(session: Session, ids: list[int], today: date) -> tuple[dict, dict]:
    """({member: last visit}, {member: last contact (visit or 出席 / 送学上门)}), up to today."""
    visits = dict(session.execute(
        select(Visit.member_id, func.max(Visit.date))
        .where(Visit.member_id.in_(ids), Visit.date <= today).group_by(Visit.member_id)).all())
    seen = dict(session.execute(
        select(Attendance.member_id, func.max(StudyEvent.date))
        .join(StudyEvent, StudyEvent.id == Attendance.event_id)
        .where(Attendance.member_id.in_(ids), Attendance.mark.in_(CONTACT_MARKS),
               StudyEvent.date <= today).group_by(Attendance.member_id)).all())
    contacts = {m: max(d for d in (visits.get(m), seen.get(m)) if d)
                for m in set(visits) | set(seen)}
    return visits, contacts


def _since(last: date | None, day: date) -> bool:
    return last is not None and last >= day


def follow_ups(session: Session, branch_id: int, today: date) -> dict[int, list[FollowUp]]:
    """The follow-ups not yet done today, per member 在册 (see the module's rules)."""
    members = session.execute(
        select(Member.id, Member.mobility, Member.living, Member.birth_date, Member.created_at)
        .where(Member.branch_id == branch_id, Member.status == STATUS_ACTIVE,
               or_(Member.joined_date.is_(None), Member.joined_date <= today))).all()
    ids = [m.id for m in members]
    stays = hospital_stays(session, branch_id)
    visits, contacts = _last_dates(session, ids, today) if ids else ({}, {})
    q_start, q_end = quarter_bounds(today.year, (today.month - 1) // 3 + 1)
    out: dict[int, list[FollowUp]] = {}
    for m in members:
        stay = stays.get(m.id)
        found = []
        if m.mobility == HOSPITAL:
            admitted = min(today, stay.admitted if stay and stay.discharged is None
                           and stay.admitted else m.created_at.date())
            if not _since(visits.get(m.id), admitted):
                days = (today - admitted).days
                found.append(FollowUp(KIND_ADMITTED, f"{admitted:%m月%d日}住院，还没有探望"
                                      + (f"（已 {days} 天）" if days > 0 else ""), admitted,
                                      days > DISCHARGE_CONTACT_DAYS))
        elif stay and stay.discharged and 0 <= (today - stay.discharged).days \
                <= DISCHARGE_SHOWN_DAYS and not _since(contacts.get(m.id), stay.discharged):
            by = stay.discharged + timedelta(days=DISCHARGE_CONTACT_DAYS)
            late = today > by
            found.append(FollowUp(KIND_DISCHARGED, f"{stay.discharged:%m月%d日}出院，" + (
                f"应在{by:%m月%d日}前联系，已过期" if late else f"请在{by:%m月%d日}前联系"),
                by, late))
        age = age_on(m.birth_date, today)
        who = [w for w, on in ((f"{OLD_AGE}岁及以上", age is not None and age >= OLD_AGE),
                               (ALONE, m.living == ALONE)) if on]
        if who and not _since(contacts.get(m.id), q_start):
            found.append(FollowUp(KIND_QUARTER, f"本季度还没有联系（{'、'.join(who)}），"
                                  f"请在{q_end:%m月%d日}前", q_end, False))
        if found:
            out[m.id] = found
    return out


@dataclass(frozen=True)
class DueVisit:
    """A row of the due list: the member's care row (its `state` as shown: 须联系 for a member
    due only by a follow-up), why they are due, and whether they are on the care list."""

    row: CareRow
    why: str
    on_care_list: bool
    follow_ups: tuple[FollowUp, ...] = ()


def rhythm_reason(row: CareRow) -> str:
    """Why the visit rhythm says a care-list member is due ("" when it does not)."""
    if row.state == care.STATE_OVERDUE:
        return f"超过周期 {row.days_overdue} 天（每 {row.interval_days} 天一次）"
    if row.state == care.STATE_NEVER:
        return "在关怀名单上，还没有走访过"
    if row.state == care.STATE_DUE:
        return f"{row.due_date:%m月%d日}到期（每 {row.interval_days} 天一次）"
    return ""


def _rank(d: DueVisit) -> int:
    """Most urgent first: 已逾期, 从未走访, 住院 / 出院, 该走访, 季度联系, 未到期."""
    state = d.row.state
    if state in (care.STATE_OVERDUE, care.STATE_NEVER):
        return 0 if state == care.STATE_OVERDUE else 1
    if any(f.urgent for f in d.follow_ups):
        return 2
    return {care.STATE_DUE: 3, care.STATE_CONTACT: 4}.get(state, 5)


def _extra_rows(session: Session, ids: list[int], today: date) -> dict[int, CareRow]:
    """Care rows (state 须联系) for members due by a follow-up who are not on the care list."""
    if not ids:
        return {}
    last = (select(func.max(Visit.date)).where(Visit.member_id == Member.id, Visit.date <= today)
            .correlate(Member).scalar_subquery())
    out = {}
    for r in session.execute(
            select(Member.id, Member.name, Member.gender, Member.birth_date, Member.community,
                   Member.address, Member.phone, Member.mobility, Member.living,
                   Member.visit_interval_days, last.label("last"))
            .where(Member.id.in_(ids))).all():
        out[r.id] = CareRow(
            r.id, r.name, r.gender or "", age_on(r.birth_date, today), r.community or "",
            r.address or "", r.phone or "", r.mobility or "", r.living or "", "不在关怀名单",
            r.visit_interval_days or 30, r.last, (today - r.last).days if r.last else None,
            None, care.STATE_CONTACT)
    return out


def due_visits(session: Session, branch_id: int, today: date) -> list[DueVisit]:
    """Everyone on the care list and everyone due by a follow-up, the most urgent first, each
    with why (the 走访关怀 page's 待走访 list; its filters pick states from it)."""
    rows = care.care_list(session, branch_id, today)
    ups = follow_ups(session, branch_id, today)
    listed = {r.member_id for r in rows}
    extra = _extra_rows(session, [m for m in ups if m not in listed], today)
    out = []
    for r in rows:
        found = tuple(ups.get(r.member_id, ()))
        shown = replace(r, state=care.STATE_CONTACT, due_date=min(f.by for f in found)) \
            if found and r.state == care.STATE_OK else r
        why = "；".join(w for w in (rhythm_reason(r), *(f.why for f in found)) if w)
        out.append(DueVisit(shown, why, True, found))
    for member_id, row in extra.items():
        found = tuple(ups[member_id])
        out.append(DueVisit(replace(row, due_date=min(f.by for f in found)),
                            "；".join(f.why for f in found), False, found))
    # within a rank: the care list's own order (most urgent first), then the others by date
    order = {id(d): i if d.on_care_list else len(out) for i, d in enumerate(out)}
    return sorted(out, key=lambda d: (_rank(d), order[id(d)], d.row.due_date or today,
                                      d.row.member_id))


def contact_count(due: list[DueVisit]) -> int:
    """须联系: members due by a follow-up alone (not already 已逾期 / 该走访 by their rhythm)."""
    return sum(d.row.state == care.STATE_CONTACT for d in due)
