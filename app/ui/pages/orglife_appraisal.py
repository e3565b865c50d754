"""民主评议党员, a tab of the 组织生活 page: the year, starting its appraisal, who takes part
(full members graded, 预备 without a grade, those excused with the reason), the votes typed
from the ballots, the committee's grades, the prints and the follow-up of a 不合格.

Keys, as on 登记出勤 (nothing opens, so no key is lost): ↑/↓/←/→ move; in a vote column the
digits type the number (Backspace takes one back, Delete empties the cell) and Enter or Tab goes
on to the next grade — the row is saved as soon as it adds up to the ballots returned (the
remaining grades count 0), then on to the next member; in the 评定等次 column 1 优秀 · 2 合格 ·
3 基本合格 · 4 不合格 · 0 clears; Space jumps to the next member whose votes are not saved.
A refusal (a 5th 优秀 past the cap, a number above the ballots returned) is said in red under
the table, with the numbers.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QFont, QFontMetrics, QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QSpinBox,
    QVBoxLayout, QWidget,
)

from app.dates import cn
from app.errors import UserError
from app.services.orglife import appraisal, appraisal_votes
from app.ui import messages, style
from app.ui.flow_layout import FlowLayout
from app.ui.pages.orglife_appraisal_print import print_appraisal_form
from app.ui.pages.orglife_appraisal_view import HELP, AppraisalView, OneLine
from app.ui.table_models.appraisal_model import (
    GRADE_COLUMN, HEADERS, VOTE_COLUMNS, AppraisalModel,
)
from app.ui.widgets import DateField, button, hint
from app.vocab import APPRAISAL_GRADES

class AppraisalTab(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.info = None
        self.year_box = QSpinBox()
        self.year_box.setRange(2000, date.today().year + 1)
        self.year_box.setValue(date.today().year)
        self.year_box.valueChanged.connect(self._year_changed)
        self.status = OneLine()
        self.status.setStyleSheet("font-weight: bold; color: #1d4f91;")
        self._start_line()
        self._ballot_line()
        self._table()
        self._actions()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #a3150c; font-weight: bold;")
        self._lay_out()
        ctx.scale_changed.connect(lambda _s: self.apply_scale())
        self.apply_scale()

    # building -----------------------------------------------------------------------------
    def _start_line(self) -> None:
        self.start_box = QWidget()
        self.held_on = DateField("如 2026-12-10")
        self.held_on.set_value(date.today())
        line = QHBoxLayout(self.start_box)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(QLabel("评议日期"))
        line.addWidget(self.held_on)
        line.addWidget(button("开始民主评议", self.start, primary=True,
                              tip="按评议当天的花名册确定参评人员：正式党员评定等次，预备党员参加但不评等次"))

    def _ballot_line(self) -> None:
        """发出 / 收回 ballots: short words, so the year, these and the prints share a line."""
        self.ballot_box = QWidget()
        self.issued, self.returned = QLineEdit(), QLineEdit()
        line = QHBoxLayout(self.ballot_box)
        line.setContentsMargins(0, 0, 0, 0)
        for text, field, tip in (("发出", self.issued, "发出的选票张数"),
                                 ("收回", self.returned, "收回的选票张数：各人票数合计要等于它")):
            field.setValidator(QIntValidator(0, 9999, field))
            field.returnPressed.connect(self.save_ballots)
            field.setToolTip(tip)
            line.addWidget(QLabel(text))
            line.addWidget(field)
        line.addWidget(QLabel("张"))
        line.addWidget(button("保存", self.save_ballots, tip="保存发出和收回的选票张数"))

    def _table(self) -> None:
        self.model = AppraisalModel(self)
        self.table = AppraisalView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab is "next grade", said by the panel
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.digit.connect(self.type_digit)
        self.table.erase.connect(lambda r, c, whole: self.model.erase(r, c, whole))
        self.table.advance.connect(self.advance)
        self.table.grade_key.connect(self.set_grade)
        self.table.next_key.connect(self.next_unrecorded)

    def _actions(self) -> None:
        self.grade_buttons = []
        for n, grade in enumerate(APPRAISAL_GRADES, 1):
            b = button(f"{n} {grade}", lambda _c=False, g=grade: self.set_grade(self._row(), g))
            self.grade_buttons.append(b)
        self.grade_buttons.append(button("0 清除", lambda: self.set_grade(self._row(), None),
                                         tip="清除所选党员的评定等次"))
        for b in self.grade_buttons:
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay on the table
        self.next_button = button("下一位未录入", self.next_unrecorded,
                                  tip="跳到下一位票数还没有保存的党员（键盘：空格）")
        self.next_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.follow_button = button("组织处置…", self.follow_up,
                                    tip="记录对评为不合格（或基本合格）党员的处置情况")
        self.update_button = button("更新名单", self.update_participants,
                                    tip="按评议当天的花名册更新名单：开始评议以后新加入花名册、或改为正式党员的，加入名单")
        self.ballot_button = button("测评票…", lambda: self.print_form("ballot"),
                                    tip="打印测评票：每名参评正式党员一行，按发出张数打印")
        self.tally_button = button("统计表…", lambda: self.print_form("tally"),
                                   tip="打印统计表：各人得票和评定等次，计票人、监票人签字")

    def _lay_out(self) -> None:
        """One line of controls (wrapping only at large type), one line of figures, the table
        taking the room, one row of buttons, the note (only when there is something to say)
        and the keys: at 150 % on 1366 × 768 the table keeps room for 8 members."""
        self.top_row = FlowLayout(spacing=style.px(8))
        year = QWidget()
        line = QHBoxLayout(year)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(QLabel("年度"))  # the spin box says only 2026: the line is full at 150 %
        line.addWidget(self.year_box)
        for w in (year, self.start_box, self.ballot_box, self.ballot_button, self.tally_button,
                  self.update_button):
            self.top_row.addWidget(w)
        self.action_row = FlowLayout(spacing=style.px(6))
        for b in (*self.grade_buttons, self.next_button, self.follow_button):
            self.action_row.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(self.top_row)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.action_row)
        layout.addWidget(self.note)
        self.note.hide()
        self.help = hint(HELP)
        layout.addWidget(self.help)

    def apply_scale(self) -> None:
        px = style.px
        self.setStyleSheet(f"QPushButton {{ min-height: {px(30)}px; padding: {px(3)}px {px(7)}px; }}"
                           f" QLineEdit {{ min-height: {px(28)}px; }}"
                           f" QHeaderView::section {{ padding: {px(2)}px; }}")
        self.layout().setSpacing(px(4))
        self.layout().setContentsMargins(px(6), px(4), px(6), px(4))
        self.action_row.set_spacing(px(6))
        self.top_row.set_spacing(px(8))
        for field in (self.issued, self.returned):
            field.setFixedWidth(px(54))
        self.held_on.setFixedWidth(px(170))
        self.year_box.setFixedWidth(px(96))
        fm = self.table.fontMetrics()
        self.table.verticalHeader().setDefaultSectionSize(fm.height() + px(4))
        bold = QFont(self.table.font())
        bold.setBold(True)  # names and grades are bold
        wide = QFontMetrics(bold)
        samples = ("000", "欧阳秀英", "000", "000", "基本合格", "不合格", "74（差 74）", "基本合格")
        header = self.table.horizontalHeader()
        for col, sample in enumerate(samples):
            header.resizeSection(col, max(fm.horizontalAdvance(HEADERS[col]),
                                          wide.horizontalAdvance(sample)) + px(18))

    # loading ------------------------------------------------------------------------------
    def year(self) -> int:
        return self.year_box.value()

    def _year_changed(self, year: int) -> None:
        """Another year: its own default date to start with (today, or that year's end)."""
        today = date.today()
        self.held_on.set_value(today if year == today.year else date(year, 12, 31)
                               if year < today.year else date(year, 12, 1))
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.db.session() as s:
            self.info = appraisal.appraisal_of(s, self.ctx.branch_id, self.year()) \
                if self.ctx.branch_id is not None else None
        self.model.set_appraisal(self.info)
        started = self.info is not None
        self.start_box.setVisible(not started)
        for w in (self.ballot_box, self.ballot_button, self.tally_button, self.update_button):
            w.setVisible(started)
        for w in (*self.grade_buttons, self.next_button, self.follow_button, self.table):
            w.setEnabled(started)
        if started:
            self.issued.setText("" if self.info.ballots_issued is None
                                else str(self.info.ballots_issued))
            self.returned.setText("" if self.info.ballots_returned is None
                                  else str(self.info.ballots_returned))
        self._show_status()

    def _show_status(self) -> None:
        """The year's figures on one line (whole in its tool tip)."""
        info = self.info
        if info is None:
            self.status.set_text(f"{self.year()}年度的民主评议还没有开始：填写评议日期，点“开始民主评议”")
            return
        counted = sum(1 for r in self.model.rows if r.graded and r.saved is not None)
        unsaved = len(self.model.unsaved())
        counts = info.counts
        grades = " · ".join(f"{g} {n}" for g, n in counts.items() if g != "优秀")
        others = [f"预备 {len(info.probationary)} 人"] if info.probationary else []
        others += [f"未参加 {len(info.excluded)} 人"] if info.excluded else []
        self.status.set_text(
            f"{info.held_on.month}月{info.held_on.day}日评议　已录票 {counted}/{len(info.graded)}"
            + (f"（未保存 {unsaved}）" if unsaved else "")
            + f"　优秀 {counts['优秀']}（最多 {info.cap}）· {grades} · 未评定 {len(info.ungraded)}"
            + (f"　{'，'.join(others)}不评等次" if others else ""))

    def _say(self, text: str) -> None:
        """A refusal or a warning in red under the table (hidden when there is none)."""
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self.note.setStyleSheet("color: #a3150c; font-weight: bold;")
        if text:
            QApplication.beep()

    def _tell(self, text: str) -> None:
        """What was done, in the same place (quietly)."""
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self.note.setStyleSheet("color: #1d4f91; font-weight: bold;")

    def _row(self) -> int:
        return self.table.currentIndex().row()

    def _select(self, row: int, col: int) -> None:
        index = self.model.index(row, col)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(index)

    def _run(self, work) -> object | None:
        """One use case in one session; a refusal said under the table, None then."""
        try:
            with self.ctx.db.session() as s:
                return work(s)
        except UserError as exc:
            self._say(str(exc))
        except Exception as exc:  # noqa: BLE001 - in plain words, logged
            messages.show_exception(self, exc)
        return None

    # actions ------------------------------------------------------------------------------
    def start(self) -> None:
        try:
            held_on = self.held_on.value()[0]
        except ValueError as exc:
            self._say(f"评议日期：{exc}")
            return
        if held_on is None:
            self._say("请先填写评议日期")
            return
        branch_id, year = self.ctx.branch_id, self.year()
        info = self._run(lambda s: appraisal.start_appraisal(
            s, branch_id, year, held_on, excluded=appraisal.excluded_members(s, branch_id,
                                                                            year)))
        if info is not None:
            self._done(f"已开始{year}年度民主评议：先打印测评票，投票后填写收回张数，再录入各人票数。")

    def _done(self, text: str = "") -> None:
        """After a change: the tab reads again, the other pages when next shown."""
        self.ctx.data_changed.emit()
        row, col = self._row(), self.table.currentIndex().column()
        self.refresh()
        self._tell(text)
        if self.model.rowCount():
            self._select(max(0, min(row, self.model.rowCount() - 1)), max(col, VOTE_COLUMNS[0]))

    def save_ballots(self) -> None:
        issued, returned = self.issued.text(), self.returned.text()
        branch_id, year = self.ctx.branch_id, self.year()
        if self._run(lambda s: appraisal_votes.set_ballots(s, branch_id, year, issued,
                                                           returned)) is not None:
            self._done(f"已保存：发出 {issued or '未填'} 张，收回 {returned or '未填'} 张。")
            self.table.setFocus()

    def type_digit(self, row: int, col: int, digit: str) -> None:
        self._say(self.model.type_digit(row, col, digit))
        self._show_status()

    def _save_row(self, row: int) -> bool:
        """Store the row's votes when they add up (or were emptied); True when stored."""
        r = self.model.rows[row]
        if not r.changed:
            return False
        votes = dict(zip(APPRAISAL_GRADES, r.numbers())) if r.typed else None
        if votes is not None and not self.model.ready(row):
            return False
        branch_id, year = self.ctx.branch_id, self.year()
        got = self._run(lambda s: appraisal_votes.record_votes(s, branch_id, year, r.member_id,
                                                               votes))
        if got is None:
            return False
        self.model.refresh_row(row, got)
        self._tell("")
        self._show_status()
        return True

    def advance(self, row: int, col: int) -> None:
        """Enter / Tab: on to the next grade; a row that adds up is saved and the cursor goes
        to the next member's first grade. A row that does not is said in red and left for
        later (counted above the table), never skipped silently."""
        if col not in VOTE_COLUMNS:
            if row + 1 < self.model.rowCount():
                self._select(row + 1, col)
            return
        if self._save_row(row) or col == VOTE_COLUMNS[-1]:
            r = self.model.rows[row]
            if r.changed and r.typed and self.model.returned is not None:
                total = self.model.total(row)
                self._say(f"{r.name}的票数合计 {total} 张，应等于收回的选票 {self.model.returned} 张"
                          f"（{'还差' if total < self.model.returned else '多了'} "
                          f"{abs(self.model.returned - total)} 张），还没有保存")
            if row + 1 < self.model.rowCount() and self.model.rows[row + 1].graded:
                self._select(row + 1, VOTE_COLUMNS[0])
            return
        self._select(row, col + 1)

    def set_grade(self, row: int, grade: str | None) -> None:
        if not 0 <= row < self.model.rowCount():
            self._say("请先在表中点选一位党员")
            return
        r = self.model.rows[row]
        branch_id, year = self.ctx.branch_id, self.year()
        got = self._run(lambda s: appraisal_votes.set_grade(s, branch_id, year, r.member_id,
                                                            grade))
        if got is not None:
            if r.changed:  # votes typed but not saved yet stay on screen
                self._keep_draft(row, got)
            else:
                self.model.refresh_row(row, got)
            with self.ctx.db.session() as s:
                self.info = appraisal.appraisal_of(s, branch_id, year)
            self._tell("")
            self._show_status()
            if row + 1 < self.model.rowCount() and self.model.rows[row + 1].graded:
                self._select(row + 1, GRADE_COLUMN)

    def _keep_draft(self, row: int, participant) -> None:
        draft = list(self.model.rows[row].draft)
        self.model.refresh_row(row, participant)
        self.model.rows[row].draft = draft

    def next_unrecorded(self) -> None:
        row = self.model.next_unrecorded(self._row())
        if row is None:
            self._tell("所有参评党员的票数都已录入。")
        else:
            self._select(row, VOTE_COLUMNS[0])
        self.table.setFocus()

    def follow_up(self) -> None:
        from app.ui.dialogs.appraisal_dialogs import FollowUpDialog  # loaded when first used

        row = self._row()
        if not 0 <= row < self.model.rowCount() or not self.model.rows[row].graded:
            self._say("请先在表中点选一位评为不合格（或基本合格）的党员")
            return
        r = self.model.rows[row]
        if FollowUpDialog(self.ctx, self.year(), r.member_id, r.name, r.grade, r.follow_up,
                          self).exec():
            self._done(f"已记录对{r.name}的组织处置。")

    def update_participants(self) -> None:
        branch_id, year = self.ctx.branch_id, self.year()
        held_on = self.info.held_on
        info = self._run(lambda s: appraisal.update_participants(
            s, branch_id, year, excluded=appraisal.excluded_members(s, branch_id, year)))
        if info is not None:
            self._done(f"已按{cn(held_on)}的花名册更新名单：参评正式党员 {len(info.graded)} 人。")

    def print_form(self, which: str) -> None:
        """测评票 / 统计表: made in the background, then the one print preview."""
        print_appraisal_form(self, self.ctx, self.year(), ballot=which == "ballot")
