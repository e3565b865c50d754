"""The roster table: a list of member ids from SQL and a cache of the rows on screen.

Sorting and filtering ask the roster service again (ORDER BY / WHERE in SQL); rows are read in
blocks around what the view asks for, so 20,000 members show and scroll without a stall.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app.storage.db import Database
from app.services import roster

BLOCK = 200


class RosterTableModel(QAbstractTableModel):
    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self.db = db
        self.filter = roster.RosterFilter()
        self.ids: list[int] = []
        self._rows: dict[int, tuple] = {}

    # loading ----------------------------------------------------------------------------
    def reload(self, flt: roster.RosterFilter | None = None) -> None:
        if flt is not None:
            self.filter = flt
        with self.db.session() as s:
            ids = roster.member_ids(s, self.filter)
        self.beginResetModel()
        self.ids = ids
        self._rows = {}
        self.endResetModel()

    def _row(self, row: int) -> tuple:
        member_id = self.ids[row]
        cached = self._rows.get(member_id)
        if cached is None:
            start = max(0, row - BLOCK // 4)
            block = self.ids[start : start + BLOCK]
            with self.db.session() as s:
                self._rows.update(roster.roster_rows(s, block))
            cached = self._rows.get(member_id, ("",) * len(roster.ROSTER_COLUMNS))
        return cached

    def member_id(self, row: int) -> int | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def row_of(self, member_id: int) -> int:
        try:
            return self.ids.index(member_id)
        except ValueError:
            return -1

    # Qt model ---------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(roster.ROSTER_COLUMNS)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._row(index.row())[index.column()]
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 2, 3, 6):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return roster.ROSTER_COLUMNS[section]
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        name = roster.ROSTER_COLUMNS[column]
        self.filter.sort = name if name in roster.SORTABLE else "序号"
        self.filter.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
