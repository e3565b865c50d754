"""谈心谈话 (spec/org-life.md, "Talks"): who talked with which member, when, how, about what.

The partner is always a member (the year's coverage counts members); the talker may be a member
or anyone else (a township leader), so the name is always stored and the member id only when
there is one."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class Talk(Base):
    """One 谈心谈话: who talked with which member, when, how, about what, and what came of it."""

    __tablename__ = "talk"
    __table_args__ = (
        Index("ix_talk_branch_date", "branch_id", "date"),
        Index("ix_talk_member", "member_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    date: Mapped[date]
    talker_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))  # 谈话人, a member
    talker_name: Mapped[str] = mapped_column(String(50))  # 谈话人 as written (member or not)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))  # 谈话对象
    how: Mapped[str] = mapped_column(String(4))  # 当面 / 电话 / 上门
    topic: Mapped[str] = mapped_column(String(200), default="")  # 谈话内容
    opinions: Mapped[str] = mapped_column(Text, default="")  # 意见建议: the 征求意见 list
    follow_up: Mapped[str] = mapped_column(Text, default="")  # 后续 / 落实情况
    created_at: Mapped[datetime] = mapped_column(default=now)
