"""A row of controls that wraps onto a second line instead of widening the window.

A plain QHBoxLayout of five buttons asks for the sum of their widths: at 200 % type that was
1,300–1,500 px, so one page forced the main window past a 1366-px screen. A FlowLayout asks only
for its widest item and lays the rest out line by line, as text wraps. A label followed by its
field can be kept together by putting both in one `keep_together` widget.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractSpinBox, QBoxLayout, QComboBox, QHBoxLayout, QLabel, QLayout,
    QLineEdit, QSizePolicy, QWidget,
)


class FlowLayout(QLayout):
    """Items left to right, wrapping to a new line when the next one would not fit."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def set_spacing(self, spacing: int) -> None:
        """The gap between items (again after a change of type size)."""
        self._gap = spacing
        self.invalidate()

    # QLayout's item list --------------------------------------------------------------------
    def addItem(self, item) -> None:  # noqa: N802 (Qt API)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    # sizes ----------------------------------------------------------------------------------
    def expandingDirections(self):  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def sizeHint(self) -> QSize:  # noqa: N802
        width = sum(i.sizeHint().width() for i in self._visible())
        width += self._gap * max(0, len(self._visible()) - 1)
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def _visible(self) -> list:
        return [i for i in self._items if i.widget() is None or not i.widget().isHidden()]

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place (or only measure) the items inside `rect`; the height they need."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line_height = area.x(), area.y(), 0
        for item in self._visible():
            hint = item.sizeHint().boundedTo(item.maximumSize()).expandedTo(item.minimumSize())
            width = min(hint.width(), max(area.width(), item.minimumSize().width()))
            if x > area.x() and x + width > area.right() + 1:
                x, y = area.x(), y + line_height + self._gap
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + self._gap
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y() + m.bottom()


def keep_together(*widgets: QWidget) -> QWidget:
    """One unit for a flow row: a label and its field never end up on different lines."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        row.addWidget(w)
    box.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return box


SMALL_CONTROLS = (QAbstractButton, QLabel, QComboBox, QLineEdit, QAbstractSpinBox)


def _is_control_row(row: QLayout) -> bool:
    """A row of buttons, labels and short fields only (no table, no nested layout)."""
    widgets = 0
    for i in range(row.count()):
        item = row.itemAt(i)
        if item.layout() is not None:
            return False
        w = item.widget()
        if w is None:
            continue  # a stretch or a spacing
        if not isinstance(w, SMALL_CONTROLS):
            return False
        if isinstance(w, QLabel) and w.wordWrap():
            return False  # a wrapping text wants the whole line: leave that row alone
        widgets += 1
    return widgets >= 2


def _units(row: QLayout) -> list[QWidget]:
    """The row's widgets, each caption label joined with the field after it."""
    widgets = []
    while row.count():
        item = row.takeAt(0)
        if item.widget() is not None:
            widgets.append(item.widget())
    units, i = [], 0
    while i < len(widgets):
        w = widgets[i]
        nxt = widgets[i + 1] if i + 1 < len(widgets) else None
        if (isinstance(w, QLabel) and nxt is not None
                and isinstance(nxt, (QComboBox, QLineEdit, QAbstractSpinBox))):
            visible = not w.isHidden() or not nxt.isHidden()
            unit = keep_together(w, nxt)
            unit.setVisible(visible)
            units.append(unit)
            i += 2
        else:
            units.append(w)
            i += 1
    return units


def reflow_rows(root: QWidget, spacing: int = 6) -> int:
    """Turn every row of controls inside `root` into a FlowLayout, so the page asks for the
    width of its widest control instead of the sum of a row. Tables, text and nested layouts
    are left as they are. Returns how many rows were changed."""
    changed = 0
    for widget in [root, *root.findChildren(QWidget)]:
        changed += _reflow_in(widget.layout(), spacing) if widget.layout() else 0
    return changed


def _reflow_in(layout: QLayout, spacing: int) -> int:
    changed = 0
    if not isinstance(layout, QBoxLayout):
        return 0
    for i in range(layout.count()):
        child = layout.itemAt(i).layout()
        if child is None:
            continue
        if type(child) is QHBoxLayout and _is_control_row(child):
            stretch = layout.stretch(i)
            flow = FlowLayout(spacing=spacing)
            for unit in _units(child):
                flow.addWidget(unit)
            layout.takeAt(i)
            child.deleteLater()
            layout.insertLayout(i, flow, stretch)
            changed += 1
        else:
            changed += _reflow_in(child, spacing)
    return changed
