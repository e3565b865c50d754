"""The 学习活动 list: the events from SQL at once, their marks counted a screenful at a time.

`reload` reads the events of the year and kind chosen (study.event_list: no attendance read);
a row's counts are read with those of the rows around it the first time the view asks for it
(study.count_marks) and kept until the next reload. Ten years of a county-size branch — 220
events over 4.4 million attendance records — thus show their first screen at once.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app.services import study
from app.ui.table_models.materials_models import cell

HEADERS = ("日期", "时间", "类别", "主题", "地点", "应到", "出席", "请假", "缺席", "送学上门", "状态")
CENTERED = frozenset((0, 1, 2, 5, 6, 7, 8, 9, 10))
BLOCK = 20  # events counted together: a screenful (15 rows at 40 px on a 900 px page)


class EventsTableModel(QAbstractTableModel):
    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.branch_id: int | None = None
        self.rows: list[study.EventRow] = []  # counted once read (see _counted)
        self.today = date.today()

    # loading ----------------------------------------------------------------------------
    def reload(self, branch_id: int, year: int | None = None, kind: str | None = None) -> None:
        with self.db.session() as s:
            rows = study.event_list(s, branch_id, year=year, kind=kind)
        self.beginResetModel()
        self.branch_id, self.rows, self.today = branch_id, rows, date.today()
        self.endResetModel()

    def _counted(self, row: int) -> study.EventRow:
        if not self.rows[row].counted:
            start = max(0, row - BLOCK // 5)
            block = [r for r in self.rows[start:start + BLOCK] if not r.counted]
            with self.db.session() as s:
                done = {r.id: r for r in study.count_marks(s, self.branch_id, block)}
            for i in range(start, min(start + BLOCK, len(self.rows))):
                self.rows[i] = done.get(self.rows[i].id, self.rows[i])
        return self.rows[row]

    def item(self, row: int) -> study.EventRow | None:
        return self._counted(row) if 0 <= row < len(self.rows) else None

    def key(self, row: int) -> int | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def row_of(self, event_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == event_id), -1)

    def values(self, row: int) -> tuple:
        """The row as shown: its counts are read if they were not yet."""
        r = self._counted(row)
        state = "未开始" if r.date > self.today and not r.cancelled else r.status
        return (r.date, r.start_time, r.kind, r.topic, r.place, r.expected, r.present, r.leave,
                r.absent, r.delivered, state)

    # Qt model ---------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cell(self.values(index.row())[index.column()])  # the tip shows text cut short
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in CENTERED:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None
