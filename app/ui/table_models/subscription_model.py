"""The subscription editor's table: members on the roster down, periodicals across, a tick box
in each cell. A click saves at once (nothing to lose by forgetting a 保存 button)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app.storage.db import Database
from app.services import roster
from app.services import subscriptions as subs

BLOCK = 200
FIXED = ("姓名", "村/社区")


class SubscriptionTableModel(QAbstractTableModel):
    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self.db = db
        self.branch_id: int | None = None
        self.year = 0
        self.periodicals: list[str] = []
        self.ids: list[int] = []
        self.ticks: dict[int, set[str]] = {}
        self._names: dict[int, tuple[str, str]] = {}

    def reload(self, branch_id: int, year: int, text: str = "",
               extra: list[str] | None = None) -> None:
        with self.db.session() as s:
            ids = roster.member_ids(s, roster.RosterFilter(branch_id=branch_id, text=text))
            ticks = subs.subscription_map(s, branch_id, year)
            names = subs.periodicals(s, branch_id)
        for name in extra or []:
            if name not in names:
                names.append(name)
        self.beginResetModel()
        self.branch_id, self.year, self.ids, self.ticks = branch_id, year, ids, ticks
        self.periodicals, self._names = names, {}
        self.endResetModel()

    def _person(self, row: int) -> tuple[str, str]:
        member_id = self.ids[row]
        if member_id not in self._names:
            block = self.ids[max(0, row - BLOCK // 4): max(0, row - BLOCK // 4) + BLOCK]
            with self.db.session() as s:
                for mid, values in roster.roster_rows(s, block).items():
                    self._names[mid] = (values[1], values[9])
        return self._names.get(member_id, ("", ""))

    def toggle(self, row: int, column: int) -> None:
        """Subscribe or unsubscribe the member of `row` to the periodical of `column`."""
        if column < len(FIXED) or not 0 <= row < len(self.ids):
            return
        member_id, name = self.ids[row], self.periodicals[column - len(FIXED)]
        have = self.ticks.setdefault(member_id, set())
        with self.db.session() as s:
            if name in have:
                subs.unsubscribe(s, member_id, name, self.year)
                have.discard(name)
            else:
                subs.subscribe(s, member_id, name, self.year)
                have.add(name)
        index = self.index(row, column)
        self.dataChanged.emit(index, index)

    def count(self, name: str) -> int:
        return sum(1 for m in self.ids if name in self.ticks.get(m, ()))

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(FIXED) + len(self.periodicals)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        col = index.column()
        if col < len(FIXED):
            return self._person(index.row())[col] if role == Qt.ItemDataRole.DisplayRole else None
        on = self.periodicals[col - len(FIXED)] in self.ticks.get(self.ids[index.row()], ())
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return "订阅" if on else ""
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (*FIXED, *self.periodicals)[section]
        return None
