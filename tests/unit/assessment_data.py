"""A hand-built year for the self-assessment tests: members, meetings, attendance, talks, visits,
dues, minutes and honours, each made through the real use cases, and the scores read back."""

from __future__ import annotations

from datetime import date

from app.services import study
from app.services.orglife.minutes import MinutesInput, save_minutes
from app.services.yearend.self_assessment import assessment_of
from tests.unit.orglife_data import member

YEAR = 2025
TODAY = date(2026, 2, 1)  # the year is over: judged to 31 December


def meet(s, branch_id, kind, day, minutes: bool = False) -> int:
    event_id = study.create_event(s, branch_id, study.EventInput(kind=kind, date=day),
                                  allow_duplicate=True)
    if minutes:
        save_minutes(s, event_id, MinutesInput(host="李秀兰", recorder="王记录",
                                               content="学习了文件"))
    return event_id


def people(s, branch_id, n: int, prefix: str = "党员", **kw) -> list[int]:
    return [member(s, branch_id, f"{prefix}{i:02d}", sort_order=i, **kw) for i in range(n)]


def item(db, branch_id, code: str):
    """(score in tenths, evidence, by) of item `code` of YEAR's assessment."""
    with db.session() as s:
        a = assessment_of(s, branch_id, YEAR, TODAY)
    found = next(i for i in a.items if i.code == code)
    return found.score, found.evidence, found.by
