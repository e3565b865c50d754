"""What attendance shows over time: each member's figures in a period, and who keeps missing.

- `member_figures`: per member, the events they should have attended in the period (应到: not
  cancelled, held while they were on the roster; a member 暂离 is expected only before going
  away, or where a mark was recorded anyway — the quarterly report's 应参学), and how many they
  attended, were on leave,
  absent, or had the study taken to their door; 出勤率 = 出席 / 应到, 参学率 = (出席 + 送学上门) / 应到
  (the quarterly report's definitions); and the last event they attended in the period.
  The marks are summed in SQL; 应到 is counted by bisecting the period's event dates per member.
- `members_missing_last`: members on the roster today who attended none of the branch's last N
  events that have attendance recorded (neither 出席 nor 送学上门) — the people to visit.
- `put_on_visit_list`: records that need on the member (`needs_care`, `care_reason`): the
  走访关怀 page lists members by that flag.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import Attendance, Member, StudyEvent
from app.services.attendance import off_roster_marks
from app.services.roster import members_on_roster
from app.vocab import STATUS_ACTIVE

AWAY = "暂离"

ATTENDED = ("出席", "送学上门")


@dataclass(frozen=True)
class MemberFigures:
    member_id: int
    sort_order: int
    name: str
    status: str
    expected: int  # 应到
    present: int
    leave: int
    absent: int
    delivered: int
    last_attended: date | None

    @property
    def unmarked(self) -> int:
        return max(self.expected - self.present - self.leave - self.absent - self.delivered, 0)

    @property
    def rate(self) -> float | None:
        """出勤率: 出席 / 应到 (None with nothing expected: shown as "—", never 0.0 %)."""
        return self.present / self.expected if self.expected else None

    @property
    def study_rate(self) -> float | None:
        """参学率: (出席 + 送学上门) / 应到."""
        return (self.present + self.delivered) / self.expected if self.expected else None


def _n(mark: str):
    return func.sum(case((Attendance.mark == mark, 1), else_=0))


def _left(status: str, status_date: date | None) -> date | None:
    """The last day on the roster of someone who left (去世 / 转出), else None."""
    return status_date if status not in (STATUS_ACTIVE, "暂离") and status_date else None


def member_figures(session: Session, branch_id: int, start: date, end: date) -> list[MemberFigures]:
    """Figures for everyone on the roster at some time in start..end, in roster order."""
    if start > end:
        raise InputError(f"起始日期 {start} 晚于截止日期 {end}")
    events = and_(StudyEvent.branch_id == branch_id, StudyEvent.date.between(start, end),
                  StudyEvent.cancelled.is_(False))
    days = list(session.scalars(select(StudyEvent.date).where(events).order_by(StudyEvent.date)))
    members = session.execute(
        select(Member.id, Member.sort_order, Member.name, Member.status, Member.status_date,
               Member.joined_date)
        .where(Member.branch_id == branch_id,
               or_(Member.joined_date.is_(None), Member.joined_date <= end),
               or_(Member.status.in_((STATUS_ACTIVE, "暂离")), Member.status_date.is_(None),
                   Member.status_date >= start))
        .order_by(Member.sort_order, Member.id)).all()
    marks = {r[0]: list(r[1:]) for r in session.execute(
        select(Attendance.member_id, _n("出席"), _n("请假"), _n("缺席"), _n("送学上门"),
               func.max(case((Attendance.mark == "出席", StudyEvent.date))))
        .join(StudyEvent, StudyEvent.id == Attendance.event_id)
        .where(events)
        .group_by(Attendance.member_id))}
    # records of members off the roster on the event's day do not count (see
    # attendance.off_roster_marks): take them away, and find those members' last 出席 again
    off = off_roster_marks(session, branch_id, events, start, end)
    position = {"出席": 0, "请假": 1, "缺席": 2, "送学上门": 3}
    for _event, member_id, mark, _day in off:
        marks[member_id][position[mark]] -= 1
    for member_id in {m for _e, m, _k, _d in off}:
        skip = [e for e, m, _k, _d in off if m == member_id]
        marks[member_id][4] = session.scalar(
            select(func.max(StudyEvent.date)).join(Attendance, Attendance.event_id == StudyEvent.id)
            .where(events, Attendance.member_id == member_id, Attendance.mark == "出席",
                   StudyEvent.id.not_in(skip)))
    marked_away = _marked_while_away(session, events, members)
    out = []
    for m in members:
        lo = bisect_left(days, max(start, m.joined_date or start))
        left = _left(m.status, m.status_date)
        hi = bisect_right(days, min(end, left) if left else end)
        if m.status == AWAY:  # expected before going away, and where marked all the same
            hi = (bisect_left(days, m.status_date) if m.status_date else lo) \
                + marked_away.get(m.id, 0)
        p, lv, a, d, last = marks.get(m.id, (0, 0, 0, 0, None))
        if isinstance(last, str):  # max() over a CASE comes back as text from SQLite
            last = date.fromisoformat(last)
        out.append(MemberFigures(m.id, m.sort_order, m.name, m.status, max(hi - lo, 0),
                                 int(p or 0), int(lv or 0), int(a or 0), int(d or 0), last))
    return out


def _marked_while_away(session: Session, events, members) -> dict[int, int]:
    """Member id → marks recorded on events from the day a 暂离 member went away."""
    away = {m.id: m.status_date for m in members if m.status == AWAY}
    if not away:
        return {}
    rows = session.execute(
        select(Attendance.member_id, StudyEvent.date)
        .join(StudyEvent, StudyEvent.id == Attendance.event_id)
        .where(events, Attendance.member_id.in_(list(away)))).all()
    out: dict[int, int] = {}
    for member_id, day in rows:
        since = away[member_id]
        if since is None or day >= since:
            out[member_id] = out.get(member_id, 0) + 1
    return out


@dataclass(frozen=True)
class MissingRow:
    member_id: int
    name: str
    mobility: str
    community: str
    phone: str
    missed: int  # of the last N events: all of them
    on_leave: int  # how many of those were 请假 (the rest 缺席 or not recorded)
    last_attended: date | None  # ever, before today
    needs_care: bool
    care_reason: str


def last_recorded_events(session: Session, branch_id: int, n: int, today: date) -> list[int]:
    """Ids of the branch's last `n` events on or before today, not cancelled, that have
    attendance recorded (an event nobody ticked says nothing about who came)."""
    has_marks = exists().where(Attendance.event_id == StudyEvent.id)
    return list(session.scalars(
        select(StudyEvent.id).where(StudyEvent.branch_id == branch_id,
                                    StudyEvent.cancelled.is_(False), StudyEvent.date <= today,
                                    has_marks)
        .order_by(StudyEvent.date.desc(), StudyEvent.id.desc()).limit(n)))


def members_missing_last(session: Session, branch_id: int, n: int, today: date) -> list[MissingRow]:
    """Members on the roster today (and for all of those events) who attended none of the
    branch's last `n` recorded events, in roster order."""
    if not 1 <= int(n) <= 100:
        raise InputError(f"连续缺席次数应在 1 到 100 之间，而不是 {n}")
    ids = last_recorded_events(session, branch_id, int(n), today)
    if len(ids) < n:
        return []
    first = session.scalar(select(func.min(StudyEvent.date)).where(StudyEvent.id.in_(ids)))
    roster = members_on_roster(session, branch_id, today).subquery()
    came = exists().where(Attendance.member_id == Member.id, Attendance.event_id.in_(ids),
                          Attendance.mark.in_(ATTENDED))
    leave = (select(func.count()).where(Attendance.member_id == Member.id,
                                        Attendance.event_id.in_(ids), Attendance.mark == "请假")
             .correlate(Member).scalar_subquery())
    last = (select(func.max(StudyEvent.date)).join(Attendance, Attendance.event_id == StudyEvent.id)
            .where(Attendance.member_id == Member.id, Attendance.mark == "出席",
                   StudyEvent.cancelled.is_(False), StudyEvent.date <= today)
            .correlate(Member).scalar_subquery())
    rows = session.execute(
        select(Member.id, Member.name, Member.mobility, Member.community, Member.phone, leave,
               last, Member.needs_care, Member.care_reason)
        .join(roster, roster.c.id == Member.id)
        .where(or_(Member.joined_date.is_(None), Member.joined_date <= first), ~came)
        .order_by(Member.sort_order, Member.id)).all()
    return [MissingRow(r[0], r[1], r[2] or "", r[3] or "", r[4] or "", int(n), int(r[5] or 0),
                       date.fromisoformat(r[6]) if isinstance(r[6], str) else r[6],
                       bool(r[7]), r[8] or "") for r in rows]


def missing_reason(n: int) -> str:
    return f"连续缺席学习{n}次"


def put_on_visit_list(session: Session, member_id: int, reason: str) -> bool:
    """Put the member on the visit list (走访关怀): `needs_care` on, the reason added to
    `care_reason` (kept if already there). Returns False when nothing had to change."""
    m = session.get(Member, member_id)
    if m is None:
        raise InputError(f"找不到这位党员（编号 {member_id}）")
    reason = (reason or "").strip()
    old = m.care_reason or ""
    parts = [p for p in old.split("；") if p]
    if m.needs_care and (not reason or reason in parts):
        return False
    if reason and reason not in parts:
        parts.append(reason)
    m.needs_care = True
    m.care_reason = "；".join(parts)[:100]
    session.flush()
    return True
