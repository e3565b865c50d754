"""The window's frame, painted the moment Qt is up, while the data opens behind it.

Opening the database (the start check, the lock, a migration after an update), mapping its
tables and building the pages takes a third of a second on a fast PC and several on a township
office's old one; a secretary who double-clicked the icon should see the program at once, not
wonder whether it started. This frame has the main window's size, place, colours and
navigation titles and says 正在打开数据; the main window then opens over it in the same place
and the frame closes. Anything asked on the way (a damaged database, the user's name) appears
in front of it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app import APP_NAME
from app.ui import style
from app.ui.pages import PAGES
from app.ui.screen_fit import show_fitted


class StartFrame(QWidget):
    def __init__(self):
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setObjectName("startFrame")
        self.setStyleSheet("QWidget#startFrame { background: #f6f4ef; }")
        column = QWidget()
        column.setObjectName("navColumn")  # the main window's navigation colours (style.py)
        side = QVBoxLayout(column)
        side.setContentsMargins(style.px(16), style.px(16), style.px(24), style.px(16))
        side.setSpacing(style.px(26))
        side.addSpacing(style.px(48))  # where the main window names the branch
        for _key, title, _target in PAGES:
            label = QLabel(title)
            label.setStyleSheet("color: #ffffff;")
            side.addWidget(label)
        side.addStretch(1)
        waiting = QLabel("正在打开数据，请稍候……")
        waiting.setProperty("role", "title")
        waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QHBoxLayout(self)
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(column)
        body.addWidget(waiting, 1)

    @classmethod
    def show_now(cls) -> StartFrame:
        """Show the frame and paint it before returning (the event loop is not running yet)."""
        frame = cls()
        show_fitted(frame)
        frame.repaint()
        return frame
