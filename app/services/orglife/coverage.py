"""Who has been talked with this year (谈心谈话 coverage, spec/org-life.md).

Every party member on the roster on the year's counted day (its last day, or today while it
runs) is one row: talked with or not, by whom and when (the latest). A home visit whose purposes
include 谈心谈话 counts as a talk, with its visitor as the talker. A member who left the roster
during the year is no longer counted (there is nobody left to talk with); one who joined during
the year is. The ones not yet talked with are listed before the 组织生活会."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.dates import fmt
from app.models import Member, Talk, Visit
from app.services.orglife.members import counted_day, party_members_on
from app.vocab import TALK_PURPOSE

VISIT_WAY = "上门（走访）"


@dataclass(frozen=True)
class CoverageRow:
    member_id: int
    name: str
    community: str
    talked: bool
    by: str  # the latest talker ("" when not talked with)
    when: date | None  # the latest talk
    times: int  # talks and 谈心谈话 visits in the year
    how: str  # of the latest: 当面 / 电话 / 上门 / 上门（走访）

    def to_json(self) -> dict:
        return {"member_id": self.member_id, "name": self.name, "talked": self.talked,
                "by": self.by or None, "when": fmt(self.when) or None, "times": self.times,
                "how": self.how or None}


@dataclass
class Coverage:
    year: int
    as_of: date
    rows: list[CoverageRow] = field(default_factory=list)

    @property
    def members(self) -> int:
        return len(self.rows)

    @property
    def covered(self) -> int:
        return sum(r.talked for r in self.rows)

    @property
    def missing(self) -> list[CoverageRow]:
        return [r for r in self.rows if not r.talked]

    def to_json(self) -> dict:
        return {"year": self.year, "as_of": fmt(self.as_of), "members": self.members,
                "covered": self.covered, "rows": [r.to_json() for r in self.rows]}


def _talk_events(session: Session, branch_id: int, first: date, last: date, ids):
    """(member id, date, talker, how) of the talks and 谈心谈话 visits of first..last."""
    talks = session.execute(
        select(Talk.member_id, Talk.date, Talk.talker_name, Talk.how)
        .where(Talk.branch_id == branch_id, Talk.date.between(first, last),
               Talk.member_id.in_(ids)))
    visits = session.execute(
        select(Visit.member_id, Visit.date, Visit.visitor_name)
        .where(Visit.member_id.in_(ids), Visit.date.between(first, last),
               Visit.purposes.contains(TALK_PURPOSE)))
    return [tuple(t) for t in talks] + [(m, d, by, VISIT_WAY) for m, d, by in visits]


def talks_coverage(session: Session, branch_id: int, year: int,
                   as_of: date | None = None) -> Coverage:
    """The year's coverage, in the roster's order (see the module text)."""
    day = counted_day(year, as_of)
    ids = party_members_on(session, branch_id, day).scalar_subquery()
    members = session.execute(
        select(Member.id, Member.name, Member.community).where(Member.id.in_(ids))
        .order_by(Member.sort_order, Member.id)).all()
    latest: dict[int, tuple] = {}
    times: dict[int, int] = {}
    for member_id, when, by, how in _talk_events(session, branch_id, date(year, 1, 1), day, ids):
        times[member_id] = times.get(member_id, 0) + 1
        if member_id not in latest or when >= latest[member_id][0]:
            latest[member_id] = (when, by, how)
    rows = []
    for member_id, name, community in members:
        when, by, how = latest.get(member_id, (None, "", ""))
        rows.append(CoverageRow(member_id, name, community or "", member_id in latest, by or "",
                                when, times.get(member_id, 0), how))
    return Coverage(year, day, rows)


@dataclass(frozen=True)
class MemberTalk:
    """One talk in a member's record: with them, or held by them."""

    date: date
    role: str  # 谈话对象 (talked with) / 谈话人 (held the talk)
    other: str  # the other person
    how: str
    topic: str


def talks_of_member(session: Session, member_id: int) -> list[MemberTalk]:
    """Every talk in the member's record over the years, the latest first: talks with them,
    talks they held with others (a committee member's), and home visits for 谈心谈话 — the same
    that count in the year's coverage."""
    partner = aliased(Member)
    rows = [MemberTalk(d, "谈话对象", by, how, topic) for d, by, how, topic in session.execute(
        select(Talk.date, Talk.talker_name, Talk.how, Talk.topic)
        .where(Talk.member_id == member_id))]
    rows += [MemberTalk(d, "谈话人", name, how, topic) for d, name, how, topic in session.execute(
        select(Talk.date, partner.name, Talk.how, Talk.topic)
        .join(partner, partner.id == Talk.member_id).where(Talk.talker_id == member_id))]
    rows += [MemberTalk(d, "谈话对象", by, VISIT_WAY, purposes) for d, by, purposes in
             session.execute(select(Visit.date, Visit.visitor_name, Visit.purposes).where(
                 Visit.member_id == member_id, Visit.purposes.contains(TALK_PURPOSE)))]
    return sorted(rows, key=lambda r: r.date, reverse=True)
