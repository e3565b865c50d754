"""The annual democratic appraisal of members (民主评议党员, spec/org-life.md): one appraisal per
branch per year, and one row per member of the roster taking part in it.

Who takes part is kept as it was when the appraisal was held (the roster changes later; the
year's record must not): full members graded (参评), probationary members taking part without a
grade (预备), members left out with the branch's approval and the reason (不参加). The votes per
grade from the ballots (blank until counted) and the committee's grade sit on the same row, so
a member's grade stays with its year."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class Appraisal(Base):
    __tablename__ = "appraisal"
    __table_args__ = (UniqueConstraint("branch_id", "year"),)  # once a year

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    year: Mapped[int]  # the year appraised (the meeting may be early the next year)
    held_on: Mapped[date]
    ballots_issued: Mapped[int | None]  # 发出选票
    ballots_returned: Mapped[int | None]  # 收回选票: each member's votes add up to it
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=now)


class AppraisalMember(Base):
    """One member in one appraisal: how they take part, their votes, the committee's grade."""

    __tablename__ = "appraisal_member"
    __table_args__ = (
        UniqueConstraint("appraisal_id", "member_id"),
        Index("ix_appraisal_member_member", "member_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    appraisal_id: Mapped[int] = mapped_column(ForeignKey("appraisal.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    role: Mapped[str] = mapped_column(String(4))  # 参评 / 预备 / 不参加 (app.vocab)
    reason: Mapped[str] = mapped_column(Text, default="")  # why 不参加 (the approval)
    # the ballots' votes, all four blank until this member's votes are counted
    votes_excellent: Mapped[int | None]
    votes_qualified: Mapped[int | None]
    votes_basic: Mapped[int | None]
    votes_failed: Mapped[int | None]
    grade: Mapped[str | None] = mapped_column(String(4))  # 优秀 / 合格 / 基本合格 / 不合格
    follow_up: Mapped[str] = mapped_column(Text, default="")  # what the branch did (不合格)
