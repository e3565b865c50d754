"""Table models of the 走访关怀 page. Rows come from the care services (already ordered in SQL or
by the service); these models only format them, hold ticks, and mark states by word, symbol and
colour together (never colour alone)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.dates import fmt
from app.services import care
from app.ui.table_models.materials_models import RowsTableModel

DUE_HEADERS = ("选", "状态", "姓名", "年龄", "村/社区", "关怀原因", "为什么该走访", "上次走访",
               "已隔天数", "走访周期", "应走访日期", "电话", "住址")
WHY_COLUMN = DUE_HEADERS.index("为什么该走访")
_STATE_COLOURS = {care.STATE_OVERDUE: "#a3150c", care.STATE_NEVER: "#a3150c",
                  care.STATE_DUE: "#8a4b00", care.STATE_OK: "#2f5d1f",
                  care.STATE_CONTACT: "#6a1b9a"}


def due_cells(r: care.CareRow, why: str = "") -> tuple:
    return ("", r.state_label, r.name, r.age if r.age is not None else "", r.community, r.reason,
            why, fmt(r.last_visit) or "从未走访",
            f"{r.days_since} 天" if r.days_since is not None else "—",
            f"{r.interval_days} 天", fmt(r.due_date) or "尽快", r.phone, r.address)


class CareTableModel(RowsTableModel):
    """The care list with a tick per member (column 0) and the state written in colour + word."""

    def __init__(self, parent=None):
        super().__init__(DUE_HEADERS, centered=(0, 3, 7, 8, 9, 10), parent=parent)
        self.checked: set[int] = set()

    def set_care_rows(self, rows: list[care.CareRow], whys: list[str] | None = None) -> None:
        """The rows (care rows as shown) and, beside each, why the member is due."""
        whys = whys or [""] * len(rows)
        self.set_rows(rows, [r.member_id for r in rows],
                      [due_cells(r, why) for r, why in zip(rows, whys)])
        self.checked &= set(self.keys)

    def toggle(self, row: int) -> None:
        key = self.key(row)
        if key is None:
            return
        self.checked.symmetric_difference_update({key})
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.headers) - 1))

    def set_all(self, on: bool) -> None:
        self.beginResetModel()
        self.checked = set(self.keys) if on else set()
        self.endResetModel()

    def checked_ids(self) -> list[int]:
        return [k for k in self.keys if k in self.checked]

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.column() == 0:
            if role == Qt.ItemDataRole.CheckStateRole:
                return (Qt.CheckState.Checked if self.keys[index.row()] in self.checked
                        else Qt.CheckState.Unchecked)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1:
            return QBrush(QColor(_STATE_COLOURS[self.items[index.row()].state]))
        if role == Qt.ItemDataRole.FontRole and index.column() == 1:
            item = self.items[index.row()]
            if item.state in care.OVERDUE_STATES:
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)
