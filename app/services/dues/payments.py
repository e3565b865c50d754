"""Recording what members pay, and reversing a payment recorded by mistake (冲正).

A payment covers a run of months (a quarter paid at once is one entry). The checks a careful
collector makes come first and all say what is wrong in Chinese, by field: months before the
member owed dues or after they left, an amount with three decimals, the same payment typed
twice, more than 6 months at once without the branch's confirmation (spec/dues.md). What is
paid may differ from what is owed; the difference is shown by the ledger, never "corrected".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.errors import InputError
from app.models import DuesPayment, Member
from app.money import AmountError, fen_of, yuan
from app.plain_text import strip_controls
from app.services.dues import rule
from app.services.dues.setup import party_member
from app.vocab import DUES_HOW, DUES_HOW_DEFAULT, DUES_MAX_MONTHS


class NeedsConfirmation(InputError):
    """More than DUES_MAX_MONTHS months in one payment: allowed only when confirmed."""


@dataclass(frozen=True)
class PaymentInfo:
    id: int
    member_id: int
    name: str
    first: int  # month numbers (rule.month_number)
    last: int
    amount_fen: int  # negative for a 冲正 entry
    paid_on: date
    how: str
    collector: str
    note: str
    over_six_confirmed: bool
    reverses_id: int | None  # this entry reverses that payment
    reversed_by: int | None  # this payment was reversed by that entry
    recorded_by: str
    recorded_at: datetime

    @property
    def months(self) -> int:
        return self.last - self.first + 1

    @property
    def in_force(self) -> bool:
        """Counts as paid: neither reversed nor itself a reversal."""
        return self.reverses_id is None and self.reversed_by is None

    def to_json(self) -> dict:
        return {"id": self.id, "member_id": self.member_id, "name": self.name,
                "months": f"{rule.month_text(self.first)}..{rule.month_text(self.last)}",
                "amount": yuan(self.amount_fen), "date": f"{self.paid_on:%Y-%m-%d}",
                "how": self.how, "collector": self.collector, "note": self.note,
                "over_six_confirmed": self.over_six_confirmed,
                "reverses": self.reverses_id, "reversed_by": self.reversed_by}


def _rows(session: Session, *where) -> list[PaymentInfo]:
    later = aliased(DuesPayment)
    stmt = (select(DuesPayment, Member.name, later.id.label("reversed_by"))
            .join(Member, Member.id == DuesPayment.member_id)
            .outerjoin(later, later.reverses_id == DuesPayment.id)
            .where(*where).order_by(DuesPayment.paid_on, DuesPayment.id))
    out = []
    for p, name, reversed_by in session.execute(stmt):
        out.append(PaymentInfo(p.id, p.member_id, name, rule.parse_month(p.first_month),
                               rule.parse_month(p.last_month), p.amount_fen, p.paid_on, p.how,
                               p.collector, p.note, p.over_six_confirmed, p.reverses_id,
                               reversed_by, p.recorded_by, p.recorded_at))
    return out


def payment(session: Session, payment_id: int) -> PaymentInfo:
    found = _rows(session, DuesPayment.id == payment_id)
    if not found:
        raise InputError(f"收款记录 {payment_id} 不存在")
    return found[0]


def payments_of(session: Session, member_id: int, year: int | None = None) -> list[PaymentInfo]:
    """The member's payments and 冲正 entries (of months in `year`), in the order paid."""
    where = [DuesPayment.member_id == member_id]
    if year is not None:
        where += [DuesPayment.first_month <= f"{year:04d}-12",
                  DuesPayment.last_month >= f"{year:04d}-01"]
    return _rows(session, *where)


def payments_in_year(session: Session, branch_id: int, year: int) -> list[PaymentInfo]:
    """Every payment and 冲正 entry of the branch touching months of `year`, in the order paid
    (the 党费 page's 收款记录)."""
    in_branch = select(Member.id).where(Member.branch_id == branch_id)
    return _rows(session, DuesPayment.member_id.in_(in_branch),
                 DuesPayment.first_month <= f"{year:04d}-12",
                 DuesPayment.last_month >= f"{year:04d}-01")


def _months(months) -> tuple[int, int]:
    if isinstance(months, str):
        try:
            return rule.parse_months(months)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    first, last = months
    if last < first:
        raise InputError("所交月份的结束月份早于开始月份")
    return first, last


def _check_months(member: Member, first: int, last: int) -> None:
    span = rule.owing_span(member.is_party_member, member.status, member.status_date,
                           member.joined_date, member.party_join_date)
    if span is None:
        why = (f"已{member.status}（没有记{member.status}日期）" if member.status_date is None
               else "不需要交党费")
        raise InputError(f"{member.name}{why}，不能登记党费")
    if span.first is not None and first < span.first:
        raise InputError(f"所交月份从{rule.month_cn(first)}起，但{member.name}"
                         f"{rule.month_cn(span.first)}才开始交党费（入册或入党的月份），"
                         f"不能交这之前的党费")
    if span.last is not None and last > span.last:
        raise InputError(f"所交月份到{rule.month_cn(last)}止，但{member.name}已于"
                         f"{rule.month_cn(span.last)}{member.status}，不能交这之后的党费")


def record_payment(session: Session, member_id: int, months: str | tuple[int, int],
                   amount: str | Decimal, paid_on: date | None = None,
                   how: str = DUES_HOW_DEFAULT, collector: str = "", note: str = "",
                   confirmed: bool = False, today: date | None = None) -> PaymentInfo:
    """Record one payment: the months it covers ("2026-01..2026-03" or month numbers), the
    amount in 元 as typed ("75.00"), the day paid (default today), how (本人交 / 亲属代交 /
    他人代交 / 走访时收取) and the collector (收缴人). More than 6 months at once raises
    NeedsConfirmation unless `confirmed` (the entry then says so)."""
    today = today or date.today()
    paid_on = paid_on or today
    member = party_member(session, member_id)
    first, last = _months(months)
    try:
        amount_fen = fen_of(amount if isinstance(amount, (str, Decimal)) else str(amount),
                            "金额")
    except AmountError as exc:
        raise InputError(str(exc)) from None
    if amount_fen <= 0:
        raise InputError(f"金额应大于 0，而不是 {yuan(amount_fen)}；交错了请用“冲正”")
    if paid_on > today:
        raise InputError(f"交纳日期 {paid_on:%Y-%m-%d} 在今天之后")
    if how not in DUES_HOW:
        raise InputError(f"交纳方式“{how}”应为：{'、'.join(DUES_HOW)}")
    _check_months(member, first, last)
    count = last - first + 1
    if count > DUES_MAX_MONTHS and not confirmed:
        raise NeedsConfirmation(
            f"一次交了 {count} 个月（{rule.months_cn(first, last)}），超过 {DUES_MAX_MONTHS} 个月。"
            f"按规定一次预交或补交不超过 {DUES_MAX_MONTHS} 个月，确需如此请确认（命令行加 --confirm）")
    same = _rows(session, DuesPayment.member_id == member_id,
                 DuesPayment.first_month == rule.month_text(first),
                 DuesPayment.last_month == rule.month_text(last),
                 DuesPayment.amount_fen == amount_fen, DuesPayment.paid_on == paid_on)
    twice = next((p for p in same if p.in_force), None)
    if twice is not None:
        raise InputError(f"这笔党费已经登记过了：{member.name} {rule.months_cn(first, last)} "
                         f"{yuan(amount_fen)}元，{paid_on:%Y-%m-%d}交（收款记录 {twice.id}）。"
                         f"没有重复登记")
    note = strip_controls(note or "", keep_lines=True).strip()[:500]
    if count > DUES_MAX_MONTHS:
        note = (f"一次交{count}个月，已确认" + (f"；{note}" if note else ""))[:500]
    row = DuesPayment(member_id=member_id, first_month=rule.month_text(first),
                      last_month=rule.month_text(last), amount_fen=amount_fen, paid_on=paid_on,
                      how=how, collector=strip_controls(collector or "").strip()[:50],
                      note=note, over_six_confirmed=count > DUES_MAX_MONTHS,
                      recorded_by=str(session.info.get("user", "") or "")[:50])
    session.add(row)
    session.flush()
    return payment(session, row.id)


def reverse_payment(session: Session, payment_id: int, reason: str,
                    on: date | None = None) -> PaymentInfo:
    """冲正: an entry of the same months and the negated amount that cancels payment
    `payment_id`; the payment itself stays in the books. Returns the new entry."""
    on = on or date.today()
    original = payment(session, payment_id)
    if original.reverses_id is not None:
        raise InputError(f"收款记录 {payment_id} 本身就是冲正记录，不能再冲正")
    if original.reversed_by is not None:
        raise InputError(f"收款记录 {payment_id} 已经冲正过了（冲正记录 {original.reversed_by}）")
    reason = strip_controls(reason or "", keep_lines=True).strip()
    if not reason:
        raise InputError("请写明冲正的原因（如 登记错了人、金额写错）")
    if on < original.paid_on:
        raise InputError(f"冲正日期 {on:%Y-%m-%d} 早于原来的交纳日期 {original.paid_on:%Y-%m-%d}")
    row = DuesPayment(member_id=original.member_id, first_month=rule.month_text(original.first),
                      last_month=rule.month_text(original.last), amount_fen=-original.amount_fen,
                      paid_on=on, how=original.how, collector=original.collector,
                      note=f"冲正收款记录 {payment_id}：{reason}"[:500],
                      over_six_confirmed=original.over_six_confirmed, reverses_id=payment_id,
                      recorded_by=str(session.info.get("user", "") or "")[:50])
    session.add(row)
    session.flush()
    return payment(session, row.id)
