"""导入缴费基数 from the 党费 page: the roster import's way, simpler.

Choose the finance office's sheet → it is read and checked in the background (nothing written)
→ a preview: what will be added or changed and which rows are skipped, with the Excel row number
and the reason → 确认导入 → the bases written in the background (after a backup) → the page
refreshes. A file that cannot be used at all gets a plain message; nothing changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLabel

from app import file_names
from app.services.dues.bases_import import BasesReport, import_bases
from app.ui import files, messages
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.dialogs.import_dialog import FILE_FILTER, ReportTableModel
from app.ui.operations import run_op
from app.ui.widgets import hint, table_view

PREVIEW_HEADERS = ("行号", "姓名", "结果", "说明")


def preview_rows(report: BasesReport) -> list[tuple]:
    """The changes and the skipped rows together, in the file's row order."""
    rows = [(c.row, c.name, c.action, "；".join(c.fields)) for c in report.changes]
    rows += [(s.row, "", "✖ 跳过", s.reason + (f"（{s.detail}）" if s.detail else ""))
             for s in report.skipped]
    return sorted(rows, key=lambda r: r[0])


class BasesPreviewDialog(FormDialog):
    """What the import will do, row by row, before anything is written; closing asks nothing."""

    asks_to_save = False

    def __init__(self, report: BasesReport, parent=None):
        super().__init__(parent, f"导入{report.year}年缴费基数 — 请先核对", scroll=False)
        self.report = report
        summary = QLabel(report.summary())
        summary.setWordWrap(True)
        summary.setStyleSheet("font-weight: bold;")
        self.model = ReportTableModel(PREVIEW_HEADERS, preview_rows(report), self)
        self.table = table_view(self.model, (70, 110, 90))
        self.body_layout.addWidget(summary)
        self.body_layout.addWidget(self.table, 1)
        self.add_footer(hint("确认导入前会自动备份数据库。跳过的行可以在表格中改正后再导入一次，"
                             "已导入的不会重复。"))
        self.add_cancel("取消，不导入")
        something = report.added + report.updated
        self.confirm_button = self.add_button(
            f"确认导入（新增 {report.added} 人，更新 {report.updated} 人）" if something
            else "没有需要导入的内容", self.accept, primary=True)
        self.confirm_button.setEnabled(bool(something))
        self.want_size(900, 600)


class BasesImportFlow:
    """One import of bases; kept by the page so tests can follow each step."""

    def __init__(self, ctx, parent, year: int):
        self.ctx, self.parent, self.year = ctx, parent, year
        self.path: Path | None = None
        self.dialog: BasesPreviewDialog | None = None
        self.result: BasesReport | None = None

    def choose(self) -> bool:
        self.path = files.open_file(self.parent, self.ctx.prefs, file_names.DUES_BASES,
                                    f"选择{self.year}年缴费基数表（财务科的表格）", FILE_FILTER)
        return self.path is not None

    def _start(self, dry_run: bool, on_done) -> None:
        path, branch_id, db, year = self.path, self.ctx.branch_id, self.ctx.db, self.year

        def work(_progress):
            with db.session() as s:
                return import_bases(s, path, branch_id, year, dry_run=dry_run)

        run_op(self.parent, self.ctx, work, on_done, key="dues-bases-import",
               busy_text="正在读取缴费基数表…" if dry_run else "正在导入缴费基数…")

    def preview(self) -> None:
        self._start(True, self._show)

    def _show(self, report: BasesReport) -> None:
        self.dialog = BasesPreviewDialog(report, self.parent)
        self.dialog.finished.connect(self.dialog.deleteLater)  # shown with open(), not exec()
        self.dialog.accepted.connect(self.confirm)
        self.dialog.open()

    def confirm(self) -> None:
        self._start(False, self._done)

    def _done(self, report: BasesReport) -> None:
        self.result = report
        self.ctx.data_changed.emit()
        text = (f"{report.year}年缴费基数导入完成：新增 {report.added} 人，更新 {report.updated} 人，"
                f"无变化 {report.unchanged} 人，跳过 {len(report.skipped)} 行。")
        if report.backup:
            text += f"\n导入前的数据已备份：{report.backup}"
        messages.info(self.parent, text, title="导入完成")


def open_bases_import(ctx, parent, year: int) -> BasesImportFlow | None:
    """The 党费 page's 导入基数… button (the finance office's sheet of bases)."""
    flow = BasesImportFlow(ctx, parent, year)
    if not flow.choose():
        return None
    parent._bases_flow = flow  # kept alive while the background work runs
    flow.preview()
    return flow
