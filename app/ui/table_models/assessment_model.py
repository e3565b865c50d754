"""The 支部自评 page's table: the year's items grouped by area (an area's heading row with its
subtotal, then its items). An item the program judges shows its score and evidence and cannot
be edited; an item the secretary scores takes a score (得分) and a note (评分依据) typed into
the cell — saved at once through `save(code, score, note)`, which calls the use case in one
short session and returns the refusal's sentence, or None (a refusal of the model's own goes
to `say`). The model knows no view."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from app.assessment_checklist import points_text
from app.services.yearend.self_assessment import Assessment, AssessmentItem

HEADERS = ("编号", "考评内容", "分值", "得分", "评分依据", "评分人")
SCORE, NOTE = 3, 4
HAND_BACKGROUND = QColor("#fff8e1")  # the cells a secretary fills in
AREA_BACKGROUND = QColor("#e8eef7")

Saver = Callable[[str, str | None, str], str | None]


class AssessmentModel(QAbstractTableModel):
    def __init__(self, save: Saver, say: Callable[[str], object] | None = None, parent=None):
        super().__init__(parent)
        self.save, self.say = save, say
        self.rows: list[tuple[str, object]] = []  # ("area", (name, score, points)) / ("item", it)
        self.refused: str | None = None  # the last refusal, for the page to show
        self._bold = QFont()
        self._bold.setBold(True)

    def set_assessment(self, assessment: Assessment) -> None:
        self.beginResetModel()
        self.rows = []
        for area in assessment.checklist.areas:
            items = [i for i in assessment.items if i.area == area]
            score = sum(i.score or 0 for i in items)
            self.rows.append(("area", (area, score, sum(i.points for i in items))))
            self.rows += [("item", i) for i in items]
        self.endResetModel()

    def item_at(self, row: int) -> AssessmentItem | None:
        kind, value = self.rows[row] if 0 <= row < len(self.rows) else ("", None)
        return value if kind == "item" else None

    def area_rows(self) -> list[int]:
        return [n for n, (kind, _v) in enumerate(self.rows) if kind == "area"]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index):
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        item = self.item_at(index.row())
        if item is not None and item.editable and index.column() in (SCORE, NOTE):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        kind, value = self.rows[index.row()]
        col = index.column()
        if kind == "area":
            return self._area(value, col, role)
        item: AssessmentItem = value
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(item, col, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 2, 3, 5):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and item.editable and col in (SCORE, NOTE):
            return QBrush(HAND_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            how = ("由书记评分：选中“得分”格直接输入分数，回车保存；“评分依据”格写明依据"
                   if item.editable else "由程序按本支部登记的数据评分，不能手工改")
            return f"{item.item}\n评分标准：{item.standard}\n{how}"
        return None

    def _area(self, value, col: int, role):
        name, score, points = value
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 1:
                return name
            if col == 2:
                return points_text(points)
            if col == 3:
                return points_text(score)
            return None
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(AREA_BACKGROUND)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (2, 3):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _text(item: AssessmentItem, col: int, editing: bool) -> str:
        if col == SCORE:
            return "" if item.score is None else points_text(item.score)
        if col == NOTE and editing:
            return "" if item.evidence == "未评分" else item.evidence
        return (item.code, item.item, points_text(item.points), None, item.evidence,
                item.by)[col] or ""

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        item = self.item_at(index.row())
        if item is None or not item.editable or role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value or "").strip()
        note = "" if item.evidence == "未评分" else item.evidence
        if index.column() == SCORE:
            score = text or None
        elif index.column() == NOTE:
            if item.score is None:
                self.refused = f"请先填写编号 {item.code} 的得分，再写评分依据。"
                if self.say:
                    self.say(self.refused)
                return False
            score, note = points_text(item.score), text
        else:
            return False
        self.refused = self.save(item.code, score, note)
        return self.refused is None
