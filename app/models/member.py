"""A member of a branch (党员花名册 row). People leave by status, never by deletion."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now
from app.vocab import DEFAULT_VISIT_INTERVAL_DAYS, STATUS_ACTIVE


class Member(Base):
    __tablename__ = "member"
    __table_args__ = (
        Index("ix_member_branch_status", "branch_id", "status"),
        Index("ix_member_name", "name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    sort_order: Mapped[int] = mapped_column(default=0)  # the roster's own order (序号)

    name: Mapped[str] = mapped_column(String(50))
    # lower-case pinyin keys for search-as-you-type: "zhangjianguo zjg", several readings for
    # surnames such as 曾 (zeng/ceng) and 单 (shan/dan), separated by spaces
    search_key: Mapped[str] = mapped_column(String(400), default="")
    gender: Mapped[str | None] = mapped_column(String(2))
    birth_date: Mapped[date | None]
    birth_month_only: Mapped[bool] = mapped_column(default=False)  # "1938.05": day unknown
    id_number: Mapped[str | None] = mapped_column(String(18), unique=True)
    ethnicity: Mapped[str] = mapped_column(String(20), default="")
    retire_type: Mapped[str | None] = mapped_column(String(4))  # 离休 / 退休
    is_party_member: Mapped[bool] = mapped_column(default=True)
    party_join_date: Mapped[date | None]
    former_unit: Mapped[str] = mapped_column(String(200), default="")  # 原工作单位及职务
    phone: Mapped[str] = mapped_column(String(100), default="")  # several, separated by "、"
    address: Mapped[str] = mapped_column(String(200), default="")
    community: Mapped[str] = mapped_column(String(100), default="")  # 村 / 社区
    living: Mapped[str | None] = mapped_column(String(10))  # 与子女同住 / 空巢 / 独居 / 养老机构
    mobility: Mapped[str] = mapped_column(String(10), default="行动自如")
    emergency_contact: Mapped[str] = mapped_column(String(50), default="")
    emergency_phone: Mapped[str] = mapped_column(String(50), default="")
    health_notes: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    status: Mapped[str] = mapped_column(String(4), default=STATUS_ACTIVE)
    status_date: Mapped[date | None]  # when 去世 / 转出 / 暂离 happened
    joined_date: Mapped[date | None]  # when the member came onto this branch's roster

    # care: homebound members by mobility, plus anyone the secretary adds (独居, rural …)
    needs_care: Mapped[bool] = mapped_column(default=False)
    care_reason: Mapped[str] = mapped_column(String(100), default="")
    visit_interval_days: Mapped[int] = mapped_column(default=DEFAULT_VISIT_INTERVAL_DAYS)

    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)
