"""首页: what needs doing today, gathered from the areas that own each piece.

This module computes nothing of its own: the study day comes from `study`, visits and birthdays
from `care`, hand-outs from `handouts`, the quarter so far from `quarter_figures` (the same
definitions as the quarterly workbook). An area whose service is not installed leaves its part
as None, so the page simply omits that tile instead of showing a made-up number.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Member
from app.services import handouts
from app.services.quarter_figures import quarter_figures

QUARTER_KEYS = ("在册人数", "学习活动次数", "出勤率", "参学率", "走访人次", "逾期未走访人数")
ROUND_AGES = (80, 90, 100)
NAMES_SHOWN = 5


@dataclass
class Dashboard:
    today: date
    study_day: date | None = None
    study_event_id: int | None = None
    visits_due: int | None = None
    visits_overdue: int | None = None
    visits_overdue_homebound: int | None = None  # the report's 逾期未走访人数 counts only these
    due_names: list[str] = field(default_factory=list)
    pending_handouts: int = 0
    birthdays: list[tuple[str, date, int]] | None = None  # (name, birthday this year, age)
    quarter_start: date | None = None
    quarter: dict[str, int | float] = field(default_factory=dict)


def quarter_start(today: date) -> date:
    return date(today.year, (today.month - 1) // 3 * 3 + 1, 1)


def _area(name: str):
    """The area's service module, or None while it is not part of this build."""
    try:
        return importlib.import_module(f"app.services.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"app.services.{name}":
            raise
        return None


def _names(session: Session, ids: list[int]) -> list[str]:
    if not ids:
        return []
    found = dict(session.execute(select(Member.id, Member.name).where(Member.id.in_(ids))).all())
    return [found[i] for i in ids if i in found]


def _ids(rows) -> list[int]:
    """Member ids from whatever the care service returns (ids, or rows with `member_id`/`id`)."""
    out = []
    for row in rows:
        if isinstance(row, int):
            out.append(row)
        else:
            out.append(getattr(row, "member_id", None) or getattr(row, "id"))
    return out


def dashboard(session: Session, branch_id: int, today: date) -> Dashboard:
    board = Dashboard(today=today, quarter_start=quarter_start(today))
    study = _area("study")
    if study is not None:
        board.study_day, board.study_event_id = study.next_study_day(session, branch_id, today)
    care = _area("care")
    if care is not None:
        due = list(care.members_due_for_visit(session, branch_id, today))
        board.visits_due = len(due)
        board.visits_overdue, board.visits_overdue_homebound = care.overdue_by_kind(
            session, branch_id, today)
        board.due_names = _names(session, _ids(due[:NAMES_SHOWN]))
        board.birthdays = _birthdays(care, session, branch_id, today)
    board.pending_handouts = handouts.pending_count(session, branch_id)
    figures = quarter_figures(session, branch_id, board.quarter_start, today)
    board.quarter = {key: figures[key] for key in QUARTER_KEYS}
    return board


def _birthdays(care, session: Session, branch_id: int, today: date):
    """(name, birthday this year, age turning) from care's rows: tuples or named rows."""
    out = []
    for row in care.birthdays_in_month(session, branch_id, today.year, today.month):
        if isinstance(row, tuple) and not hasattr(row, "_fields"):
            name, born = row[0], row[1]
        else:
            name = row.name
            born = next(getattr(row, a) for a in ("birth_date", "birthday", "born")
                        if getattr(row, a, None) is not None)
        day = born.day if (born.month, born.day) != (2, 29) or _leap(today.year) else 28
        out.append((name, date(today.year, born.month, day), today.year - born.year))
    return out


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def round_age_word(age: int) -> str:
    """寿辰 words for the ages the branch marks with a visit; never only a colour on screen."""
    return f"{age}岁整寿" if age in ROUND_AGES else ""
