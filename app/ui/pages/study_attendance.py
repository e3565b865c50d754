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
    QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView,
    QVBoxLayout, QWidget,
)

from app.dates import fmt
from app.services import study
from app.ui import messages, style
from app.ui.flow_layout import FlowLayout
from app.ui.pages.signin_print import print_signin_sheet
from app.ui.table_models.attendance_model import (
    HEADERS, MARK_COLUMNS, REASON_COLUMN, AttendanceModel, MarkDelegate,
)
from app.ui.widgets import button, hint
from app.vocab import LEAVE_REASONS

MOBILITY_COLUMN = 2
KEYS = {Qt.Key.Key_1: "出席", Qt.Key.Key_2: "请假", Qt.Key.Key_3: "缺席", Qt.Key.Key_4: "送学上门"}
REASON_KEYS = dict(zip((Qt.Key.Key_5, Qt.Key.Key_6, Qt.Key.Key_7, Qt.Key.Key_8), LEAVE_REASONS))
NEXT_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_N)
# one line at 150 % on a 1366 screen: every line it wraps onto is a member less on screen
HELP = "1 出席 2 请假 3 缺席 4 送学上门　请假原因 5 生病 6 住院 7 外出 8 其他　空格 跳到未登记"


class AttendanceView(QTableView):
    """A table that turns the keys 1–8 into a mark for the current row, and Space/N into a
    jump to the next unrecorded member. It never opens anything, so no key is lost."""

    mark_key = Signal(int, str, str)  # row, mark, reason ("" keeps a 请假 row's reason)
    next_key = Signal()
    escape_key = Signal()

    resized = Signal()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.resized.emit()

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
        if key == Qt.Key.Key_Escape:
            self.escape_key.emit()
            return
        super().keyPressEvent(event)


class ReasonPicker(QFrame):
    """The four leave reasons, shown under the 请假原因 cell that was clicked. A plain child
    frame, not a popup or a dialog: it grabs nothing and its buttons never take the focus, so
    keys typed meanwhile still go to the table. It goes away when the row changes."""

    def __init__(self, parent: QWidget, on_reason):
        super().__init__(parent)
        self.row = -1
        self.setObjectName("reasonPicker")
        self.setStyleSheet("QFrame#reasonPicker { background: #fffdf8;"
                           " border: 2px solid #1d4f91; border-radius: 6px; }")
        line = QHBoxLayout(self)
        line.setContentsMargins(style.px(6), style.px(4), style.px(6), style.px(4))
        line.addWidget(QLabel("请假原因："))
        self.buttons = []
        for n, reason in enumerate(LEAVE_REASONS, 5):
            b = button(f"{n} {reason}", lambda _c=False, r=reason: on_reason(r))
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            line.addWidget(b)
            self.buttons.append(b)
        self.hide()

    def show_at(self, row: int, cell_rect, viewport: QWidget) -> None:
        """Under the cell (above it when there is no room below), inside the panel."""
        self.row = row
        self.adjustSize()
        panel = self.parentWidget()
        below = viewport.mapTo(panel, cell_rect.bottomRight())
        x = max(0, min(below.x() - self.width(), panel.width() - self.width()))
        y = below.y() + 2
        if y + self.height() > panel.height():
            y = viewport.mapTo(panel, cell_rect.topRight()).y() - self.height() - 2
        self.move(x, max(0, y))
        self.show()
        self.raise_()


class AttendancePanel(QWidget):
    def __init__(self, ctx, on_back=None):
        super().__init__()
        self.ctx = ctx
        self.event_id: int | None = None
        self.cancelled = False
        self._controls(on_back)
        self._table()
        self.ctx.scale_changed.connect(lambda _s: self.apply_scale())

        self.picker = ReasonPicker(self, self.reason_clicked)
        self.reasons = self.picker.buttons
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self.picker.hide())
        self.table.verticalScrollBar().valueChanged.connect(lambda _v: self.picker.hide())
        self._lay_out()
        self.apply_scale()
        self._set_enabled(False)

    def _controls(self, on_back) -> None:
        """The event's title and counts, the note line, and the actions: 全部出席 first (most
        come), 下一位未登记 (kept off the focus chain: the keyboard has 空格 for it), print,
        find by name, and back to the list when the panel sits in the study page."""
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        self._set_title("请先在“活动列表”中选择一次活动")
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.counts.setStyleSheet("font-weight: bold; color: #1d4f91;")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        self.all_button = button("全部出席", self.mark_all, primary=True,
                                 tip="把还没有登记的人记为出席（行动不便的记为送学上门），已登记的不变")
        self.next_button = button("下一位未登记", self.next_unrecorded,
                                  tip="跳到下一位还没有登记的党员（键盘：空格）")
        self.next_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.print_button = button("打印签到表", self.print_sheet)
        self.back_button = button("返回活动列表", on_back) if on_back else None
        self.find = QLineEdit()
        self.find.setPlaceholderText("查找姓名，如 zjg")
        self.find.setToolTip("输入姓名或拼音首字母（如 zjg），光标跳到这个人")
        self.find.textChanged.connect(self.find_member)
        self.find.returnPressed.connect(lambda: self.table.setFocus())

    def _table(self) -> None:
        """One row per member, the marks drawn by MarkDelegate and set by click or key (never
        by an editor), fixed row height; the view's keys and resizes reach the panel."""
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
        self.table.clicked.connect(self._clicked)
        self.table.mark_key.connect(self._key_mark)
        self.table.next_key.connect(self.next_unrecorded)
        self.table.resized.connect(self.fit_columns)
        self.table.escape_key.connect(lambda: self.picker.hide())

    def _lay_out(self) -> None:
        # four short lines above the table and one below: at 150 % on 1366 × 768 the table
        # keeps room for 8 members (it showed 2 when headings and big buttons came first)
        self.actions = actions = FlowLayout(spacing=style.px(8))
        for w in (self.all_button, self.next_button, self.print_button, self.find):
            actions.addWidget(w)
        if self.back_button:
            actions.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.counts)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        self.help = hint(HELP)
        layout.addWidget(self.help)

    def apply_scale(self) -> None:
        """Every size of this panel from the current type size: at start and again at once
        when it changes in 设置 (the 200 % buttons stayed on after going back to 100 %)."""
        px = style.px
        self.setStyleSheet(f"QPushButton {{ min-height: {px(30)}px;"
                           f" padding: {px(3)}px {px(12)}px; }}"
                           f" QLineEdit {{ min-height: {px(28)}px; }}"
                           f" QHeaderView::section {{ padding: {px(2)}px; }}")
        self.layout().setSpacing(px(4))
        self.layout().setContentsMargins(px(6), px(4), px(6), px(4))
        self.actions.set_spacing(px(8))
        self.find.setFixedWidth(px(180))
        self.title.setMinimumWidth(px(120))  # one line, shortened with … when narrow
        self.picker.layout().setContentsMargins(px(6), px(4), px(6), px(4))
        self.size_columns()

    def size_columns(self) -> None:
        """Rows as low as the type allows and columns as wide as their words, so at 150 % on a
        1366 × 768 screen at least 8 members show without a sideways scroll."""
        fm = self.table.fontMetrics()
        row = fm.height() + style.px(3)
        self.table.verticalHeader().setDefaultSectionSize(row)
        self.table.setMinimumHeight(row * 4 + style.px(12))  # a header and 3 members at least
        bold_extra = style.px(18)
        samples = ("000", "欧阳秀英", "行动不便", *(f"✔ {m}" for m in MARK_COLUMNS.values()), "")
        # kept here, not read back: a hidden column's size reads 0
        self._widths = [max(fm.horizontalAdvance(title), fm.horizontalAdvance(sample))
                        + bold_extra for title, sample in zip(HEADERS, samples)]
        header = self.table.horizontalHeader()
        for col, width in enumerate(self._widths[:REASON_COLUMN]):
            header.resizeSection(col, width)  # the last column stretches over what is left
        self.fit_columns()

    def fit_columns(self) -> None:
        """身体状况 (then 序号) steps aside when the columns would not fit the table's width (at
        200 %): a sideways scroll would hide the marks; the dashed 送学上门？ still tells who is
        homebound."""
        room = self.table.viewport().width()
        wanted = sum(self._widths[:REASON_COLUMN]) + self.table.fontMetrics().horizontalAdvance(
            "原因？按 5–8") + style.px(16)
        for col in (MOBILITY_COLUMN, 0):  # then 序号: the order shows it
            self.table.setColumnHidden(col, wanted > room)
            if wanted > room:
                wanted -= self._widths[col]

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
        self._set_title(("（已取消，不能登记）" if event.cancelled else "")
                        + f"{fmt(event.date)}　{event.kind}{topic}")
        self.picker.hide()
        self.model.set_rows(rows)
        self._set_enabled(True)
        for w in (self.all_button, *self.reasons):
            w.setEnabled(not event.cancelled)
        self._say("")
        self._update_counts()
        if rows:
            self._select(max(0, min(row, len(rows) - 1)))
        self.table.setFocus()

    def _set_title(self, text: str) -> None:
        """The event on one line (a long topic ends in …, whole in the tooltip): at 200 % a
        wrapped topic took a member's row."""
        self._title_text = text
        self.title.setToolTip(text)
        width = max(self.title.width(), style.px(120))
        self.title.setText(self.title.fontMetrics().elidedText(
            text, Qt.TextElideMode.ElideRight, width))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._set_title(self._title_text)

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
        """A reason in the picker: for the row it was opened on; the keys stay on the table."""
        row = self.picker.row
        self.picker.hide()
        if row >= 0:
            self.choose_reason(row, reason)
        self.table.setFocus()

    def show_reasons(self, row: int) -> None:
        """The reason picker under this member's 请假原因 cell."""
        if self.cancelled or not 0 <= row < len(self.model.rows):
            return
        rect = self.table.visualRect(self.model.index(row, REASON_COLUMN))
        self.picker.show_at(row, rect, self.table.viewport())
        self.table.setFocus()

    def _clicked(self, index) -> None:
        col, row = index.column(), index.row()
        if col in MARK_COLUMNS:
            if self.mark(row, MARK_COLUMNS[col]) and MARK_COLUMNS[col] == "请假" \
                    and not self.model.rows[row].reason:
                self.show_reasons(row)
        elif col == REASON_COLUMN:
            self.show_reasons(row)

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

            print_signin_sheet(self, self.ctx, self.event_id)

