"""The audit trail: who changed which field of which record, when, old → new."""

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_member", "member_id", "at"),
        Index("ix_audit_entity", "entity", "entity_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=now)
    user: Mapped[str] = mapped_column(String(50), default="")
    entity: Mapped[str] = mapped_column(String(20))  # member / attendance / handout / visit / export
    entity_id: Mapped[int | None]
    member_id: Mapped[int | None]  # whose history this belongs to (no FK: history outlives rows)
    action: Mapped[str] = mapped_column(String(10))  # 新增 / 修改 / 删除 / 导出
    field: Mapped[str] = mapped_column(String(50), default="")
    old: Mapped[str] = mapped_column(Text, default="")
    new: Mapped[str] = mapped_column(Text, default="")


class Setting(Base):
    """Settings that travel with the database (handed over to the next secretary)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
