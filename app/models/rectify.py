"""The 组织生活会's 整改清单 (spec/org-life.md): each problem found, its measure, who answers
for it and by when; an item stays open until its done date is set."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class RectifyItem(Base):
    """One line of the 组织生活会's 整改清单, open until its done date is set."""

    __tablename__ = "rectify_item"
    __table_args__ = (Index("ix_rectify_item_branch_year", "branch_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    year: Mapped[int]  # the year of the 组织生活会 that found the problem
    problem: Mapped[str] = mapped_column(Text)  # 问题
    measure: Mapped[str] = mapped_column(Text)  # 整改措施
    responsible: Mapped[str] = mapped_column(String(100))  # 责任人
    deadline: Mapped[date]  # 时限
    progress: Mapped[str] = mapped_column(Text, default="")  # 完成情况
    done_on: Mapped[date | None]  # blank: still open
    created_at: Mapped[datetime] = mapped_column(default=now)
