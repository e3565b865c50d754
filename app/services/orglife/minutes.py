"""A meeting's minutes (会议记录): read, save, and print with the sign-in sheet after them.

Where each part lives, so nothing is typed twice:
- 时间, 地点, 主题 are the event's own columns; saving the minutes writes them there;
- 内容 (发言 / 学习内容) is `StudyEvent.minutes_text`, the box secretaries have always typed the
  会议记录 in: it stays there (no text moved, the event form and this one show the same words);
- 主持人, 记录人, 列席, 决议 / 决定事项 are the meeting_minutes row, made at the first save;
- 出席 / 请假 / 缺席 / 送学上门 are the attendance already recorded (登记出勤), read here only.
  送学上门 is attendance at home: the member could not come and the material was taken to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dates import fmt
from app.errors import InputError
from app.export.minutes_sheet import MinutesSheet
from app.models import Branch, MeetingMinutes, StudyEvent
from app.services import study_events
from app.services.attendance import DOOR, attendance_rows, signin_sheet

LIMITS = (("主持人", "host", 50), ("记录人", "recorder", 50), ("列席", "guests", 500),
          ("内容", "content", 20000), ("决议 / 决定事项", "decisions", 5000))


@dataclass
class MinutesInput:
    """What the 会议记录 form holds (the date and kind stay the event's: 修改活动 changes them)."""

    start_time: str = ""
    place: str = ""
    topic: str = ""
    host: str = ""  # 主持人
    recorder: str = ""  # 记录人
    guests: str = ""  # 列席
    content: str = ""  # 内容: StudyEvent.minutes_text
    decisions: str = ""  # 决议 / 决定事项


@dataclass(frozen=True)
class Attendees:
    """The attendance of the meeting's day, by mark, in roster order."""

    expected: int = 0  # 应到: on the roster that day
    present: list[str] = field(default_factory=list)  # 出席
    at_home: list[str] = field(default_factory=list)  # 送学上门: attended at home
    leave: list[tuple[str, str]] = field(default_factory=list)  # 请假 (name, reason)
    absent: list[str] = field(default_factory=list)  # 缺席
    unmarked: list[str] = field(default_factory=list)  # not recorded yet

    @property
    def attended(self) -> int:
        """实到: those at the meeting and those who studied at home."""
        return len(self.present) + len(self.at_home)

    def text(self) -> str:
        """One line of counts, as the form and the print say them."""
        parts = [f"应到 {self.expected} 人", f"出席 {len(self.present)} 人",
                 f"送学上门 {len(self.at_home)} 人", f"请假 {len(self.leave)} 人",
                 f"缺席 {len(self.absent)} 人"]
        if self.unmarked:
            parts.append(f"未登记 {len(self.unmarked)} 人")
        return "，".join(parts)


@dataclass(frozen=True)
class Minutes:
    """One meeting's minutes as read: the event, the form's fields and the attendance."""

    event_id: int
    branch: str
    kind: str
    day: date
    cancelled: bool
    with_appraisal: bool
    speaker: str
    fields: MinutesInput
    attendees: Attendees
    saved: bool  # a meeting_minutes row exists (主持人 … were written at least once)


def _event(session: Session, event_id: int) -> StudyEvent:
    event = session.get(StudyEvent, event_id)
    if event is None:
        raise InputError(f"找不到这个学习活动或会议（编号 {event_id}），可能已被其他人改动")
    return event


def _row(session: Session, event_id: int) -> MeetingMinutes | None:
    return session.scalar(select(MeetingMinutes).where(MeetingMinutes.event_id == event_id))


def attendees(session: Session, event_id: int) -> Attendees:
    rows = attendance_rows(session, event_id)
    by = {mark: [r for r in rows if r.mark == mark] for mark in ("出席", DOOR, "请假", "缺席")}
    return Attendees(len(rows), [r.name for r in by["出席"]], [r.name for r in by[DOOR]],
                     [(r.name, r.reason) for r in by["请假"]], [r.name for r in by["缺席"]],
                     [r.name for r in rows if r.mark is None])


def read_minutes(session: Session, event_id: int) -> Minutes:
    """The minutes of an event; before the first save 主持人 is the branch's secretary."""
    event = _event(session, event_id)
    branch = session.get(Branch, event.branch_id)
    row = _row(session, event_id)
    fields = MinutesInput(
        event.start_time or "", event.place or "", event.topic or "",
        row.host if row else ((branch.secretary if branch else "") or ""),
        row.recorder if row else "", row.guests if row else "", event.minutes_text or "",
        row.decisions if row else "")
    return Minutes(event.id, branch.name if branch else "", event.kind, event.date,
                   bool(event.cancelled), bool(event.with_appraisal), event.speaker or "",
                   fields, attendees(session, event_id), row is not None)


def _clean(data: MinutesInput) -> MinutesInput:
    data = replace(data, **{name: (getattr(data, name) or "").strip()
                            for name in ("host", "recorder", "guests", "decisions")},
                   content=(data.content or "").rstrip())
    too_long = [f"{label}：最多 {limit} 个字" for label, name, limit in LIMITS
                if len(getattr(data, name)) > limit]
    if too_long:
        raise InputError("请修改后再保存：\n" + "\n".join(too_long))
    return data


def save_minutes(session: Session, event_id: int, data: MinutesInput) -> None:
    """Write the minutes: 时间, 地点, 主题 and 内容 onto the event (checked as the event form
    checks them), the rest into its meeting_minutes row. A cancelled event takes none."""
    event = _event(session, event_id)
    if event.cancelled:
        raise InputError(f"{fmt(event.date)} 的“{event.kind}”已取消，不能填写会议记录；请先恢复活动。")
    data = _clean(data)
    checked = study_events.validate(replace(
        study_events.event_input(session, event_id), start_time=data.start_time,
        place=data.place, topic=data.topic))
    event.start_time, event.place, event.topic = checked.start_time, checked.place, checked.topic
    event.minutes_text = data.content
    row = _row(session, event_id) or MeetingMinutes(event_id=event_id)
    row.host, row.recorder = data.host, data.recorder
    row.guests, row.decisions = data.guests, data.decisions
    session.add(row)
    session.flush()


def minutes_sheet(session: Session, event_id: int) -> MinutesSheet:
    """The plain data of the printed 会议记录, with the event's sign-in sheet to follow it."""
    m = read_minutes(session, event_id)
    f, a = m.fields, m.attendees
    return MinutesSheet(
        branch=m.branch, kind=m.kind, day=m.day, start_time=f.start_time, place=f.place,
        topic=f.topic, speaker=m.speaker, host=f.host, recorder=f.recorder, guests=f.guests,
        content=f.content, decisions=f.decisions, expected=a.expected, present=a.present,
        at_home=a.at_home, leave=a.leave, absent=a.absent, unmarked=a.unmarked,
        cancelled=m.cancelled, with_appraisal=m.with_appraisal,
        signin=signin_sheet(session, event_id))


def print_minutes(session: Session, event_id: int, path) -> dict:
    """Write the 会议记录 PDF (minutes, then the sign-in sheet) to `path`; what was written."""
    # late: reportlab is loaded when a sheet is printed, not when the page opens
    from app.export.minutes_pdf import write_minutes_pdf

    sheet = minutes_sheet(session, event_id)
    pages, signin_pages = write_minutes_pdf(sheet, path)
    return {"event_id": event_id, "output": str(path), "kind": sheet.kind,
            "date": f"{sheet.day:%Y-%m-%d}", "pages": pages, "signin_pages": signin_pages}
