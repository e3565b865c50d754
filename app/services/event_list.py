"""The 学习活动 list: a branch's events, newest first, each with 应到 and its four marks counted.

Two steps, so a long list shows at once: `event_list` reads the events themselves and 应到
(from the members' roster dates, no attendance read at all), and `count_marks` counts the
marks of the events asked for — the table model asks for the screenful in view. A county-size
branch (20,000 members, ten years: 4.4 million attendance records) shows its first screen in
a tenth of a second; counting every event at once (`list_events`) takes several times longer.

The marks are counted from the index on (event_id, mark) without reading the records; marks
of members off the roster that day are then taken away (attendance.off_roster_marks), so the
counts equal `attendance.event_counts` exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import Attendance, StudyEvent
from app.services.attendance import expected_on, off_roster_marks

CHUNK = 500  # events counted per statement


@dataclass(frozen=True)
class EventRow:
    """One line of the event list, with its attendance counts (应到 = on the roster that day).
    `counted` is False while only the event and 应到 are known (event_list)."""

    id: int
    date: date
    kind: str
    start_time: str
    topic: str
    speaker: str
    place: str
    hours: float
    cancelled: bool
    expected: int = 0
    present: int = 0
    leave: int = 0
    absent: int = 0
    delivered: int = 0
    counted: bool = True

    @property
    def unmarked(self) -> int:
        return max(self.expected - self.present - self.leave - self.absent - self.delivered, 0)

    @property
    def status(self) -> str:
        return "已取消" if self.cancelled else ("未登记" if self.unmarked == self.expected and
                                              self.expected else "")


def event_list(session: Session, branch_id: int, year: int | None = None,
               kind: str | None = None, event_ids: list[int] | None = None) -> list[EventRow]:
    """The branch's events, newest first, with 应到 but the marks not yet counted."""
    where = [StudyEvent.branch_id == branch_id]
    if year is not None:
        where.append(StudyEvent.date.between(date(year, 1, 1), date(year, 12, 31)))
    if kind:
        where.append(StudyEvent.kind == kind)
    if event_ids is not None:
        where.append(StudyEvent.id.in_(event_ids))
    events = session.execute(
        select(StudyEvent.id, StudyEvent.date, StudyEvent.kind, StudyEvent.start_time,
               StudyEvent.topic, StudyEvent.speaker, StudyEvent.place, StudyEvent.hours,
               StudyEvent.cancelled).where(*where)
        .order_by(StudyEvent.date.desc(), StudyEvent.id.desc())).all()
    if not events:
        return []
    expected = expected_on(session, branch_id, [e.date for e in events])
    return [EventRow(*e, n, counted=False) for e, n in zip(events, expected)]


_MARKS = (select(Attendance.event_id, Attendance.mark, func.count())
          .where(Attendance.event_id.in_(bindparam("ids", expanding=True)))
          .group_by(Attendance.event_id, Attendance.mark))


def count_marks(session: Session, branch_id: int, rows: list[EventRow]) -> list[EventRow]:
    """`rows` (of `branch_id`, from event_list) with their marks counted, in the same order."""
    counts: dict[int, dict[str, int]] = {r.id: {} for r in rows}
    ids = list(counts)
    for start in range(0, len(ids), CHUNK):
        for event_id, mark, n in session.execute(_MARKS, {"ids": ids[start:start + CHUNK]}):
            counts[event_id][mark] = n
    if rows:
        first, last = min(r.date for r in rows), max(r.date for r in rows)
        for event_id, _member, mark, _day in off_roster_marks(
                session, branch_id, StudyEvent.id.in_(ids), first, last):
            counts[event_id][mark] -= 1
    return [replace(r, present=c.get("出席", 0), leave=c.get("请假", 0), absent=c.get("缺席", 0),
                    delivered=c.get("送学上门", 0), counted=True)
            for r, c in ((r, counts[r.id]) for r in rows)]


def list_events(session: Session, branch_id: int, year: int | None = None,
                kind: str | None = None, event_ids: list[int] | None = None) -> list[EventRow]:
    """The branch's events, newest first, every one counted (event_list, then count_marks)."""
    return count_marks(session, branch_id, event_list(session, branch_id, year, kind, event_ids))


def event_row(session: Session, event_id: int) -> EventRow:
    branch_id = session.scalar(select(StudyEvent.branch_id).where(StudyEvent.id == event_id))
    if branch_id is None:
        raise InputError(f"找不到这个学习活动（编号 {event_id}），可能已被其他人改动")
    return list_events(session, branch_id, event_ids=[event_id])[0]


def event_years(session: Session, branch_id: int) -> list[int]:
    """Years that have events, newest first (for the year filter)."""
    days = session.execute(select(func.min(StudyEvent.date), func.max(StudyEvent.date))
                           .where(StudyEvent.branch_id == branch_id)).one()
    if days[0] is None:
        return []
    return list(range(days[1].year, days[0].year - 1, -1))
