"""首页: the first screen — what needs doing today, each item one click from the page that does it.

Big tiles and plain sentences: an older secretary should read the day's work at a glance. The
numbers come from `services.dashboard`, which asks each area, so they match the area pages and
the quarterly workbook. A tile whose area is not installed is left out rather than shown empty;
the 组织生活 tile shows only while some meeting is still missing in the quarter running.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget,
)

from shiboken6 import isValid

from app.quarter_labels import shown
from app.ui import style
from app.ui.pages.home_first_start import FirstStartPanel
from app.ui.widgets import button, heading, hint, row


def _figure(label: str, value) -> str:
    return shown(label, value)


def _unbroken(name: str) -> str:
    """A name the line may not be broken inside (U+2060 WORD JOINER between its characters):
    a wrapped list then reads 刘月娥、 / 吕春梅, never 吕 / 春梅."""
    return "\u2060".join(name)


class Tile(QFrame):
    """One piece of today's work: a title, a few plain lines, and the button that handles it."""

    def __init__(self, title: str):
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("Tile { background: #ffffff; border: 1px solid #8a8a8a; "
                           f"border-radius: {style.px(8)}px; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.px(16), style.px(12), style.px(16), style.px(12))
        title_label = QLabel(title)
        font = title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title_label.setFont(font)
        layout.addWidget(title_label)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.body, 1)
        self.actions = QVBoxLayout()
        layout.addLayout(self.actions)

    def set_text(self, lines: list[str]) -> None:
        self.body.setText("\n".join(lines))


class HomePage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        outer = QVBoxLayout(self)
        self.heading = heading("首页")
        self.heading.setWordWrap(True)  # never wider than the page, beside the demo button
        self.first_start = FirstStartPanel(ctx, self)
        self.first_start.hide()
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.first_start.demo_button)
        outer.addLayout(top)
        self.today_label = hint("")
        outer.addWidget(self.today_label)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(style.px(16))
        column.addWidget(self.first_start)
        self.grid = QGridLayout()
        self.grid.setSpacing(style.px(12))
        column.addLayout(self.grid)
        column.addStretch(1)
        scroll.setWidget(inner)
        outer.addWidget(scroll, 1)
        self.study = Tile("下次学习日")
        self._columns, self._shown = 2, []
        self._study_day: date | None = None
        self._study_event_id: int | None = None
        self.study_button = button("去登记", self._go_study, primary=True)
        self.study.actions.addLayout(row(self.study_button))
        self.visits = Tile("走访关怀")
        to_care = lambda: ctx.navigate("care", tab="due")  # noqa: E731 - two buttons share it
        self.visits.actions.addLayout(row(button("去走访关怀", to_care)))
        self.handouts = Tile("待送达的自学资料")
        self.handouts.actions.addLayout(row(button("去送资料", lambda: ctx.navigate("materials"))))
        self.birthdays = Tile("本月过生日")
        self.birthdays.actions.addLayout(row(button(
            "去关怀日历", lambda: ctx.navigate("care", tab="calendar"))))
        self.quarter = Tile("本季度到今天")
        self.quarter.actions.addLayout(row(button("看报表", lambda: ctx.navigate("reports"))))
        self.dues = Tile("党费")
        self.dues_flag = QLabel()  # 连续6个月未交: in words, red and bold, above the counts
        self.dues_flag.setWordWrap(True)
        self.dues_flag.setStyleSheet("color: #a3150c; font-weight: bold;")
        self.dues.layout().insertWidget(1, self.dues_flag)
        self.dues.actions.addLayout(row(button(
            "看欠缴名单", lambda: ctx.navigate("dues", tab="behind"))))
        self.orglife = self._orglife_tile(ctx)
        self.tiles = [self.study, self.visits, self.dues, self.orglife, self.handouts,
                      self.birthdays, self.quarter]
        # no refresh here: the window refreshes a page each time it is shown (once at start-up)

    def _place_tiles(self, shown: list[Tile]) -> None:
        """Two tiles a row (three on a wide page), shown ones only, so a missing area leaves
        no hole."""
        self._shown = shown
        columns = self._columns
        for tile in self.tiles:
            self.grid.removeWidget(tile)
            if tile not in shown:
                tile.hide()
        for i, tile in enumerate(shown):
            self.grid.addWidget(tile, i // columns, i % columns)
            tile.show()
        for column in range(3):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Three tiles a row when the page is wide enough (a 1366-pixel office screen at 100 %),
        so the whole day's work is seen without scrolling."""
        super().resizeEvent(event)
        columns = 3 if self.width() >= style.px(1100) else 2
        if columns != self._columns:
            self._columns = columns
            self._place_tiles(self._shown)

    def _show_dues(self, behind) -> None:
        """欠缴 (3 months and more) counted; 6 months and more named, flagged in words."""
        if behind is None:
            return
        flagged = [b.name for b in behind if b.flagged]
        self.dues_flag.setText(
            f"▲ {len(flagged)} 人连续6个月以上未交党费，支部需要处理：" + "、".join(
                _unbroken(n) for n in flagged[:5]) + (" 等" if len(flagged) > 5 else "")
            if flagged else "")
        self.dues_flag.setVisible(bool(flagged))
        self.dues.set_text([f"欠缴（连续3个月以上未交）：{len(behind)} 人" if behind
                            else "✔ 没有连续3个月以上未交党费的党员。"])

    @staticmethod
    def _orglife_tile(ctx) -> Tile:
        """组织生活: the committee's term warning in red words, and from October the talks
        still to hold before the year (and its 组织生活会) ends; shown only when there is one
        of these to say. Its button shows once the 组织生活 page is there."""
        tile = Tile("组织生活")
        tile.flag = QLabel()
        tile.flag.setWordWrap(True)
        tile.flag.setStyleSheet("color: #a3150c; font-weight: bold;")
        tile.layout().insertWidget(1, tile.flag)
        tile.actions.addLayout(row(
            button("去会议记录", lambda: ctx.navigate("orglife", tab="meetings")),
            button("去谈心谈话", lambda: ctx.navigate("orglife", tab="talks"))))
        return tile

    def _show_orglife(self, notes, missing: list[str]) -> None:
        """The meetings still missing this quarter, the committee's term warning, and from
        October the talks still to hold."""
        warning = notes.term_warning if notes is not None else None
        self.orglife.flag.setText(f"▲ {warning}" if warning else "")
        self.orglife.flag.setVisible(bool(warning))
        lines = [f"▲ {line}" for line in missing]
        if notes is not None and notes.talks_due and notes.talks_left:
            done = notes.talk_members - notes.talks_left
            lines.append(f"今年谈心谈话：已谈 {done} 人，还有 {notes.talks_left} 人没谈"
                         f"（共 {notes.talk_members} 名党员），年底组织生活会前要谈到每一位。")
        self.orglife.set_text(lines)

    def _show_visits(self, board) -> None:
        """The 走访关怀 tile: the care page's counts, 须联系, who first, a festival near."""
        from app.services.care import DUE_SOON_LABEL  # late: loaded by the count already

        if board.visits is not None:
            counts = board.visits  # care.visit_counts: the 走访关怀 page shows the same numbers
            late = f"▲ 已逾期：{counts.overdue} 人"
            if counts.overdue_homebound != counts.overdue:
                late += f"（其中行动不便 {counts.overdue_homebound} 人）"
            lines = [late, f"● {DUE_SOON_LABEL}：{counts.due_soon} 人"]
            if board.contacts:
                lines.append(f"◆ 须联系（住院、出院回访、季度联系）：{board.contacts} 人")
            if board.due_names:
                more = " 等" if counts.overdue + counts.due_soon > len(board.due_names) else ""
                lines.append("最该去的：" + "、".join(_unbroken(n) for n in board.due_names) + more)
            near = board.calendar.festival if board.calendar else None
            if near is not None:
                lines.append(f"★ {near.name}慰问（{near.day.month}月{near.day.day}日）：应慰问 "
                             f"{near.members} 人，还有 {near.missing} 人未慰问")
            self.visits.set_text(lines)

    def _go_study(self) -> None:
        """去登记 opens this study day's attendance; 去新建 opens the form with its date filled."""
        if self._study_event_id is not None:
            self.ctx.navigate("study", event_id=self._study_event_id)
        elif self._study_day is not None:
            self.ctx.navigate("study", new_on=self._study_day)
        else:
            self.ctx.navigate("study", tab="events")

    def refresh(self) -> None:
        """Count the day's work in the worker and show it when it arrives.

        The counts take ~28 queries (0.1 s on a branch, more on a county's database); done on
        the window's thread they held back the window's first paint at every start. The page
        says 正在统计 meanwhile; a second refresh queues behind the first, so the last word wins.
        """
        today = date.today()
        if not self._shown:
            self.today_label.setText("正在统计今天要办的事……")
            self.today_label.show()
        if self.ctx.tasks.synchronous:  # tests: counted inline, at once
            self._start_count(today)
        else:  # after the window has painted: the worker's imports would hold the GIL first
            QTimer.singleShot(0, self, lambda: self._start_count(today))

    def _start_count(self, today: date) -> None:
        # late: run_op's module is not needed for the window's first paint
        from app.ui.operations import run_op

        # quiet (no progress window) and unkeyed: a refresh asked while one runs queues
        # behind it, so the latest word is the one shown
        run_op(self, self.ctx, lambda _progress: self._count(today), self._show_board,
               on_error=self._count_failed, progress=False)

    def _count(self, today: date):
        # late import: the dashboard pulls in every area's queries, which start-up need not load
        from app.services.dashboard import dashboard

        with self.ctx.db.reading() as s:  # never the write lock a key press may need meanwhile
            return today, dashboard(s, self.ctx.branch_id, today)

    def _count_failed(self, exc: BaseException) -> None:
        if isValid(self):
            self.today_label.setText(f"统计今天要办的事时出错：{exc}。请稍后再点“首页”。")
            self.today_label.show()

    def _show_board(self, result) -> None:
        if not isValid(self):  # the window closed while the worker counted
            return
        # late, as in _count (already loaded by it): start-up need not load the areas
        from app.services.dashboard import round_age_word

        today, board = result
        self._study_day, self._study_event_id = board.study_day, board.study_event_id
        steps = board.first_steps
        starting = steps is not None and steps.show
        self.first_start.setVisible(starting)
        if starting:
            self.first_start.show_steps(steps)
        else:
            self.first_start.demo_button.hide()
        self.heading.setText("欢迎使用！请按顺序做好下面三步" if starting else "首页")
        self.today_label.setText(f"今天是 {today.year} 年 {today.month} 月 {today.day} 日。"
                                 "下面是要办的事，点按钮就到办理的地方。")
        self.today_label.setVisible(not starting)  # room for all three steps at 150 %
        if board.study_day is not None:
            d = board.study_day
            made = board.study_event_id is not None
            self.study.set_text([f"{d.year} 年 {d.month} 月 {d.day} 日",
                                 "学习活动已建好，可以登记出勤。" if made
                                 else "这次学习活动还没有新建。"])
            self.study_button.setText("去登记" if made else "去新建")
        self._show_visits(board)
        self.handouts.set_text([f"还有 {board.pending_handouts} 份资料没送到党员手里。"
                                if board.pending_handouts else "资料都已送到。"])
        if board.birthdays is not None:
            glance = board.calendar
            head = ([f"政治生日 {glance.party_birthdays} 人，整寿生日 {glance.marked_birthdays} 人"]
                    if glance else [])
            lines = [f"{d.month} 月 {d.day} 日  {name}  " + (round_age_word(age) or f"{age} 岁")
                     for name, d, age in board.birthdays[:8]]
            if len(board.birthdays) > 8:
                lines.append(f"……共 {len(board.birthdays)} 人")
            self.birthdays.set_text(head + (lines or ["本月没有党员过生日。"]))
        self._show_dues(board.dues_behind)
        self._show_orglife(board.orglife, board.orglife_missing)
        start = board.quarter_start
        self.quarter.set_text([f"从 {start.month} 月 {start.day} 日到今天："]
                              + [f"{k}：{_figure(k, v)}" for k, v in board.quarter.items()])
        if starting and not steps.members:  # an empty roster: the tiles would say nothing
            self._place_tiles([])
            return
        self._place_tiles([t for t, on in ((self.study, board.study_day is not None),
                                           (self.visits, board.visits is not None),
                                           (self.dues, board.dues_behind is not None),
                                           (self.orglife, board.orglife is not None
                                            or bool(board.orglife_missing)),
                                           (self.handouts, True),
                                           (self.birthdays, board.birthdays is not None),
                                           (self.quarter, True)) if on])
