"""The attendance table: one row per member, four big mark "buttons" and the leave reason.

The marks are cells painted as buttons by `MarkDelegate` (500 members × 4 real QPushButtons
would be 2,000 widgets); the chosen one reads "✔ 出席" in bold on dark blue, so the state is
in the text, not in the colour alone. A homebound member's suggested 送学上门 reads
"送学上门？" in a dashed box until a mark is saved.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from app.vocab import ATTENDANCE_MARKS

HEADERS = ("序号", "姓名", "身体状况", *ATTENDANCE_MARKS, "请假原因")
FIRST_MARK = 3
MARK_COLUMNS = {FIRST_MARK + i: mark for i, mark in enumerate(ATTENDANCE_MARKS)}
REASON_COLUMN = FIRST_MARK + len(ATTENDANCE_MARKS)
CHOSEN, SUGGESTED, PLAIN = "chosen", "suggested", "plain"
STATE_ROLE = Qt.ItemDataRole.UserRole + 1


class AttendanceModel(QAbstractTableModel):
    """Rows are `AttendanceRow`s from the study service; `replace_row` after each save."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def replace_row(self, row: int, mark: str | None, reason: str) -> None:
        old = self.rows[row]
        self.rows[row] = replace(old, mark=mark, reason=reason if mark == "请假" else "",
                                 suggested=old.suggested if mark is None else None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))

    def set_all(self, rows: list) -> None:
        """New rows for the same members (after 全部出席), without losing the current row."""
        self.rows = list(rows)
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(HEADERS) - 1))

    def next_unrecorded(self, start: int) -> int | None:
        """The first row from `start` on (going round to the top) with no saved mark; None
        when every member is recorded. A suggested 送学上门 is not a record until saved."""
        n = len(self.rows)
        for step in range(n):
            row = (max(start, 0) + step) % n
            if self.rows[row].mark is None:
                return row
        return None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, col = self.rows[index.row()], index.column()
        if col in MARK_COLUMNS:
            mark = MARK_COLUMNS[col]
            state = CHOSEN if r.mark == mark else (
                SUGGESTED if r.mark is None and r.suggested == mark else PLAIN)
            if role == Qt.ItemDataRole.DisplayRole:
                return {CHOSEN: f"✔ {mark}", SUGGESTED: f"{mark}？", PLAIN: mark}[state]
            if role == STATE_ROLE:
                return state
            if role == Qt.ItemDataRole.ToolTipRole and state == SUGGESTED:
                return "行动不便，建议记为送学上门；点“全部出席”或点这里确认"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return str(r.sort_order or index.row() + 1)
            if col == 1:
                return r.name
            if col == 2:
                return r.mobility
            if col == REASON_COLUMN:
                if r.mark != "请假":
                    return ""
                return r.reason or "原因？按 5–8"
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 2, REASON_COLUMN):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and col == 1:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and col == REASON_COLUMN and not r.reason:
            return QColor("#8c1d18")
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None


class MarkDelegate(QStyledItemDelegate):
    """Paints a mark cell as a large button: chosen, suggested (dashed) or plain."""

    def paint(self, painter, option, index) -> None:
        state = index.data(STATE_ROLE)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        painter.save()
        painter.setRenderHint(painter.RenderHint.Antialiasing, True)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, QColor("#fff1c7"))  # the current row, lightly
        box = QRectF(option.rect).adjusted(4, 3, -4, -3)
        radius = min(6.0, box.height() / 4)
        font = QFont(option.font)
        if state == CHOSEN:
            painter.setPen(QPen(QColor("#0d2f5e"), 2))
            painter.setBrush(QColor("#1d4f91"))
            font.setBold(True)
            colour = QColor("#ffffff")
        elif state == SUGGESTED:
            pen = QPen(QColor("#1d4f91"), 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(QColor("#eef3fb"))
            colour = QColor("#1d4f91")
        else:
            painter.setPen(QPen(QColor("#8a8a8a"), 1))
            painter.setBrush(QColor("#ffffff"))
            colour = QColor("#1a1a1a")
        painter.drawRoundedRect(box, radius, radius)
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()
