"""A page that is not built yet says so plainly (rather than showing an empty screen)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    def __init__(self, ctx, title: str = ""):
        super().__init__()
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setProperty("role", "title")
        text = QLabel("这一部分正在建设中，下一版本提供。")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(heading)
        layout.addWidget(text, 1)
