"""Self-study materials (自学资料), who was issued what, and periodical subscriptions."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class Material(Base):
    __tablename__ = "material"

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))  # 读本 / 期刊 / 报纸 / 党课材料 / 光盘 / 试题 / 其他
    period: Mapped[str] = mapped_column(String(50), default="")  # 2026年第3期
    received_date: Mapped[date | None]
    quantity: Mapped[int] = mapped_column(default=0)
    full_marks: Mapped[int] = mapped_column(default=100)  # for 试题
    notes: Mapped[str] = mapped_column(Text, default="")
    archived: Mapped[bool] = mapped_column(default=False)  # "deleted" materials keep history
    created_at: Mapped[datetime] = mapped_column(default=now)


class Handout(Base):
    """One copy of a material issued to one member: delivered, or still 待送达."""

    __tablename__ = "handout"
    __table_args__ = (
        Index("ix_handout_material_member", "material_id", "member_id"),
        Index("ix_handout_member_status", "member_id", "status"),
        Index("ix_handout_status", "status"),
        Index("ix_handout_issued", "issued_date"),
        Index("ix_handout_member_issued", "member_id", "issued_date"),  # a branch's quarter
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    material_id: Mapped[int] = mapped_column(ForeignKey("material.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    issued_date: Mapped[date]
    method: Mapped[str] = mapped_column(String(10))  # 集中领取 / 送学上门 / 托人转交 / 邮寄
    handled_by: Mapped[str] = mapped_column(String(50), default="")  # 经手人
    status: Mapped[str] = mapped_column(String(4))  # 已送达 / 待送达
    delivered_date: Mapped[date | None]
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visit.id"))
    returned_date: Mapped[date | None]  # quiz papers (试题) handed back
    score: Mapped[float | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=now)


class Subscription(Base):
    """A member's subscription to a periodical (银潮, 新保健, the local daily) for one year."""

    __tablename__ = "subscription"
    __table_args__ = (UniqueConstraint("member_id", "periodical", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    periodical: Mapped[str] = mapped_column(String(100))
    year: Mapped[int]
    copies: Mapped[int] = mapped_column(default=1)
