"""The 民主评议 tab's keyboard table and its one-line labels.

`AppraisalView` turns keys into signals and never opens an editor (as on 登记出勤: a key that
opened something swallowed the keys typed after it). `OneLine` keeps a summary to one line at
any type size, cut with … and whole in its tool tip: every wrapped line is a member less on
screen at 150 %.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QTableView

from app.ui.table_models.appraisal_model import GRADE_COLUMN, VOTE_COLUMNS

GRADE_KEYS = {Qt.Key.Key_1: "优秀", Qt.Key.Key_2: "合格", Qt.Key.Key_3: "基本合格",
              Qt.Key.Key_4: "不合格"}
ADVANCE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
HELP = "票数：打数字，回车下一格　评定等次列：按 1–4（0 清除）　空格：下一位未录入"


class AppraisalView(QTableView):
    """Turns keys into the panel's signals; arrows and the rest do what a table does."""

    digit = Signal(int, int, str)  # row, column, "0"–"9"
    erase = Signal(int, int, bool)  # row, column, whole cell
    advance = Signal(int, int)
    grade_key = Signal(int, object)  # row, grade or None
    next_key = Signal()

    def event(self, event) -> bool:
        """Tab is "next grade" here: Qt would move the focus out of the table before the key
        ever reached keyPressEvent."""
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab \
                and not event.modifiers():
            self.keyPressEvent(event)
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        index = self.currentIndex()
        row, col, key = index.row(), index.column(), event.key()
        text = event.text()
        if row >= 0 and col in VOTE_COLUMNS and text.isdigit() and text.isascii():
            self.digit.emit(row, col, text)
        elif row >= 0 and col == GRADE_COLUMN and (key in GRADE_KEYS or key == Qt.Key.Key_0):
            self.grade_key.emit(row, GRADE_KEYS.get(key))
        elif row >= 0 and col in VOTE_COLUMNS and key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.erase.emit(row, col, key == Qt.Key.Key_Delete)
        elif row >= 0 and col == GRADE_COLUMN and key == Qt.Key.Key_Delete:
            self.grade_key.emit(row, None)
        elif row >= 0 and key in ADVANCE_KEYS:
            self.advance.emit(row, col)
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_N) and not event.modifiers():
            self.next_key.emit()
        else:
            super().keyPressEvent(event)


class OneLine(QLabel):
    """A label that never wraps: cut with … to its width, the whole text in the tool tip."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                                   max(self.width(), 40)))
