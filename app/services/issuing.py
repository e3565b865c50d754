"""Issuing a material to many members in one action (发放).

Who: everyone on the roster on the issue day, the homebound (mobility 行动不便 / 卧床 / 住院, or
marked for care), one 村/社区, the subscribers of a periodical for a year, the attendees of an
event (出席, and those marked 送学上门 at it), or members chosen by hand. Groups only ever
contain members on the roster on the issue day (`roster.members_on_roster`).

How the status of each copy is decided (the rule the secretary relies on):
- method 送学上门: every copy starts 待送达, until a visit (or the 待送达 list) marks it delivered;
- method 集中领取: copies are 已送达 on the issue day — except those of attendees marked 送学上门
  at the chosen event, and, by default, those of homebound members, who cannot come to collect:
  theirs are recorded as 送学上门 and 待送达 (the homebound part can be switched off with
  `homebound_to_door=False`, e.g. when a relative collected for everyone);
- method 托人转交 / 邮寄: the copy has been sent on its way to the home: 已送达 on the issue day.

Issuing the same material again to someone who already has a copy is refused with the list of
those members (AlreadyIssued), unless `allow_repeat` (give a second copy) or `skip_existing`
(issue only to the others). Rows go in with one bulk insert: 20,000 members in one statement batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import case, delete, func, insert, or_, select
from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import Attendance, Handout, Material, Member, StudyEvent, Subscription
from app.services.handouts import CHUNK
from app.services.roster import members_on_roster
from app.vocab import (
    HANDOUT_DELIVERED, HANDOUT_METHODS, HANDOUT_PENDING, HOMEBOUND_MOBILITIES, STATUS_ACTIVE,
)

DOOR = "送学上门"
COLLECT = "集中领取"
RECIPIENT_KINDS = {
    "roster": "全体在册党员",
    "homebound": "行动不便及需关怀党员",
    "community": "某村(社区)",
    "subscribers": "某刊物订阅者",
    "event": "某次活动的出席者",
    "members": "手动选择",
}


@dataclass
class Recipients:
    kind: str = "roster"  # a key of RECIPIENT_KINDS
    community: str = ""
    periodical: str = ""
    year: int | None = None
    event_id: int | None = None
    member_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Recipient:
    member_id: int
    name: str
    homebound: bool
    door: bool  # marked 送学上门 at the chosen event


class AlreadyIssued(InputError):
    """Some recipients already have this material; `members` is [(member_id, name)]."""

    def __init__(self, label: str, members: list[tuple[int, str]]):
        names = "、".join(n for _i, n in members[:20]) + ("等" if len(members) > 20 else "")
        super().__init__(f"{label}已经发给过以下 {len(members)} 人：{names}。"
                         f"请选择只发给其余的人，或确认重复发放。")
        self.members = members


@dataclass(frozen=True)
class IssuePreview:
    total: int  # copies that would be issued (repeats counted)
    to_door: int  # of them 送学上门 / 待送达
    repeats: list[tuple[int, str]]  # recipients who already have this material
    quantity: int  # copies received (0: not recorded)
    already_issued: int  # copies of this material issued before


@dataclass(frozen=True)
class IssueResult:
    issued: int
    pending: int
    skipped: int  # repeats left out with skip_existing


def _homebound():
    return or_(Member.mobility.in_(HOMEBOUND_MOBILITIES), Member.needs_care.is_(True))


def resolve_recipients(
    session: Session, branch_id: int, rcp: Recipients, on: date
) -> list[Recipient]:
    """The members a choice names, in roster order; raises InputError for an incomplete choice."""
    if rcp.kind not in RECIPIENT_KINDS:
        raise InputError(f"发放对象“{rcp.kind}”不对")
    cols = (Member.id, Member.name, _homebound())
    stmt = members_on_roster(session, branch_id, on).with_only_columns(*cols)
    door: set[int] = set()
    if rcp.kind == "homebound":
        stmt = stmt.where(_homebound())
    elif rcp.kind == "community":
        if not rcp.community:
            raise InputError("请选择村（社区）")
        stmt = stmt.where(Member.community == rcp.community)
    elif rcp.kind == "subscribers":
        if not rcp.periodical or not rcp.year:
            raise InputError("请选择刊物和订阅年度")
        stmt = stmt.where(Member.id.in_(select(Subscription.member_id).where(
            Subscription.periodical == rcp.periodical, Subscription.year == rcp.year)))
    elif rcp.kind == "event":
        event = session.get(StudyEvent, rcp.event_id) if rcp.event_id else None
        if event is None or event.branch_id != branch_id:
            raise InputError("请选择一次学习活动")
        marks = dict(session.execute(select(Attendance.member_id, Attendance.mark).where(
            Attendance.event_id == event.id, Attendance.mark.in_(("出席", DOOR)))).all())
        door = {m for m, mark in marks.items() if mark == DOOR}
        stmt = stmt.where(Member.id.in_(select(Attendance.member_id).where(
            Attendance.event_id == event.id, Attendance.mark.in_(("出席", DOOR)))))
    stmt = stmt.order_by(Member.sort_order, Member.id)
    if rcp.kind != "members":
        return [Recipient(i, n, bool(h), i in door) for i, n, h in session.execute(stmt)]
    return _chosen(session, branch_id, rcp.member_ids, stmt, on)


def _chosen(session, branch_id, member_ids, stmt, on) -> list[Recipient]:
    """Members chosen by hand: each must be in this branch and on the roster on the issue day."""
    ids = list(dict.fromkeys(member_ids))
    if not ids:
        raise InputError("请先选择要发给哪些党员")
    found: dict[int, Recipient] = {}
    for start in range(0, len(ids), CHUNK):
        for i, n, h in session.execute(stmt.where(Member.id.in_(ids[start:start + CHUNK]))):
            found[i] = Recipient(i, n, bool(h), False)
    missing = [i for i in ids if i not in found]
    if missing:
        rows = session.execute(
            select(Member.name, Member.status, Member.status_date, Member.branch_id)
            .where(Member.id.in_(missing[:CHUNK]))).all()
        why = [f"{r.name}（{r.status}"
               f"{'于 ' + format(r.status_date, '%Y-%m-%d') if r.status_date else ''}）"
               if r.branch_id == branch_id and r.status != STATUS_ACTIVE else f"{r.name}（不在本支部）"
               for r in rows] or [f"编号 {i}" for i in missing[:5]]
        raise InputError(f"{on:%Y-%m-%d} 不在册的人不能发放：{'、'.join(why[:10])}")
    return [found[i] for i in ids]


def _material(session: Session, branch_id: int, material_id: int) -> Material:
    material = session.get(Material, material_id)
    if material is None or material.branch_id != branch_id:
        raise InputError("请先选择要发放的资料")
    if material.archived:
        raise InputError(f"《{material.title}》{material.period}已归档，不能再发放")
    return material


def _label(material: Material) -> str:
    return f"《{material.title}》{material.period}"


def _holders(session: Session, material_id: int) -> set[int]:
    return set(session.scalars(select(Handout.member_id).where(Handout.material_id == material_id)))


def _goes_to_door(r: Recipient, method: str, homebound_to_door: bool) -> bool:
    if method == DOOR:
        return True
    return method == COLLECT and (r.door or (homebound_to_door and r.homebound))


def preview_issue(
    session: Session, branch_id: int, material_id: int, rcp: Recipients, on: date,
    method: str = COLLECT, homebound_to_door: bool = True,
) -> IssuePreview:
    """What an issue would do, for the screen's "将发给 N 人" and its question about repeats."""
    material = _material(session, branch_id, material_id)
    people = resolve_recipients(session, branch_id, rcp, on)
    holders = _holders(session, material_id)
    return IssuePreview(
        total=len(people),
        to_door=sum(_goes_to_door(r, method, homebound_to_door) for r in people),
        repeats=[(r.member_id, r.name) for r in people if r.member_id in holders],
        quantity=material.quantity, already_issued=len(holders),
    )


def issue_material(
    session: Session, branch_id: int, material_id: int, rcp: Recipients, *, issued_date: date,
    method: str = COLLECT, handled_by: str = "", homebound_to_door: bool = True,
    allow_repeat: bool = False, skip_existing: bool = False,
) -> IssueResult:
    """Issue one material to every recipient in one bulk insert (the rule: see module doc)."""
    if method not in HANDOUT_METHODS:
        raise InputError(f"发放方式“{method}”应为：{'、'.join(HANDOUT_METHODS)}")
    if issued_date is None:
        raise InputError("请填写发放日期")
    if issued_date > date.today():
        raise InputError(f"发放日期 {issued_date:%Y-%m-%d} 在今天之后")
    handled_by = (handled_by or "").strip()
    if len(handled_by) > 50:
        raise InputError("经手人太长（最多 50 字）")
    material = _material(session, branch_id, material_id)
    if material.received_date and issued_date < material.received_date:
        raise InputError(f"发放日期 {issued_date:%Y-%m-%d} 早于{_label(material)}的收到日期 "
                         f"{material.received_date:%Y-%m-%d}")
    people = resolve_recipients(session, branch_id, rcp, issued_date)
    if not people:
        raise InputError(f"{RECIPIENT_KINDS[rcp.kind]}中没有 {issued_date:%Y-%m-%d} 在册的党员，"
                         f"没有发放")
    holders = _holders(session, material_id)
    repeats = [(r.member_id, r.name) for r in people if r.member_id in holders]
    skipped = 0
    if repeats and skip_existing:
        people = [r for r in people if r.member_id not in holders]
        skipped = len(repeats)
    elif repeats and not allow_repeat:
        raise AlreadyIssued(_label(material), repeats)
    rows = []
    for r in people:
        door = _goes_to_door(r, method, homebound_to_door)
        rows.append({
            "material_id": material_id, "member_id": r.member_id, "issued_date": issued_date,
            "method": DOOR if door else method, "handled_by": handled_by,
            "status": HANDOUT_PENDING if door else HANDOUT_DELIVERED,
            "delivered_date": None if door else issued_date,
        })
    if rows:
        session.execute(insert(Handout), rows)
    pending = sum(1 for row in rows if row["status"] == HANDOUT_PENDING)
    return IssueResult(issued=len(rows), pending=pending, skipped=skipped)


@dataclass(frozen=True)
class IssueBatch:
    """The copies of one material issued on one day: what "撤销发放" offers to take back."""

    issued_date: date
    copies: int
    pending: int
    kept: int  # copies with a quiz return or a visit recorded: these block the withdrawal


def issue_batches(session: Session, material_id: int) -> list[IssueBatch]:
    """The days a material was issued on, newest first, with how many copies each."""
    kept = or_(Handout.returned_date.is_not(None), Handout.score.is_not(None),
               Handout.visit_id.is_not(None))
    rows = session.execute(
        select(Handout.issued_date, func.count(Handout.id),
               func.sum(case((Handout.status == HANDOUT_PENDING, 1), else_=0)),
               func.sum(case((kept, 1), else_=0)))
        .where(Handout.material_id == material_id)
        .group_by(Handout.issued_date).order_by(Handout.issued_date.desc())
    ).all()
    return [IssueBatch(d, n, p or 0, k or 0) for d, n, p, k in rows]


def withdraw_issue(session: Session, material_id: int, issued_date: date) -> int:
    """Take back an issue made by mistake: delete that day's copies of the material.

    Refused when any of them already carries a quiz return or score, or was delivered by a
    recorded visit — that history must not vanish with the mistake. Returns copies deleted.
    """
    batch = next((b for b in issue_batches(session, material_id)
                  if b.issued_date == issued_date), None)
    if batch is None:
        raise InputError(f"这份资料在 {issued_date:%Y-%m-%d} 没有发放记录")
    if batch.kept:
        raise InputError(f"{issued_date:%Y-%m-%d} 发放的 {batch.copies} 份中有 {batch.kept} 份"
                         f"已登记交回成绩或走访送达，不能整批撤销")
    session.execute(delete(Handout).where(Handout.material_id == material_id,
                                          Handout.issued_date == issued_date))
    return batch.copies


def communities(session: Session, branch_id: int) -> list[str]:
    """村/社区 names of members on the roster today, for the 某村(社区) choice."""
    stmt = members_on_roster(session, branch_id, date.today()).with_only_columns(
        Member.community).where(Member.community != "").distinct().order_by(Member.community)
    return list(session.scalars(stmt))


def recent_events(session: Session, branch_id: int, limit: int = 100) -> list[tuple[int, str]]:
    """Study events, newest first, as (id, "2026-11-05 集中学习日 主题") for the event choice."""
    rows = session.execute(
        select(StudyEvent.id, StudyEvent.date, StudyEvent.kind, StudyEvent.topic)
        .where(StudyEvent.branch_id == branch_id, StudyEvent.cancelled.is_(False))
        .order_by(StudyEvent.date.desc(), StudyEvent.id.desc()).limit(limit)
    )
    return [(i, f"{d:%Y-%m-%d} {k} {t}".strip()) for i, d, k, t in rows]
