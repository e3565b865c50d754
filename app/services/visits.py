"""Recording a home visit from the paper 走访登记表, listing visits, and the follow-ups still open.

A visit names its visitor and the kind of visitor (支部书记 / 支委 / 结对党员 / 助老员 / 志愿者 /
社区), one or more purposes, what was brought (pending hand-outs are marked delivered by the
visit), the member's health and mood, what they asked for (诉求) and the follow-up.
A visit dated in the future, before the member joined the roster or after they left is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session, aliased

from app.errors import InputError
from app.models import Handout, Material, Member, Visit, Volunteer
from app.services.handouts import mark_delivered
from app.vocab import HANDOUT_PENDING, LEFT_STATUSES, STATUS_ACTIVE, VISIT_PURPOSES, VISITOR_KINDS

PURPOSE_SEP = "、"


class VisitError(InputError):
    """Problems with a visit as typed; `problems` are Chinese sentences."""

    def __init__(self, problems: list[str]):
        super().__init__("；".join(problems))
        self.problems = problems


@dataclass
class VisitInput:
    """Every field of the visit dialog, in the order of the paper form."""

    member_id: int
    date: date | None = None
    visitor_name: str = ""
    visitor_kind: str = "支部书记"
    volunteer_id: int | None = None
    helper_member_id: int | None = None
    purposes: list[str] = field(default_factory=list)
    handout_ids: list[int] = field(default_factory=list)  # pending copies brought along
    delivered_note: str = ""
    health: str = ""
    mood: str = ""
    requests: str = ""
    follow_up: str = ""
    follow_up_done: bool = False
    notes: str = ""


def _check(session: Session, data: VisitInput, today: date) -> tuple[Member, list[str]]:
    problems: list[str] = []
    member = session.get(Member, data.member_id)
    if member is None:
        raise VisitError([f"找不到编号为 {data.member_id} 的党员"])
    if data.date is None:
        problems.append("请填写走访日期")
    elif data.date > today:
        problems.append(f"走访日期 {data.date:%Y-%m-%d} 在今天之后，走访还没有发生")
    elif member.joined_date and data.date < member.joined_date:
        problems.append(f"走访日期 {data.date:%Y-%m-%d} 早于{member.name}入册的日期 "
                        f"{member.joined_date:%Y-%m-%d}")
    elif member.status in LEFT_STATUSES and member.status_date and data.date > member.status_date:
        problems.append(f"{member.name}已于 {member.status_date:%Y-%m-%d} {member.status}，"
                        f"不能登记之后的走访")
    if data.visitor_kind not in VISITOR_KINDS:
        problems.append(f"走访人类别“{data.visitor_kind}”应为：{'、'.join(VISITOR_KINDS)}")
    bad = [p for p in data.purposes if p not in VISIT_PURPOSES]
    if bad:
        problems.append(f"走访事由“{'、'.join(bad)}”应为：{'、'.join(VISIT_PURPOSES)}")
    if not data.purposes:
        problems.append("请至少勾选一项走访事由")
    if data.helper_member_id == data.member_id:
        problems.append("结对党员不能是被走访的党员本人")
    return member, problems


def _visitor_name(session: Session, data: VisitInput) -> str:
    name = (data.visitor_name or "").strip()
    if not name and data.volunteer_id:
        name = session.scalar(select(Volunteer.name).where(Volunteer.id == data.volunteer_id)) or ""
    if not name and data.helper_member_id:
        name = session.scalar(select(Member.name).where(Member.id == data.helper_member_id)) or ""
    return name


def record_visit(session: Session, data: VisitInput, today: date | None = None) -> int:
    """Save one visit; mark the hand-outs it brought delivered that day. Returns the visit id.

    Every problem is reported at once (VisitError) and nothing is saved.
    """
    today = today or date.today()
    member, problems = _check(session, data, today)
    visitor = _visitor_name(session, data)
    if not visitor:
        problems.append("请填写走访人")
    pending = _pending_labels(session, data.member_id, data.handout_ids)
    foreign = set(data.handout_ids) - set(pending)
    if foreign:
        problems.append(f"有 {len(foreign)} 份资料不是{member.name}待送达的资料")
    if problems:
        raise VisitError(problems)
    note = (data.delivered_note or "").strip()
    if data.handout_ids and not note:
        note = PURPOSE_SEP.join(pending[h] for h in data.handout_ids)
    purposes = [p for p in VISIT_PURPOSES if p in data.purposes]  # the form's order, no repeats
    visit = Visit(
        member_id=data.member_id, date=data.date, visitor_name=visitor[:100],
        visitor_kind=data.visitor_kind, volunteer_id=data.volunteer_id,
        helper_member_id=data.helper_member_id, purposes=PURPOSE_SEP.join(purposes),
        delivered_note=note, health=data.health.strip(), mood=data.mood.strip(),
        requests=data.requests.strip(), follow_up=data.follow_up.strip(),
        follow_up_done=bool(data.follow_up_done and data.follow_up.strip()),
        follow_up_done_date=data.date if data.follow_up_done and data.follow_up.strip() else None,
        notes=data.notes.strip(),
    )
    session.add(visit)
    session.flush()
    if data.handout_ids:
        mark_delivered(session, data.handout_ids, data.date, visit_id=visit.id)
    return visit.id


def visit_input(session: Session, visit_id: int) -> VisitInput:
    """A stored visit as dialog values (the hand-outs it delivered are not repeated here)."""
    v = session.get(Visit, visit_id)
    if v is None:
        raise InputError(f"找不到编号为 {visit_id} 的走访记录")
    return VisitInput(
        member_id=v.member_id, date=v.date, visitor_name=v.visitor_name,
        visitor_kind=v.visitor_kind, volunteer_id=v.volunteer_id,
        helper_member_id=v.helper_member_id,
        purposes=[p for p in v.purposes.split(PURPOSE_SEP) if p], delivered_note=v.delivered_note,
        health=v.health, mood=v.mood, requests=v.requests, follow_up=v.follow_up,
        follow_up_done=v.follow_up_done, notes=v.notes)


def delivered_by(session: Session, visit_id: int) -> list[str]:
    """Labels of the hand-outs this visit delivered."""
    return [f"《{t}》{p}" for t, p in session.execute(
        select(Material.title, Material.period).join(Handout, Handout.material_id == Material.id)
        .where(Handout.visit_id == visit_id).order_by(Handout.id))]


def update_visit(session: Session, visit_id: int, data: VisitInput,
                 today: date | None = None) -> None:
    """Correct a visit typed wrongly. Hand-outs it already delivered stay delivered (their date
    follows the visit's); newly ticked pending ones are marked delivered by it."""
    today = today or date.today()
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise VisitError([f"找不到编号为 {visit_id} 的走访记录"])
    data.member_id = visit.member_id
    member, problems = _check(session, data, today)
    visitor = _visitor_name(session, data)
    if not visitor:
        problems.append("请填写走访人")
    early = session.execute(
        select(Material.title, Handout.issued_date)
        .join(Material, Material.id == Handout.material_id)
        .where(Handout.visit_id == visit_id, Handout.issued_date > data.date).limit(1)
    ).first() if data.date else None
    if early:
        problems.append(f"这次走访送去的《{early.title}》是 {early.issued_date:%Y-%m-%d} 才发放的，"
                        f"走访日期不能早于它")
    pending = _pending_labels(session, visit.member_id, data.handout_ids)
    if set(data.handout_ids) - set(pending):
        problems.append(f"有资料不是{member.name}待送达的资料")
    if problems:
        raise VisitError(problems)
    follow = data.follow_up.strip()
    done = bool(data.follow_up_done and follow)
    purposes = [p for p in VISIT_PURPOSES if p in data.purposes]
    visit.date, visit.visitor_name, visit.visitor_kind = data.date, visitor[:100], data.visitor_kind
    visit.volunteer_id, visit.helper_member_id = data.volunteer_id, data.helper_member_id
    visit.purposes = PURPOSE_SEP.join(purposes)
    visit.health, visit.mood = data.health.strip(), data.mood.strip()
    visit.requests, visit.notes = data.requests.strip(), data.notes.strip()
    if (follow, done) != (visit.follow_up, visit.follow_up_done):
        visit.follow_up_done_date = (visit.follow_up_done_date or data.date) if done else None
    visit.follow_up, visit.follow_up_done = follow, done
    session.execute(update(Handout).where(Handout.visit_id == visit_id)
                    .values(delivered_date=data.date)
                    .execution_options(synchronize_session=False))
    if data.handout_ids:
        mark_delivered(session, data.handout_ids, data.date, visit_id=visit_id)
        labels = PURPOSE_SEP.join(pending[h] for h in data.handout_ids)
        visit.delivered_note = PURPOSE_SEP.join(x for x in (visit.delivered_note, labels) if x)
    session.flush()


def _pending_labels(session: Session, member_id: int, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(
        select(Handout.id, Material.title, Material.period)
        .join(Material, Material.id == Handout.material_id)
        .where(Handout.id.in_(ids), Handout.member_id == member_id,
               Handout.status == HANDOUT_PENDING)
    ).all()
    return {i: f"《{t}》{p}" for i, t, p in rows}


def mark_follow_up_done(session: Session, visit_id: int, day: date) -> None:
    """The follow-up of a visit was done on `day` (not before the visit, not in the future)."""
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise InputError(f"找不到编号为 {visit_id} 的走访记录")
    if day is None or day > date.today():
        raise InputError("办结日期不能为空，也不能在今天之后")
    if day < visit.date:
        raise InputError(f"办结日期 {day:%Y-%m-%d} 早于走访日期 {visit.date:%Y-%m-%d}")
    visit.follow_up_done, visit.follow_up_done_date = True, day
    session.flush()


@dataclass(frozen=True)
class VisitRow:
    visit_id: int
    member_id: int
    member_name: str
    community: str
    date: date
    visitor_name: str
    visitor_kind: str
    purposes: str
    delivered_note: str
    health: str
    mood: str
    requests: str
    follow_up: str
    follow_up_done: bool
    follow_up_done_date: date | None

    @property
    def follow_up_state(self) -> str:
        if not self.follow_up:
            return ""
        return "✔ 已办结" if self.follow_up_done else "✘ 未办结"


_VISIT_COLS = (Visit.id, Visit.member_id, Member.name, Member.community, Visit.date,
               Visit.visitor_name, Visit.visitor_kind, Visit.purposes, Visit.delivered_note,
               Visit.health, Visit.mood, Visit.requests, Visit.follow_up, Visit.follow_up_done,
               Visit.follow_up_done_date)


def visit_rows(session: Session, branch_id: int | None = None, member_id: int | None = None,
               start: date | None = None, end: date | None = None,
               limit: int | None = None) -> list[VisitRow]:
    """Visits of a branch or of one member, newest first, optionally from `start` to `end`."""
    stmt = select(*_VISIT_COLS).join(Member, Member.id == Visit.member_id)
    if branch_id is not None:
        stmt = stmt.where(Member.branch_id == branch_id)
    if member_id is not None:
        stmt = stmt.where(Visit.member_id == member_id)
    if start is not None:
        stmt = stmt.where(Visit.date >= start)
    if end is not None:
        stmt = stmt.where(Visit.date <= end)
    stmt = stmt.order_by(Visit.date.desc(), Visit.id.desc())
    if limit:
        stmt = stmt.limit(limit)
    return [VisitRow(*r) for r in session.execute(stmt)]


def open_follow_ups(session: Session, branch_id: int, today: date | None = None
                    ) -> list[VisitRow]:
    """Follow-ups written on a visit and not yet done, of members still 在册, oldest first."""
    stmt = (select(*_VISIT_COLS).join(Member, Member.id == Visit.member_id)
            .where(Member.branch_id == branch_id, Member.status == STATUS_ACTIVE,
                   Visit.follow_up != "", Visit.follow_up_done.is_(False))
            .order_by(Visit.date, Visit.id))
    if today is not None:
        stmt = stmt.where(Visit.date <= today)
    return [VisitRow(*r) for r in session.execute(stmt)]


@dataclass(frozen=True)
class LastVisit:
    date: date
    visitor: str  # "王振华（支委）"
    requests: str
    open_follow_ups: list[str]


def last_visits(session: Session, member_ids: list[int], today: date) -> dict[int, LastVisit]:
    """Each member's latest visit on or before `today`, and the follow-ups still open."""
    out: dict[int, LastVisit] = {}
    ids = list(dict.fromkeys(member_ids))
    v2 = aliased(Visit)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        latest = (select(v2.id).where(v2.member_id == Visit.member_id, v2.date <= today)
                  .order_by(v2.date.desc(), v2.id.desc()).limit(1).scalar_subquery())
        rows = session.execute(
            select(Visit.member_id, Visit.date, Visit.visitor_name, Visit.visitor_kind,
                   Visit.requests).where(Visit.member_id.in_(chunk), Visit.id == latest)
        ).all()
        opened: dict[int, list[str]] = {}
        for mid, day, text in session.execute(
            select(Visit.member_id, Visit.date, Visit.follow_up)
            .where(Visit.member_id.in_(chunk), Visit.follow_up != "",
                   Visit.follow_up_done.is_(False), Visit.date <= today)
            .order_by(Visit.date)
        ):
            opened.setdefault(mid, []).append(f"{day:%Y-%m-%d}：{text}")
        for mid, day, name, kind, requests in rows:
            who = f"{name}（{kind}）" if name else kind
            out[mid] = LastVisit(day, who, requests or "", opened.get(mid, []))
    return out
