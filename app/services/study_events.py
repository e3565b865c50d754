"""Study events (学习活动): create, change, copy as the next one, the year's 集中学习日, cancel.

An event is never deleted: cancelling keeps it, with its attendance, as 已取消 and can be undone.
Two events of the same kind on the same day are allowed only when the caller says the user
agreed (`allow_duplicate=True`); without it `DuplicateEvent` is raised and nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.dates import fmt
from app.errors import InputError
from app.models import Attendance, Branch, StudyEvent
from app.vocab import EVENT_KINDS, LIFE_MEETING_KIND, STUDY_DAY_KIND

_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")


class DuplicateEvent(InputError):
    """Same kind on the same day already exists: the caller asks the user, then retries."""

    def __init__(self, kind: str, day: date, existing: list[int]):
        super().__init__(f"{fmt(day)} 已经有一个“{kind}”活动，确定还要再建一个吗？")
        self.kind, self.day, self.existing = kind, day, existing


@dataclass
class EventInput:
    """What the event form holds."""

    kind: str = STUDY_DAY_KIND
    date: date | None = None
    start_time: str = ""
    topic: str = ""
    speaker: str = ""
    place: str = ""
    hours: float = 0.0
    minutes_text: str = ""
    notes: str = ""
    with_appraisal: bool = False  # a 组织生活会 held together with the 民主评议党员


def validate(data: EventInput) -> EventInput:
    """The form's values cleaned, or InputError naming every field that is wrong."""
    problems = []
    kind = (data.kind or "").strip()
    if kind not in EVENT_KINDS:
        problems.append(f"活动类别：“{kind}”不在可选类别中（{'、'.join(EVENT_KINDS)}）")
    if data.date is None:
        problems.append("日期：请填写活动日期")
    start = (data.start_time or "").strip()
    if start:
        m = _TIME.match(start)
        if not m:
            problems.append(f"时间：“{start}”不是时间，请写成 09:00 的样子")
        else:
            start = f"{int(m.group(1)):02d}:{m.group(2)}"
    try:
        hours = float(data.hours or 0)
    except (TypeError, ValueError):
        problems.append(f"学时：“{data.hours}”不是数字")
        hours = 0.0
    if not 0 <= hours <= 24:
        problems.append(f"学时：应在 0 到 24 之间，而不是 {hours:g}")
    for label, value, limit in (("主题", data.topic, 200), ("主讲人", data.speaker, 100),
                                ("地点", data.place, 100)):
        if len((value or "").strip()) > limit:
            problems.append(f"{label}：最多 {limit} 个字")
    if problems:
        raise InputError("请修改后再保存：\n" + "\n".join(problems))
    return replace(data, kind=kind, start_time=start, hours=hours, topic=data.topic.strip(),
                   speaker=data.speaker.strip(), place=data.place.strip(),
                   with_appraisal=bool(data.with_appraisal) and kind == LIFE_MEETING_KIND)


def same_kind_same_day(session: Session, branch_id: int, kind: str, day: date,
                       exclude_id: int | None = None) -> list[int]:
    """Ids of the branch's events (not cancelled) of this kind on this day."""
    stmt = select(StudyEvent.id).where(
        StudyEvent.branch_id == branch_id, StudyEvent.kind == kind, StudyEvent.date == day,
        StudyEvent.cancelled.is_(False))
    if exclude_id is not None:
        stmt = stmt.where(StudyEvent.id != exclude_id)
    return list(session.scalars(stmt))


def _fields(data: EventInput) -> dict:
    return {"kind": data.kind, "date": data.date, "start_time": data.start_time,
            "topic": data.topic, "speaker": data.speaker, "place": data.place,
            "hours": data.hours, "minutes_text": data.minutes_text or "",
            "notes": data.notes or "", "with_appraisal": data.with_appraisal}


def create_event(session: Session, branch_id: int, data: EventInput,
                 allow_duplicate: bool = False) -> int:
    data = validate(data)
    if session.get(Branch, branch_id) is None:
        raise InputError(f"找不到支部（编号 {branch_id}）")
    dup = same_kind_same_day(session, branch_id, data.kind, data.date)
    if dup and not allow_duplicate:
        raise DuplicateEvent(data.kind, data.date, dup)
    event = StudyEvent(branch_id=branch_id, **_fields(data))
    session.add(event)
    session.flush()
    return event.id


def _event(session: Session, event_id: int) -> StudyEvent:
    event = session.get(StudyEvent, event_id)
    if event is None:
        raise InputError(f"找不到这个学习活动（编号 {event_id}），可能已被其他人改动")
    return event


def update_event(session: Session, event_id: int, data: EventInput,
                 allow_duplicate: bool = False) -> None:
    data = validate(data)
    event = _event(session, event_id)
    dup = same_kind_same_day(session, event.branch_id, data.kind, data.date, exclude_id=event_id)
    if dup and not allow_duplicate:
        raise DuplicateEvent(data.kind, data.date, dup)
    for key, value in _fields(data).items():
        setattr(event, key, value)
    session.flush()


def event_input(session: Session, event_id: int) -> EventInput:
    e = _event(session, event_id)
    return EventInput(e.kind, e.date, e.start_time, e.topic, e.speaker, e.place, e.hours,
                      e.minutes_text, e.notes, bool(e.with_appraisal))


def study_day_of(session: Session, branch_id: int) -> int:
    day = session.scalar(select(Branch.study_day).where(Branch.id == branch_id))
    return min(max(int(day or 5), 1), 28)


def _add_month(day: date, month_day: int) -> date:
    y, m = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(y, m, month_day)


def next_copy(session: Session, event_id: int) -> EventInput:
    """The form for the next event like this one: same kind, place, time, speaker and hours,
    a month later (a 集中学习日 on the branch's study day); topic kept to edit, minutes empty."""
    e = _event(session, event_id)
    if e.kind == STUDY_DAY_KIND:
        day = _add_month(e.date, study_day_of(session, e.branch_id))
    else:
        day = _add_month(e.date, min(e.date.day, 28))
    return EventInput(e.kind, day, e.start_time, e.topic, e.speaker, e.place, e.hours, "",
                      e.notes, bool(e.with_appraisal))


def copy_event(session: Session, event_id: int, day: date | None = None,
               allow_duplicate: bool = False) -> int:
    """Save the next copy at once (on `day`, or a month later); returns the new id."""
    data = next_copy(session, event_id)
    if day is not None:
        data.date = day
    branch_id = _event(session, event_id).branch_id
    return create_event(session, branch_id, data, allow_duplicate=allow_duplicate)


def working_day_from(day: date) -> date:
    """`day`, or the first working day after it: weekends and public holidays are skipped, and
    a 调休 weekend that the State Council made a working day counts as one (app.holidays)."""
    # late: the holiday tables (chinese_calendar) are needed here only, and the home page,
    # which the window shows first, imports this module for next_study_day (start-up time)
    from app.holidays import next_working_day

    return next_working_day(day)


def year_study_days(session: Session, branch_id: int, year: int,
                    skip_weekends: bool = False) -> list[date]:
    """The twelve 集中学习日 of a year on the branch's study day (moved only if asked)."""
    month_day = study_day_of(session, branch_id)
    days = [date(year, m, month_day) for m in range(1, 13)]
    return [working_day_from(d) for d in days] if skip_weekends else days


@dataclass(frozen=True)
class YearResult:
    created: list[int]
    skipped_months: list[int]  # months that already had a 集中学习日


def create_year_study_days(session: Session, branch_id: int, year: int,
                           skip_weekends: bool = False, place: str = "",
                           start_time: str = "09:00", hours: float = 2.0) -> YearResult:
    """Create the year's 集中学习日, one per month; a month that already has one is left alone."""
    if not 2000 <= int(year) <= 2100:
        raise InputError(f"年份应在 2000 到 2100 之间，而不是 {year}")
    have = {d.month for d in session.scalars(
        select(StudyEvent.date).where(
            StudyEvent.branch_id == branch_id, StudyEvent.kind == STUDY_DAY_KIND,
            StudyEvent.cancelled.is_(False),
            StudyEvent.date.between(date(year, 1, 1), date(year, 12, 31))))}
    created, skipped = [], []
    for day in year_study_days(session, branch_id, year, skip_weekends):
        if day.month in have:
            skipped.append(day.month)
            continue
        created.append(create_event(session, branch_id, EventInput(
            STUDY_DAY_KIND, day, start_time, f"{day.month}月集中学习日", "", place, hours),
            allow_duplicate=True))
    return YearResult(created, skipped)


def cancel_event(session: Session, event_id: int) -> int:
    """Mark the event 已取消 (kept with its attendance); returns how many records it keeps."""
    event = _event(session, event_id)
    event.cancelled = True
    session.flush()
    return attendance_count(session, event_id)


def restore_event(session: Session, event_id: int) -> None:
    """Undo a cancel."""
    _event(session, event_id).cancelled = False
    session.flush()


def attendance_count(session: Session, event_id: int) -> int:
    return session.scalar(select(func.count()).where(Attendance.event_id == event_id)) or 0


def next_study_day(session: Session, branch_id: int, today: date) -> tuple[date, int | None]:
    """The next 集中学习日: the first one already made (not cancelled) on or after today, or else
    the branch's study day this month (or next month if it has passed), not made yet (None)."""
    month_day = study_day_of(session, branch_id)
    planned = date(today.year, today.month, month_day)
    if planned < today:
        planned = _add_month(planned, month_day)
    row = session.execute(
        select(StudyEvent.date, StudyEvent.id).where(
            StudyEvent.branch_id == branch_id, StudyEvent.kind == STUDY_DAY_KIND,
            StudyEvent.cancelled.is_(False), StudyEvent.date >= today,
            StudyEvent.date <= planned + timedelta(days=40))
        .order_by(StudyEvent.date, StudyEvent.id).limit(1)).first()
    if row is not None and (row.date <= planned or row.date.month == planned.month):
        return row.date, row.id
    return planned, None
