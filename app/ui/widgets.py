"""Small widgets every page uses: a loose date field, a page heading, a button row, a read-only
list table."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QTableView,
)

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


def table_view(model, widths: tuple[int, ...] = ()) -> QTableView:
    """A read-only list: whole rows selected one at a time, rows 40 px tall (scaled), widths
    in 100 % pixels, the last column taking what is left."""
    from app.ui import style

    table = QTableView()
    table.setModel(model)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(style.px(40))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    for col, width in enumerate(widths):
        table.horizontalHeader().resizeSection(col, style.px(width))
    table.horizontalHeader().setStretchLastSection(True)
    return table
