"""The dues of a year, a quarter, and who is behind — plain rows for the window, the command
line, the printed ledger and the quarterly workbook (all read app.services.dues.books).

Definitions (spec/dues.md):
- a member owes a month when on the roster as a party member (rule.owing_span), from the
  first year the branch keeps dues in the program (its first base or payment): the years
  before are on paper, and nobody is owing or behind for them here;
- a month is *due* once it has come: up to the as-of month (default: today's);
- 应交 (owed) = what the member's due months cost: the rule's monthly amount, or the branch's
  reduced amount, 0 when waived; None while the year has no base for the member;
- 实交 (paid) = the money of payments for the period's months (a payment for several months
  spread over them to the 分, 冲正 entries cancelling what they reverse), paid ahead included;
- 欠交 (outstanding) = 应交 − 实交: negative when a member paid more or ahead, shown as it is;
- months behind = owed months in a row, back from the as-of month, that no payment covers
  (waived months count as neither): 3 or more is 欠缴, 6 or more is flagged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import NamedTuple

from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import Member
from app.money import yuan
from app.services.dues import rule
from app.services.dues.books import Books, Person
from app.vocab import DUES_BEHIND_MONTHS, DUES_FLAG_MONTHS


class MonthCell(NamedTuple):
    owes: bool  # on the roster as a party member that month
    due: bool  # the month has come (≤ the as-of month)
    owed_fen: int | None  # what the month costs; 0 when not owing or waived; None: no base
    paid_fen: int  # money for this month (a payment for several months spread over them)
    paid_on: tuple[date, ...]  # the days paid, of payments in force
    covered: bool  # a payment in force covers it
    reduced: bool  # a reduction or waiver applies
    waived: bool  # 免交


_cell = partial(tuple.__new__, MonthCell)  # a county's year is 240,000 cells


@dataclass
class MemberYear:
    member_id: int
    name: str
    status: str
    status_date: date | None
    community: str
    base_fen: int | None
    special: str | None
    rate: str  # 0.5% / 1% / 低保 …
    monthly_fen: int | None  # by the rule, before any reduction
    months: list[MonthCell]  # January … December
    reduction: str | None  # 减免依据, "；" between several
    months_owed: int  # due months on the roster as a party member
    owed_fen: int | None  # of the due months; None when the year has no base for the member
    paid_fen: int  # for the year's months (ahead included)
    months_behind: int

    @property
    def outstanding_fen(self) -> int | None:
        return None if self.owed_fen is None else self.owed_fen - self.paid_fen

    @property
    def year_owed_fen(self) -> int | None:
        """What every month of the year on the roster costs (the ledger's 全年应交 once the
        year is over)."""
        cells = [c for c in self.months if c.owes]
        if any(c.owed_fen is None for c in cells):
            return None
        return sum(c.owed_fen for c in cells)


@dataclass
class DuesYear:
    branch_id: int
    branch: str
    township: str
    secretary: str
    year: int
    as_of: date
    upto: int  # the last due month (month number), may be before January
    rounding: str
    rows: list[MemberYear] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        """The year is not over at the as-of day: the figures run to it."""
        return self.as_of < date(self.year, 12, 31)

    @property
    def owed_fen(self) -> int:
        return sum(r.owed_fen or 0 for r in self.rows)

    @property
    def paid_fen(self) -> int:
        return sum(r.paid_fen for r in self.rows)

    @property
    def without_base(self) -> list[str]:
        return [r.name for r in self.rows if r.owed_fen is None]


def _year_of(person: Person, books: Books, year: int, upto: int) -> MemberYear | None:
    """The member's twelve months, from the books' one month-walk and the months' money
    (`books.first` is January here)."""
    jan, dec = rule.month_number(year, 1), rule.month_number(year, 12)
    paid = books.paid(person.id)
    walk = books.walk(person, jan, dec)
    due = [jan + i <= upto for i in range(12)]
    cells = [_cell((owes, d, owed, money, days, covered, red is not None,
                    red is not None and red.waived))
             for (owes, owed, red), d, money, days, covered
             in zip(walk, due, paid.money, paid.days, paid.covered)]
    owed_due = [owed for (owes, owed, _r), d in zip(walk, due) if owes and d]
    due_count = len(owed_due)
    unknown = None in owed_due
    if not due_count and not any(paid.money) and not any(paid.days):
        return None
    base_fen, special = books.base(person.id, year)
    texts = [r.text for r in books.reductions.get(person.id, ())
             if r.first <= dec and (r.last is None or r.last >= jan)]
    behind = len(books.behind(person, min(upto, dec))) if due_count else 0
    return MemberYear(person.id, person.name, person.status, person.status_date,
                      person.community, base_fen, special, rule.rate_text(base_fen, special),
                      books.monthly(person.id, year), cells, "；".join(texts) or None,
                      due_count, None if unknown else sum(owed_due), sum(paid.money),
                      behind)


def first_unpaid_month(row: MemberYear, year: int) -> int:
    """Where a new payment of the member starts (a month number): the first month of `year`
    they owe that no payment covers (months waived skipped), or the month after the last one
    covered when every owed month is paid."""
    for i, c in enumerate(row.months):
        if c.owes and not c.covered and not c.waived:
            return rule.month_number(year, i + 1)
    covered = [i for i, c in enumerate(row.months) if c.covered]
    return rule.month_number(year, covered[-1] + 2) if covered else rule.month_number(year, 1)


def keeps_dues(session: Session, branch_id: int) -> bool:
    """The branch keeps its dues in the program (a base or a payment of any year)."""
    return Books._since(session, branch_id) is not None


def _as_of(as_of: date | None) -> date:
    return as_of or date.today()


def dues_year(session: Session, branch_id: int, year: int, as_of: date | None = None,
              member_ids: list[int] | None = None) -> DuesYear:
    """The year at a glance: every member who owed dues in the year up to `as_of` (or paid
    any), January to December, in the roster's order."""
    as_of = _as_of(as_of)
    if not 1990 <= year <= 2200:
        raise InputError(f"年度 {year} 不对")
    upto = min(rule.month_of(as_of), rule.month_number(year, 12))
    books = Books(session, branch_id, rule.month_number(year, 1), rule.month_number(year, 12),
                  member_ids, upto)
    out = DuesYear(branch_id, books.branch, books.township, books.secretary, year, as_of, upto,
                   books.rounding)
    for person in books.people:
        row = _year_of(person, books, year, upto)
        if row is not None:
            out.rows.append(row)
    return out


def member_year(session: Session, member_id: int, year: int, as_of: date | None = None
                ) -> MemberYear | None:
    """One member's dues for the year (the member window's 党费 part); None when they owed
    none and paid none."""
    branch_id = session.get_one(Member, member_id).branch_id
    rows = dues_year(session, branch_id, year, as_of, [member_id]).rows
    return rows[0] if rows else None


def _money(fen: int | None) -> str | None:
    return None if fen is None else yuan(fen)


def dues_show(session: Session, branch_id: int, year: int, as_of: date | None = None) -> dict:
    """`zhibu dues show --json` exactly as spec/dues.md writes it."""
    table = dues_year(session, branch_id, year, as_of)
    return {"year": year, "as_of": f"{table.as_of:%Y-%m-%d}", "members": [
        {"member_id": r.member_id, "name": r.name, "base": _money(r.base_fen),
         "rate": r.rate or None, "monthly": _money(r.monthly_fen),
         "months_owed": r.months_owed, "owed": _money(r.owed_fen), "paid": yuan(r.paid_fen),
         "outstanding": _money(r.outstanding_fen), "months_behind": r.months_behind,
         "reduction": r.reduction}
        for r in table.rows]}


# who is behind --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Behind:
    member_id: int
    name: str
    community: str
    status: str
    months: int  # owed months in a row not paid, up to the as-of month
    first: int  # the first of those months (month number)
    last: int
    amount_fen: int | None  # what those months cost; None when a year of them has no base
    flagged: bool  # 6 months or more: the branch must act

    def to_json(self) -> dict:
        return {"member_id": self.member_id, "name": self.name,
                "months_behind": self.months, "from": rule.month_text(self.first),
                "to": rule.month_text(self.last), "amount": _money(self.amount_fen),
                "flagged": self.flagged}


def members_behind(session: Session, branch_id: int, as_of: date | None = None,
                   at_least: int = DUES_BEHIND_MONTHS) -> list[Behind]:
    """Members who have paid nothing for `at_least` owed months in a row up to the as-of month
    (欠缴), the longest first; `flagged` from 6 months (连续6个月未交纳党费)."""
    as_of = _as_of(as_of)
    upto = rule.month_of(as_of)
    books = Books(session, branch_id, upto, upto)
    out = []
    for person in books.people:
        if person.span is None:
            continue
        months = books.behind(person, upto)
        count = len(months)
        if count < at_least:
            continue
        lo = min(months)
        walk = books.walk(person, lo, max(months))
        owed = [walk[m - lo][1] for m in months]
        amount = None if any(o is None for o in owed) else sum(owed)
        out.append(Behind(person.id, person.name, person.community, person.status, count,
                          min(months), max(months), amount, count >= DUES_FLAG_MONTHS))
    out.sort(key=lambda b: -b.months)
    return out


# a quarter (the quarterly workbook's 党费收缴 sheet and its 汇总 figures) ------------------------
@dataclass(frozen=True)
class QuarterRow:
    member_id: int
    name: str
    base_fen: int | None
    rate: str
    monthly_fen: int | None  # 月应交 by the rule
    owed_fen: int | None  # 本季应交 (due months); None: no base
    paid_fen: int  # 本季实交 (the quarter's months, ahead included)
    reduction: str | None

    @property
    def outstanding_fen(self) -> int | None:
        """欠交 = 应交 − 实交 (negative: paid more or ahead)."""
        return None if self.owed_fen is None else self.owed_fen - self.paid_fen


@dataclass
class QuarterDues:
    year: int
    quarter: int
    as_of: date
    rows: list[QuarterRow]

    @property
    def owed_fen(self) -> int:
        """应交党费金额 (members without a base for the year are not in it: `without_base`)."""
        return sum(r.owed_fen or 0 for r in self.rows)

    @property
    def paid_fen(self) -> int:
        """实交党费金额."""
        return sum(r.paid_fen for r in self.rows)

    @property
    def rate(self) -> float | None:
        """党费收缴率 = 实交 / 应交 (None when nothing was owed)."""
        return self.paid_fen / self.owed_fen if self.owed_fen else None

    @property
    def members_outstanding(self) -> int:
        """欠交党费人数: members whose 实交 is less than their 应交 for the quarter."""
        return sum(1 for r in self.rows if (r.outstanding_fen or 0) > 0)

    @property
    def without_base(self) -> list[str]:
        return [r.name for r in self.rows if r.owed_fen is None]


def quarter_dues(session: Session, branch_id: int, year: int, quarter: int,
                 as_of: date | None = None) -> QuarterDues:
    """The quarter's dues per member and in total, up to the as-of day while it runs."""
    if quarter not in (1, 2, 3, 4):
        raise InputError(f"季度应为 1 到 4，而不是 {quarter}")
    table = dues_year(session, branch_id, year, as_of)
    months = range(3 * quarter - 3, 3 * quarter)  # indexes into MemberYear.months
    rows = []
    for r in table.rows:
        cells = [r.months[i] for i in months]
        due = [c for c in cells if c.owes and c.due]
        paid = sum(c.paid_fen for c in cells)
        if not due and not paid:
            continue
        owed = None if any(c.owed_fen is None for c in due) else sum(c.owed_fen for c in due)
        rows.append(QuarterRow(r.member_id, r.name, r.base_fen, r.rate, r.monthly_fen, owed,
                               paid, r.reduction))
    return QuarterDues(year, quarter, table.as_of, rows)


def owed_between(session: Session, member_id: int, first: int, last: int) -> int | None:
    """What months first..last cost the member (reductions applied; 0 for months off the
    roster), to set beside a payment; None when a year of them has no base."""
    branch_id = session.get_one(Member, member_id).branch_id
    books = Books(session, branch_id, first, last, [member_id])
    person = books.people[0]
    if books.since is None:  # the branch keeps nothing yet: the payment's own months count
        books.since = first
    owed = [cost for _owes, cost, _r in books.walk(person, first, last)]
    return None if any(o is None for o in owed) else sum(owed)
