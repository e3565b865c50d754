"""The frequency check (spec/org-life.md): for a year, how many of each kind of meeting were held
against how many are required, and what is still missing in the quarter now running.

How a meeting is counted:
- an event of the kind, not cancelled, dated in the year; on or before `as_of` it is *held*,
  after it *planned* (a meeting already put in the calendar is not reported missing);
- 主题党日: where the branch says so (the default), a month without a 主题党日 of its own has its
  集中学习日 counted as that month's 主题党日 — one per month, never two;
- 民主评议党员: a 组织生活会 marked "同时进行民主评议党员" counts for it too;
- a kind the branch switched off is listed as such, required 0, never missing.

What "missing this quarter" means — the reminder shown while there is still time:
- a monthly kind: some month of the quarter, from its first month to the month of `as_of`, has
  no meeting. A month already over lacks it for good ("本季度4月没有召开支委会"); the month of
  `as_of` lacks it while nothing is held or planned in it yet, from its first day: it says
  "本月还没有召开支委会" until a meeting is held or put in the calendar;
- a quarterly kind: nothing held or planned in the quarter of `as_of`;
- a yearly kind: nothing held or planned in the year, judged only in its last quarter (a yearly
  meeting may fall in any quarter; the fourth is the last chance);
- only while `as_of` lies in the year checked: a past year has no quarter running (its gaps are
  in `missed`), a future one has none yet.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dates import quarter_bounds
from app.models import StudyEvent
from app.services.orglife.kinds import MeetingSettings, meeting_settings
from app.vocab import (
    APPRAISAL_KIND, FREQ_MONTH, FREQ_QUARTER, LIFE_MEETING_KIND, MEETING_FREQUENCIES,
    MEETING_KINDS, MEETING_VERBS, STUDY_DAY_KIND, THEME_DAY_KIND,
)

QUARTER_NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")


@dataclass(frozen=True)
class Period:
    label: str  # "4月", "第二季度", "全年"
    first: date
    last: date

    def holds(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class KindStatus:
    """One kind of meeting in the year, as of a day."""

    kind: str
    frequency: str  # 每月 / 每季度 / 每年
    held: int  # meetings held in the year up to as_of
    required: int  # for the whole year (0 when the branch does not hold the kind)
    required_so_far: int  # periods begun by as_of, the running one included
    missing_this_quarter: bool
    sentence: str = ""  # "本季度还没有召开支部党员大会"; "" when nothing is missing
    planned: int = 0  # later in the year, already in the calendar
    missed: list[str] = field(default_factory=list)  # periods over without one: "3月"
    # the running quarter's gaps, short: ["10月", "本月"], ["本季度"] or ["今年"]
    gaps: list[str] = field(default_factory=list)
    off: bool = False  # the branch does not hold this kind
    note: str = ""  # how some were counted: "其中集中学习日 10 次"

    def to_json(self) -> dict:
        return asdict(self)


def verb(kind: str) -> str:
    return MEETING_VERBS.get(kind, "召开")


def periods(year: int, frequency: str) -> list[Period]:
    if frequency == FREQ_MONTH:
        return [Period(f"{m}月", date(year, m, 1), _month_end(year, m)) for m in range(1, 13)]
    if frequency == FREQ_QUARTER:
        return [Period(QUARTER_NAMES[q - 1], *quarter_bounds(year, q)) for q in range(1, 5)]
    return [Period("全年", date(year, 1, 1), date(year, 12, 31))]


def _month_end(year: int, month: int) -> date:
    following = date(year + (month == 12), 1 if month == 12 else month + 1, 1)
    return following - timedelta(days=1)


def meeting_dates(session: Session, branch_id: int, year: int,
                  settings: MeetingSettings) -> dict[str, list[tuple[date, str]]]:
    """Per kind, the year's meetings that count for it, in date order, as (date, the kind the
    event was): its own, or 集中学习日 counted as 主题党日, or 组织生活会 held with 民主评议."""
    rows = session.execute(
        select(StudyEvent.kind, StudyEvent.date, StudyEvent.with_appraisal).where(
            StudyEvent.branch_id == branch_id, StudyEvent.cancelled.is_(False),
            StudyEvent.date.between(date(year, 1, 1), date(year, 12, 31)),
            StudyEvent.kind.in_((*MEETING_KINDS, STUDY_DAY_KIND)))
        .order_by(StudyEvent.date, StudyEvent.id)).all()
    found: dict[str, list[tuple[date, str]]] = {k: [] for k in MEETING_KINDS}
    for kind, day, with_appraisal in rows:
        if kind in found:
            found[kind].append((day, kind))
        if kind == LIFE_MEETING_KIND and with_appraisal:
            found[APPRAISAL_KIND].append((day, kind))
    if settings.study_day_counts:
        own = {d.month for d, _k in found[THEME_DAY_KIND]}
        study: dict[int, date] = {}
        for kind, day, _joint in rows:
            if kind == STUDY_DAY_KIND and day.month not in own:
                study.setdefault(day.month, day)  # the month's first one, once
        found[THEME_DAY_KIND] += [(d, STUDY_DAY_KIND) for d in study.values()]
    return {k: sorted(v) for k, v in found.items()}


_BORROWED = {STUDY_DAY_KIND: "其中集中学习日 {n} 次", LIFE_MEETING_KIND: "其中与组织生活会同时进行 {n} 次"}


def _quarter_gaps(kind: str, frequency: str, days: list[date], year: int,
                  as_of: date) -> tuple[list[str], bool]:
    """(months of the running quarter already over without a meeting, whether the running
    period itself has none held or planned); ([], False) when no quarter of `year` runs."""
    if as_of.year != year:
        return [], False
    q = (as_of.month - 1) // 3 + 1
    if frequency == FREQ_MONTH:
        months = [p for p in periods(year, FREQ_MONTH)[3 * q - 3:3 * q] if p.first <= as_of]
        gone = [p.label for p in months[:-1] if not any(p.holds(d) for d in days)]
        return gone, not any(months[-1].holds(d) for d in days)
    if frequency == FREQ_QUARTER:
        return [], not any(periods(year, FREQ_QUARTER)[q - 1].holds(d) for d in days)
    return [], q == 4 and not days


def _sentence(kind: str, frequency: str, gone: list[str], running: bool) -> str:
    if frequency == FREQ_MONTH:
        if gone and running:
            return f"本季度{'、'.join(gone)}没有{verb(kind)}{kind}，本月也还没有{verb(kind)}"
        if gone:
            return f"本季度{'、'.join(gone)}没有{verb(kind)}{kind}"
        return f"本月还没有{verb(kind)}{kind}" if running else ""
    if not running:
        return ""
    return f"{'本季度' if frequency == FREQ_QUARTER else '今年'}还没有{verb(kind)}{kind}"


def kind_status(kind: str, meetings: list[tuple[date, str]], year: int, as_of: date,
                off: bool = False) -> KindStatus:
    """One kind's figures from its meetings in `year`, (date, kind of the event) as
    meeting_dates gives them (see the module text)."""
    frequency = MEETING_FREQUENCIES[kind]
    days = [d for d, _k in meetings]
    held = sum(d <= as_of for d in days)
    borrowed = [k for d, k in meetings if k != kind and d <= as_of]
    note = _BORROWED[borrowed[0]].format(n=len(borrowed)) if borrowed else ""
    planned = len(days) - held
    if off:
        return KindStatus(kind, frequency, held, 0, 0, False, planned=planned, off=True,
                          note=note)
    spans = periods(year, frequency)
    missed = [p.label for p in spans
              if p.last < as_of and not any(p.holds(d) for d in days)]
    gone, running = _quarter_gaps(kind, frequency, days, year, as_of)
    now = {FREQ_MONTH: "本月", FREQ_QUARTER: "本季度"}.get(frequency, "今年")
    return KindStatus(kind, frequency, held, len(spans),
                      sum(p.first <= as_of for p in spans), bool(gone) or running,
                      _sentence(kind, frequency, gone, running), planned, missed,
                      gone + [now] * running, note=note)


def frequency_check(session: Session, branch_id: int, year: int,
                    as_of: date) -> list[KindStatus]:
    """Each kind of MEETING_KINDS, in that order, for `year` as it stood on `as_of`."""
    settings = meeting_settings(session, branch_id)
    found = meeting_dates(session, branch_id, year, settings)
    return [kind_status(k, found[k], year, as_of, off=not settings.holds(k))
            for k in MEETING_KINDS]


def missing_this_quarter(session: Session, branch_id: int, today: date) -> list[str]:
    """The sentences of what is still missing in the quarter running today (the home page)."""
    return [s.sentence for s in frequency_check(session, branch_id, today.year, today)
            if s.missing_this_quarter]


def check_report(session: Session, branch_id: int, year: int, as_of: date) -> dict:
    """`zhibu org-life check --json`: {"year", "as_of", "kinds": [...]}. A dict, so the talks,
    the committee and the appraisal add their own keys beside "kinds"."""
    return {"year": year, "as_of": f"{as_of:%Y-%m-%d}",
            "kinds": [s.to_json() for s in frequency_check(session, branch_id, year, as_of)]}
