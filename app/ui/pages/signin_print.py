"""打印签到表: made in the background, shown in the one print preview — from the event list
and from the attendance panel alike."""

from __future__ import annotations

from app import file_names
from app.dates import fmt
from app.services import study
from app.ui import files
from app.ui.dialogs.pdf_preview import PdfPreviewDialog
from app.ui.operations import run_op


def print_signin_sheet(parent, ctx, event_id: int) -> None:
    """Make the 签到表 PDF in the background (in the program's private temporary folder), then
    show it in the one print preview, where 打印 and 另存为 are."""
    with ctx.db.session() as s:
        e = study.event_row(s, event_id)
    name = file_names.signin_sheet(files.branch_name(ctx), e.date, e.kind)
    path = files.private_temp_dir() / name

    def work(progress):
        progress(0, 0, "正在生成签到表…")
        with ctx.db.session() as s:
            return study.print_signin(s, event_id, path)

    def show(pages: int) -> PdfPreviewDialog:
        state = "（本次活动已取消，表上印有“已取消”）" if e.cancelled else ""
        dialog = PdfPreviewDialog(path, "签到表", f"{fmt(e.date)} {e.kind}{state}，共 {pages} 页",
                                  parent)
        dialog.offer_save_as(ctx.prefs, file_names.SIGNIN_SHEET, name)
        dialog.exec()
        return dialog

    run_op(parent, ctx, work, show, busy_text="正在生成签到表…", key="signin-sheet")
