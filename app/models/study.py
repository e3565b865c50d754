"""Study events (集中学习日, 大讲堂 …) and each member's attendance at them."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class StudyEvent(Base):
    __tablename__ = "study_event"
    __table_args__ = (Index("ix_study_event_branch_date", "branch_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    kind: Mapped[str] = mapped_column(String(20))
    date: Mapped[date]
    start_time: Mapped[str] = mapped_column(String(5), default="")  # "09:00"
    topic: Mapped[str] = mapped_column(String(200), default="")
    speaker: Mapped[str] = mapped_column(String(100), default="")
    place: Mapped[str] = mapped_column(String(100), default="")
    hours: Mapped[float] = mapped_column(default=0.0)  # 学时
    minutes_text: Mapped[str] = mapped_column(Text, default="")  # 会议记录
    notes: Mapped[str] = mapped_column(Text, default="")
    cancelled: Mapped[bool] = mapped_column(default=False)  # 已取消: kept, not deleted
    created_at: Mapped[datetime] = mapped_column(default=now)


class Attendance(Base):
    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("event_id", "member_id"),
        Index("ix_attendance_member", "member_id"),
        Index("ix_attendance_event_mark", "event_id", "mark"),  # the event list's counts
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("study_event.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    mark: Mapped[str] = mapped_column(String(4))  # 出席 / 请假 / 缺席 / 送学上门
    reason: Mapped[str] = mapped_column(String(50), default="")  # for 请假
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)
