"""The first start: what an empty program asks for, in order, and the demo on request.

首页 shows three steps until they are done — ① the branch's name (a new program calls it
PLACEHOLDER_BRANCH), ② the roster (import or add members), ③ the year's 集中学习日 — and, while
the whole database is still empty, an offer to fill it with the demo branch instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.demo import DEFAULT_BRANCH, DemoSummary, fill_demo
from app.errors import InputError
from app.models import Branch, Member, StudyEvent
from app.storage import backup
from app.services.roster import PLACEHOLDER_BRANCH
from app.vocab import STATUS_ACTIVE, STUDY_DAY_KIND

DEMO_BACKUP_REASON = "放演示数据之前"


@dataclass(frozen=True)
class FirstSteps:
    branch_name: str
    named: bool  # ① the branch has a name of its own
    members: int  # ② members on the roster (在册)
    study_year: int | None  # ③ the year whose 集中学习日 are made (this year or later), or None
    study_days_ever: bool  # any 集中学习日 at all: a branch that has worked before
    database_empty: bool  # no member in any branch: the demo may be offered

    @property
    def done(self) -> tuple[bool, bool, bool]:
        return self.named, self.members > 0, self.study_year is not None

    @property
    def show(self) -> bool:
        """The steps stay on 首页 until the branch is named, has members and has had study
        days; a branch that has worked before is not taken back to the start each January."""
        return not (self.named and self.members > 0 and self.study_days_ever)


def first_steps(session: Session, branch_id: int, today: date) -> FirstSteps:
    name = session.get_one(Branch, branch_id).name
    members = session.scalar(select(func.count(Member.id)).where(
        Member.branch_id == branch_id, Member.status == STATUS_ACTIVE)) or 0
    days = select(func.max(StudyEvent.date)).where(
        StudyEvent.branch_id == branch_id, StudyEvent.kind == STUDY_DAY_KIND,
        StudyEvent.cancelled.is_(False))
    last_day = session.scalar(days)
    this_year = session.scalar(days.where(StudyEvent.date >= date(today.year, 1, 1)))
    anyone = session.scalar(select(Member.id).limit(1))
    return FirstSteps(name, name != PLACEHOLDER_BRANCH, members,
                      this_year.year if this_year else None, last_day is not None,
                      anyone is None)


def fill_demo_here(db, branch_id: int, today: date | None = None) -> DemoSummary:
    """Fill this (empty) database with the demo branch, in the branch the window shows.

    Refused when any member exists, so real records never mix with made-up ones. The empty
    database is backed up first ("放演示数据之前"): restoring that copy under 设置 → 数据安全
    gives the empty program back. A branch still without a name takes the demo's name."""
    with db.session() as s:
        if s.scalar(select(Member.id).limit(1)) is not None:
            raise InputError("数据库里已经有党员了。演示数据只放进空的数据库，以免和真实记录混在一起。")
    backup.backup_before(db.path, DEMO_BACKUP_REASON)
    with db.session() as s:
        branch = s.get_one(Branch, branch_id)
        taken = s.scalar(select(Branch.id).where(Branch.name == DEFAULT_BRANCH)) is not None
        if branch.name == PLACEHOLDER_BRANCH and not taken:
            branch.name = DEFAULT_BRANCH
        name = branch.name
    return fill_demo(db, branch_name=name, today=today)
