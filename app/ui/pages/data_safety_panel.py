"""设置 → 数据安全: back up to a USB stick, restore from any backup (with a preview, asking
first), check the database, hand the branch over to the next secretary or take one over."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from app import file_names
from app.services import handover, roster
from app.storage import backup, backup_meta, integrity
from app.storage import restore
from app.ui import files, messages, style
from app.ui.operations import run_op
from app.ui.table_models.materials_models import RowsTableModel
from app.ui.widgets import button, hint

HEADERS = ("备份时间", "原因", "大小")
_REASONS = {"": "自动", "自动": "自动", "手动": "手动", "升级前": "程序升级前", "恢复前": "恢复前",
            "导入前": "导入前", "合并前": "合并前", "移交前": "打开移交文件前"}


class DataSafetyPanel(QGroupBox):
    def __init__(self, ctx):
        super().__init__("数据安全（备份与恢复）")
        self.ctx = ctx
        self.status = hint("")
        self.model = RowsTableModel(HEADERS, centered=(0, 1, 2))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(style.px(38))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        for col, width in enumerate((220, 150, 100)):
            self.table.horizontalHeader().resizeSection(col, style.px(width))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(style.px(230))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_preview())
        self.preview = QLabel("点选一份备份，这里显示它里面有什么。")
        self.preview.setWordWrap(True)
        self.preview.setMinimumHeight(style.px(70))

        self.backup_button = button("立即备份到…（U 盘或文件夹）", self.backup_to_folder, primary=True)
        self.restore_button = button("从此备份恢复", self.restore_selected)
        self.restore_button.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.backup_button)
        top.addWidget(button("检查数据库", self.check_database,
                             tip="检查数据库文件是否完好（断电、强行关机之后可以查一查）"))
        top.addWidget(button("打开备份文件夹", self.open_folder))
        top.addStretch(1)
        under = QHBoxLayout()
        under.addWidget(self.restore_button)
        under.addWidget(button("从其他位置的备份恢复…", self.restore_from_file,
                               tip="例如 U 盘上的备份文件"))
        under.addStretch(1)
        hand = QHBoxLayout()
        hand.addWidget(button("移交给下一任书记…", self.pack_handover,
                              tip="把本支部全部数据和设置打包成一个文件，拷给下一任书记"))
        hand.addWidget(button("打开移交文件…", self.open_handover,
                              tip="打开上一任书记交来的文件（现在的数据会先备份）"))
        hand.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(hint("程序会自动备份：有改动时每半小时一份、关闭程序时一份，保留最近的、"
                              "每天的、每周的和每月的（约一年）。建议每月再备份到 U 盘一次。"))
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.table)
        layout.addWidget(self.preview)
        layout.addLayout(under)
        handing = QLabel("换届移交")
        handing.setStyleSheet("font-weight: bold;")
        layout.addWidget(handing)
        layout.addLayout(hand)
        self.reload()

    # the list ----------------------------------------------------------------------------
    def reload(self) -> None:
        try:
            items = backup.list_backups(self.ctx.db.path)
        except OSError:
            items = []
        self.model.set_rows(items, list(range(len(items))), [
            (f"{b.made_at:%Y-%m-%d %H:%M}", _REASONS.get(b.reason, b.reason),
             f"{b.size / 2**20:.1f} MB") for b in items])
        newest = f"最近一次：{items[0].made_at:%Y-%m-%d %H:%M}。" if items else "还没有备份。"
        problem = getattr(self.ctx, "backup_problem", "")
        clock = backup_meta.clock_warning([b.made_at for b in items])
        self.status.setText(f"共 {len(items)} 份备份，{newest}" + (
            f"\n⚠ 注意：上次自动备份没有成功——{problem}" if problem else "") + (
            f"\n⚠ {clock}" if clock else ""))
        self.restore_button.setEnabled(False)
        self.preview.setText("点选一份备份，这里显示它里面有什么。")

    def refresh(self) -> None:
        self.reload()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.reload()

    def selected(self) -> backup.BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item(rows[0].row()) if rows else None

    def show_preview(self) -> None:
        info = self.selected()
        self.restore_button.setEnabled(info is not None)
        if info is None:
            return
        self.preview.setText("正在读取这份备份……")

        def shown(p: restore.BackupPreview) -> None:
            now = self.selected()
            if now is not None and now.path == p.path:  # still the one chosen
                self.preview.setText(_describe(p))

        # in the worker: checking a county-size copy takes seconds. The line above is its
        # progress: a window on every row chosen would stop the arrow keys walking the list
        run_op(self, self.ctx, lambda _p: restore.preview_backup(info.path), shown,
               on_error=self._failed, progress=False)

    # actions -----------------------------------------------------------------------------
    def backup_to_folder(self) -> None:
        folder = files.choose_folder(self, self.ctx.prefs, file_names.BACKUP,
                                     "选择备份到哪里（U 盘或文件夹）")
        if folder is None:
            return
        run_op(self, self.ctx, lambda _p: backup.backup_to_folder(self.ctx.db.path, folder),
               lambda made: messages.info(self, f"已备份并校验完好：\n{made}", title="备份完成"),
               on_error=self._failed, busy_text="正在备份并校验…", key="backup-to-folder")

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(backup.paths.backup_dir(self.ctx.db.path))))

    def check_database(self) -> None:
        def done(report):
            if report.sound:
                messages.info(self, "数据库完好，没有发现问题。", title="检查完成")
            else:
                messages.error(self, report.text() + "\n建议从最近的备份恢复。")

        run_op(self, self.ctx, lambda _p: integrity.full_check(self.ctx.db.path), done,
               on_error=self._failed, busy_text="正在检查数据库…", key="check-database")

    def restore_selected(self) -> None:
        info = self.selected()
        if info is not None:
            self._restore(info.path)

    def restore_from_file(self) -> None:
        path = files.open_file(self, self.ctx.prefs, file_names.BACKUP, "选择备份文件",
                               "支部工作台备份 (*.sqlite3)")
        if path:
            self._restore(path)

    def _restore(self, path: Path) -> None:
        # the preview checks the whole copy: in the worker, then ask on the UI thread
        run_op(self, self.ctx, lambda _p: restore.preview_backup(path),
               lambda preview: self._ask_and_restore(path, preview), on_error=self._failed,
               busy_text="正在检查这份备份…", key="restore")

    def _ask_and_restore(self, path: Path, preview: restore.BackupPreview) -> None:
        if not preview.sound:
            messages.error(self, f"这份备份不能用来恢复：{preview.problem}。")
            return
        if not messages.ask(self, "用这份备份替换现在的全部数据吗？\n\n" + _describe(preview)
                            + "\n\n现在的数据会先另存一份备份，需要时还能找回。",
                            yes="恢复", no="不恢复", title="从备份恢复"):
            return

        def work(_p):
            self.ctx.db.engine.dispose()
            return restore.restore_backup(self.ctx.db.path, path)

        self._replace(work, lambda result: "已恢复。恢复前的数据另存为：\n" + str(result[0]))

    def pack_handover(self) -> None:
        name = file_names.handover(files.branch_name(self.ctx), date.today())
        path = files.save_file(self, self.ctx.prefs, file_names.HANDOVER, "移交文件保存到", name,
                               "移交文件 (*.zhibu)")
        if not path:
            return
        run_op(self, self.ctx, lambda _p: handover.pack(self.ctx.db, path, self.ctx.prefs),
               lambda made: messages.info(
                   self, f"移交文件已做好：\n{made}\n请拷给下一任书记，在“设置”里点"
                         "“打开移交文件…”。", title="移交文件"),
               on_error=self._failed, busy_text="正在打包移交文件…", key="handover-pack")

    def open_handover(self) -> None:
        path = files.open_file(self, self.ctx.prefs, file_names.HANDOVER, "打开移交文件",
                               "移交文件 (*.zhibu)")
        if not path:
            return
        try:
            m = handover.read_manifest(Path(path))
        except Exception as exc:  # noqa: BLE001 - a sentence for the user
            messages.show_exception(self, exc)
            return
        text = (f"移交文件：{'、'.join(m.get('branches', []))}，{m.get('members', 0)} 名党员，"
                f"由 {m.get('made_by') or '上一任'} 于 {m.get('made_at', '')} 打包。\n\n"
                "打开后，这台电脑上现在的数据会被替换（会先另存一份备份）。")
        if not messages.ask(self, text, yes="打开", no="不打开", title="打开移交文件"):
            return

        def work(_p):
            self.ctx.db.engine.dispose()
            return handover.open_handover(self.ctx.db, Path(path))

        self._replace(work, lambda r: f"已打开：{'、'.join(r.branches)}，{r.members} 名党员。")

    def _replace(self, work, said) -> None:
        def done(result):
            with self.ctx.db.session() as s:
                branch_id = roster.default_branch_id(s) or roster.ensure_branch(s).id
            self.ctx.set_branch(branch_id)
            self.ctx.data_changed.emit()
            self.reload()
            messages.info(self, said(result), title="完成")

        run_op(self, self.ctx, work, done, on_error=self._failed,
               busy_text="正在替换数据，请不要关闭程序…", key="replace-data")

    def _failed(self, exc: BaseException) -> None:
        messages.show_exception(self, exc)
        self.reload()


def _describe(p: restore.BackupPreview) -> str:
    if not p.sound:
        return f"这份备份有问题：{p.problem}"
    when = f"{p.last_change:%Y年%m月%d日 %H:%M}" if p.last_change else "不详"
    return (f"选中的备份里有——支部：{'、'.join(p.branches) or '（无）'}　　党员：{p.members} 人　　"
            f"最后修改：{when}")
