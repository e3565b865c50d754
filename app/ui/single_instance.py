"""Bringing the first window to the front when the program is opened a second time.

The second program cannot write (app/services/instance_lock.py); it leaves a small request file
beside the database and quits. The first window looks for that file twice a second and comes
forward. A file, not a local socket, so the bundle needs no QtNetwork and it works wherever the
database folder is shared. The second program's notice stays on top: the first window comes
forward a moment later and would otherwise cover it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

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


def already_open_box(text: str, title: str) -> QMessageBox:
    """The second program's notice: it has no window of its own to sit on, and the first
    window is raised after it appears, so it is kept above every window until answered."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text)
    box.addButton("知道了", QMessageBox.ButtonRole.AcceptRole)
    box.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
    return box


def tell_already_open(text: str, title: str) -> None:
    box = already_open_box(text, title)
    box.show()
    box.raise_()
    box.activateWindow()
    box.exec()


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
        if w.isMinimized():
            w.showNormal()
        w.setWindowState((w.windowState() & ~Qt.WindowState.WindowMinimized)
                         | Qt.WindowState.WindowActive)
        w.show()
        w.raise_()
        w.activateWindow()
        return True
