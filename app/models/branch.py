"""A party branch (支部). One install can hold several, e.g. a township service station's."""

from datetime import datetime

from sqlalchemy import String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class Branch(Base):
    __tablename__ = "branch"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    township: Mapped[str] = mapped_column(String(100), default="")
    secretary: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    study_day: Mapped[int] = mapped_column(default=5)  # 集中学习日: day of the month
    created_at: Mapped[datetime] = mapped_column(default=now)
    # 走访路线顺序: the villages/communities in the order the secretary walks them, one a line;
    # villages not listed follow in pinyin order; NULL: all in pinyin order
    # (app/services/route_order.py)
    route_order: Mapped[str | None] = mapped_column(Text)
    # 党费 monthly amount: 分 (half-up to 1 分, the default), 角 or 元 (rounded up to it)
    dues_rounding: Mapped[str] = mapped_column(String(2), default="分", server_default=text("'分'"))
    # 组织生活 (spec/org-life.md): the meeting kinds this branch does not hold, one a line (no
    # 党小组 → 党小组会); and whether its 集中学习日 counts as the month's 主题党日 (usually so)
    kinds_not_held: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
    study_day_theme_day: Mapped[bool] = mapped_column(default=True, server_default=text("1"))
    # the ledger book's part 1 (spec/year-end.md): the room the branch meets and studies in, and
    # its 学习点 (study points in villages or homes), one a line
    activity_room: Mapped[str] = mapped_column(String(100), default="", server_default=text("''"))
    study_points: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))
