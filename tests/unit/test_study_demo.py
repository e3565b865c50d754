"""The demo branch's year of study: every study day held, realistic attendance (the homebound
mostly 送学上门, a few on leave), someone to show under 连续缺席, the next study day ready."""

import random
from datetime import date

from sqlalchemy import func, select

from app.demo import members as demo_members
from app.demo import study as demo_study
from app.models import Attendance, Member, StudyEvent
from app.services import study
from app.services.roster import ensure_branch
from app.vocab import HOMEBOUND_MOBILITIES

TODAY = date(2026, 11, 20)


def test_demo_year_of_study(db):
    with db.session() as s:
        branch = ensure_branch(s, "演示支部")
        rng = random.Random(7)
        demo_members.fill(s, branch, rng, TODAY, members=80)
        demo_study.fill(s, branch, rng, TODAY, members=80)
    with db.session() as s:
        b = branch.id
        rows = study.list_events(s, b)
        days = [r for r in rows if r.kind == "集中学习日"]
        assert len(days) == 13 and {r.date.day for r in days} == {5}  # 12 months + the next
        assert sum(r.cancelled for r in rows) == 1
        assert study.next_study_day(s, b, TODAY) == (date(2026, 12, 5), days[0].id)
        held = [r for r in rows if r.date <= TODAY and not r.cancelled]
        assert all(r.unmarked == 0 for r in held)  # every held event is fully ticked
        homebound = set(s.scalars(select(Member.id).where(
            Member.mobility.in_(HOMEBOUND_MOBILITIES))))
        marks = s.execute(select(Attendance.member_id, Attendance.mark)).all()
        door = [m for mid, m in marks if mid in homebound]
        assert door.count("送学上门") / len(door) > 0.7
        assert 0 < sum(1 for _m, mark in marks if mark == "请假") / len(marks) < 0.15
        assert s.scalar(select(func.count()).where(Attendance.reason == "", Attendance.mark ==
                                                   "请假")) == 0
        assert len(study.members_missing_last(s, b, 3, TODAY)) >= 1
        assert s.scalar(select(func.count(StudyEvent.id)).where(
            StudyEvent.minutes_text != "")) >= 12


def test_the_demo_can_be_made_on_29_february(db):
    from datetime import date

    from sqlalchemy import func, select

    from app.demo import fill_demo
    from app.models import Member

    fill_demo(db, members=20, seed=3, today=date(2024, 2, 29))
    with db.session() as s:
        assert s.scalar(select(func.count(Member.id))) == 20
