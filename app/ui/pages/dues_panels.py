"""The 党费 page's 收款记录 and 欠缴名单 tabs: the year's payments with 冲正, and who is behind
(3 months and more, ▲ from 6). The page (app/ui/pages/dues.py) hosts them beside its year grid."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.services import dues
from app.ui import messages
from app.ui.table_models.dues_models import BehindModel, PaymentsModel
from app.ui.widgets import button, table_view
from app.vocab import DUES_BEHIND_MONTHS, DUES_FLAG_MONTHS


def enter_opens(table, slot) -> None:
    """Enter on a table row does what a double-click does (one window, never two: Qt also
    emits `activated` from a double-click, so only doubleClicked and this shortcut are used)."""
    table.doubleClicked.connect(lambda _i: slot())
    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        QShortcut(QKeySequence(key), table, slot, context=Qt.ShortcutContext.WidgetShortcut)


class PaymentsPanel(QWidget):
    """收款记录: the year's payments, the latest first; 冲正 of the one selected."""

    def __init__(self, ctx, page):
        super().__init__()
        self.ctx, self.page = ctx, page
        self.member_id: int | None = None
        self.model = PaymentsModel(self)
        self.table = table_view(self.model, (70, 110, 86, 170, 96, 110, 86))
        self.which = QLabel()
        self.all_button = button("显示全部党员", lambda: self.only(None))
        top = QHBoxLayout()
        top.addWidget(self.which, 1)
        top.addWidget(self.all_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        actions.addWidget(button("冲正所选…", self.reverse,
                                 tip="登记错了的收款用冲正抵消，原记录保留"))
        actions.addStretch(1)
        layout.addLayout(actions)

    def only(self, member_id: int | None) -> None:
        self.member_id = member_id
        self.refresh()

    def refresh(self) -> None:
        year = self.page.year()
        with self.ctx.db.session() as s:
            rows = (dues.payments_of(s, self.member_id, year) if self.member_id is not None
                    else dues.payments_in_year(s, self.ctx.branch_id, year))
        self.model.set_payments(rows)
        who = rows[0].name if rows and self.member_id is not None else ""
        self.which.setText(f"{year}年{who or ('选中党员' if self.member_id else '全部党员')}的收款记录"
                           f"共 {len(rows)} 笔（灰色的已冲正或是冲正记录）")
        self.all_button.setVisible(self.member_id is not None)
        if self.model.rowCount():
            self.table.selectRow(0)

    def reverse(self) -> None:
        from app.ui.dialogs.dues_dialogs import ReverseDialog

        rows = self.table.selectionModel().selectedRows()
        p = self.model.item(rows[0].row()) if rows else None
        if p is None:
            messages.info(self, "请先在表中点选要冲正的那一笔收款。")
            return
        if not p.in_force:
            messages.info(self, f"收款记录第 {p.id} 号已经冲正过，或本身就是冲正记录，不能再冲正。")
            return
        if ReverseDialog(self.ctx, p.id, self).exec():
            self.page.changed()


class BehindPanel(QWidget):
    """欠缴名单: 3 months or more unpaid in a row up to today; 6 or more marked ▲ in words."""

    def __init__(self, ctx, page):
        super().__init__()
        self.ctx, self.page = ctx, page
        self.model = BehindModel(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        self.table = table_view(self.model, (220, 90, 130, 100, 110, 110))
        enter_opens(self.table, self.record_payment)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        actions.addWidget(button("补交登记…", self.record_payment, primary=True,
                                 tip="为选中的党员登记补交（月份和金额已按欠交填好）"))
        actions.addWidget(button("在全年一览中查看", self.show_in_year))
        actions.addStretch(1)
        layout.addLayout(actions)

    def refresh(self) -> None:
        rows = self.page.behind
        self.model.set_behind(rows)
        flagged = sum(b.flagged for b in rows)
        self.summary.setText(
            f"截至今天，连续 {DUES_BEHIND_MONTHS} 个月以上未交党费 {len(rows)} 人；其中连续 "
            f"{DUES_FLAG_MONTHS} 个月以上 {flagged} 人（标 ▲，按规定支部需要处理）。" if rows else
            f"截至今天，没有连续 {DUES_BEHIND_MONTHS} 个月以上未交党费的党员。")
        if self.model.rowCount():
            self.table.selectRow(0)

    def _chosen(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def record_payment(self) -> None:
        b = self._chosen()
        if b is None:
            messages.info(self, "请先在表中点选一位党员。")
            return
        self.page.record_payment(b.member_id, first=b.first, months=b.months)

    def show_in_year(self) -> None:
        b = self._chosen()
        if b is not None:
            self.page.show_tab("year")
            self.page.year_panel.select_member(b.member_id)
