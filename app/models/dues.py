"""Party dues (党费, spec/dues.md): each member's base for a year, the branch's reductions and
waivers, and every payment. Money is whole 分 in integers; months are "2026-03" (text sorts as
time does). A payment recorded by mistake is reversed by another entry (冲正) pointing at it:
nothing is deleted, so the ledger's history stays whole."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class DuesBase(Base):
    """缴费基数: the member's monthly 基本离退休费 for one year, fixed once a year and corrected
    with a note (the audit log keeps what it was before)."""

    __tablename__ = "dues_base"
    __table_args__ = (UniqueConstraint("member_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    year: Mapped[int]
    base_fen: Mapped[int | None]  # 分 a month; may be blank for a 低保/救济/抚恤 member
    special: Mapped[str | None] = mapped_column(String(4))  # 低保 / 救济 / 抚恤: 0.20 a month
    note: Mapped[str] = mapped_column(Text, default="")
    set_by: Mapped[str] = mapped_column(String(50), default="")
    set_at: Mapped[datetime] = mapped_column(default=now)


class DuesReduction(Base):
    """减免: the branch's decision for a member in hardship — a lower monthly amount, or none at
    all (免交) — from one month to another (open-ended when `to_month` is blank)."""

    __tablename__ = "dues_reduction"
    __table_args__ = (Index("ix_dues_reduction_member", "member_id", "from_month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    from_month: Mapped[str] = mapped_column(String(7))
    to_month: Mapped[str | None] = mapped_column(String(7))
    monthly_fen: Mapped[int | None]  # the reduced amount a month; None: 免交
    decided_on: Mapped[date]  # 支部决定日期
    reason: Mapped[str] = mapped_column(Text, default="")
    set_by: Mapped[str] = mapped_column(String(50), default="")
    set_at: Mapped[datetime] = mapped_column(default=now)


class DuesPayment(Base):
    """One payment (or the 冲正 entry that reverses one: `reverses_id` set, the amount negated)."""

    __tablename__ = "dues_payment"
    __table_args__ = (
        Index("ix_dues_payment_member_month", "member_id", "first_month"),
        Index("ix_dues_payment_month", "first_month"),
        UniqueConstraint("reverses_id"),  # a payment is reversed once at most
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    first_month: Mapped[str] = mapped_column(String(7))
    last_month: Mapped[str] = mapped_column(String(7))
    amount_fen: Mapped[int]
    paid_on: Mapped[date]
    how: Mapped[str] = mapped_column(String(10))  # 本人交 / 亲属代交 / 他人代交 / 走访时收取
    collector: Mapped[str] = mapped_column(String(50), default="")  # 收缴人
    note: Mapped[str] = mapped_column(Text, default="")
    over_six_confirmed: Mapped[bool] = mapped_column(default=False)  # > 6 months, confirmed
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("dues_payment.id"))
    recorded_by: Mapped[str] = mapped_column(String(50), default="")
    recorded_at: Mapped[datetime] = mapped_column(default=now)
