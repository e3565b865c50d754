"""What the branch decides before any money changes hands: each member's base for the year
(缴费基数, or 低保 / 救济 / 抚恤), reductions and waivers (减免), and how the monthly amount is
rounded. Every change goes through the audit log (app.storage.audit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import Branch, DuesBase, DuesReduction, Member
from app.money import AmountError, fen_of, yuan
from app.plain_text import strip_controls
from app.services.dues import rule
from app.vocab import DUES_ROUNDING_LABELS, DUES_ROUNDINGS, DUES_SPECIALS


def _user(session: Session) -> str:
    return str(session.info.get("user", "") or "")[:50]


def _clean(text: str | None, limit: int = 500) -> str:
    return strip_controls(text or "", keep_lines=True).strip()[:limit]


# rounding ------------------------------------------------------------------------------------
def rounding_of(session: Session, branch_id: int) -> str:
    """The branch's rounding of the monthly amount: 分 (half-up, the default), 角 or 元 (up)."""
    return session.get_one(Branch, branch_id).dues_rounding or "分"


def set_rounding(session: Session, branch_id: int, rounding: str) -> None:
    if rounding not in DUES_ROUNDINGS:
        labels = "、".join(f"{k}（{v}）" for k, v in DUES_ROUNDING_LABELS.items())
        raise InputError(f"党费取整方式“{rounding}”应为：{labels}")
    session.get_one(Branch, branch_id).dues_rounding = rounding
    session.flush()


# bases ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BaseInfo:
    member_id: int
    name: str
    year: int
    base_fen: int | None
    special: str | None
    note: str
    set_by: str
    set_at: datetime
    monthly_fen: int | None  # by the rule and the branch's rounding
    rate: str  # 0.5% / 1% / 低保 …


def party_member(session: Session, member_id: int) -> Member:
    """The member, or InputError for someone who owes no dues (not a party member)."""
    member = session.get(Member, member_id)
    if member is None:
        raise InputError(f"党员编号 {member_id} 不存在")
    if not member.is_party_member:
        raise InputError(f"{member.name}不是党员，不交党费")
    return member


def _check_year(year: int, today: date) -> None:
    if not 1990 <= int(year) <= today.year + 1:
        raise InputError(f"年度 {year} 不对：应在 1990 到 {today.year + 1} 年之间")


def base_fen_of(value, what: str = "缴费基数") -> int | None:
    """A base in 元 as typed or as a cell holds it: positive 分, None when blank; InputError
    else."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        fen = fen_of(value if isinstance(value, (str, int, float, Decimal)) else str(value),
                     what)
    except AmountError as exc:
        raise InputError(str(exc)) from None
    if fen <= 0:
        raise InputError(f"{what}“{yuan(fen)}”应大于 0（每月基本离退休费）")
    return fen


def _info(session: Session, row: DuesBase, name: str) -> BaseInfo:
    branch_id = session.scalar(select(Member.branch_id).where(Member.id == row.member_id))
    monthly = rule.monthly_fen(row.base_fen, row.special, rounding_of(session, branch_id))
    return BaseInfo(row.member_id, name, row.year, row.base_fen, row.special, row.note,
                    row.set_by, row.set_at, monthly, rule.rate_text(row.base_fen, row.special))


def set_base(session: Session, member_id: int, year: int, base: str | Decimal | int | None,
             special: str | None = None, note: str = "", today: date | None = None) -> BaseInfo:
    """Set the member's base for `year` (元 as typed: "3200.00"; an int is whole 元), or correct it — a correction
    needs a note saying why (the audit log keeps the old value). `special` (低保 / 救济 / 抚恤)
    makes the month 0.20 whatever the base, which may then be blank."""
    today = today or date.today()
    member = party_member(session, member_id)
    _check_year(year, today)
    span = rule.owing_span(member.is_party_member, member.status, member.status_date,
                           member.joined_date, member.party_join_date)
    if span is None or not span.months_in(rule.month_number(year, 1),
                                          rule.month_number(year, 12)):
        if span is not None and span.first is not None and \
                span.first > rule.month_number(year, 12):
            why = f"{rule.month_cn(span.first)}才开始交党费"
        elif member.status_date:
            why = f"{member.status_date:%Y-%m-%d}已{member.status}"
        else:
            why = f"已{member.status}"
        raise InputError(f"{member.name}{year}年不在册（{why}），不用定缴费基数")
    special = (special or "").strip() or None
    if special is not None and special not in DUES_SPECIALS:
        raise InputError(f"特殊情况“{special}”应为：{'、'.join(DUES_SPECIALS)}（或不填）")
    base_fen = base_fen_of(base)
    if base_fen is None and special is None:
        raise InputError(f"请填写{member.name}的缴费基数（每月基本离退休费）")
    note = _clean(note)
    row = session.scalar(select(DuesBase).where(DuesBase.member_id == member_id,
                                                DuesBase.year == year))
    if row is None:
        row = DuesBase(member_id=member_id, year=year)
        session.add(row)
    elif (row.base_fen, row.special) != (base_fen, special) and not note:
        raise InputError(f"更正{member.name}{year}年的缴费基数（原为{yuan(row.base_fen) or '未填'}"
                         f"{'，' + row.special if row.special else ''}），请写明更正的原因")
    row.base_fen, row.special = base_fen, special
    if note or row.note is None:
        row.note = note
    row.set_by, row.set_at = _user(session), datetime.now().replace(microsecond=0)
    session.flush()
    return _info(session, row, member.name)


def base_of(session: Session, member_id: int, year: int) -> BaseInfo | None:
    row = session.scalar(select(DuesBase).where(DuesBase.member_id == member_id,
                                                DuesBase.year == year))
    if row is None:
        return None
    return _info(session, row, session.get_one(Member, member_id).name)


def carry_bases_forward(session: Session, branch_id: int, year: int) -> int:
    """Give each member who owes dues in `year` and has no base for it their latest earlier
    base (年初定基数: the window offers it as one step); returns how many were set. Nothing is
    overwritten."""
    ids = []
    year_months = (rule.month_number(year, 1), rule.month_number(year, 12))
    for m in session.execute(select(
            Member.id, Member.is_party_member, Member.status, Member.status_date,
            Member.joined_date, Member.party_join_date).where(Member.branch_id == branch_id)):
        span = rule.owing_span(m.is_party_member, m.status, m.status_date, m.joined_date,
                               m.party_join_date)
        if span is not None and span.months_in(*year_months):
            ids.append(m.id)
    have = set(session.scalars(select(DuesBase.member_id).where(
        DuesBase.member_id.in_(ids), DuesBase.year == year))) if ids else set()
    latest: dict[int, DuesBase] = {}
    for row in session.scalars(select(DuesBase).where(
            DuesBase.member_id.in_(ids), DuesBase.year < year).order_by(DuesBase.year)):
        latest[row.member_id] = row
    user, now = _user(session), datetime.now().replace(microsecond=0)
    made = 0
    for member_id, old in latest.items():
        if member_id in have:
            continue
        session.add(DuesBase(member_id=member_id, year=year, base_fen=old.base_fen,
                             special=old.special, note=f"沿用{old.year}年基数", set_by=user,
                             set_at=now))
        made += 1
    session.flush()
    return made


# reductions ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReductionInfo:
    id: int
    member_id: int
    first: int  # month numbers (rule.month_number)
    last: int | None
    monthly_fen: int | None  # None: 免交
    decided_on: date
    reason: str

    @property
    def text(self) -> str:
        return reduction_text(self.first, self.last, self.monthly_fen, self.decided_on,
                              self.reason)


def reduction_text(first: int, last: int | None, monthly_fen: int | None, decided_on: date,
                   reason: str, with_reason: bool = True) -> str:
    """减免依据 as the ledger's 备注 says it: 2026年03月至06月减为每月10.00元（支部2026年02月20日
    决定：家庭困难）."""
    months = rule.months_cn(first, last) if last is not None else f"{rule.month_cn(first)}起"
    what = "免交" if monthly_fen is None else f"减为每月{yuan(monthly_fen)}元"
    why = f"：{reason}" if reason and with_reason else ""
    return f"{months}{what}（支部{decided_on:%Y年%m月%d日}决定{why}）"


def add_reduction(session: Session, member_id: int, first: int | str, last: int | str | None,
                  monthly: str | Decimal | None, decided_on: date, reason: str,
                  today: date | None = None) -> ReductionInfo:
    """Record the branch's decision: from month `first` to `last` (None: until further notice)
    the member pays `monthly` (元 as typed) a month, or nothing (`monthly` None: 免交)."""
    today = today or date.today()
    member = party_member(session, member_id)
    try:
        first = rule.parse_month(first, "起始月份") if isinstance(first, str) else first
        last = (rule.parse_month(last, "截止月份") if isinstance(last, str) and last.strip()
                else None if isinstance(last, str) else last)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    if last is not None and last < first:
        raise InputError("减免的截止月份早于起始月份")
    if decided_on is None:
        raise InputError("请填写支部决定日期")
    if decided_on > today:
        raise InputError(f"支部决定日期 {decided_on:%Y-%m-%d} 在今天之后")
    reason = _clean(reason)
    if not reason:
        raise InputError("请写明减免的原因（如 家庭困难、长期住院）")
    monthly_fen = None
    if monthly is not None and str(monthly).strip() not in ("", "免交"):
        try:
            monthly_fen = fen_of(monthly, "减免后每月交纳金额")
        except AmountError as exc:
            raise InputError(str(exc)) from None
        if monthly_fen <= 0:
            raise InputError("减免后每月交纳金额应大于 0；全部免交请选“免交”")
    for other in reductions_of(session, member_id):
        if other.first <= (last if last is not None else 10**7) and first <= (
                other.last if other.last is not None else 10**7):
            raise InputError(f"{member.name}在这段时间已有减免：{other.text}。一个月只能有一项减免")
    row = DuesReduction(member_id=member_id, from_month=rule.month_text(first),
                        to_month=rule.month_text(last) if last is not None else None,
                        monthly_fen=monthly_fen, decided_on=decided_on, reason=reason,
                        set_by=_user(session), set_at=datetime.now().replace(microsecond=0))
    session.add(row)
    session.flush()
    return _reduction(row)


def _reduction(row: DuesReduction) -> ReductionInfo:
    return ReductionInfo(row.id, row.member_id, rule.parse_month(row.from_month),
                         rule.parse_month(row.to_month) if row.to_month else None,
                         row.monthly_fen, row.decided_on, row.reason)


def reductions_of(session: Session, member_id: int) -> list[ReductionInfo]:
    rows = session.scalars(select(DuesReduction).where(DuesReduction.member_id == member_id)
                           .order_by(DuesReduction.from_month, DuesReduction.id))
    return [_reduction(r) for r in rows]


def remove_reduction(session: Session, reduction_id: int) -> None:
    """Take back a reduction entered by mistake (the audit log keeps what it said)."""
    row = session.get(DuesReduction, reduction_id)
    if row is None:
        raise InputError(f"减免记录 {reduction_id} 不存在")
    session.delete(row)
    session.flush()
