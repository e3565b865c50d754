"""评先评优 as plain data for whoever reads it: the 评先评优 page and `zhibu honours list`, and
later the year-end ledger book (part 5, 党员和党支部受奖惩情况) and the self-assessment's
evidence ("学习先进 4 人，推荐市十佳 1 人", "参加市级竞赛 12 人次，获奖 5 人次").

Every function takes a session and returns dataclasses or a dict of plain values; nothing here
writes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import Branch, CityRecommendation, Contest, ContestEntry, Honour, Member
from app.services.yearend.contests import EntryInfo, contests_of_year, entry_rows
from app.services.yearend.honours import (
    HonourInfo, honour_rows, recommendation_of, study_models,
)
from app.vocab import HONOUR_LEVELS, LEFT_STATUSES


def honours_of_year(session: Session, branch_id: int, year: int) -> list[HonourInfo]:
    """Every honour of `year`: the branch's own first, then members' in roster order, each
    from the highest level down (the order part 5 of the ledger book prints)."""
    return honour_rows(session, Honour.branch_id == branch_id, Honour.year == year)


def contest_entries_of_year(session: Session, branch_id: int, year: int) -> list[EntryInfo]:
    """Every member's entry in the contests of `year`, contest by contest in date order."""
    return entry_rows(session, Contest.branch_id == branch_id, Contest.year == year)


def honours_of_member(session: Session, member_id: int) -> list[HonourInfo]:
    """One member's honours over the years, the latest year first."""
    return honour_rows(session, Honour.member_id == member_id)


def entries_of_member(session: Session, member_id: int) -> list[EntryInfo]:
    """One member's contest entries over the years, the latest year first."""
    return entry_rows(session, ContestEntry.member_id == member_id)


def recommendations_of_member(session: Session, member_id: int) -> list[tuple[int, str]]:
    """(year, outcome) of each year the member was recommended to the city, oldest first."""
    return [tuple(r) for r in session.execute(
        select(CityRecommendation.year, CityRecommendation.outcome)
        .where(CityRecommendation.member_id == member_id).order_by(CityRecommendation.year))]


def members_of_year(session: Session, branch_id: int, year: int,
                    party: bool = True) -> list[tuple[int, str, str]]:
    """(id, name, village) of everyone on the branch's roster at some time in `year` (party
    members only when `party`), in roster order: who an honour or an entry may be for."""
    stmt = select(Member.id, Member.name, Member.community).where(
        Member.branch_id == branch_id,
        or_(Member.joined_date.is_(None), Member.joined_date <= date(year, 12, 31)),
        or_(Member.status.not_in(LEFT_STATUSES), Member.status_date.is_(None),
            Member.status_date >= date(year, 1, 1)))
    if party:
        stmt = stmt.where(Member.is_party_member.is_(True))
    return [tuple(r) for r in session.execute(stmt.order_by(Member.sort_order, Member.id))]


@dataclass(frozen=True)
class HonourCounts:
    """The year's figures of 评先评优."""

    year: int
    member_honours: int  # honours held by members (学习先进 included)
    honoured_members: int  # members holding at least one
    branch_honours: int  # honours of the branch itself
    study_models: int  # 学习先进
    recommended: str | None  # the member recommended to the city's 十佳学习型老干部
    outcome: str | None  # 待评 / 当选 / 未当选
    contests: int
    entries: int  # 人次
    entrants: int  # 人
    prized: int  # entries with a prize
    by_level: dict[str, int] = field(default_factory=dict)  # level → honours (both kinds)

    def to_json(self) -> dict:
        return asdict(self)


def honour_counts(session: Session, branch_id: int, year: int) -> HonourCounts:
    honours = honours_of_year(session, branch_id, year)
    entries = contest_entries_of_year(session, branch_id, year)
    mine = [h for h in honours if not h.for_branch]
    chosen = recommendation_of(session, branch_id, year)
    by_level = {lvl: sum(h.level == lvl for h in honours) for lvl in HONOUR_LEVELS}
    return HonourCounts(
        year, len(mine), len({h.member_id for h in mine}), len(honours) - len(mine),
        len(study_models(session, branch_id, year)), chosen.name if chosen else None,
        chosen.outcome if chosen else None, len(contests_of_year(session, branch_id, year)),
        len(entries), len({e.member_id for e in entries}), sum(e.prized for e in entries),
        {k: v for k, v in by_level.items() if v})


def honours_year(session: Session, branch_id: int, year: int) -> dict:
    """The whole year as `zhibu honours list --json` prints it."""
    chosen = recommendation_of(session, branch_id, year)
    entries = contest_entries_of_year(session, branch_id, year)
    contests = []
    for c in contests_of_year(session, branch_id, year):
        item = c.to_json()
        item["entries"] = [e.to_json() for e in entries if e.contest_id == c.id]
        contests.append(item)
    return {"branch": session.get_one(Branch, branch_id).name, "year": year,
            "honours": [h.to_json() for h in honours_of_year(session, branch_id, year)],
            "study_models": [h.holder for h in study_models(session, branch_id, year)],
            "recommended": chosen.to_json() if chosen else None,
            "contests": contests,
            "counts": honour_counts(session, branch_id, year).to_json()}
