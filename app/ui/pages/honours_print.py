"""The 评先评优 page's print: the 学习先进推荐表 and the year's honours and contests, made in the
background by `honours_print.export_honours` (the function `zhibu honours print` calls) and
shown in the one preview, which prints or saves it as PDF."""

from __future__ import annotations

from datetime import datetime

from app import file_names
from app.services.yearend.honours_print import export_honours
from app.ui import files
from app.ui.dialogs.pdf_preview import PdfPreviewDialog
from app.ui.operations import run_op

TITLE = "学习先进推荐表和荣誉名单"


def preview_honours(parent, ctx, year: int) -> None:
    name = file_names.honours_print(files.branch_name(ctx), year)
    path = files.private_temp_dir() / f"{datetime.now():%H%M%S}-{name}"
    db, branch_id = ctx.db, ctx.branch_id

    def work(progress):
        progress(0, 0, "正在生成…")
        with db.session() as s:
            return export_honours(s, branch_id, year, path)

    def show(result: dict) -> PdfPreviewDialog:
        dialog = PdfPreviewDialog(path, TITLE, f"{year}年：学习先进 {result['study_models']} 人，"
                                               f"荣誉 {result['honours']} 项，竞赛活动 "
                                               f"{result['contests']} 项，共 {result['pages']} 页",
                                  parent)
        dialog.offer_save_as(ctx.prefs, file_names.PRINTOUT, name)
        dialog.exec()
        return dialog

    run_op(parent, ctx, work, show, key="honours-print", busy_text=f"正在生成{TITLE}…")
