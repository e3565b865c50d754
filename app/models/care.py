"""Care of homebound members: visits, 老老结对 pairings, volunteers, and 建言献策 suggestions."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class Volunteer(Base):
    """A volunteer or 助老员 who is not a member but visits members."""

    __tablename__ = "volunteer"

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    name: Mapped[str] = mapped_column(String(50))
    kind: Mapped[str] = mapped_column(String(10), default="志愿者")  # 助老员 / 志愿者
    organisation: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)


class Pairing(Base):
    """老老结对: a healthier member (helper) looking after one who needs help."""

    __tablename__ = "pairing"
    __table_args__ = (
        CheckConstraint("helper_id <> helped_id", name="not_self"),
        Index("ix_pairing_helper", "helper_id"),
        Index("ix_pairing_helped", "helped_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    helper_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    helped_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    since: Mapped[date]
    until: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")


class Visit(Base):
    """One home visit, entered from the paper 走访登记表."""

    __tablename__ = "visit"
    __table_args__ = (Index("ix_visit_member_date", "member_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    date: Mapped[date]
    visitor_name: Mapped[str] = mapped_column(String(100), default="")
    visitor_kind: Mapped[str] = mapped_column(String(10), default="支部书记")
    volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer.id"))
    helper_member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    purposes: Mapped[str] = mapped_column(String(200), default="")  # "送学上门、节日慰问"
    delivered_note: Mapped[str] = mapped_column(Text, default="")  # what was brought
    health: Mapped[str] = mapped_column(Text, default="")
    mood: Mapped[str] = mapped_column(Text, default="")
    requests: Mapped[str] = mapped_column(Text, default="")  # 诉求
    follow_up: Mapped[str] = mapped_column(Text, default="")  # 处理情况 / 跟进
    follow_up_done: Mapped[bool] = mapped_column(default=False)
    follow_up_done_date: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=now)


class Suggestion(Base):
    """建言献策: a member's suggestion, sorted by category and forwarded to a department."""

    __tablename__ = "suggestion"
    __table_args__ = (Index("ix_suggestion_branch_date", "branch_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    date: Mapped[date]
    category: Mapped[str] = mapped_column(String(50), default="")
    text: Mapped[str] = mapped_column(Text)
    forwarded_to: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(10), default="已收集")
    result: Mapped[str] = mapped_column(Text, default="")
