"""民主评议党员, the annual democratic appraisal of members (spec/org-life.md): start the year's
appraisal, who takes part, the year's results (counts per grade, 不合格 for follow-up), a
member's grades over the years. The votes and the committee's grades: appraisal_votes.

Who takes part is fixed when the appraisal starts, from the roster on its date: full members
are graded, probationary members take part without a grade, members the branch excused (a
vote-exclusions register: member id → reason) are listed with the reason. The window, `zhibu
appraisal …` and the tests call these functions; each refuses bad input with a Chinese sentence
and then changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dates import cn
from app.errors import InputError
from app.models import Appraisal, AppraisalMember, Branch, Member
from app.services.orglife import votes
from app.services.roster import members_on_roster
from app.vocab import (
    APPRAISAL_GRADES, GRADE_FAILED, ROLE_EXCLUDED, ROLE_GRADED,
    ROLE_PROBATIONARY, STANDING_FULL,
)

# the columns of a member's votes, in the order of APPRAISAL_GRADES
VOTE_COLUMNS = ("votes_excellent", "votes_qualified", "votes_basic", "votes_failed")


def excellent_cap(full_members: int) -> int:
    """How many may be graded 优秀: one third of the full members taking part, rounded down."""
    return max(full_members, 0) // 3


@dataclass(frozen=True)
class Participant:
    member_id: int
    name: str
    role: str  # 参评 / 预备 / 不参加
    reason: str  # why 不参加
    votes: tuple[int, int, int, int] | None  # per grade, APPRAISAL_GRADES order; None: not counted
    grade: str | None
    follow_up: str

    @property
    def total(self) -> int | None:
        return None if self.votes is None else sum(self.votes)

    def to_json(self) -> dict:
        return {"id": self.member_id, "name": self.name, "role": self.role,
                "reason": self.reason,
                "votes": None if self.votes is None else dict(zip(APPRAISAL_GRADES, self.votes)),
                "grade": self.grade, "follow_up": self.follow_up}


@dataclass(frozen=True)
class AppraisalInfo:
    """One year's appraisal, everyone in it in the roster's order."""

    id: int
    branch_id: int
    branch: str
    year: int
    held_on: date
    ballots_issued: int | None
    ballots_returned: int | None
    note: str
    participants: tuple[Participant, ...]

    def _with(self, role: str) -> list[Participant]:
        return [p for p in self.participants if p.role == role]

    @property
    def graded(self) -> list[Participant]:
        return self._with(ROLE_GRADED)

    @property
    def probationary(self) -> list[Participant]:
        return self._with(ROLE_PROBATIONARY)

    @property
    def excluded(self) -> list[Participant]:
        return self._with(ROLE_EXCLUDED)

    @property
    def cap(self) -> int:
        return excellent_cap(len(self.graded))

    @property
    def counts(self) -> dict[str, int]:
        """Members per grade (every grade, 0 when none)."""
        return {g: sum(p.grade == g for p in self.graded) for g in APPRAISAL_GRADES}

    @property
    def ungraded(self) -> list[Participant]:
        return [p for p in self.graded if p.grade is None]

    @property
    def uncounted(self) -> list[Participant]:
        return [p for p in self.graded if p.votes is None]

    @property
    def failed(self) -> list[Participant]:
        """不合格: listed for the follow-up the branch must record."""
        return [p for p in self.graded if p.grade == GRADE_FAILED]

    @property
    def done(self) -> bool:
        """Every member graded (an appraisal with nobody to grade is done once held)."""
        return not self.ungraded

    def to_json(self) -> dict:
        return {"year": self.year, "branch": self.branch, "held_on": f"{self.held_on:%Y-%m-%d}",
                "ballots": {"issued": self.ballots_issued, "returned": self.ballots_returned},
                "full_members": len(self.graded), "probationary": len(self.probationary),
                "excluded": len(self.excluded), "excellent_cap": self.cap,
                "counts": self.counts, "done": self.done,
                "members": [p.to_json() for p in self.participants],
                "failed": [{"id": p.member_id, "name": p.name, "follow_up": p.follow_up}
                           for p in self.failed]}


# reading ----------------------------------------------------------------------------------------
def _find(session: Session, branch_id: int, year: int) -> Appraisal | None:
    return session.scalar(select(Appraisal).where(Appraisal.branch_id == branch_id,
                                                  Appraisal.year == year))


def need_appraisal(session: Session, branch_id: int, year: int) -> Appraisal:
    found = _find(session, branch_id, year)
    if found is None:
        raise InputError(f"{year}年的民主评议党员还没有开始：请先开始评议（填写评议日期）")
    return found


def info_of(session: Session, appraisal: Appraisal) -> AppraisalInfo:
    session.flush()
    rows = session.execute(
        select(AppraisalMember, Member.name)
        .join(Member, Member.id == AppraisalMember.member_id)
        .where(AppraisalMember.appraisal_id == appraisal.id)
        .order_by(Member.sort_order, Member.id)).all()
    people = tuple(participant_of(row, name) for row, name in rows)
    branch = session.get_one(Branch, appraisal.branch_id).name
    return AppraisalInfo(appraisal.id, appraisal.branch_id, branch, appraisal.year,
                         appraisal.held_on, appraisal.ballots_issued, appraisal.ballots_returned,
                         appraisal.note, people)


def participant_of(row: AppraisalMember, name: str) -> Participant:
    votes = tuple(getattr(row, c) for c in VOTE_COLUMNS)
    return Participant(row.member_id, name, row.role, row.reason,
                       None if votes[0] is None else votes, row.grade, row.follow_up)


def appraisal_of(session: Session, branch_id: int, year: int) -> AppraisalInfo | None:
    """The year's appraisal, or None when it has not been started."""
    found = _find(session, branch_id, year)
    return None if found is None else info_of(session, found)


def appraisal_years(session: Session, branch_id: int) -> list[int]:
    """The years the branch held an appraisal, the latest first."""
    return list(session.scalars(select(Appraisal.year).where(Appraisal.branch_id == branch_id)
                                .order_by(Appraisal.year.desc())))


def member_grades(session: Session, member_id: int) -> list[tuple[int, str]]:
    """(year, grade) of every appraisal that graded the member, the latest first."""
    return [(y, g) for y, g in session.execute(
        select(Appraisal.year, AppraisalMember.grade)
        .join(Appraisal, Appraisal.id == AppraisalMember.appraisal_id)
        .where(AppraisalMember.member_id == member_id, AppraisalMember.grade.is_not(None))
        .order_by(Appraisal.year.desc()))]


def appraisal_check(session: Session, branch_id: int, year: int) -> dict:
    """The appraisal's part of `zhibu org-life check`: done once every full member taking part
    has the committee's grade."""
    info = appraisal_of(session, branch_id, year)
    return {"appraisal": {"done": info is not None and info.done}}


# who takes part ---------------------------------------------------------------------------------
def excluded_members(session: Session, branch_id: int, year: int) -> dict[int, str]:
    """Members the branch excused from votes in `year` (member id → category, reason
    and approval): the same register the 4/5 quorum of a 党员大会 leaves out (votes.py), so a
    member excused there is listed, ungraded, here too."""
    return {row.member_id: f"{row.category}：{row.reason}（{row.approved_by} {cn(row.approved_on)}批准）"
            for row in votes.excluded_members(session, branch_id, year)}


def _roles(session: Session, branch_id: int, on: date,
           excluded: dict[int, str]) -> dict[int, tuple[str, str]]:
    """member id → (role, reason) for every party member on the roster on day `on`."""
    on_roster = members_on_roster(session, branch_id, on)
    rows = session.execute(select(Member.id, Member.party_standing).where(
        Member.id.in_(on_roster), Member.is_party_member.is_(True)))
    roles = {}
    for member_id, standing in rows:
        if member_id in excluded:
            roles[member_id] = (ROLE_EXCLUDED, (excluded[member_id] or "").strip())
        elif standing == STANDING_FULL:
            roles[member_id] = (ROLE_GRADED, "")
        else:
            roles[member_id] = (ROLE_PROBATIONARY, "")
    return roles


def start_appraisal(session: Session, branch_id: int, year: int, held_on: date,
                    excluded: dict[int, str] | None = None, note: str = "") -> AppraisalInfo:
    """Start the year's appraisal, held on `held_on` (in the year or early the next): everyone
    who takes part, from the roster on that day. A second one in the same year is refused."""
    if not 2000 <= year <= 2100:
        raise InputError(f"年度“{year}”不对，应写成 2026 这样的四位数")
    if held_on.year not in (year, year + 1):
        raise InputError(f"{year}年度的民主评议应在{year}年或{year + 1}年初举行，"
                         f"而不是{cn(held_on)}")
    found = _find(session, branch_id, year)
    if found is not None:
        raise InputError(f"{year}年度的民主评议党员已经开始（评议日期{cn(found.held_on)}），"
                         f"每年只评议一次")
    roles = _roles(session, branch_id, held_on, excluded or {})
    if not roles:
        raise InputError(f"{cn(held_on)}花名册上没有党员，无法开始民主评议（请先导入花名册）")
    appraisal = Appraisal(branch_id=branch_id, year=year, held_on=held_on, note=note.strip())
    session.add(appraisal)
    session.flush()
    session.add_all(AppraisalMember(appraisal_id=appraisal.id, member_id=m, role=role,
                                    reason=reason, follow_up="")
                    for m, (role, reason) in roles.items())
    return info_of(session, appraisal)


def update_participants(session: Session, branch_id: int, year: int,
                        excluded: dict[int, str] | None = None) -> AppraisalInfo:
    """Take the roster on the appraisal's date again (a member added or made 正式 since it
    started; new exclusions). `excluded` None keeps the exclusions already recorded. A member
    who already has votes or a grade is never dropped or made ungraded: that is refused, by
    name."""
    appraisal = need_appraisal(session, branch_id, year)
    rows = {r.member_id: r for r in session.scalars(
        select(AppraisalMember).where(AppraisalMember.appraisal_id == appraisal.id))}
    if excluded is None:
        excluded = {m: r.reason for m, r in rows.items() if r.role == ROLE_EXCLUDED}
    roles = _roles(session, branch_id, appraisal.held_on, excluded)
    losing = [m for m, r in rows.items() if r.role == ROLE_GRADED
              and roles.get(m, ("", ""))[0] != ROLE_GRADED
              and (r.grade is not None or r.votes_excellent is not None)]
    if losing:
        names = "、".join(session.get_one(Member, m).name for m in losing)
        raise InputError(f"{names}已经录入了票数或等次，不能移出参评名单；请先清空其票数和等次")
    for member_id, row in rows.items():
        if member_id not in roles:
            session.delete(row)
    for member_id, (role, reason) in roles.items():
        row = rows.get(member_id)
        if row is None:
            session.add(AppraisalMember(appraisal_id=appraisal.id, member_id=member_id,
                                        role=role, reason=reason, follow_up=""))
        elif (row.role, row.reason) != (role, reason):
            row.role, row.reason = role, reason
    return info_of(session, appraisal)


def set_note(session: Session, branch_id: int, year: int, held_on: date | None = None,
             note: str | None = None) -> AppraisalInfo:
    """Correct the date (the roster taken stays as it was) or the note."""
    appraisal = need_appraisal(session, branch_id, year)
    if held_on is not None:
        if held_on.year not in (year, year + 1):
            raise InputError(f"{year}年度的民主评议应在{year}年或{year + 1}年初举行，"
                             f"而不是{cn(held_on)}")
        appraisal.held_on = held_on
    if note is not None:
        appraisal.note = note.strip()
    return info_of(session, appraisal)
