"""Demo organisation life beyond meetings: a committee elected two and a half years ago (so its
term ends within six months and the warning shows), this year's and last year's talks (most
members talked with, some not yet), the bedridden full members left out of the year's vote
count with the 镇党委's approval, and last year's 整改清单 (two items done, one still open) —
so the 组织生活 tabs and the home page's tile show something true."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.committee_term import shift_months
from app.demo import insert_rows
from app.models import Branch, Member, RectifyItem, Talk, VoteExclusion
from app.models.base import now
from app.services.orglife.committee import elect_committee
from app.vocab import COMMITTEE_TERM_YEARS, STANDING_FULL, STATUS_ACTIVE

TOPICS = ("交流学习体会", "了解身体和生活情况", "听取对支部工作的意见", "谈思想认识", "节前问候，拉家常")
OPINIONS = ("希望多组织参观考察", "学习材料字再大一点", "集中学习时间可以短一些",
            "希望多讲讲惠老政策", "建议给行动不便的党员多送学上门", "活动室冬天太冷")
WAYS = ("当面", "当面", "当面", "上门", "上门", "电话")
POSTS = ("书记", "副书记", "组织委员", "宣传委员", "纪检委员")
RECTIFY = (
    ("学习形式比较单一", "每季度组织一次参观或座谈，请党员讲学习体会", "宣传委员", True),
    ("行动不便党员送学上门不及时", "每月学习日后一周内把资料送到家", "组织委员", True),
    ("谈心谈话记录不全", "支委分片包干，每人负责的党员年内谈话全覆盖并记录", "书记", False),
)


def fill(session: Session, branch: Branch, rng: random.Random, today: date, members: int = 80):
    people = session.execute(
        select(Member.id, Member.name, Member.mobility, Member.party_standing)
        .where(Member.branch_id == branch.id, Member.is_party_member.is_(True),
               Member.status == STATUS_ACTIVE)
        .order_by(Member.sort_order, Member.id)).all()
    full = [p for p in people if p.party_standing == STANDING_FULL]
    if len(full) < 3:
        return
    able = [p for p in full if p.mobility == "行动自如"] or full
    board = able[:len(POSTS)] if len(full) >= 7 else able[:1]
    elected = shift_months(today, 5 - 12 * COMMITTEE_TERM_YEARS)  # ends in five months
    elect_committee(session, branch.id, elected, list(zip(POSTS, [p.id for p in board])), today)
    _talks(session, branch, rng, today, people, board)
    insert_rows(session, VoteExclusion, [
        {"member_id": p.id, "year": today.year, "category": "年老体弱卧床不起",
         "reason": "常年卧床，不能到会", "approved_by": "城关镇党委",
         "approved_on": min(today, date(today.year, 1, 15)), "created_at": now()}
        for p in full if p.mobility == "卧床"])
    year = today.year - 1
    insert_rows(session, RectifyItem, [
        {"branch_id": branch.id, "year": year, "problem": problem, "measure": measure,
         "responsible": who, "deadline": date(year + 1, 6, 30) if done else date(year + 1, 3, 31),
         "progress": "已落实，党员反映良好" if done else "已谈一半，年底前完成",
         "done_on": min(today, date(year + 1, 6, 20)) if done else None, "created_at": now()}
        for problem, measure, who, done in RECTIFY])


def _talks(session, branch, rng, today, people, board) -> None:
    """Last year nearly everyone was talked with; this year about seven in ten so far."""
    rows = []
    for year, share in ((today.year - 1, 0.95), (today.year, 0.7)):
        first = date(year, 1, 10)
        last = min(today - timedelta(days=1), date(year, 12, 20))
        if last < first:
            continue
        for p in people:
            talkers = [b for b in board if b.id != p.id]
            if not talkers or rng.random() >= share:
                continue
            talker = rng.choice(talkers)
            rows.append({
                "branch_id": branch.id, "member_id": p.id, "talker_id": talker.id,
                "talker_name": talker.name, "how": rng.choice(WAYS), "topic": rng.choice(TOPICS),
                "date": first + timedelta(days=rng.randrange((last - first).days + 1)),
                "opinions": rng.choice(OPINIONS) if rng.random() < 0.2 else "",
                "follow_up": "", "created_at": now()})
    insert_rows(session, Talk, rows)
