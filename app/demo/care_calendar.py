"""Demo: a 困难党员 register for the year (three members, two posted), so the 关怀日历 tab and
its prints have something real to show. Draws nothing from `rng`: the steps before keep their
story whatever is added here."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Branch, HardshipRecord, Member
from app.vocab import HOMEBOUND_MOBILITIES, STATUS_ACTIVE

STORIES = (
    ("老伴长期卧床，本人患糖尿病，医药费开支大，退休金难以维持",
     "春节、七一上门慰问并送慰问金；协调社区办理长期护理保险"),
    ("独居，子女在外地，去年冬天摔伤后行动不便，生活照料困难",
     "老老结对党员每周上门；联系助老员每月两次上门做家务"),
    ("住房老旧漏雨，本人住院两次，家庭收入低",
     "向镇老干部服务站申请困难帮扶金2000元；协调村里维修房屋"),
)


def fill(session: Session, branch: Branch, _rng: random.Random, today: date,
         members: int = 80) -> None:
    people = session.scalars(
        select(Member.id).where(Member.branch_id == branch.id, Member.status == STATUS_ACTIVE,
                                Member.mobility.in_(HOMEBOUND_MOBILITIES))
        .order_by(Member.sort_order).limit(len(STORIES))).all()
    posted = today - timedelta(days=20) if today.month > 1 else None
    for n, (member_id, (situation, measures)) in enumerate(zip(people, STORIES)):
        session.add(HardshipRecord(member_id=member_id, year=today.year, situation=situation,
                                   measures=measures, posted_on=posted if n < 2 else None))
    session.flush()
