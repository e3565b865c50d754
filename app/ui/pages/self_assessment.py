"""支部自评: the year's self-assessment against the "六好" checklist — the total and the stars in
large type on top, the items grouped by area below. What the program judges shows its score and
the evidence (read-only); what the secretary scores is typed straight into the 得分 and 评分依据
cells and saved at once. Buttons export the 自评表 that goes upward, export / load the checklist
(考评细则), and make the township's ranking from the branches' files — all through the use cases
of app.services.yearend (self_assessment, assessment_checklist), the ones `zhibu self-assess`,
`zhibu checklist` and `zhibu merge-assessments` call; files are written through run_op."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QSpinBox, QVBoxLayout, QWidget,
)

from app import file_names
from app.assessment_checklist import points_text, stars_text
from app.errors import UserError
from app.models import Branch
from app.services.yearend import assessment_checklist as ac
from app.services.yearend import self_assessment as sa
from app.ui import files, messages, style
from app.ui.operations import run_op
from app.ui.table_models.assessment_model import NOTE, SCORE, AssessmentModel
from app.ui.widgets import button, heading, hint, table_view

# Each dialog's module is imported when the dialog is first opened: the page loads with the
# window at start-up, its dialogs need not (app/ui/app.py).

XLSX = "Excel 工作簿 (*.xlsx)"


class SelfAssessmentPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.assessment: sa.Assessment | None = None
        self.year_box = QSpinBox()
        self.year_box.setRange(2000, date.today().year)
        self.year_box.setValue(date.today().year)
        self.year_box.setSuffix(" 年")
        self.year_box.valueChanged.connect(lambda _y: self.refresh())
        self.total = QLabel()
        self.total.setObjectName("assessmentTotal")
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.model = AssessmentModel(self._save, self._refused, self)
        self.table = table_view(self.model, (50, 300, 50, 56, 300, 70))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for col in (1, NOTE):  # the two texts share what the numbers leave
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading("支部自评"))
        top.addWidget(QLabel("年度："))
        top.addWidget(self.year_box)
        top.addSpacing(style.px(16))
        top.addWidget(self.total, 1)
        layout.addLayout(top)
        layout.addWidget(self.source)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint("浅黄格子由书记填写：选中“得分”格输入分数，回车即保存并到下一项。"))
        actions = QHBoxLayout()
        actions.addWidget(button("导出自评表…", self.choose_export, primary=True,
                                 tip="交乡镇的自评表（Excel），带签字栏"))
        actions.addStretch(1)
        for b in (button("导入考评细则…", self.choose_load,
                         tip="乡镇下发的考评细则（Excel），检查无误后替换现用的"),
                  button("导出考评细则…", self.choose_checklist_export,
                         tip="现用的考评细则存成 Excel，可修改后再导入或下发各支部"),
                  button("汇总排名（乡镇）…", self.choose_merge,
                         tip="选择各支部交来的自评表，按总分排名")):
            actions.addWidget(b)
        layout.addLayout(actions)
        self._size_rows()
        ctx.scale_changed.connect(lambda _s: self._size_rows())

    def _size_rows(self) -> None:
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height()
                                                          + style.px(10))
        font = self.total.font()
        font.setPointSizeF(style.nav_point_size() * 1.6)
        font.setBold(True)
        self.total.setFont(font)

    def year(self) -> int:
        return self.year_box.value()

    def refresh(self) -> None:
        if self.ctx.branch_id is None:
            self.total.setText("")
            self.source.setText("还没有支部：请先在“党员花名册”导入名单。")
            return
        with self.ctx.db.session() as s:
            self.assessment = a = sa.assessment_of(s, self.ctx.branch_id, self.year())
            source = ac.checklist_source(s, self.ctx.branch_id)
        self.model.set_assessment(a)
        self.total.setText(f"总分 {points_text(a.total)} / {points_text(a.max)}　{stars_text(a.stars)}")
        upto = f"，数据截至{a.as_of:%m月%d日}" if a.running else ""
        left = f"，还有 {len(a.unscored)} 项未评分" if a.unscored else "，已全部评分"
        hand = sum(i.editable for i in a.items)
        loaded = "" if source.startswith("程序默认") else f"（{source}）"
        self.source.setText(f"考评细则：{a.checklist.name}{loaded}。程序评分 {len(a.items) - hand} 项，"
                            f"书记评分 {hand} 项{left}{upto}。")
        self.total.setToolTip(f"星级：{a.checklist.stars_rule()}")

    def _save(self, code: str, score: str | None, note: str) -> str | None:
        """The model's saver: one short session; the refusal's sentence, or None."""
        try:
            with self.ctx.db.session() as s:
                sa.set_score(s, self.ctx.branch_id, self.year(), code, score, note)
        except UserError as exc:
            return self._refused(str(exc))
        QTimer.singleShot(0, self._after_save)
        return None

    def _refused(self, text: str) -> str:
        """Said after the edit has closed (a message box inside the commit would nest)."""
        QTimer.singleShot(0, lambda: messages.info(self, text, "没有保存"))
        return text

    def _after_save(self) -> None:
        """Totals again; after a score the cursor goes on to the next item the secretary
        scores (the keyboard walks down the hand items), after a note it stays."""
        current = self.table.currentIndex()
        self.refresh()
        if current.isValid():
            row = current.row()
            if current.column() == SCORE:
                row = next((r for r in range(row + 1, self.model.rowCount())
                            if (i := self.model.item_at(r)) is not None and i.editable), row)
            self.table.setCurrentIndex(self.model.index(row, current.column()))
        self.ctx.data_changed.emit()

    # files -----------------------------------------------------------------------------
    def choose_export(self) -> None:
        from app.ui.dialogs.assessment_dialogs import SignaturesDialog

        dialog = SignaturesDialog(self, maker=self._secretary())
        if not dialog.exec():
            return
        name = file_names.self_assessment(files.branch_name(self.ctx), self.year())
        path = files.save_file(self, self.ctx.prefs, file_names.ASSESSMENT, "保存自评表", name,
                               XLSX)
        if path:
            self.export_to(path, dialog.values())

    def export_to(self, path: Path, signers: dict | None = None) -> None:
        db, branch_id, year = self.ctx.db, self.ctx.branch_id, self.year()
        signers = signers or {}

        def work(_progress):
            with db.session() as s:
                sa.export_assessment(s, branch_id, year, path, **signers)
            return path

        self._run(work, "自评表已导出", "正在导出自评表…")

    def choose_checklist_export(self) -> None:
        path = files.save_file(self, self.ctx.prefs, file_names.ASSESSMENT_CHECKLIST,
                               "保存考评细则", file_names.assessment_checklist(date.today()), XLSX)
        if path:
            self.export_checklist_to(path)

    def export_checklist_to(self, path: Path) -> None:
        db, branch_id = self.ctx.db, self.ctx.branch_id

        def work(_progress):
            with db.session() as s:
                ac.export_checklist(s, branch_id, path)
            return path

        self._run(work, "考评细则已导出", "正在导出考评细则…")

    def choose_load(self) -> None:
        path = files.open_file(self, self.ctx.prefs, file_names.ASSESSMENT_CHECKLIST,
                               "选择考评细则", XLSX)
        if path and messages.ask(self, f"用“{path.name}”替换现用的考评细则吗？\n已评的分数按编号保留。",
                                 yes="导入", no="不导入"):
            self.load_from(path)

    def load_from(self, path: Path) -> None:
        db, branch_id = self.ctx.db, self.ctx.branch_id

        def work(_progress):
            with db.session() as s:
                return ac.load_checklist(s, branch_id, path)

        def done(data) -> None:
            self.refresh()
            messages.info(self, f"已导入考评细则“{data['name']}”：{data['items']} 项，满分 "
                                f"{data['total']}，其中程序评分 {data['auto']} 项。", "完成")

        run_op(self, self.ctx, work, done, busy_text="正在检查考评细则…", key="assessment")

    def choose_merge(self) -> None:
        from app.ui.dialogs.assessment_dialogs import SignaturesDialog

        chosen = files.open_files(self, self.ctx.prefs, file_names.ASSESSMENT_SOURCES,
                                  "选择各支部交来的自评表", XLSX)
        if not chosen:
            return
        dialog = SignaturesDialog(self, maker=self.ctx.prefs.user_name,
                                  unit=self.ctx.prefs.summary_unit, files=chosen,
                                  title="汇总排名（乡镇）")
        if not dialog.exec():
            return
        out = files.save_file(self, self.ctx.prefs, file_names.ASSESSMENT, "保存排名表",
                              file_names.assessment_ranking(self.year(), date.today()), XLSX)
        if out:
            self.merge_to(chosen, out, dialog.values())

    def merge_to(self, chosen: list[Path], out: Path, signers: dict | None = None) -> None:
        signers = signers or {}

        def work(progress):
            sa.merge_assessments(chosen, out, **signers,
                                 progress=lambda d, t: progress(d, t, "正在汇总…"))
            return out

        self._run(work, f"已按总分排名 {len(chosen)} 个支部", "正在汇总排名…")

    def _secretary(self) -> str:
        with self.ctx.db.session() as s:
            return s.get_one(Branch, self.ctx.branch_id).secretary or ""

    def _run(self, work, done_text: str, busy_text: str) -> None:
        def on_done(path) -> None:
            answer = messages.choose(self, f"{done_text}：\n{path}",
                                     [("打开文件", "file"), ("打开所在文件夹", "folder")],
                                     cancel="关闭", title="完成", question=False)
            if answer in ("file", "folder"):
                target = Path(path) if answer == "file" else Path(path).parent
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

        run_op(self, self.ctx, work, on_done, busy_text=busy_text, key="assessment")
