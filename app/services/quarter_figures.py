"""The quarter's figures (季度工作情况统计表 · 汇总), computed with set-based SQL over the tables.

One function, `quarter_figures`, is the single source of every count: the quarterly workbook,
the township merge and the home page's "this quarter so far" (end = today) all read it, so the
numbers can never disagree. Definitions follow shared/spec/quarterly-report.md literally:

- 在册 at a day = on the roster that day (`roster.members_on_roster`) and not 暂离 by then — the
  detail sheet 党员名册 lists exactly this set, so 在册人数 equals its row count.
- 应参学人次 = attendance records of the quarter's non-cancelled events whose member was on the
  roster on the event's day (the same rule the attendance lists use).
- Rates are fractions; with a zero denominator the rate is 0.0 (a number cell, never text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import and_, case, distinct, func, or_, select
from sqlalchemy.orm import Session

from app.models import Attendance, Handout, Member, Pairing, StudyEvent, Suggestion, Visit
from app.services.roster import members_on_roster
from app.vocab import HOMEBOUND_MOBILITIES, LEFT_STATUSES, STATUS_ACTIVE, STUDY_DAY_KIND

LABELS = (
    "在册人数", "离休人数", "退休人数", "党员人数", "女性人数", "80岁及以上人数", "行动不便人数",
    "独居人数", "新增人数", "减少人数", "学习活动次数", "集中学习日次数", "应参学人次", "出席人次",
    "送学上门人次", "出勤率", "参学率", "发放资料份数", "送学上门份数", "走访人次",
    "走访行动不便党员人数", "行动不便党员走访覆盖率", "逾期未走访人数", "结对帮扶对数", "建言献策条数",
)
RATE_LABELS = frozenset({"出勤率", "参学率", "行动不便党员走访覆盖率"})
# rate label → (numerator labels, denominator label): the merge recomputes rates from sums
RATE_PARTS = {
    "出勤率": (("出席人次",), "应参学人次"),
    "参学率": (("出席人次", "送学上门人次"), "应参学人次"),
    "行动不便党员走访覆盖率": (("走访行动不便党员人数",), "行动不便人数"),
}


@dataclass
class QuarterFigures:
    """Every label of 汇总 in the spec's order; counts are int, rates float fractions (0.0–1.0)."""

    start: date
    end: date
    values: dict[str, int | float] = field(default_factory=dict)

    def __getitem__(self, label: str) -> int | float:
        return self.values[label]

    def items(self):
        return self.values.items()


def rate(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def apply_rates(values: dict[str, int | float]) -> None:
    """Fill the rate labels from the count labels (also used for the township 合计 row)."""
    for label, (nums, den) in RATE_PARTS.items():
        values[label] = rate(sum(values[n] for n in nums), values[den])


def active_at(session: Session, branch_id: int, on: date):
    """Ids of members 在册 on day `on`: on the roster and not temporarily away by then."""
    away = and_(Member.status == "暂离", or_(Member.status_date.is_(None), Member.status_date <= on))
    return members_on_roster(session, branch_id, on).where(~away)


def on_roster_at_event():
    """SQL condition: the attendance's member was on the roster on its event's day."""
    return and_(
        or_(Member.joined_date.is_(None), Member.joined_date <= StudyEvent.date),
        or_(Member.status.in_((STATUS_ACTIVE, "暂离")), Member.status_date.is_(None),
            Member.status_date >= StudyEvent.date),
    )


def _eighty_cutoff(end: date) -> date:
    try:
        return end.replace(year=end.year - 80)
    except ValueError:  # 29 February in a year that has none
        return date(end.year - 80, 2, 28)


def _n(condition):
    """Count of rows meeting `condition` (a plain SUM of a comparison comes back as a bool)."""
    return func.sum(case((condition, 1), else_=0))


def _scalar(session: Session, stmt) -> int:
    return int(session.execute(stmt).scalar() or 0)


def quarter_figures(session: Session, branch_id: int, start: date, end: date) -> QuarterFigures:
    """All figures of 汇总 for the days start..end (a quarter, or a quarter so far)."""
    v: dict[str, int | float] = {}
    ids = active_at(session, branch_id, end).scalar_subquery()
    homebound = Member.mobility.in_(HOMEBOUND_MOBILITIES)
    row = session.execute(
        select(
            func.count(),
            _n(Member.retire_type == "离休"),
            _n(Member.retire_type == "退休"),
            _n(Member.is_party_member.is_(True)),
            _n(Member.gender == "女"),
            _n(and_(Member.birth_date.is_not(None), Member.birth_date <= _eighty_cutoff(end))),
            _n(homebound),
            _n(Member.living == "独居"),
        ).where(Member.id.in_(ids))
    ).one()
    for label, value in zip(LABELS[:8], row):
        v[label] = int(value or 0)
    in_branch = Member.branch_id == branch_id
    events = and_(StudyEvent.branch_id == branch_id, StudyEvent.date.between(start, end),
                  StudyEvent.cancelled.is_(False))
    visits = select(Visit.member_id).join(Member, Member.id == Visit.member_id).where(
        in_branch, Visit.date.between(start, end))
    helped = select(Member.id).where(in_branch).scalar_subquery()
    # the single counts go in one statement (one round trip instead of seven: the county's
    # 200 quarterly workbooks each ask these)
    counts = {
        "新增人数": select(func.count()).where(in_branch, Member.joined_date.between(start, end)),
        "减少人数": select(func.count()).where(
            in_branch, Member.status.in_(LEFT_STATUSES), Member.status_date.between(start, end)),
        "走访人次": select(func.count()).select_from(visits.subquery()),
        "走访行动不便党员人数": select(func.count(distinct(Visit.member_id)))
        .join(Member, Member.id == Visit.member_id)
        .where(Visit.date.between(start, end), homebound, Member.id.in_(ids)),
        "逾期未走访人数": overdue_query(session, branch_id, end),
        "结对帮扶对数": select(func.count()).where(
            Pairing.helped_id.in_(helped), Pairing.since <= end,
            or_(Pairing.until.is_(None), Pairing.until >= end)),
        "建言献策条数": select(func.count()).where(
            Suggestion.branch_id == branch_id, Suggestion.date.between(start, end)),
    }
    row = session.execute(select(*(q.scalar_subquery() for q in counts.values()))).one()
    for label, value in zip(counts, row):
        v[label] = int(value or 0)

    ev = session.execute(select(func.count(), _n(StudyEvent.kind == STUDY_DAY_KIND))
                         .where(events)).one()
    v["学习活动次数"], v["集中学习日次数"] = int(ev[0] or 0), int(ev[1] or 0)
    att = session.execute(
        select(func.count(), _n(Attendance.mark == "出席"),
               _n(Attendance.mark == "送学上门"))
        .join(StudyEvent, StudyEvent.id == Attendance.event_id)
        .join(Member, Member.id == Attendance.member_id)
        .where(events, on_roster_at_event())
    ).one()
    v["应参学人次"], v["出席人次"], v["送学上门人次"] = (int(x or 0) for x in att)

    ho = session.execute(
        select(func.count(), _n(Handout.method == "送学上门"))
        .join(Member, Member.id == Handout.member_id)
        .where(in_branch, Handout.issued_date.between(start, end))
    ).one()
    v["发放资料份数"], v["送学上门份数"] = int(ho[0] or 0), int(ho[1] or 0)
    apply_rates(v)
    return QuarterFigures(start, end, {label: v[label] for label in LABELS})


def overdue_count(session: Session, branch_id: int, end: date) -> int:
    """Homebound members 在册 at `end` whose last visit (on or before `end`) is older than their
    visit interval, or who were never visited."""
    return _scalar(session, overdue_query(session, branch_id, end))


def overdue_query(session: Session, branch_id: int, end: date):
    """The count behind `overdue_count`, as a statement. Day arithmetic in SQL via julianday."""
    # the last visit per member as a correlated subquery (ix_visit_member_date): grouping every
    # visit of the database first cost 72 ms per branch in a county of 600,000 visits
    last = (select(func.max(Visit.date)).where(Visit.member_id == Member.id, Visit.date <= end)
            .scalar_subquery())
    ids = active_at(session, branch_id, end).scalar_subquery()
    stmt = (select(func.count()).select_from(Member)
            .where(Member.id.in_(ids), Member.mobility.in_(HOMEBOUND_MOBILITIES),
                   or_(last.is_(None),
                       func.julianday(end) - func.julianday(last) > Member.visit_interval_days)))
    return stmt
