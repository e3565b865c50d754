"""登记出勤: one event, every member of that day, a click (or a key) per member, saved at once.

Keys: ↑/↓ move, 1 出席 · 2 请假 · 3 缺席 · 4 送学上门 · 5–8 请假 with its reason (生病 住院 外出
其他), each saved at once and then on to the next row; Space (or N) jumps to the next member
still unrecorded. No key opens anything: a reason menu that popped up after 2 used to swallow
the digits typed after it, and 101 of 119 members were silently left unrecorded. The reason is
also chosen with the buttons under the table, which never take the keyboard focus away from it.
"全部出席" fills only the members not yet marked (the homebound as 送学上门), so the usual way
is: all present, then fix the few exceptions. The counts above the table follow every mark.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView,
    QVBoxLayout, QWidget,
)

from app.dates import fmt
from app.services import study
from app.ui import messages, style
from app.ui.flow_layout import FlowLayout
from app.ui.table_models.attendance_model import (
    HEADERS, MARK_COLUMNS, REASON_COLUMN, AttendanceModel, MarkDelegate,
)
from app.ui.widgets import button, hint
from app.vocab import LEAVE_REASONS

KEYS = {Qt.Key.Key_1: "出席", Qt.Key.Key_2: "请假", Qt.Key.Key_3: "缺席", Qt.Key.Key_4: "送学上门"}
REASON_KEYS = dict(zip((Qt.Key.Key_5, Qt.Key.Key_6, Qt.Key.Key_7, Qt.Key.Key_8), LEAVE_REASONS))
NEXT_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_N)
HELP = ("键盘：↑ ↓ 选人　1 出席　2 请假　3 缺席　4 送学上门　5 生病　6 住院　7 外出　8 其他"
        "（5–8 记为请假并填原因）　空格 跳到下一位未登记")


class AttendanceView(QTableView):
    """A table that turns the keys 1–8 into a mark for the current row, and Space/N into a
    jump to the next unrecorded member. It never opens anything, so no key is lost."""

    mark_key = Signal(int, str, str)  # row, mark, reason ("" keeps a 请假 row's reason)
    next_key = Signal()

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        key = event.key()
        row = self.currentIndex().row() if self.currentIndex().isValid() else -1
        if key in KEYS and row >= 0:
            self.mark_key.emit(row, KEYS[key], "")
            return
        if key in REASON_KEYS and row >= 0:
            self.mark_key.emit(row, "请假", REASON_KEYS[key])
            return
        if key in NEXT_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.next_key.emit()
            return
        super().keyPressEvent(event)


def reason_button(text: str, slot) -> QPushButton:
    """A reason button that never takes the focus: the keys keep going to the table."""
    b = button(text, slot)
    b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return b


class AttendancePanel(QWidget):
    def __init__(self, ctx, on_back=None):
        super().__init__()
        self.ctx = ctx
        self.event_id: int | None = None
        self.cancelled = False
        self.title = QLabel("请先在“活动列表”中选择一次活动")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.counts.setStyleSheet("font-weight: bold; color: #1d4f91;")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        self.all_button = button("全部出席", self.mark_all, primary=True,
                                 tip="把还没有登记的人记为出席（行动不便的记为送学上门），已登记的不变")
        self.next_button = button("下一位未登记（空格）", self.next_unrecorded,
                                  tip="跳到下一位还没有登记的党员")
        self.next_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.print_button = button("打印签到表", self.print_sheet)
        self.back_button = button("返回活动列表", on_back) if on_back else None
        self.find = QLineEdit()
        self.find.setPlaceholderText("查找姓名或拼音首字母，如 zjg")
        self.find.setMinimumWidth(style.px(160))
        self.find.setMaximumWidth(style.px(300))
        self.find.textChanged.connect(self.find_member)
        self.find.returnPressed.connect(lambda: self.table.setFocus())

        self.model = AttendanceModel(self)
        self.table = AttendanceView()
        self.table.setModel(self.model)
        delegate = MarkDelegate(self.table)
        for col in MARK_COLUMNS:
            self.table.setItemDelegateForColumn(col, delegate)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.size_columns()
        self.table.clicked.connect(self._clicked)
        self.table.mark_key.connect(self._key_mark)
        self.table.next_key.connect(self.next_unrecorded)
        self.ctx.scale_changed.connect(lambda _s: self.size_columns())

        self.reasons = [reason_button(f"{n} {r}", lambda _c=False, r=r: self.reason_clicked(r))
                        for n, r in enumerate(LEAVE_REASONS, 5)]
        self.reason_caption = QLabel("请假原因：")

        top = FlowLayout(spacing=style.px(8))
        for w in (self.all_button, self.next_button, self.print_button, self.find):
            top.addWidget(w)
        if self.back_button:
            top.addWidget(self.back_button)
        reasons = FlowLayout(spacing=style.px(8))
        reasons.addWidget(self.reason_caption)
        for b in self.reasons:
            reasons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setSpacing(style.px(4))
        layout.setContentsMargins(style.px(6), style.px(4), style.px(6), style.px(4))
        layout.addWidget(self.title)
        layout.addWidget(self.counts)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(reasons)
        layout.addWidget(self.note)
        self.help = hint(HELP)
        layout.addWidget(self.help)
        self._set_enabled(False)

    def size_columns(self) -> None:
        """Rows as low as the type allows and columns as wide as their words, so at 150 % on a
        1366 × 768 screen at least 8 members show without a sideways scroll."""
        fm = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(fm.height() + style.px(10))
        bold_extra = style.px(28)
        samples = ("000", "欧阳秀英", "行动不便", *(f"✔ {m}" for m in MARK_COLUMNS.values()), "")
        header = self.table.horizontalHeader()
        for col, (title, sample) in enumerate(zip(HEADERS, samples)):
            if col == REASON_COLUMN:
                continue  # the last column stretches over what is left
            wide = max(fm.horizontalAdvance(title), fm.horizontalAdvance(sample))
            header.resizeSection(col, wide + bold_extra)

    # loading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.event_id is not None:
            self.load(self.event_id, keep_row=True)

    def load(self, event_id: int, keep_row: bool = False) -> None:
        row = self.table.currentIndex().row() if keep_row else 0
        with self.ctx.db.session() as s:
            event = study.event_row(s, event_id)
            rows = study.attendance_rows(s, event_id)
        self.event_id, self.cancelled = event_id, event.cancelled
        topic = f"　{event.topic}" if event.topic else ""
        self.title.setText(f"{fmt(event.date)}　{event.kind}{topic}"
                           + ("　（已取消，不能登记）" if event.cancelled else ""))
        self.model.set_rows(rows)
        self._set_enabled(True)
        for w in (self.all_button, *self.reasons):
            w.setEnabled(not event.cancelled)
        self._say("")
        self._update_counts()
        if rows:
            self._select(max(0, min(row, len(rows) - 1)))
        self.table.setFocus()

    def _set_enabled(self, on: bool) -> None:
        for w in (self.all_button, self.next_button, self.print_button, self.find, self.table,
                  *self.reasons):
            w.setEnabled(on)

    def _select(self, row: int) -> None:
        index = self.model.index(row, 1)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _say(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def _update_counts(self) -> None:
        self.counts.setText(study.counts_of_rows(self.model.rows).text())

    # marking -------------------------------------------------------------------------------
    def mark(self, row: int, mark: str | None, reason: str = "") -> bool:
        """Save one member's mark at once; True when saved. 请假 without a reason keeps the
        reason the row already had."""
        if self.event_id is None or not 0 <= row < len(self.model.rows):
            return False
        if self.cancelled:
            self._say("⚠ 这次活动已取消，不能登记出勤。需要登记请先在活动列表中恢复活动。")
            return False
        r = self.model.rows[row]
        if mark == "请假" and not reason:
            reason = r.reason if r.mark == "请假" else ""
        try:
            with self.ctx.db.session() as s:
                study.record_attendance(s, self.event_id, r.member_id, mark, reason)
        except Exception as exc:  # noqa: BLE001 - a plain message, nothing changed
            messages.show_exception(self, exc)
            return False
        self.model.replace_row(row, mark, reason)
        self._update_counts()
        # no ctx.data_changed here: it reloads the page on screen after every click, and the
        # other pages refresh whenever they are shown
        return True

    def choose_reason(self, row: int, reason: str, advance: bool = False) -> bool:
        """Mark the row 请假 with this reason (whatever it was before)."""
        saved = self.mark(row, "请假", reason)
        if saved and advance and row + 1 < len(self.model.rows):
            self._select(row + 1)
        return saved

    def reason_clicked(self, reason: str) -> None:
        """A reason button: for the selected member; the keys go on to the table."""
        row = self.table.currentIndex().row()
        if row >= 0:
            self.choose_reason(row, reason)
        self.table.setFocus()

    def _clicked(self, index) -> None:
        col, row = index.column(), index.row()
        if col in MARK_COLUMNS:
            self.mark(row, MARK_COLUMNS[col])
        elif col == REASON_COLUMN and not self.cancelled:
            self._say("请点下方的请假原因按钮，或按 5 生病　6 住院　7 外出　8 其他。")

    def _key_mark(self, row: int, mark: str, reason: str) -> None:
        """A key saves the row and moves on at once, whatever it was: nothing waits."""
        if self.mark(row, mark, reason) and row + 1 < len(self.model.rows):
            self._select(row + 1)

    def next_unrecorded(self) -> None:
        """Jump to the member still without a mark nearest below the cursor (the current row
        itself when it is one, round to the top); say so when everyone is recorded."""
        row = self.model.next_unrecorded(self.table.currentIndex().row())
        if row is None:
            self._say("所有人都已登记。")
        else:
            self._select(row)
        self.table.setFocus()

    def mark_all(self) -> None:
        if self.event_id is None or self.cancelled:
            return
        try:
            with self.ctx.db.session() as s:
                filled = study.mark_all_present(s, self.event_id)
                rows = study.attendance_rows(s, self.event_id)
        except Exception as exc:  # noqa: BLE001
            messages.show_exception(self, exc)
            return
        self.model.set_all(rows)
        self._update_counts()
        self._say(f"已把 {filled} 位未登记的党员记为出席（行动不便的记为送学上门）。"
                          "有请假、缺席的，请直接在表里改。" if filled else "所有人都已登记。")

    def find_member(self, text: str) -> None:
        text = text.strip().lower()
        if not text:
            return
        for i, r in enumerate(self.model.rows):
            if text in r.name or text in r.search_key:
                self._select(i)
                return

    def print_sheet(self) -> None:
        if self.event_id is not None:
            from app.ui.pages.study import print_signin_sheet

            print_signin_sheet(self, self.ctx, self.event_id)

