"""困难党员 register (党内关怀, spec/year-end.md): one entry per member and year, with what the
hardship is, what the branch does about it, and when the list was posted (公示).

姓名, 性别, 年龄, 入党时间 and 住址 are the roster's: the entry keeps only what the roster does
not say, so nothing is typed twice."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class HardshipRecord(Base):
    __tablename__ = "hardship"
    __table_args__ = (
        UniqueConstraint("member_id", "year"),  # a member is on a year's register once
        Index("ix_hardship_year", "year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    year: Mapped[int]
    situation: Mapped[str] = mapped_column(Text, default="")  # 困难状况及原因
    measures: Mapped[str] = mapped_column(Text, default="")  # 帮扶措施
    posted_on: Mapped[date | None]  # 公示日期
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=now)
