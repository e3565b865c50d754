"""The branch committee (支部委员会) and its vote (spec/org-life.md): who holds which post, from
and until, and the members a vote may leave out of its count.

A post carries the date of the 换届 election its term counts from, so a member added mid-term
(增补) does not move the term's end. An exclusion (年老体弱卧床不起 …) holds for one year and
always with its reason and its approval."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class CommitteePost(Base):
    """A member in a post of the 支部委员会 (or the branch's only 书记), from and until."""

    __tablename__ = "committee_post"
    __table_args__ = (Index("ix_committee_post_branch", "branch_id", "from_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    post: Mapped[str] = mapped_column(String(6))  # 书记 / 副书记 / … / 其他委员
    from_date: Mapped[date]
    until_date: Mapped[date | None]  # blank: still in post
    elected_on: Mapped[date]  # the 换届 election the term counts from (3 years)
    note: Mapped[str] = mapped_column(Text, default="")


class VoteExclusion(Base):
    """A member the branch may leave out of a year's vote count (年老体弱卧床不起 …), approved."""

    __tablename__ = "vote_exclusion"
    __table_args__ = (UniqueConstraint("member_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    year: Mapped[int]
    category: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    approved_by: Mapped[str] = mapped_column(String(100))  # 批准人 / 批准机构
    approved_on: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(default=now)
