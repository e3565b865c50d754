"""The year's plan and summary (年度工作计划 / 年度工作总结) a branch's secretary writes in the
program: part 9 (综合材料) of the ledger book prints them. One row per branch per year."""

from datetime import datetime

from sqlalchemy import ForeignKey, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class YearNotes(Base):
    __tablename__ = "year_notes"
    __table_args__ = (UniqueConstraint("branch_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    year: Mapped[int]
    plan: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
    summary: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)
