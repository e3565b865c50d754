"""The appraisal's table: everyone taking part — full members first (their votes typed in, the
committee's grade), then the probationary members and those excused, each saying why they have
no grade. Rows come from app.services.orglife (read again after each change).

Votes are typed digit by digit into the row's draft, checked as typed: no number above the
ballots returned, and the row's total against them (合计 28 / 30 — 还差 2 张). A draft is
saved by the panel once it adds up (the service refuses anything else); until then it stays on
screen, yellow and counted, never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.vocab import APPRAISAL_GRADES, GRADE_FAILED, ROLE_EXCLUDED, ROLE_GRADED

HEADERS = ("序号", "姓名", *APPRAISAL_GRADES, "合计", "评定等次", "说明")
FIRST_VOTE = 2
VOTE_COLUMNS = tuple(range(FIRST_VOTE, FIRST_VOTE + len(APPRAISAL_GRADES)))
TOTAL_COLUMN = VOTE_COLUMNS[-1] + 1
GRADE_COLUMN = TOTAL_COLUMN + 1
NOTE_COLUMN = GRADE_COLUMN + 1
UNSAVED = QColor("#fff3c4")  # a draft not yet saved
PROBLEM = QColor("#a3150c")
MUTED = QColor("#6b6b6b")


@dataclass
class Row:
    member_id: int
    name: str
    role: str
    reason: str
    saved: tuple[int, ...] | None  # the votes stored
    grade: str | None
    follow_up: str
    number: int = 0  # 序号 among the full members (the ballot's order); 0 for the others
    draft: list[str] = field(default_factory=lambda: [""] * len(APPRAISAL_GRADES))

    @property
    def graded(self) -> bool:
        return self.role == ROLE_GRADED

    def numbers(self) -> list[int | None]:
        return [int(t) if t else None for t in self.draft]

    @property
    def typed(self) -> bool:
        return any(self.draft)

    @property
    def changed(self) -> bool:
        """The draft differs from what is stored (blank cells count 0 once any is typed)."""
        if not self.typed:
            return self.saved is not None
        return tuple(n or 0 for n in self.numbers()) != self.saved


def _draft(votes) -> list[str]:
    return [str(v) for v in votes] if votes is not None else [""] * len(APPRAISAL_GRADES)


class AppraisalModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Row] = []
        self.returned: int | None = None

    # loading ------------------------------------------------------------------------------
    def set_appraisal(self, info) -> None:
        """Rows of `info` (an AppraisalInfo, or None for a year not started); drafts still
        unsaved are kept for the members they belong to."""
        drafts = {r.member_id: r.draft for r in self.rows if r.changed and r.typed}
        self.beginResetModel()
        self.rows = []
        self.returned = info.ballots_returned if info else None
        if info is not None:
            people = [*info.graded, *info.probationary, *info.excluded]
            for p in people:
                row = Row(p.member_id, p.name, p.role, p.reason, p.votes, p.grade, p.follow_up,
                          draft=_draft(p.votes))
                if p.member_id in drafts:
                    row.draft = drafts[p.member_id]
                self.rows.append(row)
            for n, row in enumerate((r for r in self.rows if r.graded), start=1):
                row.number = n
        self.endResetModel()

    def refresh_row(self, index: int, participant) -> None:
        """After a save: what is stored now, the draft the same."""
        row = self.rows[index]
        row.saved, row.grade, row.follow_up = participant.votes, participant.grade, \
            participant.follow_up
        row.draft = _draft(participant.votes)
        self._changed(index)

    def _changed(self, index: int) -> None:
        self.dataChanged.emit(self.index(index, 0), self.index(index, len(HEADERS) - 1))

    # typing -------------------------------------------------------------------------------
    def type_digit(self, index: int, column: int, digit: str) -> str:
        """Add `digit` to a vote cell; "" when taken, else why not (nothing changes then)."""
        row, slot = self.rows[index], column - FIRST_VOTE
        if not row.graded:
            return f"{row.name}不在测评票上，没有票数"
        if self.returned is None:
            return "请先在上面填写收回的选票张数，再录入票数"
        text = (row.draft[slot] + digit).lstrip("0") or "0"
        if int(text) > self.returned:
            return (f"{row.name}的{APPRAISAL_GRADES[slot]}票不能多于收回的选票"
                    f"（{self.returned} 张）")
        row.draft[slot] = text
        self._changed(index)
        return ""

    def erase(self, index: int, column: int, whole: bool) -> None:
        """Backspace (the last digit) or Delete (the whole cell)."""
        row, slot = self.rows[index], column - FIRST_VOTE
        if row.graded:
            row.draft[slot] = "" if whole else row.draft[slot][:-1]
            self._changed(index)

    def total(self, index: int) -> int:
        return sum(n or 0 for n in self.rows[index].numbers())

    def ready(self, index: int) -> bool:
        """The draft adds up to the ballots returned (and differs from what is stored)."""
        row = self.rows[index]
        return (row.graded and row.typed and row.changed and self.returned is not None
                and self.total(index) == self.returned)

    # reading ------------------------------------------------------------------------------
    def unsaved(self) -> list[Row]:
        return [r for r in self.rows if r.graded and r.changed]

    def next_unrecorded(self, start: int) -> int | None:
        """The first full member from `start` on (round to the top) whose votes are not
        stored as typed; None when every one is."""
        n = len(self.rows)
        for step in range(n):
            i = (max(start, 0) + step) % n
            r = self.rows[i]
            if r.graded and (r.saved is None or r.changed):
                return i
        return None

    def member_id(self, index: int) -> int | None:
        return self.rows[index].member_id if 0 <= index < len(self.rows) else None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def _total_text(self, index: int) -> str:
        r = self.rows[index]
        if not r.typed:
            return ""
        total = self.total(index)
        if not r.changed:
            return f"✔ {total}"
        if self.returned is None:
            return str(total)
        gap = self.returned - total
        return f"{total}（差 {gap}）" if gap > 0 else f"{total}（多 {-gap}）" if gap else f"{total}"

    def _note(self, r: Row) -> str:
        if r.role == ROLE_EXCLUDED:
            return f"未参加评议：{r.reason}" if r.reason else "未参加评议"
        if not r.graded:
            return "预备党员：参加评议，不评定等次"
        if r.changed:
            return "票数还没有保存：合计要等于收回的选票张数" if r.typed else "票数将清空（按回车确认）"
        return f"组织处置：{r.follow_up}" if r.follow_up else (
            "不合格：请记录组织处置" if r.grade == GRADE_FAILED else "")

    def _text(self, index: int, col: int) -> str:
        r = self.rows[index]
        if col == 0:
            return str(r.number) if r.number else ""
        if col == 1:
            return r.name
        if col in VOTE_COLUMNS:
            return r.draft[col - FIRST_VOTE] if r.graded else ""
        if col == TOTAL_COLUMN:
            return self._total_text(index)
        if col == GRADE_COLUMN:
            return (r.grade or "") if r.graded else "—"
        return self._note(r)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        i, col = index.row(), index.column()
        r = self.rows[i]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(i, col)
        if role == Qt.ItemDataRole.TextAlignmentRole and col not in (1, NOTE_COLUMN):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole and r.graded and r.changed \
                and (col in VOTE_COLUMNS or col == TOTAL_COLUMN):
            return UNSAVED
        if role == Qt.ItemDataRole.ForegroundRole:
            if not r.graded:
                return MUTED
            if (col == TOTAL_COLUMN and r.changed) or (col == GRADE_COLUMN and r.grade == GRADE_FAILED) \
                    or (col == NOTE_COLUMN and (r.changed or (r.grade == GRADE_FAILED
                                                               and not r.follow_up))):
                return PROBLEM
        if role == Qt.ItemDataRole.FontRole and col in (1, GRADE_COLUMN):
            font = QFont()
            font.setBold(True)
            return font
        return None
