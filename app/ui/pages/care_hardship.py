"""The 困难党员 tab of 关怀日历: the year's register (from the roster and the register), 登记 /
修改 / 删除 through HardshipDialog, and the register printed — previewed as an A4 landscape
PDF or saved as .xlsx, made in the background by `hardship.print_hardship` (the function
`zhibu hardship print` calls)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app import file_names
from app.services.care_calendar import hardship
from app.ui import files, messages
from app.ui.operations import run_op
from app.ui.pages.care_tabs import selected_key
from app.ui.table_models.materials_models import RowsTableModel
from app.ui.widgets import button, hint, table_view

# Each dialog's module is imported when the dialog is first opened: the page loads with the
# window at start-up, its dialogs need not (app/ui/app.py).

HEADERS = ("姓名", "性别", "年龄", "入党时间", "困难状况及原因", "住址", "帮扶措施", "公示日期")


class HardshipTab(QWidget):
    def __init__(self, panel):
        super().__init__()
        self.panel, self.ctx = panel, panel.ctx
        self.model = RowsTableModel(HEADERS, centered=(1, 2, 3, 7))
        self.table = table_view(self.model, (90, 50, 50, 150, 230, 170, 210))
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self.last_output: Path | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(hint("姓名、性别、年龄、入党时间、住址取自党员花名册；这里只登记困难状况、"
                              "帮扶措施和公示日期。"))
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        actions.addWidget(button("登记困难党员", self.add, primary=True))
        actions.addWidget(button("修改", self.edit))
        actions.addWidget(button("删除", self.remove))
        actions.addStretch(1)
        actions.addWidget(button("打印登记表…", self.preview,
                                 tip="困难党员登记表（A4 横向），可预览、打印、另存为 PDF"))
        actions.addWidget(button("存为 Excel…", self.save_xlsx))
        layout.addLayout(actions)

    def refresh(self) -> None:
        year = self.panel.year()
        with self.ctx.db.session() as s:
            rows = hardship.hardship_rows(s, self.ctx.branch_id, year)
        self.title.setText(f"{year}年困难党员登记：{len(rows)} 人")
        self.model.set_rows(rows, [r.record_id for r in rows], [
            (r.name + ("" if r.status == "在册" else f"（{r.status}）"), r.gender,
             "" if r.age is None else r.age, r.joined_text, r.situation, r.address,
             r.measures, r.posted_text or "未公示") for r in rows])

    def add(self) -> None:
        from app.ui.dialogs.hardship_dialog import HardshipDialog

        if HardshipDialog(self.ctx, self.panel.year(), parent=self).exec():
            self.refresh()

    def edit(self) -> None:
        from app.ui.dialogs.hardship_dialog import HardshipDialog

        record_id = selected_key(self.table)
        if record_id is None:
            messages.info(self, "请先选中一条困难党员登记。")
            return
        if HardshipDialog(self.ctx, self.panel.year(), record_id, self).exec():
            self.refresh()

    def remove(self) -> None:
        record_id = selected_key(self.table)
        if record_id is None:
            messages.info(self, "请先选中一条困难党员登记。")
            return
        row = self.model.item(self.model.row_of(record_id))
        if not messages.ask(self, f"删除{row.name}{row.year}年的困难党员登记？（修改记录里会留有原样）",
                            yes="删除"):
            return
        with self.ctx.db.session() as s:
            hardship.remove_hardship(s, self.ctx.branch_id, record_id)
        self.refresh()

    # printing -------------------------------------------------------------------------
    def _work(self, year: int, path: Path):
        db, branch_id = self.ctx.db, self.ctx.branch_id

        def work(progress):
            progress(0, 0, "正在生成…")
            with db.session() as s:
                return hardship.print_hardship(s, branch_id, year, path)

        return work

    def preview(self) -> None:
        from app.ui.dialogs.pdf_preview import PdfPreviewDialog

        year = self.panel.year()
        name = file_names.hardship_register(files.branch_name(self.ctx), year)
        path = files.private_temp_dir() / f"{datetime.now():%H%M%S}-{name}"

        def show(result: dict) -> None:
            self.last_output = path
            dialog = PdfPreviewDialog(path, "困难党员登记表", f"{year}年困难党员登记表："
                                      f"{result['members']} 人，共 {result['pages']} 页", self)
            dialog.offer_save_as(self.ctx.prefs, file_names.HARDSHIP, name)
            dialog.exec()

        run_op(self, self.ctx, self._work(year, path), show, key="hardship-print",
               busy_text="正在生成困难党员登记表…")

    def save_xlsx(self, path: Path | None = None) -> None:
        year = self.panel.year()
        if path is None:
            path = files.save_file(self, self.ctx.prefs, file_names.HARDSHIP, "保存困难党员登记表",
                                   file_names.hardship_register(files.branch_name(self.ctx),
                                                                year, ".xlsx"),
                                   "Excel 工作簿 (*.xlsx)")
        if path is None:
            return

        def done(result: dict) -> None:
            self.last_output = Path(result["output"])
            answer = messages.choose(self, f"{year}年困难党员登记表已保存（{result['members']} 人）："
                                           f"\n{result['output']}",
                                     [("打开文件", "file"), ("打开所在文件夹", "folder")],
                                     cancel="关闭", title="完成", question=False)
            if answer in ("file", "folder"):
                target = result["output"] if answer == "file" else str(Path(result["output"]).parent)
                QDesktopServices.openUrl(QUrl.fromLocalFile(target))

        run_op(self, self.ctx, self._work(year, Path(path)), done, key="hardship-print",
               busy_text="正在保存困难党员登记表…")
