"""组织生活: a thin host of tabs, one module each — 会议记录 (app/ui/pages/orglife_meetings.py);
talks, the committee and the annual appraisal join as tabs of their own.

A tab is a QWidget built with `(ctx)` that has `refresh()`; the page builds each from TABS,
refreshes the one on screen, and opens one by its key (`ctx.navigate("orglife", tab=…)`).
"""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.ui import style
from app.ui.widgets import heading

# (key, tab title, "module:Class"), in the order shown
TABS = [
    ("meetings", "会议记录", "app.ui.pages.orglife_meetings:MeetingsPanel"),
    ("talks", "谈心谈话", "app.ui.pages.orglife_talks:TalksTab"),
    ("committee", "支委会", "app.ui.pages.orglife_committee:CommitteeTab"),
    ("quorum", "表决人数", "app.ui.pages.orglife_quorum:QuorumTab"),
    ("appraisal", "民主评议", "app.ui.pages.orglife_appraisal:AppraisalTab"),
    ("rectify", "整改清单", "app.ui.pages.orglife_rectify:RectifyTab"),
]


class OrgLifePage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.tabs = QTabWidget()
        self.panels: dict[str, QWidget] = {}
        for key, title, target in TABS:
            module_name, class_name = target.split(":")
            panel = getattr(importlib.import_module(module_name), class_name)(ctx)
            self.panels[key] = panel
            self.tabs.addTab(panel, title)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.px(6), style.px(4), style.px(6), style.px(4))
        layout.addWidget(heading("组织生活"))
        layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        """Refresh the tab on screen (the others refresh when they are shown)."""
        if self.ctx.branch_id is None:
            return
        self.tabs.currentWidget().refresh()

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentWidget(self.panels[key])

    def open_with(self, tab: str | None = None, **_kw) -> None:
        """ctx.navigate("orglife", tab="meetings") from the home page."""
        if tab in self.panels:
            self.show_tab(tab)
        if tab == "talks":  # from the home page's count: the ones not yet talked with
            self.panels["talks"].show_missing()
