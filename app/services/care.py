"""走访关怀: who needs a visit, who is due or overdue, and the printed visit checklist.

Who needs care (the 关怀名单): members 在册 today whose mobility is 行动不便 / 卧床 / 住院, plus
anyone the secretary added by hand (`Member.needs_care`, with `care_reason`, e.g. 独居 or 农村).
Members who died or moved away (去世 / 转出) and members temporarily away (暂离) are not listed.

The visit rhythm, per member (`Member.visit_interval_days`, default 30 days):

- only visits dated on or before `today` count; the latest of them is the *last visit*;
- the *due date* is the last visit + the interval: visiting on the due date is on time;
- 已逾期 (overdue): today is after the due date (today − last visit > interval);
- 从未走访 (never visited): no visit at all — counted with the overdue, as the quarterly
  report's 逾期未走访人数 does;
- 该走访 (due): the due date is today or within the next `DUE_SOON_DAYS` days;
- 未到期: everything else.

`members_due_for_visit` is the 该走访 + 已逾期 + 从未走访 list the home page counts;
`overdue_count` counts 已逾期 + 从未走访; `overdue_by_kind` also says how many of them are homebound.

The other parts of the area live beside this module: visits (`visits`), 老老结对 (`pairings`),
volunteers (`volunteers`), reminders and festival rounds (`reminders`), 建言献策
(`suggestions`). This module re-exports the names the home page and the benches look up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from app.dates import age_on
from app.errors import InputError
from app.models import Member, Pairing, Visit
from app.services.reminders import birthdays_in_month, festival_rounds  # noqa: F401 (re-export)
from app.services.visits import open_follow_ups  # noqa: F401 (re-export)
from app.vocab import HOMEBOUND_MOBILITIES, LEFT_STATUSES, STATUS_ACTIVE

DUE_SOON_DAYS = 7
STATE_OVERDUE = "已逾期"
STATE_NEVER = "从未走访"
STATE_DUE = "该走访"
STATE_OK = "未到期"
DUE_SOON_LABEL = f"该走访（{DUE_SOON_DAYS} 天内到期）"  # what both screens call `due_soon`
STATES = (STATE_OVERDUE, STATE_NEVER, STATE_DUE, STATE_OK)
OVERDUE_STATES = (STATE_OVERDUE, STATE_NEVER)
# not a state of the visit rhythm: due by a follow-up rule — 住院探望, 出院回访, the quarterly
# contact of 80+ and 独居 members (care_calendar.follow_up) — and counted apart from the others
STATE_CONTACT = "须联系"
# a shape as well as a word, so the state never rests on colour alone
STATE_SYMBOLS = {STATE_OVERDUE: "▲", STATE_NEVER: "▲", STATE_DUE: "●", STATE_OK: "○",
                 STATE_CONTACT: "◆"}


@dataclass(frozen=True)
class CareRow:
    """One member on the care list, with their visit rhythm as of `today`."""

    member_id: int
    name: str
    gender: str
    age: int | None
    community: str
    address: str
    phone: str
    mobility: str
    living: str
    reason: str  # why on the list: the mobility word, or the reason typed when added
    interval_days: int
    last_visit: date | None
    days_since: int | None
    due_date: date | None
    state: str

    @property
    def state_label(self) -> str:
        """The state with its symbol and, when late, by how much: "▲ 已逾期 12 天"."""
        text = f"{STATE_SYMBOLS[self.state]} {self.state}"
        if self.state == STATE_OVERDUE and self.days_overdue:
            text += f" {self.days_overdue} 天"
        return text

    @property
    def days_overdue(self) -> int:
        return self.days_since - self.interval_days if self.days_since is not None else 0


def visit_state(last_visit: date | None, interval_days: int,
                today: date) -> tuple[date | None, str]:
    """(due date, state) for one member — the rule of the module docstring, in one place."""
    if last_visit is None:
        return None, STATE_NEVER
    due = last_visit + timedelta(days=interval_days)
    if today > due:
        return due, STATE_OVERDUE
    if (due - today).days <= DUE_SOON_DAYS:
        return due, STATE_DUE
    return due, STATE_OK


def _care_condition():
    return or_(Member.mobility.in_(HOMEBOUND_MOBILITIES), Member.needs_care.is_(True))


def _in_care(branch_id: int, today: date):
    return (Member.branch_id == branch_id, Member.status == STATUS_ACTIVE,
            or_(Member.joined_date.is_(None), Member.joined_date <= today), _care_condition())


def care_list(session: Session, branch_id: int, today: date,
              states: tuple[str, ...] | None = None) -> list[CareRow]:
    """Everyone on the care list (or only those in `states`), the most urgent first.

    Order: 已逾期 (longest overdue first), 从未走访, 该走访 (earliest due first), 未到期; then
    the roster's own order.
    """
    # the last visit per member as a correlated subquery: one index lookup per member
    last = (select(func.max(Visit.date)).where(Visit.member_id == Member.id, Visit.date <= today)
            .correlate(Member).scalar_subquery())
    rows = session.execute(
        select(Member.id, Member.name, Member.gender, Member.birth_date, Member.community,
               Member.address, Member.phone, Member.mobility, Member.living, Member.needs_care,
               Member.care_reason, Member.visit_interval_days, Member.sort_order,
               last.label("last"))
        .where(*_in_care(branch_id, today))
    ).all()
    out = []
    for r in rows:
        interval = r.visit_interval_days or 30
        due, state = visit_state(r.last, interval, today)
        if states is not None and state not in states:
            continue
        reason = r.mobility if r.mobility in HOMEBOUND_MOBILITIES else (r.care_reason or "手动加入")
        out.append((r.sort_order, CareRow(
            r.id, r.name, r.gender or "", age_on(r.birth_date, today), r.community or "",
            r.address or "", r.phone or "", r.mobility or "", r.living or "", reason, interval,
            r.last, (today - r.last).days if r.last else None, due, state)))
    rank = {s: i for i, s in enumerate(STATES)}

    def key(item):
        order, row = item
        if row.state == STATE_OVERDUE:
            urgency = -row.days_overdue
        else:
            urgency = (row.due_date - today).days if row.due_date else 0
        return rank[row.state], urgency, order, row.member_id

    return [row for _o, row in sorted(out, key=key)]


def members_due_for_visit(session: Session, branch_id: int, today: date) -> list[CareRow]:
    """Members to visit now: 已逾期, 从未走访 and 该走访 (due within DUE_SOON_DAYS days)."""
    return care_list(session, branch_id, today, states=(STATE_OVERDUE, STATE_NEVER, STATE_DUE))


def overdue_count(session: Session, branch_id: int, today: date) -> int:
    """How many on the care list are 已逾期 or 从未走访 today."""
    return len(care_list(session, branch_id, today, states=OVERDUE_STATES))


def overdue_by_kind(session: Session, branch_id: int, today: date) -> tuple[int, int]:
    """(已逾期 or 从未走访 on the care list, of them homebound). The homebound part is what the
    quarterly report's 逾期未走访人数 counts; the rest were put on the list by hand (独居…)."""
    counts = visit_counts(session, branch_id, today)
    return counts.overdue, counts.overdue_homebound


@dataclass(frozen=True)
class VisitCounts:
    """The figures 首页 and the 走访关怀 page both show, counted one way (the same words mean the
    same number on both screens)."""

    overdue: int  # 已逾期 or 从未走访
    overdue_homebound: int  # of them 卧床/住院/行动不便: the quarterly report's 逾期未走访人数
    due_soon: int  # 该走访: due within DUE_SOON_DAYS days, not yet late
    on_list: int  # everyone on the care list


def count_visits(rows: list[CareRow]) -> VisitCounts:
    """The counts of a care list already read (the care page has it for its table)."""
    late = [r for r in rows if r.state in OVERDUE_STATES]
    return VisitCounts(len(late), sum(r.mobility in HOMEBOUND_MOBILITIES for r in late),
                       sum(r.state == STATE_DUE for r in rows), len(rows))


def visit_counts(session: Session, branch_id: int, today: date) -> VisitCounts:
    return count_visits(care_list(session, branch_id, today))


def add_to_care(session: Session, member_id: int, reason: str,
                interval_days: int | None = None) -> None:
    """加入关怀名单: a member who is not homebound by mobility but needs visits (独居, 农村 …)."""
    reason = (reason or "").strip()
    if not reason:
        raise InputError("请写明加入关怀名单的原因，如“独居”“住得远”")
    member = session.get(Member, member_id)
    if member is None:
        raise InputError(f"找不到编号为 {member_id} 的党员")
    if member.status in LEFT_STATUSES:
        raise InputError(f"{member.name}已{member.status}，不能加入关怀名单")
    member.needs_care, member.care_reason = True, reason[:100]
    if interval_days is not None:
        set_visit_interval(session, [member_id], interval_days)
    session.flush()


def remove_from_care(session: Session, member_id: int) -> None:
    """Take a hand-added member off the list (homebound members stay while their mobility does)."""
    member = session.get_one(Member, member_id)
    member.needs_care = False
    session.flush()


def set_visit_interval(session: Session, member_ids: list[int], days: int) -> int:
    """调整走访周期 for one or several members; 1 to 366 days."""
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise InputError(f"走访周期“{days}”不是天数") from None
    if not 1 <= days <= 366:
        raise InputError(f"走访周期应在 1 到 366 天之间，而不是 {days} 天")
    result = session.execute(update(Member).where(Member.id.in_(list(member_ids)))
                             .values(visit_interval_days=days)
                             .execution_options(synchronize_session=False))
    return result.rowcount or 0


def close_open_items(session: Session, member_id: int, day: date | None) -> int:
    """A member who died or moved away: close their open follow-ups and end their pairings.

    Nothing is deleted: each follow-up is marked done on `day` with a note saying why, and each
    pairing gets `until = day`, so the history stays readable. Called by `members.set_status`;
    does nothing for 在册 / 暂离. Returns how many items were closed.
    """
    member = session.get(Member, member_id)
    if member is None or member.status not in LEFT_STATUSES:
        return 0
    day = day or date.today()
    note = f"（{day:%Y-%m-%d} 党员{member.status}，自动关闭）"
    visits = session.scalars(select(Visit).where(
        Visit.member_id == member_id, Visit.follow_up != "", Visit.follow_up_done.is_(False)))
    closed = 0
    for visit in visits:
        visit.follow_up_done, visit.follow_up_done_date = True, max(day, visit.date)
        visit.notes = (visit.notes + note) if visit.notes else note.strip("（）")
        closed += 1
    pairs = session.scalars(select(Pairing).where(
        or_(Pairing.helper_id == member_id, Pairing.helped_id == member_id),
        or_(Pairing.until.is_(None), Pairing.until > day)))
    for pair in pairs:
        pair.until = max(day, pair.since)
        pair.notes = (pair.notes + note) if pair.notes else note.strip("（）")
        closed += 1
    session.flush()
    return closed


def print_visits(session: Session, member_ids: list[int] | None, path: str | Path,
                 today: date | None = None, branch_id: int | None = None,
                 progress=None) -> dict:
    """Write the visit checklist PDF (spec/visit-checklist.md) for `member_ids` to `path`.

    `member_ids` None means the members due for a visit in `branch_id`. Returns
    {"path", "members", "pages", "left_out"}: members who died or left are not printed but
    named in "left_out" ("张三已去世（2026-10-01）"). Unwritable paths and a missing font raise a
    Chinese UserError and leave no file behind.
    """
    # late: reportlab is loaded when a checklist is printed, not when the window starts
    from app.export.visit_checklist_pdf import write_checklists
    from app.services.checklist_data import checklist_data

    today = today or date.today()
    if member_ids is None:
        if branch_id is None:
            raise InputError("请指定支部或要走访的党员")
        member_ids = [r.member_id for r in members_due_for_visit(session, branch_id, today)]
    if not member_ids:
        raise InputError("没有要打印的党员：请先选择党员，或当前没有该走访的党员")
    data = checklist_data(session, list(member_ids), today)
    pages = write_checklists(data, path, progress=progress)
    return {"path": str(path), "members": len(data.members), "pages": pages,
            "left_out": data.left_out}
