"""Study events (集中学习日, 大讲堂, and the meetings of 组织生活), each member's attendance at
them, and a meeting's minutes (会议记录)."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
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
    # a 组织生活会 held together with the 民主评议党员: it counts for both (spec/org-life.md)
    with_appraisal: Mapped[bool] = mapped_column(default=False, server_default=text("0"))


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


class MeetingMinutes(Base):
    """What a 会议记录 holds beyond the event itself. 时间, 地点 and 主题 are the event's own
    columns and 内容 (发言 / 学习内容) is `StudyEvent.minutes_text`, where the secretary has always
    typed it; 出席 / 请假 / 缺席 are the attendance records. Here: who chaired, who wrote it, who
    sat in (列席), and what was decided."""

    __tablename__ = "meeting_minutes"
    __table_args__ = (UniqueConstraint("event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("study_event.id"))
    host: Mapped[str] = mapped_column(String(50), default="")  # 主持人
    recorder: Mapped[str] = mapped_column(String(50), default="")  # 记录人
    guests: Mapped[str] = mapped_column(Text, default="")  # 列席
    decisions: Mapped[str] = mapped_column(Text, default="")  # 决议 / 决定事项
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)
