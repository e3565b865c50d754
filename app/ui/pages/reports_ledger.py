"""报表's 年终台账 box: choose the year, write its plan and summary, and make the year's ledger
book (支部工作台账) as a PDF or a workbook — through run_op, so the book is gathered and written
in the worker with one progress window, and the finished message offers the file or its folder.

Kept apart from reports.py (the quarter's figures); the page shows it in a tab of its own."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout

from app import file_names
from app.ui import files
from app.ui.operations import run_op
from app.ui.widgets import button, hint

_STEPS = ("基本情况", "党员名册", "组织生活", "党费", "奖惩", "发挥作用", "关怀帮扶", "谈心谈话",
          "综合材料", "写入文件")


class LedgerBookBox(QGroupBox):
    """The 年终台账 group; `show_done(text, path)` is the page's finished message."""

    def __init__(self, ctx, show_done):
        super().__init__("年终台账（支部工作台账）")
        self.ctx, self.show_done = ctx, show_done
        self.last_output: Path | None = None
        box = QVBoxLayout(self)
        box.addWidget(hint("把一年的工作按台账的九个部分装订成册：基本情况、党员名册、组织生活、党费、"
                           "奖惩、发挥作用、关怀帮扶、谈心谈话、综合材料，都从已登记的数据生成。"
                           "第九部分的年度工作计划和总结先在“编辑年度计划和总结…”里写好。"))
        row = QHBoxLayout()  # a child row: the window turns it into one that wraps
        box.addLayout(row)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        today = date.today()
        self.year.setValue(today.year if today.month == 12 else today.year - 1)
        self.year.setSuffix(" 年度")
        row.addWidget(QLabel("年度："))
        row.addWidget(self.year)
        self.notes_button = button("编辑年度计划和总结…", self.edit_notes,
                                   tip="第九部分“综合材料”里的年度工作计划和工作总结")
        self.pdf_button = button("生成台账（PDF）…", lambda: self.choose(".pdf"))
        self.xlsx_button = button("生成台账（Excel）…", lambda: self.choose(".xlsx"))
        for w in (self.notes_button, self.pdf_button, self.xlsx_button):
            row.addWidget(w)
        row.addStretch(1)

    def refresh(self) -> None:
        has_branch = self.ctx.branch_id is not None
        for w in (self.notes_button, self.pdf_button, self.xlsx_button):
            w.setEnabled(has_branch)

    def edit_notes(self) -> None:
        from app.ui.dialogs.year_notes_dialog import YearNotesDialog  # loaded when first opened

        YearNotesDialog(self.ctx, self.year.value(), self.window()).exec()

    def choose(self, suffix: str) -> None:
        year = self.year.value()
        kind = "PDF 文件 (*.pdf)" if suffix == ".pdf" else "Excel 工作簿 (*.xlsx)"
        path = files.save_file(self, self.ctx.prefs, file_names.LEDGER_BOOK, "保存支部工作台账",
                               file_names.ledger_book(files.branch_name(self.ctx), year, suffix),
                               kind)
        if path:
            self.write_to(Path(file_names.with_suffix(str(path), suffix)))

    def write_to(self, path: Path) -> None:
        from app.services.yearend.ledger_book import export_ledger_book

        db, branch_id, year = self.ctx.db, self.ctx.branch_id, self.year.value()

        def work(progress):
            def step(done: int, total: int) -> None:
                progress(done, total, f"正在整理：{_STEPS[min(done, len(_STEPS) - 1)]}…")

            with db.session() as s:
                return export_ledger_book(s, branch_id, year, path, progress=step)

        def done(result) -> None:
            self.last_output = Path(result["output"])
            pages = f"，共 {result['pages']} 页" if result["pages"] else ""
            self.show_done(f"{year}年度支部工作台账已生成{pages}：\n{result['output']}",
                           self.last_output)

        run_op(self, self.ctx, work, done, busy_text=f"正在生成{year}年度支部工作台账…",
               key="ledger-book")
