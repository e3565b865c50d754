"""The 党费 page's prints: the 党费收缴登记表 previewed (打印 / 另存为) or saved as .xlsx, and the
annual 公示 previewed — each made in the background by `printing.export_ledger`, the function
`zhibu dues ledger` calls."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from app import file_names
from app.services.dues.printing import export_ledger
from app.ui import files, messages
from app.ui.dialogs.pdf_preview import PdfPreviewDialog
from app.ui.operations import run_op


def _work(ctx, year: int, path: Path, notice: bool):
    db, branch_id = ctx.db, ctx.branch_id

    def work(progress):
        progress(0, 0, "正在生成…")
        with db.session() as s:
            return export_ledger(s, branch_id, year, path, notice=notice)

    return work


def preview_ledger(parent, ctx, year: int, notice: bool = False) -> None:
    """打印登记表 / 打印公示: the PDF in the program's private folder, then the one preview."""
    branch = files.branch_name(ctx)
    name = file_names.dues_notice(branch, year) if notice else file_names.dues_ledger(branch, year)
    stamp = f"{datetime.now():%H%M%S}-"
    path = files.private_temp_dir() / (stamp + name)
    title = "党费收缴情况公示" if notice else "党费收缴登记表"

    def show(result: dict) -> PdfPreviewDialog:
        upto = "" if result["as_of"].endswith("12-31") else f"（截至{result['as_of']}）"
        dialog = PdfPreviewDialog(path, title, f"{year}年{title}{upto}：{result['members']} 人，"
                                               f"共 {result['pages']} 页", parent)
        dialog.offer_save_as(ctx.prefs, file_names.DUES_LEDGER, name)
        dialog.exec()
        return dialog

    run_op(parent, ctx, _work(ctx, year, path, notice), show, key="dues-print",
           busy_text=f"正在生成{title}…")


def save_ledger_xlsx(parent, ctx, year: int, path: Path | None = None) -> None:
    """登记表存为 Excel: where to save (a name saying whose and which year), then the file."""
    if path is None:
        path = files.save_file(parent, ctx.prefs, file_names.DUES_LEDGER, "保存党费收缴登记表",
                               file_names.dues_ledger(files.branch_name(ctx), year, ".xlsx"),
                               "Excel 工作簿 (*.xlsx)")
    if path is None:
        return

    def done(result: dict) -> None:
        parent.last_output = Path(result["output"])
        answer = messages.choose(parent, f"{year}年党费收缴登记表已保存（{result['members']} 人）：\n"
                                         f"{result['output']}",
                                 [("打开文件", "file"), ("打开所在文件夹", "folder")],
                                 cancel="关闭", title="完成", question=False)
        if answer == "file":
            QDesktopServices.openUrl(QUrl.fromLocalFile(result["output"]))
        elif answer == "folder":
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(result["output"]).parent)))

    run_op(parent, ctx, _work(ctx, year, Path(path), False), done, key="dues-print",
           busy_text="正在保存党费收缴登记表…")
