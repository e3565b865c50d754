"""Demo party dues: last year's and this year's bases, a year and more of payments, a few
members behind (3–5 months, and 6 or more), two on 低保 / 抚恤, a waiver and a reduction, and one
payment recorded by mistake and reversed — so the 党费 page, the 欠缴 list and the prints show
something true.

Most members pay on the study day each month; some pay a quarter or half a year at once, a
few homebound members pay when visited (走访时收取). Nobody pays for a month after the day
the demo is made, except the rest of a quarter paid at its start.
"""

from __future__ import annotations

import random
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.demo import insert_rows
from app.models import Branch, DuesBase, DuesPayment, DuesReduction, Member
from app.services.dues import rule
from app.vocab import HOMEBOUND_MOBILITIES

COLLECTORS = ("李秀兰", "李秀兰", "王德顺")  # the secretary, and a 支委 now and then


def _base(rng: random.Random, retire: str | None) -> int:
    """A monthly 基本离退休费 in 分: 离休 cadres higher, a few on the 5,000 line itself."""
    if retire == "离休":
        yuan = rng.randrange(7200, 11800)
    else:
        yuan = int(rng.triangular(2600, 7800, 4300))
    if rng.random() < 0.05:
        return 500_000
    return yuan * 100 + (rng.choice((0, 0, 0, 50, 80)) if rng.random() < 0.4 else 0)


def fill(session: Session, branch: Branch, rng: random.Random, today: date, members: int = 80):
    """Last year's and this year's dues for the branch's members, in the order that draws
    from `rng` (so a seed gives the same rows): bases, reductions, who falls behind, payments,
    then one reversal."""
    owing = _owing(session, branch)
    if not owing:
        return
    special, monthly = _bases(session, branch, rng, owing, today)
    waived = _reductions(session, rng, owing, special, monthly, today)
    stops = _stops(rng, owing, waived, special, rule.month_of(today))
    _payments(session, branch, rng, owing, today, monthly=monthly, waived=waived, stops=stops)
    _one_reversal(session, today)


def _owing(session: Session, branch: Branch) -> list:
    """The members who owe dues at some time, each with the span of months they owe
    (rule.owing_span), in roster order."""
    people = session.execute(
        select(Member.id, Member.retire_type, Member.mobility, Member.status, Member.status_date,
               Member.joined_date, Member.party_join_date, Member.is_party_member)
        .where(Member.branch_id == branch.id).order_by(Member.sort_order, Member.id)).all()
    owing = []
    for p in people:
        span = rule.owing_span(p.is_party_member, p.status, p.status_date, p.joined_date,
                               p.party_join_date)
        if span is not None:
            owing.append((p, span))
    return owing


def _bases(session: Session, branch: Branch, rng: random.Random, owing: list,
           today: date) -> tuple[dict[int, str], dict]:
    """Both years' bases (a few members on 低保 / 抚恤, some pensions risen this year); returns
    who is special and the monthly amount by (member, year) that the payments will pay."""
    special = {p.id: word for (p, _s), word in zip(rng.sample(owing, min(2, len(owing) // 10)),
                                                    ("低保", "抚恤"))}
    bases, monthly = [], {}
    for p, _span in owing:
        base = _base(rng, p.retire_type)
        for year in (today.year - 1, today.year):
            if year == today.year and rng.random() < 0.3:  # this year's pension rose a little
                base += rng.randrange(50, 200) * 100
            bases.append({"member_id": p.id, "year": year, "base_fen": base,
                          "special": special.get(p.id), "note": "年初核定", "set_by": "李秀兰",
                          "set_at": datetime(year, 1, 8, 9, 0)})
            monthly[(p.id, year)] = rule.monthly_fen(base, special.get(p.id),
                                                     branch.dues_rounding or "分")
    insert_rows(session, DuesBase, bases)
    return special, monthly


def _reductions(session: Session, rng: random.Random, owing: list, special: dict[int, str],
                monthly: dict, today: date) -> dict[int, int]:
    """A waiver for one bedridden member, a reduction for another (this year, from March);
    the reduced amount goes into `monthly` by (member, month number). Returns member → first
    waived month."""
    bedridden = [(p, s) for p, s in owing if p.mobility in HOMEBOUND_MOBILITIES
                 and p.id not in special]
    waived: dict[int, int] = {}  # member → first waived month
    reductions = []
    for (p, _s), monthly_fen, reason in zip(rng.sample(bedridden, min(2, len(bedridden))),
                                            (None, 1000), ("长期卧床，家庭困难", "大病住院，医疗支出大")):
        start = rule.month_number(today.year, 3)
        reductions.append({"member_id": p.id, "from_month": rule.month_text(start),
                           "to_month": None if monthly_fen is None else
                           rule.month_text(rule.month_number(today.year, 12)),
                           "monthly_fen": monthly_fen, "decided_on": date(today.year, 2, 20),
                           "reason": reason, "set_by": "李秀兰",
                           "set_at": datetime(today.year, 2, 20, 16, 0)})
        if monthly_fen is None:
            waived[p.id] = start
        else:
            for m in range(start, rule.month_number(today.year, 12) + 1):
                monthly[(p.id, m)] = monthly_fen
    insert_rows(session, DuesReduction, reductions)
    return waived


def _stops(rng: random.Random, owing: list, waived: dict[int, int], special: dict[int, str],
           now: int) -> dict[int, int]:
    """Who falls behind: two members 3 and 4 months, two 6 and 8 (they pay month by month and
    stopped paying; the months from their stop to `now` are unpaid). Member → first unpaid
    month."""
    regular = [p for p, s in owing if p.id not in waived and p.id not in special
               and s.last is None]
    behind = rng.sample(regular, min(4, len(regular) // 5))
    return {p.id: now - gap + 1 for p, gap in zip(behind, (3, 4, 6, 8))}


def _payments(session: Session, branch: Branch, rng: random.Random, owing: list, today: date,
              *, monthly: dict, waived: dict[int, int], stops: dict[int, int]) -> None:
    """Each member's payments by habit (month by month, a quarter or half a year at once, or
    when visited if homebound), up to `today`, for the months not waived nor after a stop."""
    first = rule.month_number(today.year - 1, 1)
    day = min(max(branch.study_day or 5, 1), 28)
    payments = []
    for p, span in owing:
        habit = rng.choices(("month", "quarter", "half", "visit"), (60, 25, 8, 7))[0]
        if habit == "visit" and p.mobility not in HOMEBOUND_MOBILITIES or p.id in stops:
            habit = "month"
        months = [m for m in span.months_in(first, rule.month_number(today.year, 12))
                  if m < stops.get(p.id, 10**7) and not (p.id in waived and m >= waived[p.id])]
        size = {"month": 1, "quarter": 3, "half": 6, "visit": 2}[habit]
        for group in _groups(months, size):
            year, month = rule.year_month(group[0])
            paid_on = date(year, month, day if habit != "visit" else rng.randrange(10, 26))
            if paid_on > today:
                break
            amount = sum(monthly.get((p.id, m), monthly[(p.id, rule.year_month(m)[0])])
                         for m in group)
            payments.append(_payment(rng, p.id, group, amount, paid_on, habit))
    insert_rows(session, DuesPayment, payments)


def _groups(months: list[int], size: int) -> list[list[int]]:
    """The months paid together: runs of consecutive months up to `size`; a quarter starts
    in January, April, July or October, a half year in January or July."""
    groups: list[list[int]] = []
    for m in months:
        _year, month = rule.year_month(m)
        if groups and len(groups[-1]) < size and (m == groups[-1][-1] + 1) and (
                size != 3 or (month - 1) % 3) and (size != 6 or (month - 1) % 6):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _payment(rng: random.Random, member_id: int, group: list[int], amount: int,
             paid_on: date, habit: str) -> dict:
    """The row of one payment for the months of `group`: now and then a little more than
    owed; who handed it over and who collected it."""
    if rng.random() < 0.02:
        amount += 1000  # a member who gives a little more
    return {"member_id": member_id, "first_month": rule.month_text(group[0]),
            "last_month": rule.month_text(group[-1]), "amount_fen": amount,
            "paid_on": paid_on,
            "how": "走访时收取" if habit == "visit" else rng.choices(
                ("本人交", "亲属代交", "他人代交"), (80, 15, 5))[0],
            "collector": rng.choice(COLLECTORS), "note": "",
            "over_six_confirmed": False, "recorded_by": "李秀兰",
            "recorded_at": datetime(paid_on.year, paid_on.month, paid_on.day, 10, 0)}


def _one_reversal(session: Session, today: date) -> None:
    """One payment of the year was first typed ten times too large: that entry is reversed
    (冲正) and the right one stands — the history keeps all three."""
    right = session.scalars(select(DuesPayment).where(
        DuesPayment.first_month >= f"{today.year:04d}-01")
        .order_by(DuesPayment.paid_on, DuesPayment.id).limit(1)).first()
    if right is None:
        return
    wrong = DuesPayment(
        member_id=right.member_id, first_month=right.first_month, last_month=right.last_month,
        amount_fen=right.amount_fen * 10, paid_on=right.paid_on, how=right.how,
        collector=right.collector, recorded_by="李秀兰")
    session.add(wrong)
    session.flush()
    session.add(DuesPayment(
        member_id=wrong.member_id, first_month=wrong.first_month, last_month=wrong.last_month,
        amount_fen=-wrong.amount_fen, paid_on=wrong.paid_on, how=wrong.how,
        collector=wrong.collector, note=f"冲正收款记录 {wrong.id}：金额多打了一个0",
        reverses_id=wrong.id, recorded_by="李秀兰"))
    session.flush()
