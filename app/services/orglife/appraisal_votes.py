"""民主评议党员: the ballots returned, each member's votes from them, the committee's grade with
the one-third cap on 优秀, and the follow-up of a 不合格 (spec/org-life.md).

Each refusal names the member and the numbers (the votes that do not add up to the ballots
returned, the 优秀 already given against the cap) and changes nothing. Only the full members
taking part (参评) have votes and grades: a probationary member, one excused, one not on the
roster that year or not a party member is refused with the reason.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dates import cn
from app.errors import InputError
from app.models import Appraisal, AppraisalMember, Member
from app.services.orglife.appraisal import (
    VOTE_COLUMNS, AppraisalInfo, Participant, excellent_cap, info_of, need_appraisal,
    participant_of,
)
from app.services.roster import members_on_roster
from app.vocab import (
    APPRAISAL_GRADES, GRADE_EXCELLENT, ROLE_EXCLUDED, ROLE_GRADED, ROLE_PROBATIONARY,
)


def _count(value, what: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        raise InputError(f"{what}应是整数，而不是“{value}”") from None
    if number < 0:
        raise InputError(f"{what}不能是负数（{number}）")
    return number


def set_ballots(session: Session, branch_id: int, year: int, issued, returned) -> AppraisalInfo:
    """发出 / 收回 ballots (blank while not known). Every member's votes add up to the ballots
    returned, so that number cannot change once votes are entered."""
    appraisal = need_appraisal(session, branch_id, year)
    issued, returned = _count(issued, "发出选票张数"), _count(returned, "收回选票张数")
    if issued is not None and returned is not None and returned > issued:
        raise InputError(f"收回的选票（{returned} 张）不能多于发出的（{issued} 张）")
    if returned != appraisal.ballots_returned:
        counted = session.scalar(select(AppraisalMember.id).where(
            AppraisalMember.appraisal_id == appraisal.id,
            AppraisalMember.votes_excellent.is_not(None)).limit(1))
        if counted is not None:
            raise InputError(f"已经按收回 {appraisal.ballots_returned} 张录入了票数，不能再改收回张数；"
                             f"请先清空已录入的票数")
    appraisal.ballots_issued, appraisal.ballots_returned = issued, returned
    return info_of(session, appraisal)


def _row(session: Session, appraisal: Appraisal, member_id: int, what: str) -> AppraisalMember:
    """The member's row among those graded, or a refusal saying why they are not."""
    member = session.get(Member, member_id)
    if member is None:
        raise InputError(f"党员编号 {member_id} 不存在")
    row = session.scalar(select(AppraisalMember).where(
        AppraisalMember.appraisal_id == appraisal.id, AppraisalMember.member_id == member_id))
    year = appraisal.year
    if row is None:
        on_roster = session.scalar(select(Member.id).where(
            Member.id == member_id,
            Member.id.in_(members_on_roster(session, appraisal.branch_id, appraisal.held_on))))
        if on_roster is None:
            raise InputError(f"{member.name}不在{year}年民主评议时的花名册上"
                             f"（{cn(appraisal.held_on)}），不能{what}")
        if not member.is_party_member:
            raise InputError(f"{member.name}不是党员，不参加民主评议，不能{what}")
        raise InputError(f"{member.name}不在{year}年民主评议的名单上（开始评议以后才加入花名册？"
                         f"请先按花名册更新名单）")
    if row.role == ROLE_PROBATIONARY:
        raise InputError(f"{member.name}是预备党员：参加民主评议，但不评定等次，不能{what}")
    if row.role == ROLE_EXCLUDED:
        why = f"（{row.reason}）" if row.reason else ""
        raise InputError(f"{member.name}没有参加{year}年的民主评议{why}，不能{what}")
    return row


def record_votes(session: Session, branch_id: int, year: int, member_id: int,
                 votes: dict[str, object] | None) -> Participant:
    """One member's votes per grade from the ballots (a grade left out counts 0; None or all
    blank clears them). They must add up to the ballots returned."""
    appraisal = need_appraisal(session, branch_id, year)
    row = _row(session, appraisal, member_id, "录入票数")
    name = session.get_one(Member, member_id).name
    unknown = sorted(set(votes or {}) - set(APPRAISAL_GRADES))
    if unknown:
        raise InputError(f"没有“{'、'.join(unknown)}”这个等次：应为{'、'.join(APPRAISAL_GRADES)}")
    numbers = [_count((votes or {}).get(g), f"{name}的{g}票数") for g in APPRAISAL_GRADES]
    if all(n is None for n in numbers):
        counted: list[int | None] = [None] * len(VOTE_COLUMNS)
    else:
        counted = [n or 0 for n in numbers]
        returned = appraisal.ballots_returned
        if returned is None:
            raise InputError("请先填写收回的选票张数：每人的票数要与它相加一致")
        if sum(counted) != returned:
            parts = "、".join(f"{g} {n}" for g, n in zip(APPRAISAL_GRADES, counted))
            raise InputError(f"{name}的票数合计 {sum(counted)} 张（{parts}），"
                             f"应等于收回的选票 {returned} 张")
    for column, number in zip(VOTE_COLUMNS, counted):
        setattr(row, column, number)
    return participant_of(row, name)


# the committee's grades -------------------------------------------------------------------------
def set_grade(session: Session, branch_id: int, year: int, member_id: int,
              grade: str | None) -> Participant:
    """The committee's grade for one full member (None clears it). 优秀 past one third of the
    full members taking part is refused with the numbers."""
    appraisal = need_appraisal(session, branch_id, year)
    if grade is not None and grade not in APPRAISAL_GRADES:
        raise InputError(f"等次“{grade}”不对：应为{'、'.join(APPRAISAL_GRADES)}")
    row = _row(session, appraisal, member_id, "评定等次")
    if grade == GRADE_EXCELLENT and row.grade != GRADE_EXCELLENT:
        roles = session.execute(select(AppraisalMember.role, AppraisalMember.grade).where(
            AppraisalMember.appraisal_id == appraisal.id)).all()
        full = sum(r == ROLE_GRADED for r, _g in roles)
        already = sum(r == ROLE_GRADED and g == GRADE_EXCELLENT for r, g in roles)
        cap = excellent_cap(full)
        if already + 1 > cap:
            raise InputError(f"不能再评优秀：优秀已有 {already} 人，参评正式党员 {full} 人，"
                             f"最多 {cap} 人（不超过三分之一）")
    row.grade = grade
    return participant_of(row, session.get_one(Member, member_id).name)


def set_follow_up(session: Session, branch_id: int, year: int, member_id: int,
                  text: str) -> Participant:
    """What the branch did about a member graded 不合格 (or 基本合格): talks, a deadline to
    improve, the organisation's decision."""
    appraisal = need_appraisal(session, branch_id, year)
    row = _row(session, appraisal, member_id, "记录组织处置")
    row.follow_up = (text or "").strip()
    return participant_of(row, session.get_one(Member, member_id).name)
