"""Demo care: volunteers, 老老结对 pairings, a year of home visits, suggestions, and a few members
left overdue, so the 走访关怀 page and the home page have something true to show.

Visits follow each member's interval with a few days' slack; about one in five homebound members
has been neglected for the last two months (overdue), and a few were never visited. Visits of the
last weeks take the pending hand-outs along and mark them delivered through the visit.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.models import Branch, Handout, Member, Pairing, Suggestion, Visit, Volunteer
from app.services.reminders import festival_date
from app.vocab import HANDOUT_DELIVERED, HANDOUT_PENDING, HOMEBOUND_MOBILITIES, STATUS_ACTIVE

VOLUNTEERS = (("陈小燕", "助老员", "东关社区居委会", "13837100001"),
              ("刘晓东", "志愿者", "县一中青年志愿者协会", "13837100002"),
              ("孙丽娟", "助老员", "河湾村委会", "13837100003"))
HEALTH = ("血压平稳", "腿脚不便，在家能走动", "刚出院，正在恢复", "耳背，需大声说话", "精神好，吃饭正常",
          "糖尿病，按时服药")
MOOD = ("精神好", "情绪稳定", "有些孤单，盼人来", "很高兴，拉着说了很久")
REQUESTS = ("", "", "", "希望送大字版读本", "想参加一次集中学习", "家里水管漏水，希望社区帮忙",
            "希望多来坐坐", "咨询医保报销")
FOLLOW = {"希望送大字版读本": "向县老干部局申请大字版", "家里水管漏水，希望社区帮忙": "联系社区物业维修",
          "咨询医保报销": "请社区医保专干上门讲解", "想参加一次集中学习": "下次集中学习日安排车接送"}
SUGGESTIONS = (("民生保障", "建议社区卫生站每月上门为卧床老党员量血压", "县卫健委"),
               ("城乡建设", "老旧小区加装电梯，方便老同志上下楼", "县住建局"),
               ("老干部工作", "学习资料多出大字版", "县委老干部局"),
               ("党的建设", "集中学习日可以请年轻党员讲讲新技术", ""),
               ("教育卫生", "建议开办老年人智能手机培训班", "县老年大学"),
               ("经济发展", "扶持村里的特色种植，带动年轻人回乡", "镇政府"))


def _on_roster(m, day: date) -> bool:
    if m.joined_date and day < m.joined_date:
        return False
    return m.status in (STATUS_ACTIVE, "暂离") or m.status_date is None or day <= m.status_date


def fill(session: Session, branch: Branch, rng: random.Random, today: date, members: int = 80):
    people = session.execute(
        select(Member.id, Member.name, Member.mobility, Member.needs_care, Member.status,
               Member.status_date, Member.joined_date, Member.visit_interval_days)
        .where(Member.branch_id == branch.id).order_by(Member.sort_order, Member.id)
    ).all()
    if not people:
        return
    vols = []
    for name, kind, org, phone in VOLUNTEERS:
        v = Volunteer(branch_id=branch.id, name=name, kind=kind, organisation=org, phone=phone)
        session.add(v)
        vols.append(v)
    session.flush()

    cared = [p for p in people if p.mobility in HOMEBOUND_MOBILITIES or p.needs_care]
    helper_of = _pairings(session, rng, today, people, cared)
    visits = _visits(rng, today, cared, vols, helper_of)
    session.add_all(visits)
    session.flush()
    _deliver_on_recent_visits(session, rng, today, visits)
    _suggestions(session, rng, today, branch, people)
    session.flush()


def _pairings(session: Session, rng: random.Random, today: date, people, cared) -> dict:
    """老老结对: about a third of the cared-for get an able, active member as helper. Returns
    {helped member id: helper's name}, the visits' 结对党员."""
    able = [p for p in people if p.mobility not in HOMEBOUND_MOBILITIES and not p.needs_care
            and p.status == STATUS_ACTIVE]
    pairs = []
    for helped, helper in zip(rng.sample(cared, min(len(cared) // 3, len(able))),
                              rng.sample(able, min(len(cared) // 3, len(able)))):
        since = today - timedelta(days=rng.randrange(60, 900))
        session.add(Pairing(helper_id=helper.id, helped_id=helped.id, since=since,
                            notes="同住一个小区" if rng.random() < 0.5 else ""))
        pairs.append((helped.id, helper.name))
    return dict(pairs)


def _visits(rng: random.Random, today: date, cared, vols, helper_of) -> list[Visit]:
    """A year of visits to each cared-for member at their interval with a few days' slack;
    one in five neglected for the last two intervals (overdue), a couple never visited."""
    neglected = {p.id for p in rng.sample(cared, len(cared) // 5)}
    never = {p.id for p in rng.sample(cared, min(2, len(cared)))} - neglected
    festivals = [d for d in (festival_date("重阳节", today.year), festival_date("春节", today.year),
                             festival_date("重阳节", today.year - 1)) if d]
    year_ago = today - timedelta(days=365)
    visits: list[Visit] = []
    for p in cared:
        if p.id in never:
            continue
        stop = today - timedelta(days=(p.visit_interval_days or 30) * 2 + 5) \
            if p.id in neglected else today
        day = year_ago + timedelta(days=rng.randrange(0, 20))
        while day <= stop:
            if _on_roster(p, day):
                visits.append(_visit(rng, p, day, vols, helper_of, festivals, today))
            day += timedelta(days=max(5, (p.visit_interval_days or 30) + rng.randrange(-6, 3)))
    return visits


def _deliver_on_recent_visits(session: Session, rng: random.Random, today: date,
                              visits: list[Visit]) -> None:
    """Half of the last weeks' visits took the member's pending hand-outs along: delivered
    through the visit, as the 记录走访 dialog does it."""
    recent = [v for v in visits if v.date >= today - timedelta(days=20)]
    for v in rng.sample(recent, len(recent) // 2):
        ids = session.scalars(select(Handout.id).where(
            Handout.member_id == v.member_id, Handout.status == HANDOUT_PENDING,
            Handout.issued_date <= v.date)).all()
        if ids:
            session.execute(update(Handout).where(Handout.id.in_(ids)).values(
                status=HANDOUT_DELIVERED, delivered_date=v.date, visit_id=v.id))
            v.purposes = "送学上门、" + v.purposes if "送学上门" not in v.purposes else v.purposes
            v.delivered_note = f"资料 {len(ids)} 份"


def _suggestions(session: Session, rng: random.Random, today: date, branch: Branch,
                 people) -> None:
    """建言献策 from active members over the year: those for a department forwarded, some
    of them already answered; the rest only collected."""
    active = [p for p in people if p.status == STATUS_ACTIVE]
    for category, text, dept in SUGGESTIONS:
        who = rng.choice(active)
        day = today - timedelta(days=rng.randrange(5, 300))
        status = "已办结" if dept and rng.random() < 0.4 else ("已转交" if dept else "已收集")
        session.add(Suggestion(branch_id=branch.id, member_id=who.id, date=day, category=category,
                               text=text, forwarded_to=dept, status=status,
                               result="已答复，列入明年计划" if status == "已办结" else ""))


def _visit(rng, p, day, vols, helper_of, festivals, today) -> Visit:
    purposes = ["送学上门"] if rng.random() < 0.6 else ["学习辅导"]
    if any(0 <= (f - day).days <= 20 for f in festivals):
        purposes.append("节日慰问")
    if rng.random() < 0.3:
        purposes.append("谈心谈话")
    if p.mobility == "住院":
        purposes.append("生病探望")
    roll = rng.random()
    volunteer_id = None
    if p.id in helper_of and roll < 0.3:
        kind, name = "结对党员", helper_of[p.id]
    elif roll < 0.55:
        v = rng.choice(vols)
        kind, name, volunteer_id = v.kind, v.name, v.id
    else:
        kind, name = rng.choice((("支部书记", "李秀兰"), ("支委", "王振华"), ("支委", "刘桂英"),
                                 ("社区", "东关社区网格员")))
    requests = rng.choice(REQUESTS)
    follow = FOLLOW.get(requests, "")
    # older follow-ups were nearly all settled; a few of the last weeks' are still open
    done = bool(follow) and ((today - day).days > 45 and rng.random() < 0.97 or rng.random() < 0.4)
    return Visit(member_id=p.id, date=day, visitor_name=name, visitor_kind=kind,
                 volunteer_id=volunteer_id, purposes="、".join(dict.fromkeys(purposes)),
                 health=rng.choice(HEALTH), mood=rng.choice(MOOD), requests=requests,
                 follow_up=follow, follow_up_done=done,
                 follow_up_done_date=day + timedelta(days=rng.randrange(2, 15)) if done else None)
