"""Demo self-study materials: a year of what a branch hands out, and who got what.

The 读本 once a year; 银潮, 新保健 and the local daily every month to their subscribers; the
quarterly 党课 material and DVD to everyone; the July quiz with papers returned and scored.
Homebound members' copies went 送学上门: most were delivered within a few weeks, the last
month's still wait (待送达), so the pending list and the home page have something true to show.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.demo import insert_rows
from app.models import Branch, Handout, Material, Member, Subscription
from app.vocab import HANDOUT_DELIVERED, HANDOUT_PENDING, HOMEBOUND_MOBILITIES, STATUS_ACTIVE

DAILY = "郑州日报"
HANDLERS = ("李秀兰", "王振华", "刘桂英")


def _months(today: date) -> list[tuple[int, int]]:
    """The twelve months up to and including this one, oldest first."""
    y, m = today.year, today.month
    out = []
    for _ in range(12):
        out.append((y, m))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return out[::-1]


def _on_roster(member, day: date) -> bool:
    joined_ok = member.joined_date is None or member.joined_date <= day
    left = member.status not in (STATUS_ACTIVE, "暂离") and member.status_date is not None
    return joined_ok and not (left and member.status_date < day)


def fill(session: Session, branch: Branch, rng: random.Random, today: date, members: int = 80):
    people = session.execute(
        select(Member.id, Member.mobility, Member.needs_care, Member.status, Member.status_date,
               Member.joined_date).where(Member.branch_id == branch.id).order_by(Member.id)
    ).all()
    if not people:
        return
    months = _months(today)
    subs = _subscriptions(session, people, rng, sorted({y for y, _m in months}))
    plan = _plan(branch, rng, today, months, subs, [p.id for p in people])
    material_ids = []
    for mat, _issue, _ids in plan:
        obj = Material(**mat)
        session.add(obj)
        session.flush()
        material_ids.append(obj.id)
    rows = _handouts(rng, today, people, plan, material_ids)
    if rows:
        insert_rows(session, Handout, rows)
    session.flush()


def _subscriptions(session: Session, people, rng: random.Random,
                   years: list[int]) -> dict[str, set[int]]:
    """Who takes which periodical: roughly half take 银潮, a third 新保健, a quarter the daily;
    the same people every year (so the monthly copies have a steady list to go to)."""
    subs: dict[str, set[int]] = {
        "银潮": {p.id for p in people if rng.random() < 0.5},
        "新保健": {p.id for p in people if rng.random() < 0.35},
        DAILY: {p.id for p in people if rng.random() < 0.25},
    }
    session.execute(insert(Subscription), [
        {"member_id": mid, "periodical": name, "year": year, "copies": 1}
        for year in years for name, ids in subs.items() for mid in sorted(ids)
    ])
    return subs


def _material(branch: Branch, title, kind, period, received, quantity, full=100, notes=""):
    return {"branch_id": branch.id, "title": title, "kind": kind, "period": period,
            "received_date": received, "quantity": quantity, "full_marks": full, "notes": notes}


def _plan(branch: Branch, rng: random.Random, today: date, months, subs,
          everyone: list[int]) -> list[tuple[dict, date, list[int]]]:
    """(material, issue day, recipients) for each month on the branch's study day: the three
    periodicals to their subscribers; to everyone the 党课 material and DVD each quarter (and
    in the first month shown), the 读本 in February, the quiz in July."""
    day_of_month = min(max(branch.study_day or 5, 1), 28)
    plan: list[tuple[dict, date, list[int]]] = []
    for y, m in months:
        issue = min(date(y, m, day_of_month), today)
        received = issue - timedelta(days=rng.randrange(2, 6))
        for name, kind, period in (("银潮", "期刊", f"{y}年第{m}期"),
                                   ("新保健", "期刊", f"{y}年第{m}期"),
                                   (DAILY, "报纸", f"{y}年{m}月合订")):
            ids = sorted(subs[name])
            plan.append((_material(branch, name, kind, period, received, len(ids) + 2), issue, ids))
        if m in (1, 4, 7, 10) or (y, m) == months[0]:
            q = (m - 1) // 3 + 1
            for title, kind in (("党课学习材料", "党课材料"), ("党课辅导光盘", "光盘")):
                plan.append((_material(branch, title, kind, f"{y}年第{q}季度", received,
                                       len(everyone) + 5), issue, everyone))
        if m == 2 or (y, m) == months[0] and m > 2:
            plan.append((_material(branch, "老干部政治理论学习读本", "读本", f"{y}年", received,
                                   len(everyone) + 10), issue, everyone))
        if m == 7:
            plan.append((_material(branch, "“学党史、强信念”知识竞答试题", "试题", f"{y}年",
                                   received, len(everyone) + 10, notes="7月发放，8月底前交回"),
                         issue, everyone))
    return plan


def _handouts(rng: random.Random, today: date, people, plan, material_ids) -> list[dict]:
    """One copy per recipient on the roster that day: the homebound's 送学上门 (delivered a few
    weeks later, the last month's still 待送达), the others' collected on the day; three in
    four quiz papers come back scored."""
    homebound = {p.id for p in people if p.mobility in HOMEBOUND_MOBILITIES or p.needs_care}
    by_id = {p.id: p for p in people}
    rows = []
    last_month = today - timedelta(days=30)
    for (mat, issue, ids), material_id in zip(plan, material_ids):
        quiz = mat["kind"] == "试题"
        for mid in ids:
            if not _on_roster(by_id[mid], issue):
                continue
            row = {"material_id": material_id, "member_id": mid, "issued_date": issue,
                   "handled_by": rng.choice(HANDLERS), "returned_date": None, "score": None}
            if mid in homebound:
                delivered = issue + timedelta(days=rng.randrange(3, 26))
                if issue >= last_month or delivered > today:
                    row.update(method="送学上门", status=HANDOUT_PENDING, delivered_date=None)
                else:
                    row.update(method="送学上门", status=HANDOUT_DELIVERED,
                               delivered_date=delivered)
            else:
                method = "托人转交" if rng.random() < 0.06 else "集中领取"
                row.update(method=method, status=HANDOUT_DELIVERED, delivered_date=issue)
            if quiz and row["status"] == HANDOUT_DELIVERED and rng.random() < 0.75:
                back = (row["delivered_date"] or issue) + timedelta(days=rng.randrange(7, 40))
                if back <= today:
                    row["returned_date"] = back
                    row["score"] = float(min(100, max(55, round(rng.gauss(80, 9)))))
            rows.append(row)
    return rows
