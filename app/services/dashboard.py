"""首页: what needs doing today, gathered from the areas that own each piece.

This module computes nothing of its own: the study day comes from `study_events`, visits and
birthdays from `care` (the counts the 走访关怀 page shows), the follow-ups (须联系), 政治生日 and
a festival's visits from `care_calendar`, hand-outs from `handouts`, the quarter
so far from `quarter_figures` (the same definitions as the quarterly workbook), who is behind
with party dues from `dues.members_behind` (the 党费 page's 欠缴 list), the meetings still
missing this quarter from `orglife.frequency` (the 会议记录 tab's check), the first start's
steps from `first_start`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from app.anniversaries import birthday_word

from app.services import care, dues, handouts
from app.services.care_calendar import follow_up
from app.services.care_calendar.calendar import MonthGlance, month_glance
from app.services.first_start import FirstSteps, first_steps
from app.services.orglife.checks import HomeNotes, home_notes
from app.services.orglife.frequency import missing_this_quarter
from app.services.quarter_figures import quarter_figures
from app.services.study_events import next_study_day

QUARTER_KEYS = ("在册人数", "学习活动次数", "出勤率", "参学率", "走访人次", "逾期未走访人数")
NAMES_SHOWN = 5


@dataclass
class Dashboard:
    today: date
    study_day: date | None = None
    study_event_id: int | None = None
    visits: care.VisitCounts | None = None  # the same counts the 走访关怀 page shows
    due_names: list[str] = field(default_factory=list)  # the most urgent first
    pending_handouts: int = 0
    birthdays: list[tuple[str, date, int]] | None = None  # (name, birthday this year, age)
    contacts: int = 0  # ◆ 须联系: 住院 / 出院 / quarterly follow-ups (the care page's count)
    calendar: MonthGlance | None = None  # 政治生日, marked birthdays, a festival near
    quarter_start: date | None = None
    quarter: dict[str, int | float] = field(default_factory=dict)
    first_steps: FirstSteps | None = None  # the first start's three steps (services.first_start)
    # 欠缴 (3 months or more unpaid, `flagged` from 6), the longest first; None while the
    # branch keeps no dues in the program
    dues_behind: list[dues.Behind] | None = None
    # 组织生活: what is still missing in the quarter running ("本季度还没有召开支部党员大会")
    orglife_missing: list[str] = field(default_factory=list)
    # the committee's term warning (6 / 1 months) and, from October, the talks still to hold
    # this year; None while there is neither
    orglife: HomeNotes | None = None


def quarter_start(today: date) -> date:
    return date(today.year, (today.month - 1) // 3 * 3 + 1, 1)


def dashboard(session: Session, branch_id: int, today: date) -> Dashboard:
    board = Dashboard(today=today, quarter_start=quarter_start(today))
    board.first_steps = first_steps(session, branch_id, today)
    board.study_day, board.study_event_id = next_study_day(session, branch_id, today)
    rows = care.care_list(session, branch_id, today)
    board.visits = care.count_visits(rows)
    board.due_names = [r.name for r in rows
                       if r.state in (*care.OVERDUE_STATES, care.STATE_DUE)][:NAMES_SHOWN]
    board.contacts = follow_up.contact_count(follow_up.due_visits(session, branch_id, today))
    board.birthdays = [(row.name, row.birthday, row.age) for row in
                       care.birthdays_in_month(session, branch_id, today.year, today.month)]
    board.calendar = month_glance(session, branch_id, today)
    board.pending_handouts = handouts.pending_count(session, branch_id)
    if dues.keeps_dues(session, branch_id):
        board.dues_behind = dues.members_behind(session, branch_id, today)
    board.orglife_missing = missing_this_quarter(session, branch_id, today)
    notes = home_notes(session, branch_id, today)
    board.orglife = notes if notes.worth_showing else None
    figures = quarter_figures(session, branch_id, board.quarter_start, today)
    board.quarter = {key: figures[key] for key in QUARTER_KEYS}
    return board


def round_age_word(age: int) -> str:
    """寿辰 words for the ages the branch marks with a visit (逢十, 85, from 90 every year:
    app/anniversaries.py); never only a colour on screen."""
    return birthday_word(age)
