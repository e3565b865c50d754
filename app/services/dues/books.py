"""The dues books of a branch read once into plain values: members and the months they owe,
bases, reductions and payments. Every figure of the ledger, `dues show`, the 欠缴 list and the
quarterly sheet is computed from one of these, so they cannot disagree.

Read with a few set-based selects (raw rows, no ORM objects), the payments summed month by month
in one pass, and `walk` the one place where a member's months are worked out: a county's 20,000
members × 12 months take well under two seconds.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Branch, DuesBase, DuesPayment, DuesReduction, Member
from app.services.dues import rule
from app.services.dues.setup import reduction_text


class Person(NamedTuple):
    id: int
    name: str
    sort_order: int
    status: str
    status_date: date | None
    community: str
    span: rule.Span | None  # None: owes no dues


class Paid(NamedTuple):
    """Months first..last of one member (lists, the first month first)."""

    money: list[int]  # every entry spread over its months, reversals included (they cancel)
    covered: list[bool]  # an entry in force (neither reversed nor a reversal) covers it
    days: list[tuple[date, ...]]  # the days paid of those entries, earliest first


_OFF = (False, 0, None)  # a month not owed
_DATES: dict[str, date] = {}


def _day(text) -> date:
    """A stored day ("2026-03-05") as a date, each one parsed once."""
    day = _DATES.get(text)
    if day is None:
        day = _DATES[text] = text if isinstance(text, date) else date.fromisoformat(text)
    return day


class Books:
    """The branch's dues for months `first`..`last` (and back to the first month the branch
    keeps dues in the program, for counting months behind)."""

    def __init__(self, session: Session, branch_id: int, first: int, last: int,
                 member_ids: list[int] | None = None, upto: int | None = None):
        """`upto`: the last month that has come (months behind count back from it)."""
        branch = session.connection().execute(select(
            Branch.name, Branch.township, Branch.secretary, Branch.dues_rounding)
            .where(Branch.id == branch_id)).one()
        self.branch_id = branch_id
        self.branch, self.township, self.secretary = branch.name, branch.township, \
            branch.secretary
        self.rounding = branch.dues_rounding or "分"
        in_branch = select(Member.id).where(Member.branch_id == branch_id)
        if member_ids is not None:
            in_branch = in_branch.where(Member.id.in_(member_ids))
        self._ids = None if member_ids is None else [int(i) for i in member_ids]
        self._in_branch = in_branch
        self.people: list[Person] = []
        stmt = (select(Member.id, Member.name, Member.sort_order, Member.status,
                       Member.status_date, Member.community, Member.is_party_member,
                       Member.joined_date, Member.party_join_date)
                .where(Member.id.in_(in_branch)).order_by(Member.sort_order, Member.id))
        for r in session.connection().execute(stmt):
            span = rule.owing_span(r.is_party_member, r.status, r.status_date, r.joined_date,
                                   r.party_join_date)
            self.people.append(Person(r.id, r.name, r.sort_order, r.status, r.status_date,
                                      r.community, span))
        self.since = self._since(session, branch_id)
        low = first if self.since is None else min(first, self.since)
        y1, y2 = rule.year_month(low)[0], rule.year_month(last)[0]
        self.bases: dict[tuple[int, int], tuple[int | None, str | None]] = {}
        for r in session.connection().execute(select(
                DuesBase.member_id, DuesBase.year, DuesBase.base_fen, DuesBase.special)
                                 .where(DuesBase.member_id.in_(in_branch),
                                        DuesBase.year.between(y1, y2))):
            self.bases[(r.member_id, r.year)] = (r.base_fen, r.special)
        self.reductions: dict[int, list[rule.Reduction]] = defaultdict(list)
        for red in session.connection().execute(select(
                DuesReduction.member_id, DuesReduction.from_month, DuesReduction.to_month,
                DuesReduction.monthly_fen, DuesReduction.decided_on, DuesReduction.reason)
                .where(DuesReduction.member_id.in_(in_branch))
                .order_by(DuesReduction.from_month)):
            start = rule.stored_month(red.from_month)
            end = rule.stored_month(red.to_month) if red.to_month else None
            self.reductions[red.member_id].append(rule.Reduction(
                start, end, red.monthly_fen,
                reduction_text(start, end, red.monthly_fen, red.decided_on, red.reason)))
        self.first, self.last = first, last
        self.months: dict[int, Paid] = {}  # months first..last, of members who paid any
        self._aggregate(session, first, last)
        self.covered_before: dict[int, set[int]] = {}
        if low < first:  # months behind may reach back before `first`: only for members
            # with nothing paid from `first` to `upto` are the earlier payments read
            until = last if upto is None else min(upto, last)
            lacking = [p.id for p in self.people if p.span is not None
                       and not self._paid_between(p.id, first, until)]
            for at in range(0, len(lacking), 500):
                self._covered_earlier(session, low, first - 1, lacking[at:at + 500])
        self._monthly: dict[tuple[int, int], int | None] = {}

    def _paid_between(self, member_id: int, first: int, last: int) -> bool:
        """A payment in force covers one of the months first..last (within the books')."""
        paid = self.months.get(member_id)
        lo, hi = max(first, self.first) - self.first, min(last, self.last) - self.first
        return paid is not None and lo <= hi and any(paid.covered[lo:hi + 1])

    def _aggregate(self, session: Session, low: int, high: int) -> None:
        """Every month low..high of every member who paid any, in one pass over the entries
        touching them, member by member: the money (each entry spread over its months to the
        分 by `rule.spread`, a 冲正 negated so the two cancel), whether an entry in force covers
        the month, and the days paid of those entries (earliest first). Summing the months in
        SQL (the entries joined with the months, grouped) took SQLite five times as long as
        this; SQLite does what it is quick at — the month offsets and which entries are in
        force — and a one-month entry, the most common, takes the short way."""
        n, months, dates = high - low + 1, self.months, _DATES
        current = None
        for member_id, start, end, amount, paid_on, live in self._entries(session, low, high):
            if member_id != current:
                current = member_id
                money, covered, days = [0] * n, [False] * n, [()] * n
                months[member_id] = Paid(money, covered, days)
            day = (dates.get(paid_on) or _day(paid_on)) if live else None
            if start == end:
                if 0 <= start < n:
                    money[start] += amount
                    if live:
                        covered[start] = True
                        if day not in days[start]:
                            days[start] += (day,)
                continue
            for i, share in enumerate(rule.spread(amount, end - start + 1), start):
                if 0 <= i < n:
                    money[i] += share
                    if live:
                        covered[i] = True
                        if day not in days[i]:
                            days[i] += (day,)

    def _entries(self, session: Session, low: int, high: int) -> list[tuple]:
        """The entries touching months low..high, by member and day paid: (member, first and
        last month as offsets from `low`, amount, day paid as stored, in force)."""
        who = "p.member_id IN (SELECT id FROM member WHERE branch_id = ?"
        params: list = [low, low, self.branch_id]
        if self._ids is not None:
            who += " AND id IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(self._ids))
        offset = "CAST(substr({0}, 1, 4) AS INTEGER) * 12 + CAST(substr({0}, 6, 2) AS INTEGER) - 1"
        cursor = session.connection().connection.driver_connection.cursor()
        try:  # the driver's own tuples: a county's year is 200,000 entries
            return cursor.execute(
                f"SELECT p.member_id, {offset.format('p.first_month')} - ?,"
                f" {offset.format('p.last_month')} - ?, p.amount_fen, p.paid_on,"
                " p.reverses_id IS NULL AND NOT EXISTS"
                " (SELECT 1 FROM dues_payment r WHERE r.reverses_id = p.id)"
                f" FROM dues_payment p WHERE {who}) AND p.first_month <= ?"
                " AND p.last_month >= ? ORDER BY p.member_id, p.paid_on, p.id",
                (*params, rule.month_text(high), rule.month_text(low))).fetchall()
        finally:
            cursor.close()

    def _covered_earlier(self, session: Session, low: int, high: int,
                         members: list[int]) -> None:
        """The months low..high that payments in force cover (for counting months behind)."""
        reversed_ids = select(DuesPayment.reverses_id).where(
            DuesPayment.member_id.in_(members), DuesPayment.reverses_id.is_not(None))
        rows = session.connection().execute(
            select(DuesPayment.member_id, DuesPayment.first_month, DuesPayment.last_month)
            .where(DuesPayment.member_id.in_(members), DuesPayment.reverses_id.is_(None),
                   DuesPayment.first_month <= rule.month_text(high),
                   DuesPayment.last_month >= rule.month_text(low),
                   DuesPayment.id.not_in(reversed_ids)))
        for member_id, first, last in rows:
            self.covered_before.setdefault(member_id, set()).update(
                range(rule.stored_month(first), rule.stored_month(last) + 1))

    @staticmethod
    def _since(session: Session, branch_id: int) -> int | None:
        """January of the first year the branch keeps dues in the program (a base or a
        payment): months before it are on paper, and nobody is behind for them here."""
        in_branch = select(Member.id).where(Member.branch_id == branch_id).scalar_subquery()
        year, month = session.connection().execute(select(
            select(func.min(DuesBase.year)).where(DuesBase.member_id.in_(in_branch))
            .scalar_subquery(),
            select(func.min(DuesPayment.first_month))
            .where(DuesPayment.member_id.in_(in_branch)).scalar_subquery())).one()
        starts = [rule.month_number(year, 1)] if year else []
        if month:
            starts.append(rule.month_number(int(month[:4]), 1))
        return min(starts) if starts else None

    # one member ------------------------------------------------------------------------------
    def owes(self, person: Person, month: int) -> bool:
        """On the roster as a party member in `month`, from the first month the branch keeps
        dues in the program (before it the books are on paper)."""
        return (person.span is not None and self.since is not None and month >= self.since
                and month in person.span)

    def owing_months(self, person: Person, first: int, last: int) -> range:
        """The months of first..last the member owes (`owes` for a run of months)."""
        if person.span is None or self.since is None:
            return range(0)
        return person.span.months_in(max(first, self.since), last)

    def base(self, member_id: int, year: int) -> tuple[int | None, str | None]:
        return self.bases.get((member_id, year), (None, None))

    def monthly(self, member_id: int, year: int) -> int | None:
        """月应交 by the rule (before any reduction); None without a base."""
        key = (member_id, year)
        if key not in self._monthly:
            base_fen, special = self.base(member_id, year)
            self._monthly[key] = rule.monthly_fen(base_fen, special, self.rounding)
        return self._monthly[key]

    def paid(self, member_id: int) -> Paid:
        """Months first..last of the member: money, covered, days (the first month first)."""
        paid = self.months.get(member_id)
        if paid is None:
            n = self.last - self.first + 1
            paid = Paid([0] * n, [False] * n, [()] * n)
        return paid

    def covered(self, member_id: int) -> set[int]:
        """The months a payment in force covers: first..last, and before `first` for a member
        who paid nothing from it on."""
        out = set(self.covered_before.get(member_id, ()))
        paid = self.months.get(member_id)
        if paid is not None:
            out.update(self.first + i for i, c in enumerate(paid.covered) if c)
        return out

    def walk(self, person: Person, first: int, last: int
             ) -> list[tuple[bool, int | None, rule.Reduction | None]]:
        """The one month-walk: for each month first..last, whether the member owes it, what
        it costs (0 when not owed or waived; None: no base that year) and the reduction that
        applies. Without reductions every owed month of a year costs the year's amount."""
        owing = self.owing_months(person, first, last)
        reductions = self.reductions.get(person.id)
        out: list[tuple[bool, int | None, rule.Reduction | None]] = []
        month = first
        while month <= last:
            year_end = min(last, month // 12 * 12 + 11)
            normal = self.monthly(person.id, month // 12)
            for m in range(month, year_end + 1):
                if m not in owing:
                    out.append(_OFF)
                elif reductions:
                    red = rule.reduction_in(m, reductions)
                    out.append((True, rule.owed_in_month(normal, red), red))
                else:
                    out.append((True, normal, None))
            month = year_end + 1
        return out

    def behind(self, person: Person, upto: int) -> list[int]:
        """The owed months in a row up to `upto` the member has not paid, latest first
        (rule.months_behind counts them; waived months are skipped, not counted)."""
        if person.span is None or self.since is None:
            return []
        last = upto if person.span.last is None else min(upto, person.span.last)
        paid = self.months.get(person.id)
        if paid is not None and self.first <= last <= self.last \
                and paid.covered[last - self.first]:
            return []  # the last owed month is paid: most members, no walk back
        covered = self.covered(person.id)
        free = {m for r in self.reductions.get(person.id, ()) if r.waived
                for m in range(max(r.first, self.since),
                               min(upto, upto if r.last is None else r.last) + 1)}
        count = rule.months_behind(upto, person.span, covered, free, self.since)
        months, month = [], upto if person.span.last is None else min(upto, person.span.last)
        while len(months) < count:
            if month not in free:
                months.append(month)
            month -= 1
        return months
