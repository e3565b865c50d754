"""A member of a branch (党员花名册 row). People leave by status, never by deletion.

Each field's label, default and kind live in app/member_fields.py; a column added here is added
there too (tests/unit/test_member_fields.py checks that they agree)."""

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.member_fields import DEFAULT as D  # every field's default, said once
from app.models.base import Base, now


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
    # "1938.05": the day is unknown
    birth_month_only: Mapped[bool] = mapped_column(default=D["birth_month_only"])
    id_number: Mapped[str | None] = mapped_column(String(18), unique=True)
    ethnicity: Mapped[str] = mapped_column(String(20), default=D["ethnicity"])
    retire_type: Mapped[str | None] = mapped_column(String(4))  # 离休 / 退休
    is_party_member: Mapped[bool] = mapped_column(default=D["is_party_member"])
    party_join_date: Mapped[date | None]
    former_unit: Mapped[str] = mapped_column(String(200), default=D["former_unit"])
    phone: Mapped[str] = mapped_column(String(100), default=D["phone"])  # several, "、" between
    address: Mapped[str] = mapped_column(String(200), default=D["address"])
    community: Mapped[str] = mapped_column(String(100), default=D["community"])
    living: Mapped[str | None] = mapped_column(String(10))  # 与子女同住 / 空巢 / 独居 / 养老机构
    mobility: Mapped[str] = mapped_column(String(10), default=D["mobility"])
    emergency_contact: Mapped[str] = mapped_column(String(50), default=D["emergency_contact"])
    emergency_phone: Mapped[str] = mapped_column(String(50), default=D["emergency_phone"])
    health_notes: Mapped[str] = mapped_column(Text, default=D["health_notes"])
    notes: Mapped[str] = mapped_column(Text, default=D["notes"])

    status: Mapped[str] = mapped_column(String(4), default=D["status"])
    status_date: Mapped[date | None]  # when 去世 / 转出 / 暂离 happened
    joined_date: Mapped[date | None]  # when the member came onto this branch's roster

    # care: homebound members by mobility, plus anyone the secretary adds (独居, rural …)
    needs_care: Mapped[bool] = mapped_column(default=D["needs_care"])
    care_reason: Mapped[str] = mapped_column(String(100), default=D["care_reason"])
    visit_interval_days: Mapped[int] = mapped_column(default=D["visit_interval_days"])

    created_at: Mapped[datetime] = mapped_column(default=now)
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)
    # 正式 / 预备: votes, the 4/5 quorum and the annual appraisal count full members only
    party_standing: Mapped[str] = mapped_column(String(2), default=D["party_standing"],
                                                server_default=text("'正式'"))
    # "1956.04": the day of 入党时间 is unknown (政治生日 listed in the month, 光荣在党50年 checked)
    party_join_month_only: Mapped[bool] = mapped_column(default=D["party_join_month_only"],
                                                        server_default="0")
