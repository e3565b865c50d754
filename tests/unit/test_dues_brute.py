"""The dues books against a brute-force reading of the same records: a random branch of about
50 members (joining and leaving in the middle of a year, 暂离, non-members, bases missing, 低保,
reductions and waivers, payments of one to six months, some of them reversed) is worked out
month by month straight from the rows, the way spec/dues.md says it, and every figure of
`dues_year`, `members_behind`, `quarter_dues` and `owed_between` must agree to the 分.

The books compute the year with one month-walk over data aggregated in SQL; this test is what
keeps that fast path honest."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date

import pytest
from sqlalchemy import select

from app.models import Branch, DuesBase, DuesPayment, DuesReduction, Member
from app.services import dues
from app.services.dues import rule
from app.services.dues.setup import reduction_text
from tests.unit.dues_data import member

TODAY = date(2026, 12, 1)
Y1, Y2 = 2025, 2026


def _month(rng: random.Random, lo: int, hi: int) -> int:
    return rng.randint(lo, hi)


def _day(month: int, rng: random.Random) -> date:
    year, m = rule.year_month(month)
    return date(year, m, rng.randint(1, 28))


def _people(s, branch_id, rng: random.Random) -> list[int]:
    ids = []
    for i in range(50):
        kw: dict = {"sort_order": rng.randint(0, 20)}
        roll = rng.random()
        if roll < 0.08:
            kw["is_party_member"] = False
        elif roll < 0.3:  # joined the branch during the two years
            kw["joined_date"] = _day(_month(rng, rule.month_number(Y1, 1),
                                            rule.month_number(Y2, 10)), rng)
        if rng.random() < 0.2:
            kw["status"] = rng.choice(("去世", "转出"))
            kw["status_date"] = _day(_month(rng, rule.month_number(Y1, 3),
                                            rule.month_number(Y2, 11)), rng)
            if kw.get("joined_date") and kw["status_date"] < kw["joined_date"]:
                kw["status_date"] = kw["joined_date"]
        elif rng.random() < 0.1:
            kw["status"], kw["status_date"] = "暂离", date(Y2, 2, 1)
        ids.append(member(s, branch_id, f"党员{i:02d}", **kw))
    return ids


def _span(m: Member):
    return rule.owing_span(m.is_party_member, m.status, m.status_date, m.joined_date,
                           m.party_join_date)


def _fill(s, branch_id, rng: random.Random) -> None:
    """Bases, reductions and payments written straight as rows (the checks of the use cases
    are tested elsewhere; here any history the books may meet)."""
    for mid in _people(s, branch_id, rng):
        m = s.get_one(Member, mid)
        span = _span(m)
        if span is None:
            continue
        for year in (Y1, Y2):
            if rng.random() < 0.12:
                continue  # no base that year
            special = "低保" if rng.random() < 0.08 else None
            base = None if special and rng.random() < 0.5 else rng.choice(
                (100, 499_999, 500_000, 500_001, rng.randint(150_000, 900_000)))
            s.add(DuesBase(member_id=mid, year=year, base_fen=base, special=special, note="",
                           set_by="测试", set_at=TODAY))
        if rng.random() < 0.25:
            first = _month(rng, rule.month_number(Y1, 1), rule.month_number(Y2, 9))
            last = None if rng.random() < 0.4 else first + rng.randint(0, 8)
            amount = None if rng.random() < 0.5 else rng.randint(1, 3000)
            s.add(DuesReduction(member_id=mid, from_month=rule.month_text(first),
                                to_month=None if last is None else rule.month_text(last),
                                monthly_fen=amount, decided_on=date(Y1, 1, 2),
                                reason="家庭困难", set_by="测试", set_at=TODAY))
        lo = max(rule.month_number(Y1, 1), span.first or 0)
        hi = min(rule.month_number(Y2, 12), span.last if span.last is not None else 10**7)
        month = lo
        while month <= hi:
            length = rng.choice((1, 1, 1, 3, 6))
            last = min(hi, month + length - 1)
            if rng.random() < 0.8:
                row = DuesPayment(member_id=mid, first_month=rule.month_text(month),
                                  last_month=rule.month_text(last),
                                  amount_fen=rng.randint(1, 9000) * (last - month + 1),
                                  paid_on=_day(min(month, rule.month_of(TODAY)), rng),
                                  how="本人交", collector="", note="")
                s.add(row)
                s.flush()
                if rng.random() < 0.1:
                    s.add(DuesPayment(member_id=mid, first_month=row.first_month,
                                      last_month=row.last_month, amount_fen=-row.amount_fen,
                                      paid_on=row.paid_on, how="本人交", collector="",
                                      note="冲正", reverses_id=row.id))
            month = last + 1 + (rng.random() < 0.15) * rng.randint(1, 4)
    s.flush()


class Brute:
    """Everything read row by row, every month worked out on its own."""

    def __init__(self, s, branch_id: int):
        self.branch = s.get_one(Branch, branch_id)
        self.members = s.scalars(select(Member).where(Member.branch_id == branch_id)
                                 .order_by(Member.sort_order, Member.id)).all()
        ids = [m.id for m in self.members]
        self.bases = {(b.member_id, b.year): (b.base_fen, b.special) for b in s.scalars(
            select(DuesBase).where(DuesBase.member_id.in_(ids)))}
        self.reductions = defaultdict(list)
        for r in s.scalars(select(DuesReduction).where(DuesReduction.member_id.in_(ids))
                           .order_by(DuesReduction.from_month)):
            self.reductions[r.member_id].append(r)
        self.payments = defaultdict(list)
        for p in s.scalars(select(DuesPayment).where(DuesPayment.member_id.in_(ids))
                           .order_by(DuesPayment.paid_on, DuesPayment.id)):
            self.payments[p.member_id].append(p)
        starts = [rule.month_number(y, 1) for (_m, y) in self.bases]
        starts += [rule.month_number(int(p.first_month[:4]), 1)
                   for ps in self.payments.values() for p in ps]
        self.since = min(starts) if starts else None

    def owes(self, m: Member, month: int) -> bool:
        span = _span(m)
        return span is not None and self.since is not None and month >= self.since \
            and month in span

    def reduction(self, m: Member, month: int):
        for r in self.reductions[m.id]:
            first = rule.stored_month(r.from_month)
            last = rule.stored_month(r.to_month) if r.to_month else None
            if month >= first and (last is None or month <= last):
                return r
        return None

    def normal(self, m: Member, year: int):
        base, special = self.bases.get((m.id, year), (None, None))
        return rule.monthly_fen(base, special, self.branch.dues_rounding or "分")

    def owed(self, m: Member, month: int):
        if not self.owes(m, month):
            return 0
        normal, r = self.normal(m, month // 12), self.reduction(m, month)
        if r is None:
            return normal
        if r.monthly_fen is None:
            return 0
        return r.monthly_fen if normal is None else min(normal, r.monthly_fen)

    def paid(self, m: Member, month: int):
        reversed_ids = {p.reverses_id for p in self.payments[m.id] if p.reverses_id}
        money, days, covered = 0, [], False
        for p in self.payments[m.id]:
            first, last = rule.stored_month(p.first_month), rule.stored_month(p.last_month)
            if not first <= month <= last:
                continue
            money += rule.spread(p.amount_fen, last - first + 1)[month - first]
            if p.reverses_id is None and p.id not in reversed_ids:
                covered = True
                if p.paid_on not in days:
                    days.append(p.paid_on)
        return money, tuple(days), covered

    def behind(self, m: Member, upto: int) -> list[int]:
        out, month = [], upto
        while self.since is not None and month >= self.since:
            span = _span(m)
            if span is None or (span.first is not None and month < span.first):
                break
            if span.last is not None and month > span.last:
                month -= 1
                continue
            if self.paid(m, month)[2]:
                break
            r = self.reduction(m, month)
            if r is None or r.monthly_fen is not None:
                out.append(month)
            month -= 1
        return out

    def year(self, year: int, as_of: date) -> list[tuple]:
        upto = min(rule.month_of(as_of), rule.month_number(year, 12))
        rows = []
        for m in self.members:
            cells = []
            for month in range(rule.month_number(year, 1), rule.month_number(year, 12) + 1):
                owes = self.owes(m, month)
                money, days, covered = self.paid(m, month)
                r = self.reduction(m, month) if owes else None
                cells.append((owes, month <= upto, self.owed(m, month), money, days, covered,
                              r is not None, r is not None and r.monthly_fen is None))
            due = [c for c in cells if c[0] and c[1]]
            if not due and not any(c[3] or c[4] for c in cells):
                continue
            owed = None if any(c[2] is None for c in due) else sum(c[2] for c in due)
            base, special = self.bases.get((m.id, year), (None, None))
            texts = [reduction_text(rule.stored_month(r.from_month),
                                    rule.stored_month(r.to_month) if r.to_month else None,
                                    r.monthly_fen, r.decided_on, r.reason)
                     for r in self.reductions[m.id]
                     if rule.stored_month(r.from_month) <= rule.month_number(year, 12)
                     and (r.to_month is None or rule.stored_month(r.to_month)
                          >= rule.month_number(year, 1))]
            rows.append((m.id, base, special, rule.rate_text(base, special),
                         self.normal(m, year), cells, "；".join(texts) or None, len(due), owed,
                         sum(c[3] for c in cells), len(self.behind(m, upto)) if due else 0))
        return rows


def _fast_row(r) -> tuple:
    return (r.member_id, r.base_fen, r.special, r.rate, r.monthly_fen,
            [tuple(c) for c in r.months], r.reduction, r.months_owed, r.owed_fen, r.paid_fen,
            r.months_behind)


def _fast(table) -> list[tuple]:
    return [_fast_row(r) for r in table.rows]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_books_agree_with_a_month_by_month_reading(db, branch_id, seed):
    rng = random.Random(seed)
    with db.session() as s:
        _fill(s, branch_id, rng)
    checked = behind_seen = 0
    with db.session() as s:
        brute = Brute(s, branch_id)
        for year, as_of in ((Y1, TODAY), (Y2, TODAY), (Y2, date(Y2, 6, 15)),
                            (Y1, date(Y1, 2, 3))):
            table = dues.dues_year(s, branch_id, year, as_of)
            expected = brute.year(year, as_of)
            assert _fast(table) == expected, (year, as_of)
            checked += sum(len(r[5]) for r in expected)
            for row in table.rows[::7]:  # one member read alone (the member window) agrees
                alone = dues.member_year(s, row.member_id, year, as_of)
                assert _fast_row(alone) == _fast_row(row)
            for quarter in (1, 2, 3, 4):
                q = dues.quarter_dues(s, branch_id, year, quarter, as_of)
                months = range(3 * quarter - 3, 3 * quarter)
                want = {}
                for r in expected:
                    cells = [r[5][i] for i in months]
                    due = [c for c in cells if c[0] and c[1]]
                    paid = sum(c[3] for c in cells)
                    if due or paid:
                        want[r[0]] = (None if any(c[2] is None for c in due)
                                      else sum(c[2] for c in due), paid)
                assert {r.member_id: (r.owed_fen, r.paid_fen) for r in q.rows} == want
        for as_of in (TODAY, date(Y2, 3, 31), date(Y1, 9, 1)):
            upto = rule.month_of(as_of)
            want = {}
            for m in brute.members:
                months = brute.behind(m, upto)
                if len(months) >= 3:
                    owed = [brute.owed(m, x) for x in months]
                    want[m.id] = (len(months), min(months), max(months),
                                  None if None in owed else sum(owed))
            got = {b.member_id: (b.months, b.first, b.last, b.amount_fen)
                   for b in dues.members_behind(s, branch_id, as_of)}
            assert got == want, as_of
            behind_seen += len(want)
        for m in brute.members[:20]:
            first = rule.month_number(Y1, 11)
            if _span(m) is None:
                continue
            owed = [brute.owed(m, x) for x in range(first, first + 4)]
            assert dues.owed_between(s, m.id, first, first + 3) == (
                None if None in owed else sum(owed))
    assert checked > 600 and behind_seen  # the branch really was walked month by month
