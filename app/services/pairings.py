"""老老结对: a healthier member (helper) paired one-to-one with a member who needs help.

Pairing a member with themselves is refused. Pairing is allowed but comes with a warning when
the helper is themselves on the care list (行动不便 / 卧床 / 住院, or added by hand), or
already helps `MANY_PAIRS` or more members. A pairing ends with an `until` date; it is never
deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from app.errors import InputError
from app.models import Member, Pairing
from app.vocab import HOMEBOUND_MOBILITIES, LEFT_STATUSES

MANY_PAIRS = 3


def _active(on: date):
    return (Pairing.since <= on, or_(Pairing.until.is_(None), Pairing.until >= on))


def active_pair_count(session: Session, helper_id: int, on: date) -> int:
    return session.scalar(select(func.count()).where(Pairing.helper_id == helper_id,
                                                     *_active(on))) or 0


def pair_warnings(session: Session, helper_id: int, on: date | None = None) -> list[str]:
    """What the secretary should know before making `helper_id` someone's helper."""
    on = on or date.today()
    helper = session.get(Member, helper_id)
    if helper is None:
        return []
    out = []
    if helper.mobility in HOMEBOUND_MOBILITIES:
        out.append(f"{helper.name}本人{helper.mobility}，可能照顾不了别人")
    elif helper.needs_care:
        why = f"（{helper.care_reason}）" if helper.care_reason else ""
        out.append(f"{helper.name}本人也在关怀名单上{why}")
    count = active_pair_count(session, helper_id, on)
    if count >= MANY_PAIRS:
        out.append(f"{helper.name}已经结对帮扶 {count} 人")
    return out


def add_pairing(session: Session, helper_id: int, helped_id: int, since: date | None,
                until: date | None = None, notes: str = "") -> tuple[int, list[str]]:
    """Pair `helper_id` with `helped_id` from `since`; returns (pairing id, warnings)."""
    if helper_id == helped_id:
        raise InputError("不能让党员和自己结对，请选另一位党员作为帮扶人")
    helper, helped = session.get(Member, helper_id), session.get(Member, helped_id)
    if helper is None or helped is None:
        raise InputError("找不到要结对的党员")
    if since is None:
        raise InputError("请填写结对开始日期")
    if since > date.today():
        raise InputError(f"结对开始日期 {since:%Y-%m-%d} 在今天之后")
    if until is not None and until < since:
        raise InputError(f"结束日期 {until:%Y-%m-%d} 早于开始日期 {since:%Y-%m-%d}")
    for m in (helper, helped):
        if m.status in LEFT_STATUSES:
            raise InputError(f"{m.name}已{m.status}，不能结对")
    same = session.scalar(select(Pairing.id).where(
        Pairing.helper_id == helper_id, Pairing.helped_id == helped_id, Pairing.until.is_(None)))
    if same:
        raise InputError(f"{helper.name}和{helped.name}已经结对")
    warnings = pair_warnings(session, helper_id, since)
    pair = Pairing(helper_id=helper_id, helped_id=helped_id, since=since, until=until,
                   notes=(notes or "").strip())
    session.add(pair)
    session.flush()
    return pair.id, warnings


def end_pairing(session: Session, pairing_id: int, until: date) -> None:
    """End a pairing on `until` (kept as history)."""
    pair = session.get(Pairing, pairing_id)
    if pair is None:
        raise InputError(f"找不到编号为 {pairing_id} 的结对")
    if until is None or until < pair.since:
        raise InputError("结束日期不能为空，也不能早于开始日期")
    pair.until = until
    session.flush()


@dataclass(frozen=True)
class PairRow:
    pairing_id: int
    helper_id: int
    helper_name: str
    helper_community: str
    helped_id: int
    helped_name: str
    helped_community: str
    helped_mobility: str
    since: date
    until: date | None
    notes: str

    def active_on(self, on: date) -> bool:
        return self.since <= on and (self.until is None or self.until >= on)


def _pair_select():
    helper, helped = aliased(Member), aliased(Member)
    stmt = (select(Pairing.id, helper.id, helper.name, helper.community, helped.id, helped.name,
                   helped.community, helped.mobility, Pairing.since, Pairing.until, Pairing.notes)
            .join(helper, helper.id == Pairing.helper_id)
            .join(helped, helped.id == Pairing.helped_id))
    return stmt, helper, helped


def pairings(session: Session, branch_id: int, on: date | None = None,
             include_ended: bool = False) -> list[PairRow]:
    """The branch's pairings (by the helped member's branch), current ones unless asked."""
    stmt, _helper, helped = _pair_select()
    stmt = stmt.where(helped.branch_id == branch_id)
    if not include_ended:
        stmt = stmt.where(*_active(on or date.today()))
    stmt = stmt.order_by(helped.sort_order, Pairing.since, Pairing.id)
    return [PairRow(*r) for r in session.execute(stmt)]


def member_pairs(session: Session, member_id: int) -> list[PairRow]:
    """Every pairing a member is part of, as helper or helped, current and ended."""
    stmt, _helper, _helped = _pair_select()
    stmt = stmt.where(or_(Pairing.helper_id == member_id, Pairing.helped_id == member_id))
    return [PairRow(*r) for r in session.execute(stmt.order_by(Pairing.since.desc()))]


def helpers_of(session: Session, member_ids: list[int], on: date) -> dict[int, str]:
    """The current helper's name(s) of each member: {helped id: "王振华、刘桂英"}."""
    out: dict[int, list[str]] = {}
    ids = list(dict.fromkeys(member_ids))
    for start in range(0, len(ids), 500):
        for helped_id, name in session.execute(
            select(Pairing.helped_id, Member.name).join(Member, Member.id == Pairing.helper_id)
            .where(Pairing.helped_id.in_(ids[start:start + 500]), *_active(on))
            .order_by(Pairing.since)
        ):
            out.setdefault(helped_id, []).append(name)
    return {k: "、".join(v) for k, v in out.items()}
