"""登记出勤: one event, every member of that day, a click (or a key) per member, saved at once.

Keys: ↑/↓ move, 1 出席 · 2 请假 · 3 缺席 · 4 送学上门 (then the next row). "全部出席" fills
only the members not yet marked (the homebound as 送学上门), so the usual way is: all present,
then fix the few exceptions. The counts above the table follow every click.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu, QTableView,
    QVBoxLayout, QWidget,
)

from app.dates import fmt
from app.services import study
from app.ui import messages, style
from app.ui.table_models.attendance_model import (
    MARK_COLUMNS, REASON_COLUMN, AttendanceModel, MarkDelegate,
)
from app.ui.widgets import button, hint
from app.vocab import LEAVE_REASONS

KEYS = {Qt.Key.Key_1: "出席", Qt.Key.Key_2: "请假", Qt.Key.Key_3: "缺席", Qt.Key.Key_4: "送学上门"}


class AttendanceView(QTableView):
    """A table that turns the keys 1–4 into a mark for the current row."""

    mark_key = Signal(int, str)
    reason_key = Signal(int)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt API)
        mark = KEYS.get(event.key())
        if mark and self.currentIndex().isValid():
            self.mark_key.emit(self.currentIndex().row(), mark)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.reason_key.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class AttendancePanel(QWidget):
    def __init__(self, ctx, on_back=None):
        super().__init__()
        self.ctx = ctx
        self.event_id: int | None = None
        self.cancelled = False
        self._menu: QMenu | None = None
        self.title = QLabel("请先在“活动列表”中选择一次活动")
        self.title.setWordWrap(True)
        self.title.setStyleSheet(f"font-size: {style.px(20)}px; font-weight: bold;")
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.counts.setStyleSheet(f"font-size: {style.px(20)}px; font-weight: bold;"
                                  " color: #1d4f91;")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        self.all_button = button("全部出席", self.mark_all, primary=True,
                                 tip="把还没有登记的人记为出席（行动不便的记为送学上门），已登记的不变")
        self.print_button = button("打印签到表", self.print_sheet)
        self.back_button = button("返回活动列表", on_back) if on_back else None
        self.find = QLineEdit()
        self.find.setPlaceholderText("查找姓名或拼音首字母，如 zjg")
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
        self.table.verticalHeader().setDefaultSectionSize(style.px(46))
        header = self.table.horizontalHeader()
        for col, width in enumerate((64, 120, 110, 104, 104, 104, 130, 150)):
            header.resizeSection(col, style.px(width))
        header.setStretchLastSection(True)
        self.table.clicked.connect(self._clicked)
        self.table.mark_key.connect(self._key_mark)
        self.table.reason_key.connect(self.reason_menu)

        top = QHBoxLayout()
        top.addWidget(self.all_button)
        top.addWidget(self.print_button)
        top.addWidget(self.find, 1)
        top.addStretch(1)
        if self.back_button:
            top.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.counts)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(hint("点一下就保存。键盘：↑ ↓ 选人，1 出席　2 请假　3 缺席　4 送学上门；"
                              "请假的人点“请假原因”一格（或按回车）选原因。"))
        self._set_enabled(False)

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
        self.all_button.setEnabled(not event.cancelled)
        self._say("")
        self._update_counts()
        if rows:
            self._select(max(0, min(row, len(rows) - 1)))
        self.table.setFocus()

    def _set_enabled(self, on: bool) -> None:
        for w in (self.all_button, self.print_button, self.find, self.table):
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
        """Save one member's mark at once; True when saved."""
        if self.event_id is None or not 0 <= row < len(self.model.rows):
            return False
        if self.cancelled:
            self._say("⚠ 这次活动已取消，不能登记出勤。需要登记请先在活动列表中恢复活动。")
            return False
        if self._menu is not None:
            self._menu.close()
            self._menu = None
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
        saved = self.mark(row, "请假", reason)
        if saved and advance and row + 1 < len(self.model.rows):
            self._select(row + 1)
        return saved

    def _clicked(self, index) -> None:
        col, row = index.column(), index.row()
        if col in MARK_COLUMNS:
            if self.mark(row, MARK_COLUMNS[col]) and MARK_COLUMNS[col] == "请假" and \
                    not self.model.rows[row].reason:
                self.reason_menu(row)
        elif col == REASON_COLUMN:
            self.reason_menu(row, QCursor.pos())

    def reason_menu(self, row: int, where=None, advance: bool = False) -> QMenu | None:
        """The four reasons under the 请假原因 cell of a 请假 row (a click or the Enter key)."""
        if self.model.rows[row].mark != "请假" or self.cancelled:
            return None
        menu = QMenu(self)
        for reason in LEAVE_REASONS:
            action = menu.addAction(reason)
            action.triggered.connect(
                lambda _c=False, r=reason: self.choose_reason(row, r, advance))
        if where is None:
            rect = self.table.visualRect(self.model.index(row, REASON_COLUMN))
            where = self.table.viewport().mapToGlobal(rect.bottomLeft())
        self._menu = menu  # tests read the open menu
        menu.popup(where)
        return menu

    def _key_mark(self, row: int, mark: str) -> None:
        if not self.mark(row, mark):
            return
        if mark == "请假" and not self.model.rows[row].reason:
            self.reason_menu(row, advance=True)  # choose the reason, then on to the next
        elif row + 1 < len(self.model.rows):
            self._select(row + 1)

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

