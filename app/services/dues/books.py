"""The dues books of a branch read once into plain values: members and the months they owe,
bases, reductions and payments. Every figure of the ledger, `dues show`, the 欠缴 list and the
quarterly sheet is computed from one of these, so they cannot disagree.

Read with a few set-based selects (Core rows, no ORM objects): a county's 20,000 members and
their year of payments load in well under a second.
"""

from __future__ import annotations

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


class Entry(NamedTuple):
    first: int
    last: int
    amount_fen: int
    paid_on: date
    in_force: bool  # neither reversed nor a reversal


class Books:
    """The branch's dues for months `first`..`last` (and back to the first month the branch
    keeps dues in the program, for counting months behind)."""

    def __init__(self, session: Session, branch_id: int, first: int, last: int,
                 member_ids: list[int] | None = None, upto: int | None = None):
        """`upto`: the last month that has come (months behind count back from it)."""
        branch = session.get_one(Branch, branch_id)
        self.branch_id = branch_id
        self.branch, self.township, self.secretary = branch.name, branch.township, \
            branch.secretary
        self.rounding = branch.dues_rounding or "分"
        in_branch = select(Member.id).where(Member.branch_id == branch_id)
        if member_ids is not None:
            in_branch = in_branch.where(Member.id.in_(member_ids))
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
        for r in session.execute(select(DuesReduction).where(
                DuesReduction.member_id.in_(in_branch)).order_by(DuesReduction.from_month)):
            red = r.DuesReduction
            start = rule.stored_month(red.from_month)
            end = rule.stored_month(red.to_month) if red.to_month else None
            self.reductions[red.member_id].append(rule.Reduction(
                start, end, red.monthly_fen,
                reduction_text(start, end, red.monthly_fen, red.decided_on, red.reason)))
        self.entries: dict[int, list[Entry]] = defaultdict(list)
        self._load(session, first, last, None)
        if low < first:  # months behind may reach back before `first`: only for members
            # with nothing paid from `first` to `upto` are the earlier payments read
            until = last if upto is None else min(upto, last)
            paid = {mid for mid, entries in self.entries.items()
                    if any(e.in_force and e.first <= until and e.last >= first
                           for e in entries)}
            lacking = [p.id for p in self.people if p.span is not None and p.id not in paid]
            for at in range(0, len(lacking), 500):
                self._load(session, low, first - 1, lacking[at:at + 500])
        self._monthly: dict[tuple[int, int], int | None] = {}

    def _load(self, session: Session, low: int, high: int, members: list[int] | None) -> None:
        """The payments and 冲正 entries touching months low..high (a reversal has the months
        of the payment it reverses, so the two are read together)."""
        who = DuesPayment.member_id.in_(self._in_branch if members is None else members)
        rows = session.connection().execute(  # Core rows: a county's year is 150,000
            select(DuesPayment.id, DuesPayment.member_id, DuesPayment.first_month,
                   DuesPayment.last_month, DuesPayment.amount_fen, DuesPayment.paid_on,
                   DuesPayment.reverses_id)
            .where(who, DuesPayment.first_month <= rule.month_text(high),
                   DuesPayment.last_month >= rule.month_text(low))
            .order_by(DuesPayment.paid_on, DuesPayment.id)).all()
        reversed_ids = {r[6] for r in rows if r[6] is not None}
        month, entries = rule.stored_month, self.entries
        for pid, member_id, first, last, amount, paid_on, reverses in rows:
            entries[member_id].append(Entry(month(first), month(last), amount, paid_on,
                                            reverses is None and pid not in reversed_ids))

    @staticmethod
    def _since(session: Session, branch_id: int) -> int | None:
        """January of the first year the branch keeps dues in the program (a base or a
        payment): months before it are on paper, and nobody is behind for them here."""
        in_branch = select(Member.id).where(Member.branch_id == branch_id)
        year = session.scalar(select(func.min(DuesBase.year)).where(
            DuesBase.member_id.in_(in_branch)))
        month = session.scalar(select(func.min(DuesPayment.first_month)).where(
            DuesPayment.member_id.in_(in_branch)))
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

    def owed(self, member_id: int, month: int) -> int | None:
        """What `month` costs the member (0 when waived; None: no base that year)."""
        normal = self.monthly(member_id, month // 12)
        reductions = self.reductions.get(member_id)
        if not reductions:
            return normal
        return rule.owed_in_month(normal, rule.reduction_in(month, reductions))

    def paid(self, member_id: int) -> tuple[dict[int, int], dict[int, list[date]], set[int]]:
        """Money per month (every entry spread over its months, reversals included, so they
        cancel), the days paid per month and the months covered, of payments in force."""
        money: dict[int, int] = defaultdict(int)
        days: dict[int, list[date]] = defaultdict(list)
        covered: set[int] = set()
        for e in self.entries.get(member_id, ()):
            for month, amount in zip(range(e.first, e.last + 1),
                                     rule.spread(e.amount_fen, e.last - e.first + 1)):
                money[month] += amount
                if e.in_force:
                    covered.add(month)
                    if e.paid_on not in days[month]:
                        days[month].append(e.paid_on)
        return money, days, covered

    def behind(self, person: Person, upto: int, covered: set[int]) -> list[int]:
        """The owed months in a row up to `upto` the member has not paid, latest first
        (rule.months_behind counts them; waived months are skipped, not counted)."""
        if person.span is None or self.since is None:
            return []
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
