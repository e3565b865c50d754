"""Who subscribes to which periodical (银潮, 新保健, the local daily) in which year (订阅).

Subscriptions decide who gets each monthly issue; they are kept per year because members change
their choice each year. Each change is saved at once (the editor ticks a box, we write a row).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import Material, Member, Subscription
from app.services.handouts import CHUNK
from app.vocab import LEFT_STATUSES

DEFAULT_PERIODICALS = ("银潮", "新保健")


def clean_periodical(name: str) -> str:
    name = re.sub(r"\s+", "", name or "").strip("《》")
    if not name:
        raise InputError("请填写刊物名称，如 银潮")
    if len(name) > 100:
        raise InputError("刊物名称太长（最多 100 字）")
    return name


def _check_year(year: int) -> int:
    if not 1949 <= int(year) <= date.today().year + 1:
        raise InputError(f"订阅年度 {year} 不对")
    return int(year)


def subscribe(session: Session, member_id: int, periodical: str, year: int,
              copies: int = 1) -> None:
    """Set (or change the copies of) one member's subscription for a year."""
    periodical, year = clean_periodical(periodical), _check_year(year)
    if not 1 <= int(copies) <= 99:
        raise InputError(f"份数应在 1 到 99 之间（填的是 {copies}）")
    found = session.scalar(select(Subscription).where(
        Subscription.member_id == member_id, Subscription.periodical == periodical,
        Subscription.year == year))
    if found:
        found.copies = int(copies)
    else:
        session.add(Subscription(member_id=member_id, periodical=periodical, year=year,
                                 copies=int(copies)))
    session.flush()


def unsubscribe(session: Session, member_id: int, periodical: str, year: int) -> None:
    session.execute(delete(Subscription).where(
        Subscription.member_id == member_id, Subscription.periodical == periodical,
        Subscription.year == year))


def set_subscribers(session: Session, branch_id: int, periodical: str, year: int,
                    member_ids: list[int]) -> int:
    """Make exactly `member_ids` the branch's subscribers of `periodical` in `year`."""
    periodical, year = clean_periodical(periodical), _check_year(year)
    in_branch = select(Member.id).where(Member.branch_id == branch_id)
    session.execute(delete(Subscription).where(
        Subscription.periodical == periodical, Subscription.year == year,
        Subscription.member_id.in_(in_branch)))
    wanted = list(dict.fromkeys(member_ids))
    valid: set[int] = set()
    for start in range(0, len(wanted), CHUNK):
        valid |= set(session.scalars(in_branch.where(Member.id.in_(wanted[start:start + CHUNK]))))
    rows = [{"member_id": m, "periodical": periodical, "year": year, "copies": 1}
            for m in wanted if m in valid]
    if rows:
        session.execute(insert(Subscription), rows)
    return len(rows)


def copy_year(session: Session, branch_id: int, from_year: int, to_year: int) -> int:
    """Carry last year's subscriptions into a new year for members still on the roster.

    Subscriptions already set for `to_year` are kept; returns how many were added.
    """
    _check_year(to_year)
    have = set(session.execute(
        select(Subscription.member_id, Subscription.periodical)
        .join(Member, Member.id == Subscription.member_id)
        .where(Member.branch_id == branch_id, Subscription.year == to_year)).all())
    rows = [
        {"member_id": m, "periodical": p, "year": to_year, "copies": c}
        for m, p, c in session.execute(
            select(Subscription.member_id, Subscription.periodical, Subscription.copies)
            .join(Member, Member.id == Subscription.member_id)
            .where(Member.branch_id == branch_id, Subscription.year == from_year,
                   Member.status.not_in(LEFT_STATUSES)))
        if (m, p) not in have
    ]
    if rows:
        session.execute(insert(Subscription), rows)
    return len(rows)


@dataclass(frozen=True)
class SubscriberRow:
    member_id: int
    name: str
    community: str
    copies: int


def subscribers(session: Session, branch_id: int, periodical: str, year: int
                ) -> list[SubscriberRow]:
    """The branch's subscribers of one periodical in one year, in roster order."""
    return [SubscriberRow(*r) for r in session.execute(
        select(Member.id, Member.name, Member.community, Subscription.copies)
        .join(Member, Member.id == Subscription.member_id)
        .where(Member.branch_id == branch_id, Subscription.periodical == periodical,
               Subscription.year == year)
        .order_by(Member.sort_order, Member.id))]


def subscription_map(session: Session, branch_id: int, year: int) -> dict[int, set[str]]:
    """member id → periodicals subscribed in `year` (the editor's ticks)."""
    result: dict[int, set[str]] = {}
    for m, p in session.execute(
        select(Subscription.member_id, Subscription.periodical)
        .join(Member, Member.id == Subscription.member_id)
        .where(Member.branch_id == branch_id, Subscription.year == year)
    ):
        result.setdefault(m, set()).add(p)
    return result


def subscriber_counts(session: Session, branch_id: int, year: int) -> dict[str, int]:
    """Subscribers per periodical in `year`, not counting those who have died or moved away."""
    return dict(session.execute(
        select(Subscription.periodical, func.count(Subscription.id))
        .join(Member, Member.id == Subscription.member_id)
        .where(Member.branch_id == branch_id, Subscription.year == year,
               Member.status.not_in(LEFT_STATUSES))
        .group_by(Subscription.periodical)).all())


def periodicals(session: Session, branch_id: int) -> list[str]:
    """Periodical names known to the branch: subscribed ever, or catalogued as 期刊 / 报纸."""
    names = set(DEFAULT_PERIODICALS)
    names |= set(session.scalars(
        select(Subscription.periodical).join(Member, Member.id == Subscription.member_id)
        .where(Member.branch_id == branch_id).distinct()))
    names |= set(session.scalars(select(Material.title).where(
        Material.branch_id == branch_id, Material.kind.in_(("期刊", "报纸"))).distinct()))
    order = {name: i for i, name in enumerate(DEFAULT_PERIODICALS)}
    return sorted(names, key=lambda n: (order.get(n, len(order)), n))
