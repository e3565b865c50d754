"""Hand-outs after issuing: what is still 待送达, marking copies delivered, quiz returns and
scores, one member's record, and the figures the quarterly report counts.

`pending_handouts` is what the home page and the visit checklist read; `mark_delivered` is what
entering a visit calls when materials were brought. Members who have died or moved away
(去世 / 转出) drop out of the pending list — nobody can take them anything any more — and so do
copies of archived materials; their rows stay in the database as history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import Handout, Material, Member
from app.vocab import HANDOUT_DELIVERED, HANDOUT_PENDING, LEFT_STATUSES

CHUNK = 500  # ids per IN (...): well under SQLite's parameter limit
NO_COMMUNITY = "（未填村/社区）"


@dataclass(frozen=True)
class PendingRow:
    """One copy still to be taken to a member's door."""

    handout_id: int
    member_id: int
    member_name: str
    community: str
    material_title: str
    period: str
    issued_date: date
    method: str
    material_id: int = 0
    kind: str = ""
    address: str = ""
    mobility: str = ""

    @property
    def material_label(self) -> str:
        return f"《{self.material_title}》{self.period}" if self.period else \
            f"《{self.material_title}》"


@dataclass(frozen=True)
class PendingGroup:
    key: object  # member id, or the community name
    title: str
    rows: list[PendingRow]


def pending_handouts(
    session: Session, branch_id: int, member_ids: list[int] | None = None, order: str = "member"
) -> list[PendingRow]:
    """Copies still 待送达 in the branch (or for `member_ids`), oldest first within a member.

    `order`: "member" (roster order) or "village" (by 村/社区, then roster order) — the route
    a round of visits takes.
    """
    cols = (
        Handout.id, Handout.member_id, Member.name, Member.community, Material.title,
        Material.period, Handout.issued_date, Handout.method, Handout.material_id,
        Material.kind, Member.address, Member.mobility,
    )
    base = (
        select(*cols).join(Member, Member.id == Handout.member_id)
        .join(Material, Material.id == Handout.material_id)
        .where(Handout.status == HANDOUT_PENDING, Member.branch_id == branch_id,
               Member.status.not_in(LEFT_STATUSES), Material.archived.is_(False))
    )
    keys = [Member.sort_order, Member.id, Handout.issued_date, Handout.id]
    if order == "village":
        keys.insert(0, Member.community)
    if member_ids is None:
        return [PendingRow(*r) for r in session.execute(base.order_by(*keys))]
    rows: list[tuple] = []
    ids = list(dict.fromkeys(member_ids))
    for start in range(0, len(ids), CHUNK):
        rows += session.execute(base.where(Member.id.in_(ids[start:start + CHUNK]))).all()
    position = {mid: i for i, mid in enumerate(ids)}
    if order == "village":
        rows.sort(key=lambda r: (r.community, position[r.member_id], r.issued_date, r.id))
    else:
        rows.sort(key=lambda r: (position[r.member_id], r.issued_date, r.id))
    return [PendingRow(*r) for r in rows]


def group_pending(rows: list[PendingRow], by: str = "member") -> list[PendingGroup]:
    """Consecutive rows gathered per member ("member") or per 村/社区 ("village")."""
    groups: list[PendingGroup] = []
    index: dict[object, int] = {}
    for row in rows:
        key = row.member_id if by == "member" else (row.community or NO_COMMUNITY)
        if key not in index:
            title = (f"{row.member_name}（{row.community or NO_COMMUNITY}）" if by == "member"
                     else str(key))
            index[key] = len(groups)
            groups.append(PendingGroup(key, title, []))
        groups[index[key]].rows.append(row)
    return groups


def pending_count(session: Session, branch_id: int) -> int:
    """How many copies are still 待送达 (the home page's figure)."""
    return session.scalar(
        select(func.count(Handout.id)).join(Member, Member.id == Handout.member_id)
        .join(Material, Material.id == Handout.material_id)
        .where(Handout.status == HANDOUT_PENDING, Member.branch_id == branch_id,
               Member.status.not_in(LEFT_STATUSES), Material.archived.is_(False))
    ) or 0


def mark_delivered(
    session: Session, handout_ids: list[int], delivered_date: date, visit_id: int | None = None
) -> int:
    """Mark several pending copies delivered on one day (optionally by one visit).

    Copies already delivered are left as they were (their first delivery date stands).
    Returns how many changed. A date in the future, or before a copy was issued, is refused.
    """
    if delivered_date is None:
        raise InputError("请填写送达日期")
    if delivered_date > date.today():
        raise InputError(f"送达日期 {delivered_date:%Y-%m-%d} 在今天之后")
    ids = list(dict.fromkeys(handout_ids))
    changed = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        early = session.execute(
            select(Member.name, Material.title, Handout.issued_date)
            .join(Member, Member.id == Handout.member_id)
            .join(Material, Material.id == Handout.material_id)
            .where(Handout.id.in_(chunk), Handout.status == HANDOUT_PENDING,
                   Handout.issued_date > delivered_date).limit(1)
        ).first()
        if early:
            raise InputError(f"送达日期 {delivered_date:%Y-%m-%d} 早于发放日期：{early.name}的"
                             f"《{early.title}》是 {early.issued_date:%Y-%m-%d} 发放的")
        result = session.execute(
            update(Handout).where(Handout.id.in_(chunk), Handout.status == HANDOUT_PENDING)
            .values(status=HANDOUT_DELIVERED, delivered_date=delivered_date, visit_id=visit_id)
            .execution_options(synchronize_session=False)
        )
        changed += result.rowcount or 0
    return changed


def record_quiz_return(
    session: Session, handout_id: int, returned_date: date, score: float | None
) -> None:
    """A quiz paper (试题) came back on `returned_date` with `score` (blank: not marked yet).

    A returned paper obviously reached the member: a pending copy becomes 已送达 that day.
    """
    row = session.execute(
        select(Handout, Material.kind, Material.full_marks, Material.title, Member.name)
        .join(Material, Material.id == Handout.material_id)
        .join(Member, Member.id == Handout.member_id).where(Handout.id == handout_id)
    ).first()
    if row is None:
        raise InputError(f"找不到编号为 {handout_id} 的发放记录")
    handout, kind, full, title, name = row
    if kind != "试题":
        raise InputError(f"《{title}》是{kind}，不是试题，不能登记成绩")
    if returned_date is None:
        raise InputError("请填写交回日期")
    if returned_date > date.today():
        raise InputError(f"交回日期 {returned_date:%Y-%m-%d} 在今天之后")
    if returned_date < handout.issued_date:
        raise InputError(f"交回日期 {returned_date:%Y-%m-%d} 早于发放日期 "
                         f"{handout.issued_date:%Y-%m-%d}（{name}）")
    if score is not None and not 0 <= float(score) <= full:
        raise InputError(f"{name}的成绩 {float(score):g} 分不对：《{title}》满分 {full} 分，"
                         f"成绩应在 0 到 {full} 之间")
    handout.returned_date = returned_date
    handout.score = None if score is None else float(score)
    if handout.status == HANDOUT_PENDING:
        handout.status, handout.delivered_date = HANDOUT_DELIVERED, returned_date
    session.flush()


@dataclass(frozen=True)
class QuizScore:
    rank: int
    member_id: int
    member_name: str
    community: str
    score: float
    returned_date: date | None


def best_quiz_scores(session: Session, material_id: int, top: int = 10) -> list[QuizScore]:
    """The best scores of a quiz, highest first; equal scores share a rank (1, 1, 3 …)."""
    rows = session.execute(
        select(Member.id, Member.name, Member.community, Handout.score, Handout.returned_date)
        .join(Member, Member.id == Handout.member_id)
        .where(Handout.material_id == material_id, Handout.score.is_not(None))
        .order_by(Handout.score.desc(), Handout.returned_date, Member.sort_order, Member.id)
        .limit(top)
    ).all()
    result, rank = [], 0
    for i, r in enumerate(rows):
        if i == 0 or r.score != rows[i - 1].score:
            rank = i + 1
        result.append(QuizScore(rank, r.id, r.name, r.community, r.score, r.returned_date))
    return result


@dataclass(frozen=True)
class QuizHandoutRow:
    handout_id: int
    member_id: int
    member_name: str
    community: str
    issued_date: date
    status: str
    returned_date: date | None
    score: float | None


def quiz_handouts(session: Session, material_id: int) -> list[QuizHandoutRow]:
    """Every copy of one quiz with its return and score, in roster order."""
    return [QuizHandoutRow(*r) for r in session.execute(
        select(Handout.id, Member.id, Member.name, Member.community, Handout.issued_date,
               Handout.status, Handout.returned_date, Handout.score)
        .join(Member, Member.id == Handout.member_id).where(Handout.material_id == material_id)
        .order_by(Member.sort_order, Member.id, Handout.id)
    )]


@dataclass(frozen=True)
class MemberHandoutRow:
    handout_id: int
    material_id: int
    title: str
    period: str
    kind: str
    issued_date: date
    method: str
    handled_by: str
    status: str
    delivered_date: date | None
    returned_date: date | None
    score: float | None
    full_marks: int
    archived: bool

    @property
    def label(self) -> str:
        return f"《{self.title}》{self.period}" if self.period else f"《{self.title}》"


def member_handouts(session: Session, member_id: int) -> list[MemberHandoutRow]:
    """Everything a member was ever issued, newest first (archived materials included)."""
    return [MemberHandoutRow(*r) for r in session.execute(
        select(Handout.id, Material.id, Material.title, Material.period, Material.kind,
               Handout.issued_date, Handout.method, Handout.handled_by, Handout.status,
               Handout.delivered_date, Handout.returned_date, Handout.score, Material.full_marks,
               Material.archived)
        .join(Material, Material.id == Handout.material_id).where(Handout.member_id == member_id)
        .order_by(Handout.issued_date.desc(), Handout.id.desc())
    )]


def handout_counts(session: Session, branch_id: int, start: date, end: date) -> tuple[int, int]:
    """(copies issued from `start` to `end` inclusive, of them by 送学上门) — 发放资料份数 and
    送学上门份数 of the quarterly report. Archived materials count: they were handed out."""
    issued, to_door = session.execute(
        select(func.count(Handout.id), func.sum(case((Handout.method == "送学上门", 1), else_=0)))
        .join(Material, Material.id == Handout.material_id)
        .where(Material.branch_id == branch_id, Handout.issued_date >= start,
               Handout.issued_date <= end)
    ).one()
    return issued or 0, to_door or 0


@dataclass(frozen=True)
class HandoutReportRow:
    """One hand-out as the quarterly workbook's 自学资料发放 sheet lists it."""

    issued_date: date
    material: str  # 《银潮》2026年第3期
    kind: str
    member_name: str
    method: str
    handled_by: str
    status: str
    returned_date: date | None
    score: float | None


def handout_rows(session: Session, branch_id: int, start: date, end: date
                 ) -> list[HandoutReportRow]:
    """Every copy issued from `start` to `end` (inclusive), by date then roster order."""
    rows = session.execute(
        select(Handout.issued_date, Material.title, Material.period, Material.kind, Member.name,
               Handout.method, Handout.handled_by, Handout.status, Handout.returned_date,
               Handout.score)
        .join(Material, Material.id == Handout.material_id)
        .join(Member, Member.id == Handout.member_id)
        .where(Material.branch_id == branch_id, Handout.issued_date >= start,
               Handout.issued_date <= end)
        .order_by(Handout.issued_date, Material.id, Member.sort_order, Member.id)
    )
    return [HandoutReportRow(d, f"《{t}》{p}" if p else f"《{t}》", k, n, m, h, st, r, sc)
            for d, t, p, k, n, m, h, st, r, sc in rows]
