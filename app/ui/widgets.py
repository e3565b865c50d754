"""Small widgets every page uses: a loose date field, a page heading, a button row, a read-only
list table; and the application-wide wheel guard."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QDialog,
    QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QTreeView, QWidget,
)

from app.dates import fmt, parse_loose
from app.ui import style
from app.ui.screen_fit import FITS_ITSELF, available_area, fit_to_area


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


# combo boxes, spin boxes, date and time edits: a wheel turned over them changes their value
_WHEEL_SENSITIVE = (QComboBox, QAbstractSpinBox)


def _wheel_target(obj) -> QWidget | None:
    """The value widget a wheel event over `obj` would change (obj or an ancestor in the same
    window: the line edit inside a spin box), or None."""
    w = obj if isinstance(obj, QWidget) else None
    while w is not None:
        if isinstance(w, _WHEEL_SENSITIVE):
            return w
        if w.isWindow():
            return None
        w = w.parentWidget()
    return None


class WheelGuard(QObject):
    """Installed once on the application: the wheel never changes a combo box, spin box or date
    that does not have the keyboard focus; it scrolls the surrounding page instead. Qt's default
    changed a branch's study day from the 5th to the 1st while its secretary scrolled the
    settings page. Such widgets also get StrongFocus (a click or Tab focuses them, the wheel
    does not), because a wheel-given focus would arrive before this filter sees the wheel."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.Polish and isinstance(obj, _WHEEL_SENSITIVE):
            if obj.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                obj.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if kind != QEvent.Type.Wheel:
            return False
        target = _wheel_target(obj)
        if target is None or target.hasFocus() or target.isAncestorOf(QApplication.focusWidget()):
            return False
        event.accept()  # stops Qt handing it on as well: the page scrolls exactly once
        area = _scroll_area_around(target)
        if area is not None:
            viewport = area.viewport()
            pos = viewport.mapFromGlobal(event.globalPosition().toPoint()).toPointF()
            QApplication.sendEvent(viewport, QWheelEvent(
                pos, event.globalPosition(), event.pixelDelta(), event.angleDelta(),
                event.buttons(), event.modifiers(), event.phase(), event.inverted()))
        return True


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    w = widget.parentWidget()
    while w is not None:
        if isinstance(w, QAbstractScrollArea):
            return w
        w = w.parentWidget()
    return None


class QtDialogFit(QObject):
    """Installed once on the application: Qt's own dialogs (file, print, message, input,
    progress) are fitted to the screen's free area when they first show, as our FormDialogs
    are. The file dialog is also opened large: at Qt's default size its sidebar and column
    headings were cut off at 150 % type."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.Show or not isinstance(obj, QDialog) \
                or obj.property("zhibu_fitted"):
            return False
        if obj.property(FITS_ITSELF):  # a FormDialog fits itself, with its own wanted size
            return False
        obj.setProperty("zhibu_fitted", True)
        area = available_area(obj)
        if isinstance(obj, QFileDialog):
            obj.setMinimumSize(min(area.width() * 4 // 5, obj.maximumWidth()),
                               min(area.height() * 4 // 5, obj.maximumHeight()))
            for view in obj.findChildren(QTreeView):  # 大小, 类型, 修改日期 were cut to "1 12…"
                header = view.header()
                header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
                header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        fit_to_area(obj, area)
        return False


def install_guards(app: QApplication) -> WheelGuard:
    """Install the wheel guard and the fit of Qt's own dialogs once; the application keeps
    them (a second call returns the first wheel guard)."""
    guard = getattr(app, "_zhibu_wheel_guard", None)
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
        app._zhibu_wheel_guard = guard
        fit = QtDialogFit(app)
        app.installEventFilter(fit)
        app._zhibu_dialog_fit = fit
    return guard
