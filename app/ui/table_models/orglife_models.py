"""Table models of the 会议记录 tab: the year's frequency check, one row per kind, and the year's
meetings with the state of their minutes. The rows come from app.services.orglife (ordered there);
these models only format them and mark what is missing in words and colour together."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.services.orglife.frequency import KindStatus
from app.services.orglife.meetings import NOT_WRITTEN, MeetingRow
from app.ui.table_models.materials_models import RowsTableModel

CHECK_HEADERS = ("会议", "要求", "已开 / 全年应开", "到今天应开", "本季度", "说明")
MEETING_HEADERS = ("日期", "时间", "类别", "主题", "主持人", "记录人", "应到", "出席",
                   "送学上门", "请假", "缺席", "会议记录")
RED = "#a3150c"
OK = "✔ 已开或已安排"


def spans(labels: list[str]) -> str:
    """Months in runs: ["1月", "2月", "3月", "5月"] → "1至3月、5月"; other labels as they are."""
    months = [int(x[:-1]) for x in labels if x.endswith("月") and x[:-1].isdigit()]
    if len(months) != len(labels):
        return "、".join(labels)
    runs: list[list[int]] = []
    for m in months:
        if runs and m == runs[-1][-1] + 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    return "、".join(f"{r[0]}至{r[-1]}月" if len(r) > 2 else "、".join(f"{m}月" for m in r)
                    for r in runs)


def check_cells(s: KindStatus) -> tuple:
    """A kind's row: what is missing this quarter in words (▲ 缺 …), never by colour alone;
    the whole sentence is the cell's tip (and the home page's line)."""
    if s.off:
        return (s.kind, s.frequency, f"{s.held} 次" if s.held else "—", "—", "本支部不开展",
                s.note)
    notes = [n for n in (s.note, f"已安排 {s.planned} 次" if s.planned else "",
                         f"{spans(s.missed)}没有开" if s.missed else "") if n]
    return (s.kind, s.frequency, f"{s.held} / {s.required}", s.required_so_far,
            f"▲ 缺{'、'.join(s.gaps)}" if s.missing_this_quarter else OK, "；".join(notes))


class CheckTableModel(RowsTableModel):
    """The frequency check: the 本季度 column red and bold where something is missing."""

    def __init__(self, parent=None):
        super().__init__(CHECK_HEADERS, centered=(1, 2, 3), parent=parent)

    def set_statuses(self, statuses: list[KindStatus]) -> None:
        self.set_rows(statuses, list(range(len(statuses))), [check_cells(s) for s in statuses])

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if index.isValid() and index.column() == 4:
            item = self.items[index.row()]
            if role == Qt.ItemDataRole.ToolTipRole and item.sentence:
                return item.sentence
            if item.missing_this_quarter:
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QBrush(QColor(RED))
                if role == Qt.ItemDataRole.FontRole:
                    font = QFont()
                    font.setBold(True)
                    return font
        return super().data(index, role)


def meeting_cells(r: MeetingRow, today: date) -> tuple:
    e = r.event
    kind = f"{e.kind}（含民主评议）" if r.with_appraisal else e.kind
    return (e.date, e.start_time, kind, e.topic, r.host, r.recorder, e.expected, e.present,
            e.delivered, e.leave, e.absent, r.state(today))


class MeetingsTableModel(RowsTableModel):
    """The year's meetings, oldest first; 未填写 minutes of a meeting already held in red."""

    def __init__(self, parent=None):
        super().__init__(MEETING_HEADERS, centered=(0, 1, 6, 7, 8, 9, 10, 11), parent=parent)
        self.today = date.today()

    def set_meetings(self, rows: list[MeetingRow], today: date) -> None:
        self.today = today
        self.set_rows(rows, [r.id for r in rows], [meeting_cells(r, today) for r in rows])

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if (index.isValid() and index.column() == 11 and role == Qt.ItemDataRole.ForegroundRole
                and self.items[index.row()].state(self.today) == NOT_WRITTEN):
            return QBrush(QColor(RED))
        return super().data(index, role)
