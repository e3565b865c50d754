"""自学资料: the catalogue, issuing, what still waits for the door, subscriptions, quiz returns.

Each tab is a panel in its own module; the page builds them, refreshes the one on screen, and
routes "发放这份资料" from the catalogue to the issuing tab.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.services import materials as mat
from app.ui.pages.materials_catalogue import CataloguePanel
from app.ui.pages.materials_issue import IssuePanel
from app.ui.pages.materials_pending import PendingPanel
from app.ui.pages.materials_quiz import QuizPanel
from app.ui.pages.materials_subscriptions import SubscriptionPanel
from app.ui.widgets import heading

TABS = ("catalogue", "issue", "pending", "subscriptions", "quiz")


class MaterialsPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.catalogue = CataloguePanel(ctx, on_issue=self.issue_material)
        self.issuing = IssuePanel(ctx)
        self.pending = PendingPanel(ctx)
        self.subscriptions = SubscriptionPanel(ctx)
        self.quiz = QuizPanel(ctx)
        self.tabs = QTabWidget()
        for panel, title in ((self.catalogue, "资料目录"), (self.issuing, "发放"),
                             (self.pending, "待送达"), (self.subscriptions, "订阅"),
                             (self.quiz, "试题回收")):
            self.tabs.addTab(panel, title)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.pending_label = QLabel()
        self.pending_label.setStyleSheet("font-weight: bold; color: #8c1d18;")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading("自学资料"))
        top.addStretch(1)
        top.addWidget(self.pending_label)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        """Refresh the tab on screen (the others refresh when they are shown)."""
        with self.ctx.db.session() as s:
            count = mat.pending_count(s, self.ctx.branch_id)
        self.pending_label.setText(f"● 待送达 {count} 份" if count else "资料均已送达")
        self.tabs.setTabText(2, f"待送达（{count}）" if count else "待送达")
        self.tabs.currentWidget().refresh()

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(key))

    def issue_material(self, material_id: int) -> None:
        self.show_tab("issue")
        self.issuing.choose_material(material_id)

    def open_with(self, tab: str | None = None, member_id: int | None = None,
                  material_id: int | None = None, **_kw) -> None:
        """ctx.navigate("materials", tab="pending", member_id=…) from the home page or care."""
        if material_id is not None:
            self.issue_material(material_id)
        elif tab in TABS:
            self.show_tab(tab)
        if member_id is not None:
            self.show_tab("pending")
            self.pending.open_member(member_id)
