"""The member dialog's 评先评优 tab: this member's honours and contest entries over the years,
the latest first, and whether they were recommended to the city's 十佳学习型老干部."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from app.services.yearend.honour_figures import (
    entries_of_member, honours_of_member, recommendations_of_member,
)
from app.ui.table_models.honours_models import MemberEntriesModel, MemberHonoursModel
from app.ui.widgets import table_view
from app.vocab import CITY_TOP_TEN, STUDY_MODEL


class MemberHonoursTab(QWidget):
    def __init__(self, ctx, member_id: int):
        super().__init__()
        self.ctx, self.member_id = ctx, member_id
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.honours = MemberHonoursModel(self)
        self.entries = MemberEntriesModel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("荣誉"))
        layout.addWidget(table_view(self.honours, (80, 160, 80, 170, 110)), 1)
        layout.addWidget(QLabel("参加竞赛活动"))
        layout.addWidget(table_view(self.entries, (80, 230, 90, 170, 80)), 1)
        self.reload()

    def reload(self) -> None:
        with self.ctx.db.session() as s:
            honours = honours_of_member(s, self.member_id)
            entries = entries_of_member(s, self.member_id)
            recommended = recommendations_of_member(s, self.member_id)
        self.honours.set_honours(honours)
        self.entries.set_entries(entries)
        models = sorted({h.year for h in honours if h.name == STUDY_MODEL})
        parts = [f"荣誉 {len(honours)} 项", f"参加竞赛活动 {len(entries)} 次"]
        if models:
            parts.append("学习先进：" + "、".join(f"{y}年" for y in models))
        if recommended:
            parts.append(f"推荐参评市“{CITY_TOP_TEN}”：" + "、".join(
                f"{y}年（{outcome}）" for y, outcome in recommended))
        self.summary.setText("；".join(parts) + "。")
