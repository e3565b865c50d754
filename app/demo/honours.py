"""Demo 评先评优: last year's and this year's contests (a 知识竞答 with scores, a 征文, a 演讲比赛
once it has been held), the branch's 学习先进 with their deeds, the city recommendation (last
year's elected, this year's awaiting the city), 优秀共产党员 at 七一 and the branch's own honours
— so the 评先评优 page, the member dialog's tab and the print show something true.

Draws from its own random generator (seeded by the branch and the day), never from the shared
one: the demo steps after it see the same numbers whether or not this step runs.
"""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import Branch, Member
from app.services.yearend import contests, honours
from app.vocab import STATUS_ACTIVE

DEEDS = (
    "坚持每月参加集中学习，学习笔记记了{n}本，主动给行动不便的老同志送学上门。",
    "年逾八旬仍坚持读书看报，带头参加知识竞答，撰写心得体会{n}篇。",
    "结对帮扶独居老党员，每周上门谈心，帮助解决实际困难。",
    "热心宣讲党的理论，在老干部大讲堂作专题发言{n}次。",
    "积极建言献策，所提建议被有关部门采纳，带动身边党员共同学习。",
)
ESSAYS = ("我的入党故事", "永远跟党走", "夕阳映初心", "家乡的变化", "学习路上不停步", "难忘的岁月")
SPEECHES = ("老有所为谱新篇", "初心不改", "传承红色家风")


def _people(session: Session, branch: Branch, year: int) -> list[int]:
    return list(session.scalars(select(Member.id).where(
        Member.branch_id == branch.id, Member.status == STATUS_ACTIVE,
        Member.is_party_member.is_(True),
        or_(Member.joined_date.is_(None), Member.joined_date <= date(year, 1, 1)))
        .order_by(Member.sort_order, Member.id)))


def _contests(session: Session, branch: Branch, rng: random.Random, year: int, today: date,
              people: list[int]) -> None:
    quiz_day, essay_day, speech_day = date(year, 7, 18), date(year, 9, 20), date(year, 10, 25)
    if quiz_day <= today:
        quiz = contests.add_contest(session, branch.id, f"{year}年老干部政治理论知识竞答", "知识竞答",
                                    held_on=quiz_day, organiser="市委老干部局", today=today)
        scored = sorted(((rng.randrange(600, 1001), m) for m in rng.sample(people, 14)),
                        reverse=True)
        for rank, (tenths, member_id) in enumerate(scored):
            result = "一等奖" if rank == 0 else "二等奖" if rank < 3 else "三等奖" if rank < 6 else "参与"
            contests.add_entry(session, quiz.id, member_id, result=result,
                               score=f"{tenths // 10}.{tenths % 10}")
    if essay_day <= today:
        essay = contests.add_contest(session, branch.id, f"“喜迎国庆”{year}年老干部征文", "征文",
                                     held_on=essay_day, organiser="市委老干部局", today=today)
        for i, member_id in enumerate(rng.sample(people, 5)):
            contests.add_entry(session, essay.id, member_id, rng.choice(ESSAYS),
                               ("一等奖", "优秀奖", "优秀奖", "入围", "参与")[i])
    if speech_day <= today:
        speech = contests.add_contest(session, branch.id, "老干部演讲比赛", "演讲比赛",
                                      held_on=speech_day, organiser="县委老干部局", today=today)
        for i, member_id in enumerate(rng.sample(people, 3)):
            contests.add_entry(session, speech.id, member_id, SPEECHES[i], ("二等奖", "三等奖", "参与")[i])


def _honours(session: Session, branch: Branch, rng: random.Random, year: int, today: date,
             people: list[int]) -> None:
    chosen = rng.sample(people, 4)
    for member_id in chosen:
        deeds = rng.choice(DEEDS).format(n=rng.randrange(2, 9))
        honours.add_study_model(session, branch.id, year, member_id, deeds,
                                on=min(today, date(year, 11, 10)), today=today)
    if year < today.year or today >= date(year, 11, 15):
        honours.recommend(session, branch.id, year, chosen[0],
                          "学习有恒心，带头送学上门，群众口碑好。", min(today, date(year, 11, 15)),
                          today=today)
        if year < today.year:
            honours.set_outcome(session, branch.id, year, "当选", today=today)
    if date(year, 7, 1) <= today:
        for member_id, level, by in zip(rng.sample(people, 3), ("乡镇", "县", "支部"),
                                        ("城关镇党委", "县委", branch.name)):
            honours.add_honour(session, branch.id, year, "优秀共产党员", level, member_id, by,
                               date(year, 6, 28), today=today)
    name, level, by = (("五好支部", "县", "县委老干部局") if year < today.year
                       else ("示范点", "市", "市委老干部局"))
    honours.add_honour(session, branch.id, year, name, level, None, by, today=today)


def fill(session: Session, branch: Branch, _rng: random.Random, today: date, members: int = 80):
    rng = random.Random(branch.id * 7919 + today.toordinal())
    for year in (today.year - 1, today.year):
        people = _people(session, branch, year)
        if len(people) < 14:
            return
        _contests(session, branch, rng, year, today, people)
        _honours(session, branch, rng, year, today, people)
