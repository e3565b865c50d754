"""A vote's count (spec/org-life.md): the members a year's votes may leave out (年老体弱卧床不起,
长期生病生活不能自理 and the like — always with the reason and the approval), and the quorum of
a meeting: an election or any 党员大会 vote is valid only when MORE than 4/5 of the members with
voting rights attend (exactly 4/5 is not enough).

Members with voting rights are the full members (正式党员) on the roster on the meeting's day;
the approved exclusions of the year come off that count — unless the member came anyway, who
then counts again, present. Probationary members may attend but have no vote."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import committee_term
from app.dates import fmt
from app.errors import InputError
from app.models import Attendance, Member, StudyEvent, VoteExclusion
from app.services.orglife.members import (
    branch_party_member, counted_day, full_members_on, on_roster_in_year,
)
from app.vocab import EXCLUSION_CATEGORIES

PRESENT = "出席"


@dataclass
class ExclusionInput:
    member_id: int | None = None
    year: int = 0
    category: str = EXCLUSION_CATEGORIES[0]
    reason: str = ""
    approved_by: str = ""  # 批准人 / 批准的党组织
    approved_on: date | None = None


@dataclass(frozen=True)
class ExcludedRow:
    exclusion_id: int
    member_id: int
    name: str
    year: int
    category: str
    reason: str
    approved_by: str
    approved_on: date

    def to_json(self) -> dict:
        data = asdict(self)
        data["approved_on"] = fmt(self.approved_on)
        return data


def _problems(session: Session, branch_id: int, data: ExclusionInput, exclusion_id: int | None,
              today: date) -> list[str]:
    problems = []
    try:
        member = branch_party_member(session, branch_id, data.member_id, "不计入表决人数的党员")
    except InputError as exc:
        member, problems = None, [str(exc)]
    if not 2000 <= data.year <= today.year + 1:
        problems.append(f"年度“{data.year}”不对")
    elif member is not None and not on_roster_in_year(member, data.year):
        problems.append(f"{member.name}在 {data.year} 年不在本支部名册上")
    if data.category not in EXCLUSION_CATEGORIES:
        problems.append(f"类别“{data.category}”应为：{'、'.join(EXCLUSION_CATEGORIES)}")
    if not (data.reason or "").strip():
        problems.append("请填写不计入表决人数的具体原因")
    if not (data.approved_by or "").strip():
        problems.append("请填写批准人（或批准的党组织）：不计入须经批准")
    if data.approved_on is None:
        problems.append("请填写批准日期")
    elif data.approved_on > today:
        problems.append(f"批准日期 {fmt(data.approved_on)} 在今天之后")
    same = session.scalar(select(VoteExclusion.id).where(
        VoteExclusion.member_id == data.member_id, VoteExclusion.year == data.year,
        VoteExclusion.id != (exclusion_id or 0)))
    if member is not None and same:
        problems.append(f"{member.name}在 {data.year} 年已登记为不计入，请修改那一条")
    return problems


def set_exclusion(session: Session, branch_id: int, data: ExclusionInput,
                  exclusion_id: int | None = None, today: date | None = None) -> int:
    """Record (or correct) that a member is left out of the year's vote counts."""
    problems = _problems(session, branch_id, data, exclusion_id, today or date.today())
    if problems:
        raise InputError("；".join(problems))
    row = session.get(VoteExclusion, exclusion_id) if exclusion_id else VoteExclusion()
    if row is None:
        raise InputError(f"找不到编号为 {exclusion_id} 的记录")
    row.member_id, row.year, row.category = data.member_id, data.year, data.category
    row.reason, row.approved_by = data.reason.strip(), data.approved_by.strip()[:100]
    row.approved_on = data.approved_on
    session.add(row)
    session.flush()
    return row.id


def exclusion_input(session: Session, exclusion_id: int) -> ExclusionInput:
    row = session.get(VoteExclusion, exclusion_id)
    if row is None:
        raise InputError(f"找不到编号为 {exclusion_id} 的记录")
    return ExclusionInput(row.member_id, row.year, row.category, row.reason, row.approved_by,
                          row.approved_on)


def remove_exclusion(session: Session, exclusion_id: int) -> None:
    row = session.get(VoteExclusion, exclusion_id)
    if row is None:
        raise InputError(f"找不到编号为 {exclusion_id} 的记录")
    session.delete(row)
    session.flush()


def excluded_members(session: Session, branch_id: int, year: int) -> list[ExcludedRow]:
    """The year's approved exclusions, in the roster's order."""
    rows = session.execute(
        select(VoteExclusion.id, VoteExclusion.member_id, Member.name, VoteExclusion.year,
               VoteExclusion.category, VoteExclusion.reason, VoteExclusion.approved_by,
               VoteExclusion.approved_on)
        .join(Member, Member.id == VoteExclusion.member_id)
        .where(Member.branch_id == branch_id, VoteExclusion.year == year)
        .order_by(Member.sort_order, Member.id))
    return [ExcludedRow(*r) for r in rows]


@dataclass
class Quorum:
    on: date
    voting: int  # full members on the roster that day: 有表决权的党员
    excluded: list[ExcludedRow] = field(default_factory=list)  # approved, and absent
    came_anyway: list[str] = field(default_factory=list)  # excluded, yet present: counted
    base: int = 0  # 应到会人数: voting less the excluded who stayed away
    present: int = 0  # 实到会 with a vote
    without_vote: int = 0  # present without a vote (预备党员)

    @property
    def needed(self) -> int:
        return committee_term.needed_for_quorum(self.base)

    @property
    def reached(self) -> bool:
        return committee_term.quorum_reached(self.present, self.base)

    def sentence(self) -> str:
        head = (f"有表决权的正式党员 {self.voting} 人，经批准不计入 {len(self.excluded)} 人，"
                f"应到会 {self.base} 人，实到会 {self.present} 人；须超过五分之四，"
                f"即至少 {self.needed} 人。")
        if self.reached:
            return head + "已达到规定人数，选举（表决）有效。"
        return head + f"还差 {max(self.needed - self.present, 0)} 人，未达到规定人数，不能进行选举。"

    def to_json(self) -> dict:
        return {"on": fmt(self.on), "voting": self.voting, "base": self.base,
                "needed": self.needed, "present": self.present, "reached": self.reached,
                "without_vote": self.without_vote, "came_anyway": self.came_anyway,
                "excluded": [e.to_json() for e in self.excluded]}


def quorum(session: Session, branch_id: int, year: int, attended_ids, on: date | None = None
           ) -> Quorum:
    """The quorum of a vote of `year` held on `on` (the year's counted day when not given)
    with the members `attended_ids` present."""
    on = on or counted_day(year)
    voting = set(session.scalars(full_members_on(session, branch_id, on)))
    came = set(attended_ids)
    listed = [e for e in excluded_members(session, branch_id, year) if e.member_id in voting]
    result = Quorum(on=on, voting=len(voting))
    result.excluded = [e for e in listed if e.member_id not in came]
    result.came_anyway = [e.name for e in listed if e.member_id in came]
    result.base = len(voting) - len(result.excluded)
    result.present = len(voting & came)
    result.without_vote = len(came - voting)
    return result


def event_quorum(session: Session, event_id: int) -> Quorum:
    """The quorum of a recorded meeting, from its attendance (出席 only: 送学上门 is not
    being there)."""
    event = session.get(StudyEvent, event_id)
    if event is None:
        raise InputError(f"找不到编号为 {event_id} 的活动或会议")
    present = session.scalars(select(Attendance.member_id).where(
        Attendance.event_id == event_id, Attendance.mark == PRESENT))
    return quorum(session, event.branch_id, event.date.year, list(present), on=event.date)
