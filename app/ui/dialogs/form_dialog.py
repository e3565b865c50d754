"""The one foundation of every dialog: it never grows past the screen, keeps its buttons in view,
asks before throwing edits away, and lets Enter mean the default button.

Why one class: the rules for elderly users (usability.md, "It fits the screen" and "No keystroke
and no edit is lost") must hold for every form, and a rule repeated by hand in fifteen dialogs is
a rule broken in one of them. A dialog built on `FormDialog`

- lays its fields into `self.body_layout`; the body sits in a scroll area, so a long form (or a
  form at 200 % type) scrolls *inside* the dialog while the button row below stays put;
- adds its buttons with `add_button`; the `primary` one is the default button (Enter), every
  other button is not auto-default, so Enter never means 取消 or 以后再说;
- is sized by `fit_to_area` when first shown: as large as it wants (its content, or the size it
  asks for with `want_size`), never larger than the screen's free area less the window frame;
- on Esc, the window's × and 取消 compares its fields with how they were when it opened; if
  something changed it asks 保存 / 不保存 / 继续编辑 (`messages.ask_unsaved`).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractSpinBox, QComboBox, QDialog, QFrame, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QScrollArea, QTextEdit, QVBoxLayout, QWidget,
)

from app.ui import messages, style
from app.ui.screen_fit import (  # noqa: F401 - FRAME_* and available_area are used from here
    FITS_ITSELF, FRAME_HEIGHT, FRAME_WIDTH, available_area, fit_to_area,
)
from app.ui.widgets import button

# A widget with this property set to True is not part of what "unsaved changes" compares
# (a search field, a sheet chooser): changing it loses nothing.
NOT_AN_EDIT = "not_an_edit"


def form_values(root: QWidget) -> list:
    """What the user can change under `root`, in widget order: texts, choices, ticks, numbers.
    Comparing two of these lists tells whether anything was edited."""
    values = []
    for w in root.findChildren(QWidget):
        if w.property(NOT_AN_EDIT) or (w.parentWidget() and w.parentWidget().property(NOT_AN_EDIT)):
            continue
        if isinstance(w, QLineEdit):
            if not isinstance(w.parentWidget(), (QAbstractSpinBox, QComboBox)):
                values.append(w.text())
        elif isinstance(w, (QPlainTextEdit, QTextEdit)):
            values.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            values.append((w.currentIndex(), w.currentText()))
        elif isinstance(w, QAbstractSpinBox):
            values.append(w.text())
        elif isinstance(w, QAbstractButton) and w.isCheckable():
            values.append(w.isChecked())
    return values


class FormDialog(QDialog):
    """A dialog whose body scrolls above a fixed button row; see the module text."""

    # False for dialogs that only show or choose (a preview, a picker): closing loses nothing
    asks_to_save = True

    def __init__(self, parent=None, title: str = "", scroll: bool = True):
        """`scroll=False` for a body that scrolls by itself (pages of a preview, a tab holding its
        own scrolled form): a second scroll bar around it would only move the whole thing."""
        super().__init__(parent)
        if title:
            self.setWindowTitle(title)
        self._want: QSize | None = None
        self._baseline: list | None = None
        self._fitted = False
        self.setProperty(FITS_ITSELF, True)
        self.save_slot = None
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.scroll = None
        if scroll:
            self.scroll = QScrollArea()
            self.scroll.setWidgetResizable(True)
            self.scroll.setFrameShape(QFrame.Shape.NoFrame)
            self.scroll.setWidget(self.body)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #8c1d18; font-weight: bold;")
        self.problems.hide()
        self.button_row = QHBoxLayout()
        self._left_end = 0  # buttons before the stretch: index where the next left one goes
        self.button_row.addStretch(1)
        self.outer = QVBoxLayout(self)
        self.outer.addWidget(self.scroll or self.body, 1)
        self.outer.addWidget(self.problems)
        self.outer.addLayout(self.button_row)

    # building -------------------------------------------------------------------------
    def add_button(self, text: str, slot=None, primary: bool = False, left: bool = False,
                   tip: str = "") -> QPushButton:
        """A button in the bottom row (right-aligned unless `left`). The primary one is the
        default button: Enter anywhere but in a multi-line text presses it."""
        b = button(text, slot, primary=primary, tip=tip)
        b.setAutoDefault(False)
        if primary:
            b.setDefault(True)
            self.save_slot = slot
        self.add_to_button_row(b, left)
        return b

    def add_cancel(self, text: str = "取消") -> QPushButton:
        """取消: the same as Esc and the window's ×, so it asks about unsaved changes too."""
        return self.add_button(text, self.reject)

    def add_to_button_row(self, widget: QWidget, left: bool = False) -> None:
        if left:
            self.button_row.insertWidget(self._left_end, widget)
            self._left_end += 1
        else:
            self.button_row.addWidget(widget)

    def add_footer(self, widget: QWidget) -> None:
        """A line that stays in view above the buttons (a note about what 确定 will do)."""
        self.outer.insertWidget(self.outer.indexOf(self.problems), widget)

    def want_size(self, width: int, height: int) -> None:
        """The size this dialog would like at 100 % type (scaled here); `fit_to_area` still
        cuts it to the screen."""
        self._want = QSize(style.px(width), style.px(height))

    def wanted_size(self) -> QSize:
        """What `fit_to_area` aims for: the asked size, or what the whole body needs unscrolled."""
        margins = self.layout().contentsMargins()
        natural = self.body.sizeHint()
        below = [self.outer.itemAt(i).widget() for i in range(1, self.outer.count() - 1)]
        rows = self.button_row.sizeHint().height() + sum(
            w.sizeHint().height() + self.outer.spacing() for w in below if w.isVisibleTo(self))
        spacing = self.outer.spacing()
        bar = self.scroll.verticalScrollBar().sizeHint().width() if self.scroll else 0
        content = QSize(max(natural.width() + bar, self.button_row.sizeHint().width())
                        + margins.left() + margins.right(),
                        natural.height() + rows + spacing + margins.top() + margins.bottom())
        return content.expandedTo(self._want) if self._want is not None else content

    def default_button(self) -> QPushButton | None:
        return next((b for b in self.findChildren(QPushButton) if b.isDefault()), None)

    def show_problems(self, lines: list[str] | str) -> None:
        """The reasons a save was refused, in red above the buttons (never scrolled away)."""
        if isinstance(lines, str):
            self.problems.setText(f"⚠ {lines}")
        else:
            self.problems.setText("⚠ 请修改后再保存：\n" + "\n".join(f"· {p}" for p in lines))
        self.problems.show()

    # unsaved changes ------------------------------------------------------------------
    def current_values(self) -> list:
        """What a later comparison sees; a dialog with state outside its fields adds it."""
        return form_values(self.body)

    def mark_saved(self) -> None:
        """Take the fields as they are now as "nothing to save"."""
        self._baseline = self.current_values()

    def has_unsaved_changes(self) -> bool:
        if self._baseline is None:
            return False
        return self.current_values() != self._baseline

    def exec(self) -> int:
        """Run the dialog, then let Qt delete it once the caller's slot has read its fields.
        Pages are the dialogs' parents, so without this every dialog ever opened stayed in
        memory until the program closed: 470 MB over a soak's three rounds (a preview keeps its
        page images)."""
        result = super().exec()
        self.deleteLater()
        return result

    def reject(self) -> None:
        """Esc, × and 取消 all come here: ask first when something typed would be lost."""
        if not self.asks_to_save or not self.isVisible() or not self.has_unsaved_changes():
            super().reject()
            return
        answer = messages.ask_unsaved(self)
        if answer == "save" and self.save_slot is not None:
            self.save_slot()  # closes the dialog when it saved; a refused save stays open
        elif answer == "discard":
            super().reject()

    # showing --------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._fitted:
            self._fitted = True
            for b in self.findChildren(QPushButton):
                if b is not self.default_button():
                    b.setAutoDefault(False)  # a focused 全部送到 must not take Enter from 保存
            fit_to_area(self, available_area(self))
        if self._baseline is None:
            self.mark_saved()
