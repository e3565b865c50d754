"""Table models of the 自学资料 page: plain rows from the services, and the 待送达 list with ticks.

Each list is read with one SQL query (columns, not objects) when the page asks; the models only
format and hold it. Order comes from the service (ORDER BY), never from a sort proxy.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from app.dates import fmt


def cell(value) -> str:
    """How a value reads in a table cell: dates as 2026-05-12, scores without a needless .0."""
    if value is None:
        return ""
    if isinstance(value, date):
        return fmt(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class RowsTableModel(QAbstractTableModel):
    """Rows of display values with a key each (a material id, a hand-out id …)."""

    def __init__(self, headers: tuple[str, ...], centered: tuple[int, ...] = (), parent=None):
        super().__init__(parent)
        self.headers = headers
        self.centered = set(centered)
        self.keys: list[int] = []
        self.rows: list[tuple] = []
        self.items: list[object] = []  # the service's own rows, for the page to read back

    def set_rows(self, items: list, keys: list[int], rows: list[tuple]) -> None:
        self.beginResetModel()
        self.items, self.keys, self.rows = list(items), list(keys), [
            tuple(cell(v) for v in r) for r in rows]
        self.endResetModel()

    def key(self, row: int) -> int | None:
        return self.keys[row] if 0 <= row < len(self.keys) else None

    def item(self, row: int):
        return self.items[row] if 0 <= row < len(self.items) else None

    def row_of(self, key: int) -> int:
        try:
            return self.keys.index(key)
        except ValueError:
            return -1

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]  # the tip shows text cut short
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.centered:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


PENDING_HEADERS = ("选", "村/社区", "党员", "资料", "发放日期", "方式", "身体状况", "地址")


class PendingTableModel(QAbstractTableModel):
    """The 待送达 copies with a tick each. Rows arrive grouped (by member or by village); the
    group's name is written on its first row only, in bold, so the groups read at a glance."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []  # PendingRow
        self.by = "member"
        self.checked: set[int] = set()
        self._first: list[bool] = []

    def set_rows(self, rows: list, by: str) -> None:
        self.beginResetModel()
        self.rows, self.by = list(rows), by
        keep = {r.handout_id for r in rows}
        self.checked &= keep
        self._first = []
        last = object()
        for r in rows:
            key = r.member_id if by == "member" else r.community
            self._first.append(key != last)
            last = key
        self.endResetModel()

    # ticks --------------------------------------------------------------------------------
    def toggle(self, row: int) -> None:
        hid = self.rows[row].handout_id
        self.checked.symmetric_difference_update({hid})
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(PENDING_HEADERS) - 1))

    def set_all(self, on: bool) -> None:
        self.checked = {r.handout_id for r in self.rows} if on else set()
        self._changed_all()

    def check_members(self, member_ids: set[int]) -> None:
        """Tick every copy of these members (all they are owed, in one go)."""
        self.checked |= {r.handout_id for r in self.rows if r.member_id in member_ids}
        self._changed_all()

    def _changed_all(self) -> None:
        if self.rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self.rows) - 1, len(PENDING_HEADERS) - 1))

    def checked_ids(self) -> list[int]:
        return [r.handout_id for r in self.rows if r.handout_id in self.checked]

    # Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(PENDING_HEADERS)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, col = self.rows[index.row()], index.column()
        first = self._first[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return ""  # the tick box itself (CheckStateRole) says it
            if col == 1:
                return (r.community or "（未填）") if first or self.by == "member" else ""
            if col == 2:
                return r.member_name if first or self.by == "village" else ""
            return (None, None, None, r.material_label, fmt(r.issued_date), r.method,
                    r.mobility, r.address)[col]
        if role == Qt.ItemDataRole.CheckStateRole and col == 0:
            return Qt.CheckState.Checked if r.handout_id in self.checked else \
                Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.FontRole and first and col in (1, 2):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 4):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return PENDING_HEADERS[section]
        return None
