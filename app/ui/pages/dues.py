"""党费: the year at a glance (members × months), the year's payments with 冲正, who is behind
(欠缴), bases and reductions, the finance office's sheet of bases, and the prints.

Recording a payment takes a few keys: type part of a name (or its pinyin initials) in 查找,
Enter opens 登记交费 for that member with the first unpaid month and its amount filled in, and
Enter again saves. Every figure comes from app.services.dues — the same functions as
`zhibu dues show` and `zhibu dues owed` — so the page and the command line agree.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QLineEdit, QSpinBox, QTabWidget, QVBoxLayout, QWidget,
)

from app.money import yuan
from app.services import dues, roster
from app.ui import messages, style
from app.ui.flow_layout import FlowLayout
from app.ui.pages import dues_print
from app.ui.pages.dues_panels import BehindPanel, PaymentsPanel, enter_opens
from app.ui.table_models.dues_models import LEGEND, DuesYearModel
from app.ui.widgets import button, heading, hint, table_view

# Each dialog's module is imported when the dialog is first opened: the page loads with the
# window at start-up, its dialogs need not (app/ui/app.py).

TABS = ("year", "payments", "behind")


def behind_tab(behind: int, flagged: int) -> str:
    """The 欠缴 tab's title: how many, and ▲ how many of them 6 months and more."""
    if flagged:
        return f"欠缴名单（{behind} 人，▲{flagged} 人满6个月）"
    return f"欠缴名单（{behind} 人）" if behind else "欠缴名单"
_YEAR_WIDTHS = (80, 86, 68) + (50,) * 12 + (74, 74, 68, 84)


class YearPanel(QWidget):
    """全年一览: every member who owes dues in the year, January to December, and the totals."""

    def __init__(self, ctx, page):
        super().__init__()
        self.ctx, self.page = ctx, page
        self.model = DuesYearModel(self)
        self.find = QLineEdit()
        self.find.setPlaceholderText("查找：姓名或 zjg")
        self.find.setToolTip("输入姓名或拼音首字母，找到的党员自动选中；按回车为他登记交费")
        self.find.setClearButtonEnabled(True)
        self.find.textChanged.connect(self._find)
        self.find.returnPressed.connect(self.record_payment)
        self.table = table_view(self.model)
        self.table.horizontalHeader().setStretchLastSection(False)
        enter_opens(self.table, self.record_payment)
        self.empty = hint("")
        self.pay_button = button("登记交费…", self.record_payment, primary=True,
                                 tip="为选中的党员登记一笔党费（一次交几个月也是一笔）")
        self.base_button = button("缴费基数…", self.set_base, tip="填写或更正选中党员本年度的缴费基数")
        self.carry_button = button("沿用上年基数", self.carry_forward,
                                   tip="没有本年度基数的党员，沿用上一年的基数（已有的不改）")
        # the find box, the actions and the legend on one flowing line above the grid (no row
        # of buttons below it): at 150 % on 1366 × 768 the grid keeps room for 8 members
        self.actions = actions = FlowLayout(spacing=style.px(8))
        self.action_widgets: list[QWidget] = []
        for w in (self.find, self.pay_button, button("收款记录", self.show_payments,
                                                     tip="选中党员本年度的每一笔收款，可冲正"),
                  self.base_button, button("减免…", self.add_reduction,
                                           tip="记下支部减免或免交党费的决定"),
                  button("导入基数…", self.import_bases,
                         tip="从财务科给的表格导入本年度基数（先预览，确认后才写入）")):
            actions.addWidget(w)
            self.action_widgets.append(w)
        self.legend = QLabel(LEGEND)
        self.legend.setProperty("role", "hint")
        actions.addWidget(self.legend)
        self.table.horizontalHeader().setToolTip(LEGEND)  # the legend when it has no room
        missing = QHBoxLayout()  # 沿用上年基数 beside the names it is for: no line of its own
        missing.addWidget(self.empty, 1)
        missing.addWidget(self.carry_button)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addLayout(missing)
        layout.addWidget(self.table, 1)
        self._size_columns()
        ctx.scale_changed.connect(lambda _s: self._size_columns())

    def _size_columns(self) -> None:
        """Rows as low as the type allows (✓ needs no 40 px) and little room around the
        controls, so at 150 % more members show; columns as wide as their words."""
        px = style.px
        self.layout().setSpacing(px(4))
        self.layout().setContentsMargins(px(4), px(4), px(4), px(2))
        self.actions.set_spacing(px(8))
        self.find.setFixedWidth(px(170))
        fm = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(fm.height() + px(2))
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(px(30))  # "12月" needs no more; Qt's default is wider
        for col, width in enumerate(_YEAR_WIDTHS):
            header.resizeSection(col, px(width))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """The legend only where it fits beside the buttons: a second line of it would cost
        the grid a member at 150 % (the marks are words, and the header's tooltip has it)."""
        super().resizeEvent(event)
        self._fit_legend()

    def _fit_legend(self) -> None:
        room = self.width() - style.px(8)
        gap = style.px(8)
        used = sum(w.sizeHint().width() + gap for w in self.action_widgets if not w.isHidden())
        self.legend.setVisible(used + self.legend.sizeHint().width() <= room)

    def refresh(self) -> None:
        year = self.page.year()
        chosen = self.selected()
        with self.ctx.db.session() as s:
            table = dues.dues_year(s, self.ctx.branch_id, year)
            kept = dues.keeps_dues(s, self.ctx.branch_id)
        self.model.set_year(table)
        self.page.show_totals(table)
        self.carry_button.setVisible(bool(table.without_base))
        self._fit_legend()
        if not table.rows:
            self.empty.setText(
                f"{year}年还没有党费记录。先填写缴费基数：点“导入基数…”导入财务科的表格，"
                f"或点“缴费基数…”逐人填写；然后就可以登记交费了。" if not kept else
                f"{year}年还没有要交党费的月份。")
        else:
            self.empty.setText(f"{len(table.without_base)} 人还没有{year}年的缴费基数："
                               + "、".join(table.without_base[:8])
                               + (" 等" if len(table.without_base) > 8 else "")
                               if table.without_base else "")
        self.empty.setVisible(bool(self.empty.text()))
        if self.model.rowCount():
            row = self.model.row_of(chosen)
            self.table.selectRow(row if row >= 0 else 0)

    def selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.member_id(rows[0].row()) if rows else None

    def select_member(self, member_id: int) -> bool:
        row = self.model.row_of(member_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        return row >= 0

    def _find(self, text: str) -> None:
        if not text.strip():
            return
        with self.ctx.db.session() as s:
            ids = roster.member_ids(s, roster.RosterFilter(
                branch_id=self.ctx.branch_id, statuses=(), text=text))
        wanted = set(ids)
        row = next((i for i, r in enumerate(self.model.items) if r.member_id in wanted), -1)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _need_member(self, what: str) -> int | None:
        member_id = self.selected()
        if member_id is None:
            messages.info(self, f"请先在表中点选一位党员，再点“{what}”。")
        return member_id

    # actions --------------------------------------------------------------------------------
    def record_payment(self) -> None:
        member_id = self._need_member("登记交费")
        if member_id is not None:
            self.page.record_payment(member_id)

    def show_payments(self) -> None:
        member_id = self._need_member("收款记录")
        if member_id is not None:
            self.page.payments.only(member_id)
            self.page.show_tab("payments")

    def set_base(self) -> None:
        from app.ui.dialogs.dues_dialogs import BaseDialog

        if BaseDialog(self.ctx, self.selected(), self.page.year(), self).exec():
            self.page.changed()

    def add_reduction(self) -> None:
        from app.ui.dialogs.dues_dialogs import ReductionDialog

        if ReductionDialog(self.ctx, self.selected(), self.page.year(), self).exec():
            self.page.changed()

    def carry_forward(self) -> None:
        year = self.page.year()
        if not messages.ask(self, f"没有{year}年缴费基数的党员，沿用他们上一次的基数吗？"
                                  f"已填写的不会改动，以后可以逐人更正。", yes="沿用上年基数"):
            return
        with self.ctx.db.session() as s:
            made = dues.carry_bases_forward(s, self.ctx.branch_id, year)
        self.page.changed()
        messages.info(self, f"已为 {made} 人沿用上年基数。" if made else
                      "没有可沿用的基数（这些党员以前也没有填写过），请逐人填写或导入。")

    def import_bases(self) -> None:
        from app.ui.dialogs.dues_import import open_bases_import

        open_bases_import(self.ctx, self.page, self.page.year())


class DuesPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.behind: list[dues.Behind] = []
        self.last_output = None
        self.year_box = QSpinBox()
        self.year_box.setRange(2000, date.today().year + 1)
        self.year_box.setValue(date.today().year)
        self.year_box.setSuffix(" 年")
        self.year_box.valueChanged.connect(lambda _y: self.refresh())
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.year_panel = YearPanel(ctx, self)
        self.payments = PaymentsPanel(ctx, self)
        self.behind_panel = BehindPanel(ctx, self)
        self.tabs = QTabWidget()
        for panel, title in ((self.year_panel, "全年一览"), (self.payments, "收款记录"),
                             (self.behind_panel, "欠缴名单")):
            self.tabs.addTab(panel, title)
        self.tabs.currentChanged.connect(lambda _i: self.tabs.currentWidget().refresh())
        # the year and the prints on one line, the year's figures in one line under it, the
        # 6-month flag in the tab's title: at 150 % the grid keeps the room for 8 members
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading("党费"))
        top.addWidget(QLabel("年度："))
        top.addWidget(self.year_box)
        top.addStretch(1)
        top.addWidget(button("打印登记表…", lambda: dues_print.preview_ledger(
            self, ctx, self.year()), tip="党费收缴登记表（A4 横向），可预览、打印、另存为 PDF"))
        top.addWidget(button("存为 Excel…", lambda: dues_print.save_ledger_xlsx(
            self, ctx, self.year()), tip="党费收缴登记表存为 Excel 表格（.xlsx）"))
        top.addWidget(button("打印公示…", lambda: dues_print.preview_ledger(
            self, ctx, self.year(), notice=True), tip="年度党费收缴情况公示，张贴在活动室"))
        layout.addLayout(top)
        layout.addWidget(self.totals)
        layout.addWidget(self.tabs, 1)
        self.apply_scale()
        ctx.scale_changed.connect(lambda _s: self.apply_scale())

    def apply_scale(self) -> None:
        """Buttons and fields as low as their words, little room between the lines (as the
        登记出勤 screen): the grid below keeps the height — at start and after a change of type
        size in 设置."""
        px = style.px
        self.setStyleSheet(f"QPushButton {{ min-height: {px(32)}px;"
                           f" padding: {px(3)}px {px(12)}px; }}"
                           f" QLineEdit, QSpinBox {{ min-height: {px(28)}px; }}"
                           f" QHeaderView::section {{ padding: {px(2)}px; }}")
        self.layout().setSpacing(px(4))
        self.layout().setContentsMargins(px(6), px(4), px(6), px(4))

    def year(self) -> int:
        return self.year_box.value()

    def refresh(self) -> None:
        if self.ctx.branch_id is None:
            self.totals.setText("还没有支部：请先在“党员花名册”导入名单。")
            return
        with self.ctx.db.session() as s:
            self.behind = dues.members_behind(s, self.ctx.branch_id)
        flagged = sum(b.flagged for b in self.behind)
        # the 6-month flag in the tab's own words, in red: no line of the page is spent on it
        self.tabs.setTabText(2, behind_tab(len(self.behind), flagged))
        self.tabs.tabBar().setTabTextColor(2, QColor("#a3150c" if flagged else "#1a1a1a"))
        self.tabs.setTabToolTip(2, "连续6个月未交纳党费，按规定支部需要处理" if flagged else
                                "连续3个月以上未交党费的党员")
        self.year_panel.refresh()  # the year's totals above the tabs come from it
        if self.tabs.currentWidget() is not self.year_panel:
            self.tabs.currentWidget().refresh()

    def show_totals(self, table: dues.DuesYear) -> None:
        owed, paid = table.owed_fen, table.paid_fen
        rate = f"{paid * 100 / owed:.1f}%" if owed else "—"
        upto = f"（截至{table.as_of.month}月{table.as_of.day}日）" if table.partial else ""
        self.totals.setText(f"{table.year}年{upto}：{len(table.rows)} 人，应交 {yuan(owed)} 元，"
                            f"实交 {yuan(paid)} 元，收缴率 {rate}")

    def changed(self) -> None:
        """After a change: every page refreshes when next shown, this one at once."""
        self.ctx.data_changed.emit()
        self.refresh()

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(key))

    def open_with(self, tab: str | None = None, member_id: int | None = None, **_kw) -> None:
        """ctx.navigate("dues", tab="behind") from the home page."""
        if tab in TABS:
            self.show_tab(tab)
        if member_id is not None:
            self.show_tab("year")
            self.year_panel.select_member(member_id)

    def record_payment(self, member_id: int, first: int | None = None, months: int = 1) -> bool:
        from app.ui.dialogs.dues_dialogs import PaymentDialog

        dialog = PaymentDialog(self.ctx, member_id, self.year(), self, first=first, months=months)
        if dialog.exec():
            self.changed()
            QTimer.singleShot(0, self.year_panel.find.clear)
            return True
        return False

