"""The appraisal's prints from the 民主评议 tab: the 测评票 or the 统计表 made in the background
by the same functions `zhibu appraisal ballots` / `tally -o` call, then shown in the one print
preview (打印 / 另存为)."""

from __future__ import annotations

from app import file_names
from app.services.orglife import appraisal_print
from app.ui import files
from app.ui.dialogs.pdf_preview import PdfPreviewDialog
from app.ui.operations import run_op


def print_appraisal_form(parent, ctx, year: int, ballot: bool) -> None:
    branch, branch_id = files.branch_name(ctx), ctx.branch_id
    name = (file_names.appraisal_ballot if ballot else file_names.appraisal_tally)(branch, year)
    path = files.private_temp_dir() / name
    title = "民主评议测评票" if ballot else "民主评议统计表"
    write = appraisal_print.print_ballots if ballot else appraisal_print.print_tally

    def work(progress):
        progress(0, 0, f"正在生成{title}…")
        with ctx.db.session() as s:
            return write(s, branch_id, year, path)

    def show(result: dict) -> PdfPreviewDialog:
        dialog = PdfPreviewDialog(path, title, f"{year}年度{title}：{result['members']} 人，"
                                               f"共 {result['pages']} 页", parent)
        dialog.offer_save_as(ctx.prefs, file_names.PRINTOUT, name)
        dialog.exec()
        return dialog

    run_op(parent, ctx, work, show, key="appraisal-print", busy_text=f"正在生成{title}…")
