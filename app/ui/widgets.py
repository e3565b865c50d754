"""Small widgets every page uses: a loose date field, a page heading, a button row."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton

from app.dates import fmt, parse_loose


class DateField(QLineEdit):
    """A date typed the way people write it (1938-05-12, 1938.05, 1938年5月); may be blank."""

    def __init__(self, placeholder: str = "如 2026-05-12", parent=None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)

    def value(self) -> tuple[date | None, bool]:
        """(date, month_only); raises ValueError with a Chinese sentence."""
        return parse_loose(self.text())

    def set_value(self, value: date | None, month_only: bool = False) -> None:
        self.setText(fmt(value, month_only))


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "title")
    return label


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "hint")
    label.setWordWrap(True)
    return label


def button(text: str, slot=None, primary: bool = False, tip: str = "") -> QPushButton:
    b = QPushButton(text)
    if primary:
        b.setProperty("primary", True)
    if tip:
        b.setToolTip(tip)
    if slot is not None:
        b.clicked.connect(slot)
    return b


def row(*widgets, stretch_end: bool = True) -> QHBoxLayout:
    layout = QHBoxLayout()
    for w in widgets:
        layout.addWidget(w)
    if stretch_end:
        layout.addStretch(1)
    return layout


def choice_box(choices, blank: str | None = None, current: str | None = None) -> QComboBox:
    """A combo of words; `blank` adds a first entry meaning "none / all" (data None)."""
    box = QComboBox()
    if blank is not None:
        box.addItem(blank, None)
    for c in choices:
        box.addItem(c, c)
    if current is not None:
        box.setCurrentIndex(max(box.findData(current), 0))
    return box
