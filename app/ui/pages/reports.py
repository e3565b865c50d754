"""报表: the quarter's figures on screen, the quarterly workbook and the township roll-up in one
tab, the year's ledger book in the other (its box: reports_ledger.py).

The secretary sees the figures before exporting (the same `quarter_figures` the workbook uses),
so what goes upward is never a surprise. Writing runs through `run_op` (its progress window,
one export at a time); the finished message offers to open the file or its folder.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QGroupBox, QHBoxLayout, QHeaderView,
    QLabel, QSpinBox, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout,
    QWidget,
)

from app import file_names
from app.dates import cn, last_complete_quarter, quarter_bounds
from app.errors import InputError
from app.services import roster
from app.services.quarter_figures import quarter_figures
from app.quarter_labels import LABELS, shown
from app.services.quarterly import report_period
from app.ui import files, messages, style
from app.ui.operations import run_op
from app.ui.pages.reports_ledger import LedgerBookBox
from app.ui.widgets import button, heading, hint


TABS = ("quarter", "ledger")  # navigate("reports", tab="ledger") opens the year's book


def show_value(label: str, value) -> str:
    return shown(label, value)


class ReportsPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.last_output: Path | None = None
        quarter_tab = self._quarter_tab()
        # the year's book in a tab of its own: below the quarter's figures it left them three
        # rows at 150 % and its buttons under the screen's edge
        self.ledger = LedgerBookBox(ctx, self.show_done)
        ledger_tab = QWidget()
        ledger_layout = QVBoxLayout(ledger_tab)
        ledger_layout.addWidget(self.ledger)
        ledger_layout.addStretch(1)
        self.tabs = QTabWidget()
        self.tabs.addTab(quarter_tab, "季度报表")
        self.tabs.addTab(ledger_tab, "年终台账")
        page = QVBoxLayout(self)
        page.addWidget(heading("报表"))
        page.addWidget(self.tabs, 1)
        self.refresh()

    def _quarter_tab(self) -> QWidget:
        """The quarter to report, the three ways to write it, and its figures on screen."""
        year, quarter = last_complete_quarter(date.today())
        quarter_tab = QWidget()
        layout = QVBoxLayout(quarter_tab)
        layout.addWidget(hint("选好季度，先核对下面的数字，再生成季度报表交给上级。"
                              "乡镇、街道汇总时，把各支部交来的报表文件一起选上即可。"))
        pick = QHBoxLayout()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.year.setSuffix(" 年")
        self.quarter = QComboBox()
        for q in (1, 2, 3, 4):
            self.quarter.addItem(f"第 {q} 季度", q)
        self.quarter.setCurrentIndex(quarter - 1)
        self.year.valueChanged.connect(self.refresh)
        self.quarter.currentIndexChanged.connect(self.refresh)
        self.full_id = QCheckBox("写出全部身份证号（默认中间部分隐藏）")
        self.full_id.toggled.connect(self._full_id_toggled)
        for w in (QLabel("季度："), self.year, self.quarter, self.full_id):
            pick.addWidget(w)
        pick.addStretch(1)
        layout.addLayout(pick)
        actions = QHBoxLayout()
        self.export_button = button("生成季度报表…", self.choose_export, primary=True)
        self.merge_button = button("汇总多个支部报表…", self.choose_merge)
        # a township or county office keeping every branch in this database: the roll-up
        # straight from the data, without each branch's file (shown only when there are several)
        self.all_button = button("全部支部合成一个报表…", self.choose_export_all)
        actions.addWidget(self.export_button)
        actions.addWidget(self.all_button)
        actions.addWidget(self.merge_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        group = QGroupBox("本季度数字（与报表“汇总”表相同）")
        box = QVBoxLayout(group)
        self.period = QLabel()
        box.addWidget(self.period)
        self.table = QTableWidget(len(LABELS), 2)
        self.table.setHorizontalHeaderLabels(["项目", "数值"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, style.px(140))
        self.table.setMinimumWidth(style.px(420))
        box.addWidget(self.table)
        layout.addWidget(group, 1)
        return quarter_tab

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(key))

    def open_with(self, tab: str | None = None, **_kw) -> None:
        if tab in TABS:
            self.show_tab(tab)

    # the figures on screen -----------------------------------------------------------
    def selected(self) -> tuple[int, int]:
        return self.year.value(), int(self.quarter.currentData())

    def refresh(self) -> None:
        year, quarter = self.selected()
        with self.ctx.db.session() as s:
            self.branch_count = len(roster.branches(s))
        self.all_button.setVisible(self.branch_count > 1)
        self.all_button.setText(f"全部 {self.branch_count} 个支部合成一个报表…")
        self.ledger.refresh()
        if self.ctx.branch_id is None:
            self.period.setText("还没有支部：请先在“党员花名册”导入名单。")
            self.export_button.setEnabled(False)
            return
        today = date.today()
        try:
            start, upto = report_period(year, quarter, today)
        except InputError as exc:  # a quarter not begun: nothing to count or to export
            self.period.setText(str(exc))
            self.table.clearContents()
            for button_ in (self.export_button, self.all_button):
                button_.setEnabled(False)
            return
        for button_ in (self.export_button, self.all_button):
            button_.setEnabled(True)
        with self.ctx.db.session() as s:
            figures = quarter_figures(s, self.ctx.branch_id, start, upto)
        note = f"（季度尚未结束，截至{cn(upto)}）" if upto < quarter_bounds(year, quarter)[1] else ""
        self.period.setText(f"{year}年第{quarter}季度：{cn(start)}至{cn(upto)}{note}")
        for row, (label, value) in enumerate(figures.items()):
            self.table.setItem(row, 0, QTableWidgetItem(label))
            self.table.setItem(row, 1, QTableWidgetItem(show_value(label, value)))

    def _begun(self) -> bool:
        """Say so, and stop, when the chosen quarter has not begun (nothing to report yet)."""
        try:
            report_period(*self.selected(), date.today())
        except InputError as exc:
            messages.error(self, str(exc))
            return False
        return True

    def _full_id_toggled(self, checked: bool) -> None:
        if checked and not messages.ask(
            self, "完整的身份证号属于个人信息。报表文件若被转发，别人就能看到全部号码。\n"
                  "确定要写出全部身份证号吗？", yes="写出全部号码", no="仍然隐藏"):
            self.full_id.setChecked(False)

    # export ----------------------------------------------------------------------------
    def choose_export(self) -> None:
        if not self._begun():
            return
        year, quarter = self.selected()
        name = file_names.quarter_workbook(files.branch_name(self.ctx), year, quarter)
        path = files.save_file(self, self.ctx.prefs, file_names.QUARTER_WORKBOOK, "保存季度报表",
                               name, "Excel 工作簿 (*.xlsx)")
        if path:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        # late, here and below: the use cases load the workbook writers, which the window's
        # start-up does not need
        from app.services.quarterly import export_quarter

        year, quarter = self.selected()
        db, branch_id, full = self.ctx.db, self.ctx.branch_id, self.full_id.isChecked()
        authority = self.ctx.prefs.form_authority.strip() or None  # 制表机关 (设置)

        def work(progress):
            def step(done: int, total: int) -> None:
                progress(done, total, "正在统计…" if done == 0 else "正在写入文件…")

            with db.session() as s:
                export_quarter(s, branch_id, year, quarter, path, full_id=full,
                               authority=authority, progress=step)
            return path

        self._start(work, "季度报表已生成", "正在生成季度报表…")

    def choose_export_all(self) -> None:
        if not self._begun():
            return
        year, quarter = self.selected()
        path = files.save_file(self, self.ctx.prefs, file_names.ALL_BRANCHES_WORKBOOK,
                               "保存全部支部的季度报表",
                               file_names.all_branches_workbook(year, quarter),
                               "Excel 工作簿 (*.xlsx)")
        if path:
            self.export_all_to(path)

    def export_all_to(self, path: Path) -> None:
        """Every branch of this database in one workbook: 汇总 with a row per branch and 合计,
        then each branch's sheets — what 汇总多个支部报表 makes from their files."""
        from app.services.township import export_all_branches

        year, quarter = self.selected()
        db, full, maker = self.ctx.db, self.full_id.isChecked(), self.ctx.prefs.user_name

        def work(progress):
            def each(done: int, total: int) -> None:
                progress(done, total, "正在统计各支部…")

            with db.session() as s:
                return export_all_branches(s, year, quarter, path, full_id=full, progress=each,
                                           maker=maker)

        self._start(work, f"全部 {self.branch_count} 个支部的季度报表已合成一个文件",
                    "正在合成全部支部的报表…")

    # merge -----------------------------------------------------------------------------
    def choose_merge(self) -> None:
        chosen = files.open_files(self, self.ctx.prefs, file_names.QUARTER_SOURCES,
                                  "选择各支部的季度报表（县里汇总时，选各乡镇的汇总表）",
                                  "Excel 工作簿 (*.xlsx)")
        if not chosen:
            return
        year, quarter = self.selected()
        out = files.save_file(self, self.ctx.prefs, file_names.SUMMARY_WORKBOOK, "保存汇总表",
                              file_names.summary_workbook(year, quarter, date.today()),
                              "Excel 工作簿 (*.xlsx)")
        if out:
            self.merge_to(chosen, out)

    def merge_to(self, files: list[Path], out: Path) -> None:
        from app.services.township import merge_quarters

        maker = self.ctx.prefs.user_name

        def work(progress):
            merge_quarters(files, out, maker=maker,
                           progress=lambda done, total: progress(done, total, "正在汇总…"))
            return out

        self._start(work, f"已汇总 {len(files)} 个支部的报表", "正在汇总各支部的报表…")

    # worker plumbing -------------------------------------------------------------------
    def _start(self, work, done_text: str, busy_text: str) -> None:
        """One export at a time: a second press while one runs is ignored (one key)."""
        def on_done(path) -> None:
            self.last_output = Path(path)
            self.show_done(f"{done_text}：\n{path}", Path(path))

        run_op(self, self.ctx, work, on_done, busy_text=busy_text, key="quarterly-report")

    def show_done(self, text: str, path: Path) -> None:
        """The finished message, with buttons to open the file or the folder holding it."""
        answer = messages.choose(self, text, [("打开文件", "file"), ("打开所在文件夹", "folder")],
                                 cancel="关闭", title="完成", question=False)
        if answer == "file":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif answer == "folder":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
