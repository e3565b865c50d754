"""The year's events and meetings with the state of their minutes: the 会议记录 tab's list and
`zhibu events`. Built on the study list (app.services.event_list: 应到 and the marks counted the
same way), with 主持人, 记录人 and whether the minutes are written read in one more query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import MeetingMinutes, StudyEvent
from app.services.event_list import EventRow, count_marks, event_list
from app.vocab import MEETING_KINDS

WRITTEN, NOT_WRITTEN, CANCELLED, NOT_YET = "已填写", "未填写", "已取消", "未开始"


@dataclass(frozen=True)
class MeetingRow:
    event: EventRow  # date, kind, topic, 应到 and the marks counted
    host: str
    recorder: str
    written: bool  # a minutes row saved, or 内容 typed
    with_appraisal: bool

    @property
    def id(self) -> int:
        return self.event.id

    def state(self, today: date) -> str:
        """What the list says of the minutes: 已填写 / 未填写, 已取消, 未开始 (a later day)."""
        if self.event.cancelled:
            return CANCELLED
        if self.written:
            return WRITTEN
        return NOT_YET if self.event.date > today else NOT_WRITTEN

    def to_json(self, today: date) -> dict:
        e = self.event
        return {"id": e.id, "date": f"{e.date:%Y-%m-%d}", "kind": e.kind,
                "start_time": e.start_time, "topic": e.topic, "place": e.place,
                "cancelled": e.cancelled, "with_appraisal": self.with_appraisal,
                "expected": e.expected, "present": e.present, "leave": e.leave,
                "absent": e.absent, "at_home": e.delivered, "host": self.host,
                "recorder": self.recorder, "minutes": self.state(today)}


def year_meetings(session: Session, branch_id: int, year: int,
                  meetings_only: bool = False, kind: str | None = None) -> list[MeetingRow]:
    """The branch's events of `year`, oldest first (a year's record reads forward), with their
    attendance counted; `meetings_only` keeps the 组织生活 kinds (三会一课, 主题党日 …)."""
    rows = event_list(session, branch_id, year=year, kind=kind)
    if meetings_only:
        rows = [r for r in rows if r.kind in MEETING_KINDS]
    rows = count_marks(session, branch_id, rows[::-1])
    if not rows:
        return []
    ids = [r.id for r in rows]
    minutes = {m.event_id: m for m in session.execute(
        select(MeetingMinutes.event_id, MeetingMinutes.host, MeetingMinutes.recorder)
        .where(MeetingMinutes.event_id.in_(ids)))}
    extra = {e.id: e for e in session.execute(
        select(StudyEvent.id, StudyEvent.minutes_text != "", StudyEvent.with_appraisal)
        .where(StudyEvent.id.in_(ids)))}
    out = []
    for r in rows:
        m, (_id, typed, joint) = minutes.get(r.id), extra[r.id]
        out.append(MeetingRow(r, m.host if m else "", m.recorder if m else "",
                              m is not None or bool(typed), bool(joint)))
    return out
