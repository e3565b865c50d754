"""Attendance (考勤) of one event: who was on the roster that day, their marks, saving a click.

The list is exactly `roster.members_on_roster` on the event's day, in roster order: someone who
joined after the event or left before it is not listed (and a mark for them is refused); someone
who died since still appears in the events before their death. Homebound members (行动不便,
卧床, 住院) carry a *suggested* 送学上门 until a mark is saved for them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, or_, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.dates import fmt
from app.errors import InputError
from app.models import Attendance, Branch, Member, StudyEvent
from app.models.base import now
from app.services.roster import members_on_roster
from app.vocab import ATTENDANCE_MARKS, HOMEBOUND_MOBILITIES, STATUS_ACTIVE

DOOR = "送学上门"
LEAVE = "请假"
CHUNK = 500


def off_roster_marks(session: Session, branch_id: int, events, first: date,
                     last: date) -> list[tuple[int, int, str, date]]:
    """(event_id, member_id, mark, event day) of records whose member was not on the roster on
    the event's day, among events matching `events` held first..last.

    Saving refuses such marks, but a joined date or a status date changed afterwards can leave
    some behind; every count leaves them out. Only members who joined after `first` or left
    before `last` can have any, so this reads their records alone — the big counts need no
    join with the member table (that join doubled the ten-year report's time).
    """
    left = and_(Member.status.not_in((STATUS_ACTIVE, "暂离")), Member.status_date.is_not(None))
    candidates = select(Member.id).where(
        Member.branch_id == branch_id,
        or_(Member.joined_date > first, and_(left, Member.status_date < last)))
    off = or_(Member.joined_date > StudyEvent.date,
              and_(left, Member.status_date < StudyEvent.date))
    return [tuple(r) for r in session.execute(
        select(Attendance.event_id, Attendance.member_id, Attendance.mark, StudyEvent.date)
        .join(StudyEvent, StudyEvent.id == Attendance.event_id)
        .join(Member, Member.id == Attendance.member_id)
        .where(Attendance.member_id.in_(candidates), events, off))]


def expected_on(session: Session, branch_id: int, days: list[date]) -> list[int]:
    """How many of the branch's members were on the roster on each of `days` (应到): joined on
    or before the day and not gone before it (a death on the day counts). The members' dates
    are counted per date in SQL and the days bisected in the running totals: a county-size
    branch of 20,000 members gives a few hundred dates, not 20,000 rows to read."""
    joined = session.execute(select(Member.joined_date, func.count())
                             .where(Member.branch_id == branch_id)
                             .group_by(Member.joined_date)).all()
    left = session.execute(select(Member.status_date, func.count())
                           .where(Member.branch_id == branch_id,
                                  Member.status.not_in((STATUS_ACTIVE, "暂离")),
                                  Member.status_date.is_not(None))
                           .group_by(Member.status_date)).all()
    open_start = sum(n for d, n in joined if d is None)  # no joined date: on it from the start
    joined_days, joined_total = _running([(d, n) for d, n in joined if d is not None])
    left_days, left_total = _running(left)
    return [open_start + joined_total[bisect_right(joined_days, d)]
            - left_total[bisect_left(left_days, d)] for d in days]


def _running(counts: list[tuple[date, int]]) -> tuple[list[date], list[int]]:
    """Sorted dates, and for each i the number counted before the i-th date (len + 1 totals)."""
    counts = sorted(counts)
    totals = [0]
    for _d, n in counts:
        totals.append(totals[-1] + n)
    return [d for d, _n in counts], totals


@dataclass(frozen=True)
class AttendanceRow:
    member_id: int
    sort_order: int
    name: str
    mobility: str
    community: str
    search_key: str
    mark: str | None  # saved mark, None while not marked
    reason: str
    suggested: str | None  # 送学上门 for a homebound member not yet marked

    @property
    def shown(self) -> str | None:
        """What the screen shows as chosen: the saved mark, or else the suggestion."""
        return self.mark or self.suggested


@dataclass(frozen=True)
class EventCounts:
    expected: int  # 应到
    present: int  # 出席
    leave: int  # 请假
    absent: int  # 缺席
    delivered: int  # 送学上门

    @property
    def unmarked(self) -> int:
        return self.expected - self.present - self.leave - self.absent - self.delivered

    def as_dict(self) -> dict[str, int]:
        return {"应到": self.expected, "出席": self.present, "请假": self.leave,
                "缺席": self.absent, "送学上门": self.delivered, "未登记": self.unmarked}

    def text(self) -> str:
        return "　".join(f"{k} {v}" for k, v in self.as_dict().items())


def _event(session: Session, event_id: int) -> StudyEvent:
    event = session.get(StudyEvent, event_id)
    if event is None:
        raise InputError(f"找不到这个学习活动（编号 {event_id}）")
    return event


def attendance_rows(session: Session, event_id: int) -> list[AttendanceRow]:
    """Every member on the roster on the event's day, in roster order, with mark and reason."""
    event = _event(session, event_id)
    ids = members_on_roster(session, event.branch_id, event.date).subquery()
    stmt = (
        select(Member.id, Member.sort_order, Member.name, Member.mobility, Member.community,
               Member.search_key, Attendance.mark, Attendance.reason)
        .join(ids, ids.c.id == Member.id)
        .outerjoin(Attendance, and_(Attendance.member_id == Member.id,
                                    Attendance.event_id == event_id))
        .order_by(Member.sort_order, Member.id)
    )
    return [
        AttendanceRow(r.id, r.sort_order, r.name, r.mobility or "", r.community or "",
                      r.search_key or "", r.mark, r.reason or "",
                      DOOR if r.mark is None and r.mobility in HOMEBOUND_MOBILITIES else None)
        for r in session.execute(stmt)
    ]


def _on_roster(session: Session, event: StudyEvent, member_ids: list[int]) -> set[int]:
    found: set[int] = set()
    for start in range(0, len(member_ids), CHUNK):
        chunk = member_ids[start:start + CHUNK]
        found |= set(session.scalars(
            members_on_roster(session, event.branch_id, event.date)
            .where(Member.id.in_(chunk))))
    return found


def _refuse_off_roster(session: Session, event: StudyEvent, member_id: int) -> None:
    m = session.get(Member, member_id)
    if m is None:
        raise InputError(f"找不到这位党员（编号 {member_id}）")
    if m.branch_id != event.branch_id:
        why = "不是本支部的党员"
    elif m.joined_date and m.joined_date > event.date:
        why = f"{fmt(m.joined_date)} 才转入本支部"
    else:
        why = f"已于 {fmt(m.status_date)} {m.status}"
    raise InputError(f"{m.name} 在 {fmt(event.date)} 不在本支部名册上（{why}），"
                     f"不能登记这次活动的出勤。")


def _clean(mark: str | None, reason: str | None) -> tuple[str | None, str]:
    if mark is not None and mark not in ATTENDANCE_MARKS:
        raise InputError(f"出勤情况只能是 {'、'.join(ATTENDANCE_MARKS)}，而不是“{mark}”")
    reason = (reason or "").strip() if mark == LEAVE else ""
    if len(reason) > 50:
        raise InputError("请假原因最多 50 个字")
    return mark, reason


def record_attendance(session: Session, event_id: int, member_id: int, mark: str | None,
                      reason: str | None = None) -> None:
    """Save one member's mark (None clears it). Refuses a member not on the roster that day
    and a cancelled event; the reason is kept only for 请假."""
    mark, reason = _clean(mark, reason)
    event = _event(session, event_id)
    if event.cancelled:
        raise InputError(f"{fmt(event.date)} 的“{event.kind}”已取消，不能登记出勤；请先恢复活动。")
    if member_id not in _on_roster(session, event, [member_id]):
        _refuse_off_roster(session, event, member_id)
    if mark is None:
        session.execute(Attendance.__table__.delete().where(
            Attendance.event_id == event_id, Attendance.member_id == member_id))
        return
    stmt = sqlite_insert(Attendance).values(event_id=event_id, member_id=member_id, mark=mark,
                                            reason=reason, updated_at=now())
    session.execute(stmt.on_conflict_do_update(
        index_elements=["event_id", "member_id"],
        set_={"mark": stmt.excluded.mark, "reason": stmt.excluded.reason,
              "updated_at": stmt.excluded.updated_at}))


def set_reason(session: Session, event_id: int, member_id: int, reason: str) -> None:
    """Change the reason of a 请假 (marks it 请假 if it was something else)."""
    record_attendance(session, event_id, member_id, LEAVE, reason)


def mark_all_present(session: Session, event_id: int) -> int:
    """Fill every unmarked member: 出席, or 送学上门 for the homebound. Marks already there stay.
    Returns how many were filled."""
    event = _event(session, event_id)
    if event.cancelled:
        raise InputError(f"{fmt(event.date)} 的“{event.kind}”已取消，不能登记出勤；请先恢复活动。")
    rows = [r for r in attendance_rows(session, event_id) if r.mark is None]
    if rows:
        stamp = now()
        session.execute(Attendance.__table__.insert(), [
            {"event_id": event_id, "member_id": r.member_id, "mark": r.suggested or "出席",
             "reason": "", "updated_at": stamp} for r in rows])
    return len(rows)


def event_counts(session: Session, event_id: int) -> EventCounts:
    """应到 / 出席 / 请假 / 缺席 / 送学上门 of one event (marks of members on the roster that day)."""
    event = _event(session, event_id)
    ids = members_on_roster(session, event.branch_id, event.date).subquery()
    expected = session.scalar(select(func.count()).select_from(ids)) or 0
    marks = dict(session.execute(
        select(Attendance.mark, func.count()).join(ids, ids.c.id == Attendance.member_id)
        .where(Attendance.event_id == event_id).group_by(Attendance.mark)).all())
    return EventCounts(expected, marks.get("出席", 0), marks.get("请假", 0), marks.get("缺席", 0),
                       marks.get(DOOR, 0))


def counts_of_rows(rows: list[AttendanceRow]) -> EventCounts:
    """The same counts from rows already on screen (no query: live while clicking)."""
    c = {m: 0 for m in ATTENDANCE_MARKS}
    for r in rows:
        if r.mark:
            c[r.mark] += 1
    return EventCounts(len(rows), c["出席"], c["请假"], c["缺席"], c[DOOR])


@dataclass(frozen=True)
class MemberRecord:
    """One line of a member's own attendance record."""

    event_id: int
    date: date
    kind: str
    topic: str
    cancelled: bool
    mark: str | None
    reason: str


def member_attendance(session: Session, member_id: int) -> list[MemberRecord]:
    """Every event of the member's branch held while they were on the roster, newest first,
    with their mark (None: not recorded)."""
    m = session.get(Member, member_id)
    if m is None:
        raise InputError(f"找不到这位党员（编号 {member_id}）")
    stmt = (select(StudyEvent.id, StudyEvent.date, StudyEvent.kind, StudyEvent.topic,
                   StudyEvent.cancelled, Attendance.mark, Attendance.reason)
            .outerjoin(Attendance, and_(Attendance.event_id == StudyEvent.id,
                                        Attendance.member_id == member_id))
            .where(StudyEvent.branch_id == m.branch_id)
            .order_by(StudyEvent.date.desc(), StudyEvent.id.desc()))
    if m.joined_date:
        stmt = stmt.where(StudyEvent.date >= m.joined_date)
    if m.status in ("去世", "转出") and m.status_date:
        stmt = stmt.where(StudyEvent.date <= m.status_date)
    return [MemberRecord(r.id, r.date, r.kind, r.topic, r.cancelled, r.mark, r.reason or "")
            for r in session.execute(stmt)]


@dataclass(frozen=True)
class SigninSheet:
    """What the printed 签到表 holds: the event's heading and the roster of that day."""

    branch: str
    kind: str
    topic: str
    day: date
    start_time: str
    place: str
    speaker: str
    members: list[tuple[int, str, str]]  # (序号 on the sheet, name, note: 行动不便 …)
    cancelled: bool = False  # 已取消: the sheet says so on every page


def signin_sheet(session: Session, event_id: int) -> SigninSheet:
    event = _event(session, event_id)
    branch = session.get(Branch, event.branch_id)
    rows = attendance_rows(session, event_id)
    members = [(n, r.name, r.mobility if r.mobility in HOMEBOUND_MOBILITIES else "")
               for n, r in enumerate(rows, 1)]
    return SigninSheet(branch.name if branch else "", event.kind, event.topic, event.date,
                       event.start_time, event.place, event.speaker, members,
                       cancelled=bool(event.cancelled))


def print_signin(session: Session, event_id: int, path) -> int:
    """Write the event's 签到表 PDF to `path`; returns the number of pages."""
    # late: reportlab is loaded when a sheet is printed, not when the window starts
    from app.export.signin_pdf import write_signin_pdf

    return write_signin_pdf(signin_sheet(session, event_id), path)
