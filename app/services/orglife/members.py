"""Whom organisation life counts, said once: the branch's party members on the roster on a day
(talks, exclusions) and the full members (正式党员) among them (votes, the committee rule).

Built on `services.roster.members_on_roster` — the definition the attendance lists and the
quarterly figures use — so a member who died or moved away drops out of the talks coverage and
the quorum the same day they drop out of everything else, and one on 暂离 still counts (away,
but still on the roster and still with a vote)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select
from sqlalchemy.orm import Session

from app.dates import fmt
from app.errors import InputError
from app.models import Member
from app.services.roster import members_on_roster
from app.vocab import LEFT_STATUSES, STANDING_FULL


def party_members_on(session: Session, branch_id: int, on: date) -> Select:
    """SELECT of the ids of the branch's party members on the roster on day `on`."""
    return members_on_roster(session, branch_id, on).where(Member.is_party_member.is_(True))


def full_members_on(session: Session, branch_id: int, on: date) -> Select:
    """SELECT of the ids of the full members (正式) among them: the members with a vote."""
    return party_members_on(session, branch_id, on).where(
        Member.party_standing == STANDING_FULL)


def counted_day(year: int, as_of: date | None = None) -> date:
    """The day a year's roster is taken: its last day, or `as_of` (today) while it runs."""
    as_of = as_of or date.today()
    return max(date(year, 1, 1), min(date(year, 12, 31), as_of))


def branch_party_member(session: Session, branch_id: int, member_id: int | None,
                        role: str) -> Member:
    """The member `member_id` as `role` (谈话对象 …), refused unless a party member of this
    branch."""
    member = session.get(Member, member_id) if member_id is not None else None
    if member is None or member.branch_id != branch_id:
        raise InputError(f"{role}不是本支部的党员，请从名册中选择")
    if not member.is_party_member:
        raise InputError(f"{member.name}不是党员，不能作为{role}")
    return member


def off_roster_reason(member: Member, on: date) -> str | None:
    """Why `member` was not on the roster on `on`, in words; None when they were."""
    if member.joined_date and member.joined_date > on:
        return f"{fmt(member.joined_date)} 才转入本支部"
    if member.status in LEFT_STATUSES and member.status_date and member.status_date < on:
        return f"已于 {fmt(member.status_date)} {member.status}"
    return None


def on_roster_in_year(member: Member, year: int) -> bool:
    """On the roster at least one day of `year`."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    if member.joined_date and member.joined_date > last:
        return False
    return not (member.status in LEFT_STATUSES and member.status_date
                and member.status_date < first)
