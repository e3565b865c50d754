"""Bringing the first window to the front when the program is opened a second time.

The second program cannot write (app/services/instance_lock.py); it leaves a small request file
beside the database and quits. The first window looks for that file twice a second and comes
forward. A file, not a local socket, so the bundle needs no QtNetwork and it works wherever the
database folder is shared.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

POLL_MS = 500


def request_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".front")


def ask_first_window_forward(db_path: Path) -> bool:
    """Called by the second program; True when the request could be left."""
    try:
        request_path(db_path).write_text("front", encoding="utf-8")
        return True
    except OSError:
        return False


class FrontRequests(QObject):
    """Owned by the first window: comes forward when a second program asks."""

    def __init__(self, window: QWidget, db_path: Path):
        super().__init__(window)
        self.window, self.path = window, request_path(db_path)
        self.path.unlink(missing_ok=True)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> bool:
        if not self.path.exists():
            return False
        try:
            self.path.unlink()
        except OSError:
            pass
        w = self.window
        w.setWindowState((w.windowState() & ~Qt.WindowState.WindowMinimized)
                         | Qt.WindowState.WindowActive)
        w.show()
        w.raise_()
        w.activateWindow()
        return True
