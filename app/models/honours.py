"""Honours and contests (评先评优, spec/year-end.md): the city's contests (征文, 演讲比赛, 知识竞答)
and who took part, the honours of members and of the branch itself, and the member the branch
recommends each year to the city's 十佳学习型老干部.

A quiz score is kept as whole tenths of a point (`score_tenths`, 95.5 → 955): scores are typed
with one decimal at most, and an integer keeps them exact, sortable and summable the way 分
keeps money — a float would print 95.49999 or compare 95.5 ≠ 95.5 after a sum.
"""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class Contest(Base):
    """One contest or activity of the year: 征文, 演讲比赛, 知识竞答 or 其他."""

    __tablename__ = "contest"
    __table_args__ = (Index("ix_contest_branch_year", "branch_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(10))  # 征文 / 演讲比赛 / 知识竞答 / 其他
    organiser: Mapped[str] = mapped_column(String(100), default="")  # 主办单位
    held_on: Mapped[date | None]  # 举办 (or 截稿) 日期, within `year`
    year: Mapped[int]
    full_marks: Mapped[int] = mapped_column(default=100)  # 知识竞答: scores run 0..full_marks
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=now)


class ContestEntry(Base):
    """A member's part in a contest: the work's title, the result (一等奖 …), a quiz's score."""

    __tablename__ = "contest_entry"
    __table_args__ = (
        UniqueConstraint("contest_id", "member_id"),  # one entry a member a contest
        Index("ix_contest_entry_member", "member_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(ForeignKey("contest.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    title: Mapped[str] = mapped_column(String(200), default="")  # 作品或演讲题目
    result: Mapped[str] = mapped_column(String(50), default="")  # 一等奖 / 优秀奖 / 参与 …
    score_tenths: Mapped[int | None]  # 知识竞答 only: 95.5 points → 955
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=now)


class Honour(Base):
    """An honour of one year, held by a member or (member_id NULL) by the branch itself."""

    __tablename__ = "honour"
    __table_args__ = (
        Index("ix_honour_branch_year", "branch_id", "year"),
        Index("ix_honour_member", "member_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))  # NULL: the branch
    name: Mapped[str] = mapped_column(String(50))  # 优秀共产党员 / 学习先进 / 五好支部 …
    level: Mapped[str] = mapped_column(String(4))  # 支部 / 乡镇 / 县 / 市 / 省 / 国家
    year: Mapped[int]
    conferred_by: Mapped[str] = mapped_column(String(100), default="")  # 授予单位
    conferred_on: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")  # 主要事迹 for a 学习先进
    recorded_by: Mapped[str] = mapped_column(String(50), default="")
    created_at: Mapped[datetime] = mapped_column(default=now)


class CityRecommendation(Base):
    """The one member the branch recommends in a year to the city's 十佳学习型老干部; always one
    of that year's 学习先进 (app.services.yearend.honours checks it)."""

    __tablename__ = "city_recommendation"
    __table_args__ = (UniqueConstraint("branch_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    year: Mapped[int]
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    recommended_on: Mapped[date | None]
    deeds: Mapped[str] = mapped_column(Text, default="")  # 推荐理由、主要事迹
    outcome: Mapped[str] = mapped_column(String(4), default="待评")  # 待评 / 当选 / 未当选
    recorded_by: Mapped[str] = mapped_column(String(50), default="")
    created_at: Mapped[datetime] = mapped_column(default=now)
