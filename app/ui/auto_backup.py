"""Automatic backups while the window is open: every few minutes the window asks the backup
service, which copies only when something changed and the last copy is 30 minutes old; on
closing, one last copy of any change (through the same verified online backup)."""

from __future__ import annotations

import logging
from datetime import timedelta

from PySide6.QtCore import QObject, QTimer

from app.storage import backup
from app.ui.operations import run_op

log = logging.getLogger(__name__)
CHECK_EVERY_MS = 5 * 60 * 1000


class AutoBackup(QObject):
    def __init__(self, ctx, parent: QObject | None = None):
        super().__init__(parent or ctx)
        self.ctx = ctx
        self.last_error = ""
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        """Ask the service in the worker (one writer at a time with other tasks), quietly: no
        window, no pop-up; a check still running when the next is due is not doubled."""
        if self.ctx.db.read_only:
            return
        run_op(None, self.ctx, lambda _progress: backup.maybe_backup(self.ctx.db.path),
               self._done, on_error=self._failed, progress=False, key="auto-backup")

    def _done(self, _made) -> None:
        self.last_error = ""
        self.ctx.backup_problem = ""

    def on_exit(self) -> None:
        """Called after the window closed: a copy of any change since the last backup."""
        if self.ctx.db.read_only:
            return
        try:
            backup.maybe_backup(self.ctx.db.path, interval=timedelta(0))
        except Exception as exc:  # noqa: BLE001 - closing must never fail; logged
            log.warning("backup on exit failed: %s", exc)

    def _failed(self, exc: BaseException) -> None:
        self.last_error = str(exc)  # shown by the data safety panel; never a pop-up every 5 min
        self.ctx.backup_problem = self.last_error
        log.warning("automatic backup failed: %s", exc)
