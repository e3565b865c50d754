"""导入花名册 and 导出花名册 from the roster page.

Import: choose a file → the file is read and checked in the background (nothing written) → the
report (added / updated / unchanged / skipped rows with the Excel row number and reason /
warnings) in a dialog → 确认导入 → the previewed records are written in the background (the
file is not read again; a file changed since the preview is refused) → the roster refreshes.
A file that cannot be imported gets a plain message box; nothing changes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFrame, QHBoxLayout, QHeaderView, QLabel,
    QSizePolicy, QTableView, QTabWidget, QVBoxLayout,
)

from app import file_names
from app.importing import ImportReport
from app.services.importing import ImportPreview, apply_import, preview_import
from app.ui import files, messages, style
from app.ui.dialogs.form_dialog import NOT_AN_EDIT, FormDialog
from app.ui.operations import run_op
from app.ui.widgets import hint

FILE_FILTER = "表格文件 (*.xlsx *.xls *.csv *.ods *.txt);;所有文件 (*)"


class ReportTableModel(QAbstractTableModel):
    """Rows of a report list (skipped rows, warnings, changes) for a read-only table."""

    def __init__(self, headers: tuple[str, ...], rows: list[tuple], parent=None):
        super().__init__(parent)
        self.headers, self.rows = headers, rows

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


def _table(model: ReportTableModel, widths: tuple[int, ...]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(style.px(36))
    for col, width in enumerate(widths):
        view.horizontalHeader().resizeSection(col, style.px(width))
    view.horizontalHeader().setStretchLastSection(True)
    # the table takes the room the counts and notes leave: it asks for no height of its own
    # (a tall wish would push the notes below the dialog's edge), only enough for its header and two rows
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
    view.setMinimumHeight(style.px(36) * 3)
    return view


def _tile(number: int, unit: str, word: str, colour: str) -> QFrame:
    """One count: a big number with its word (the colour is never the only signal)."""
    frame = QFrame()
    frame.setStyleSheet(f"QFrame {{ background: #ffffff; border: 1px solid #c8c0ae;"
                        f" border-left: {style.px(6)}px solid {colour}; border-radius: 4px; }}"
                        f" QLabel {{ border: 0; }}")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(style.px(8), style.px(4), style.px(6), style.px(4))
    layout.setSpacing(0)
    big = QLabel(f"{number} {unit}")
    big.setStyleSheet(f"font-size: {style.px(24)}px; font-weight: bold; color: {colour};")
    layout.addWidget(big)
    words = QLabel(word)
    words.setWordWrap(True)  # at 200 % five tiles side by side are wider than the screen
    layout.addWidget(words)
    return frame


class ImportReportDialog(FormDialog):
    """The preview of an import: what will happen, row by row, before anything is written.
    Nothing is typed here, so closing it asks nothing."""

    sheet_chosen = Signal(str)
    asks_to_save = False

    def __init__(self, report: ImportReport, parent=None):
        super().__init__(parent, "导入花名册 — 请先核对")
        self.report = report
        self.want_size(1000, 680)
        layout = self.body_layout
        self._head(layout, report)
        self._tables(layout, report)
        if report.ignored_columns:
            layout.addWidget(hint(f"这些列程序不认识，没有导入：{'、'.join(report.ignored_columns)}"))
        # what 确认导入 will do stays beside the button, never scrolled away
        self.add_footer(hint("确认导入前会自动备份数据库。跳过的行可以在表格中改正后再导入一次，"
                             "已导入的人不会重复。"))
        self.cancel_button = self.add_cancel("取消，不导入")
        something = report.added + report.updated
        self.confirm_button = self.add_button(
            f"确认导入（新增 {report.added} 人，更新 {report.updated} 人）" if something
            else "没有需要导入的内容", self.accept, primary=True)
        self.confirm_button.setEnabled(bool(something))

    def _head(self, layout, report: ImportReport) -> None:
        """The file, the sheet (a chooser when there are several), and the five counts."""
        # the file's name in bold body type: a heading's size would take two table rows at 150 %
        title = QLabel(f"文件：{report.file}")
        title.setStyleSheet("font-weight: bold; color: #7f1d1d;")
        title.setWordWrap(True)
        layout.addWidget(title)
        where = QHBoxLayout()
        self.sheet_box = None
        if len(report.sheets) > 1:  # the first sheet with a header was taken; another may be meant
            self.sheet_box = QComboBox()
            self.sheet_box.setProperty(NOT_AN_EDIT, True)
            self.sheet_box.addItems(report.sheets)
            self.sheet_box.setCurrentText(report.sheet)
            self.sheet_box.setToolTip("这个文件有几张工作表；要导入另一张，在这里选")
            self.sheet_box.currentTextChanged.connect(self.sheet_chosen)
            where.addWidget(QLabel("工作表："))
            where.addWidget(self.sheet_box)
        where.addWidget(hint(f"{'' if self.sheet_box else f'工作表“{report.sheet}”，'}"
                             f"表头在第 {report.header_row} 行，共读到 {report.rows_read} 行。"
                             f"下面是导入后会发生的变化，现在还没有写入。"), 1)
        layout.addLayout(where)
        tiles = QHBoxLayout()
        for number, unit, word, colour in (
            (report.added, "人", "将新增", "#1b6e3a"), (report.updated, "人", "将更新", "#1d4f91"),
            (report.unchanged, "人", "已有，无变化", "#555555"),
            (len(report.skipped), "行", "跳过（见下表）", "#b3261e"),
            (len(report.warnings), "条", "提示（值已改动或留空）", "#8a5a00"),
        ):
            tiles.addWidget(_tile(number, unit, word, colour))
        layout.addLayout(tiles)

    def _tables(self, layout, report: ImportReport) -> None:
        """Skipped rows, notes, and who is added or updated, one tab each; the chosen row's
        whole text below (the first tab with something in it is shown)."""
        self.tabs = QTabWidget()
        self.skipped_model = ReportTableModel(
            ("行号", "原因", "详情"), [(s.row, s.reason, s.detail) for s in report.skipped], self)
        self.warnings_model = ReportTableModel(
            ("行号", "哪一列", "提示", "详情"),
            [(w.row, w.field, w.reason, w.detail) for w in report.warnings], self)
        self.changes_model = ReportTableModel(
            ("行号", "姓名", "做什么", "改动"),
            [(c.row, c.name, c.action, "；".join(c.fields)) for c in report.changes], self)
        self.tabs.addTab(_table(self.skipped_model, (70, 340, 400)),
                         f"✖ 跳过的行（{len(report.skipped)}）")
        self.tabs.addTab(_table(self.warnings_model, (70, 110, 420, 400)),
                         f"⚠ 提示（{len(report.warnings)}）")
        self.tabs.addTab(_table(self.changes_model, (70, 100, 80, 500)),
                         f"✔ 新增和更新（{len(report.changes)}）")
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setStyleSheet(f"background: #fffdf8; border: 1px solid #c8c0ae;"
                                  f" padding: {style.px(6)}px;")
        for i in range(self.tabs.count()):
            view = self.tabs.widget(i)
            view.selectionModel().currentRowChanged.connect(
                lambda cur, _prev, v=view: self._show_detail(v, cur.row()))
        self.tabs.currentChanged.connect(lambda i: self._show_detail(self.tabs.widget(i), 0))
        if report.skipped:
            self.tabs.setCurrentIndex(0)
        elif report.warnings:
            self.tabs.setCurrentIndex(1)
        else:
            self.tabs.setCurrentIndex(2)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.detail)
        self._show_detail(self.tabs.currentWidget(), 0)

    def _show_detail(self, view, row: int) -> None:
        """The whole text of the chosen row, wrapped (long reasons do not fit a column)."""
        model = view.model() if view is not None else None
        if model is None or not 0 <= row < model.rowCount():
            self.detail.setText("点选表格中的一行，这里显示完整内容。")
            return
        values = [str(v) for v in model.rows[row]]
        parts = [f"第 {values[0]} 行"] + [v for v in values[1:] if v]
        self.detail.setText("　".join(parts))


class ImportFlow:
    """One import from the window; kept by the caller so tests can follow each step."""

    def __init__(self, ctx, parent):
        self.ctx, self.parent = ctx, parent
        self.path: Path | None = None
        self.sheet: str | None = None
        self.dialog: ImportReportDialog | None = None
        self.previewed: ImportPreview | None = None  # what 确认导入 writes
        self.result: ImportReport | None = None

    def choose(self) -> bool:
        self.path = files.open_file(self.parent, self.ctx.prefs, file_names.IMPORT_SOURCE,
                                    "选择花名册文件", FILE_FILTER)
        return self.path is not None

    def _preview_work(self):
        path, branch_id, db, sheet = self.path, self.ctx.branch_id, self.ctx.db, self.sheet

        def work(progress):
            with db.session() as s:
                return preview_import(s, path, branch_id, sheet=sheet, progress=progress)

        return work

    def _apply_work(self, preview: ImportPreview):
        db = self.ctx.db

        def work(progress):
            with db.session() as s:
                return apply_import(s, preview, progress=progress)

        return work

    def _start(self, work, on_done, on_error=None, busy_text="正在读取花名册…") -> None:
        """Run the preview (or the import) in the background with the one progress window."""
        run_op(self.parent, self.ctx, work, on_done, on_error=on_error, busy_text=busy_text,
               key="roster-import")

    def preview(self) -> None:
        self._start(self._preview_work(), self._show_report)

    def _show_report(self, preview: ImportPreview) -> None:
        self.previewed = preview
        self.dialog = ImportReportDialog(preview.report, self.parent)
        self.dialog.finished.connect(self.dialog.deleteLater)  # shown with open(), not exec()
        self.dialog.accepted.connect(self.confirm)
        self.dialog.sheet_chosen.connect(self.choose_sheet)
        self.dialog.open()

    def choose_sheet(self, name: str) -> None:
        """Preview another sheet of the same file instead; a sheet that cannot be imported
        leaves the current preview as it was."""
        old, previous, self.sheet = self.dialog, self.sheet, name

        def shown(preview: ImportPreview) -> None:
            old.blockSignals(True)
            old.reject()
            old.deleteLater()
            self._show_report(preview)

        def refused(exc) -> None:
            self.sheet = previous
            old.sheet_box.blockSignals(True)
            old.sheet_box.setCurrentText(old.report.sheet)
            old.sheet_box.blockSignals(False)
            messages.show_exception(old, exc)

        self._start(self._preview_work(), shown, refused)

    def confirm(self) -> None:
        """Write what the report showed; a file changed since is refused (nothing written)."""
        if self.previewed is not None:
            self._start(self._apply_work(self.previewed), self._done, busy_text="正在导入…")

    def _done(self, report: ImportReport) -> None:
        self.result = report
        self.ctx.data_changed.emit()
        reload = getattr(self.parent, "reload", None)
        if callable(reload):
            reload()
        text = (f"导入完成：新增 {report.added} 人，更新 {report.updated} 人，"
                f"无变化 {report.unchanged} 人，跳过 {len(report.skipped)} 行。")
        if report.backup:
            text += f"\n导入前的数据已备份：{report.backup}"
        messages.info(self.parent, text, title="导入完成")


def open_import_dialog(ctx, parent) -> ImportFlow | None:
    """The roster page's 导入花名册… button."""
    flow = ImportFlow(ctx, parent)
    if not flow.choose():
        return None
    parent._import_flow = flow  # keep it alive while the background work runs
    flow.preview()
    return flow


def export_roster_interactive(ctx, parent) -> Path | None:
    """The roster page's 导出花名册… button: the list as shown, IDs masked unless asked."""
    from app.services.roster import RosterFilter
    from app.services.roster_export import export_members

    name = file_names.roster_export(files.branch_name(ctx), date.today())
    path = files.save_file(parent, ctx.prefs, file_names.ROSTER_EXPORT, "花名册保存到", name,
                           "Excel 表格 (*.xlsx)")
    if path is None:
        return None
    full = messages.ask(parent, "身份证号一般只显示前 4 位和后 4 位，中间用 * 隐去。\n"
                                "需要导出完整的身份证号吗？（导出完整号码会记入操作记录）",
                        yes="导出完整号码", no="隐去中间数字", title="身份证号")
    current = getattr(parent, "current_filter", None)
    flt = current() if callable(current) else RosterFilter()

    def work(_progress):
        with ctx.db.session() as s:
            return export_members(s, ctx.branch_id, path, flt, full_ids=full)

    run_op(parent, ctx, work, lambda r: messages.info(parent, f"已导出 {r.count} 人：\n{r.path}",
                                                      title="导出完成"),
           busy_text="正在导出花名册…", key="roster-export")
    return path
