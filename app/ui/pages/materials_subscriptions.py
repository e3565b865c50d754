"""订阅: who takes which periodical this year — a tick per member per periodical, saved at once."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QInputDialog, QLabel, QLineEdit, QSpinBox,
    QTableView, QVBoxLayout, QWidget,
)

from app.errors import UserError
from app.services import subscriptions as subs
from app.ui.pages.materials_pending import tick_style
from app.ui import messages, style
from app.ui.table_models.subscription_model import FIXED, SubscriptionTableModel
from app.ui.widgets import button, hint


class SubscriptionPanel(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.extra: list[str] = []  # periodicals added here but not yet subscribed by anyone
        self.model = SubscriptionTableModel(ctx.db, self)
        self.year = QSpinBox()
        self.year.setRange(2000, date.today().year + 1)
        self.year.setValue(date.today().year)
        self.year.setSuffix(" 年度")
        self.year.valueChanged.connect(self.refresh)
        self.search = QLineEdit()
        self.search.setPlaceholderText("查找党员（姓名或拼音首字母）")
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(style.px(40))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setAlternatingRowColors(True)
        self.table.clicked.connect(self._clicked)
        self.table.setStyleSheet(tick_style())
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.year)
        top.addWidget(self.search, 1)
        layout.addLayout(top)
        layout.addWidget(hint("点一下格子即可订阅或取消，马上保存。发放期刊时可选“某刊物订阅者”。"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.counts)
        actions = QHBoxLayout()
        actions.addWidget(button("新增刊物…", self.add_periodical))
        actions.addWidget(button("从上一年复制订阅", self.copy_last_year,
                                 tip="把上一年度的订阅带到本年度（已去世、转出的人除外）"))
        actions.addStretch(1)
        layout.addLayout(actions)

    def refresh(self) -> None:
        self.model.reload(self.ctx.branch_id, self.year.value(), self.search.text(), self.extra)
        header = self.table.horizontalHeader()
        header.resizeSection(0, style.px(120))
        header.resizeSection(1, style.px(140))
        for col in range(len(FIXED), self.model.columnCount()):
            header.resizeSection(col, style.px(110))
        header.setStretchLastSection(False)
        self._show_counts()

    def _show_counts(self) -> None:
        with self.ctx.db.session() as s:
            counts = subs.subscriber_counts(s, self.ctx.branch_id, self.year.value())
        parts = [f"{name} {counts.get(name, 0)} 人" for name in self.model.periodicals]
        self.counts.setText(f"{self.year.value()} 年度订阅：" + "，".join(parts))

    def _clicked(self, index) -> None:
        try:
            self.model.toggle(index.row(), index.column())
        except UserError as exc:
            messages.error(self, str(exc))
            return
        self._show_counts()
        self.ctx.data_changed.emit()

    def add_periodical(self) -> None:
        name, ok = QInputDialog.getText(self, "新增刊物", "刊物名称（如 中国老年报）：")
        if not ok:
            return
        try:
            name = subs.clean_periodical(name)
        except UserError as exc:
            messages.error(self, str(exc))
            return
        if name not in self.extra:
            self.extra.append(name)
        self.refresh()

    def copy_last_year(self) -> None:
        year = self.year.value()
        if not messages.ask(self, f"把 {year - 1} 年度的订阅复制到 {year} 年度？\n"
                                  f"本年度已有的订阅保持不变。", yes="复制"):
            return
        with self.ctx.db.session() as s:
            added = subs.copy_year(s, self.ctx.branch_id, year - 1, year)
        self.refresh()
        self.ctx.data_changed.emit()
        messages.info(self, f"已复制 {added} 条订阅。")
