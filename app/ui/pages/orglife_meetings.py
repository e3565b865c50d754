"""组织生活 → 会议记录: the year's frequency check on top (each kind held / required, what is
still missing this quarter in red words), the year's meetings below with the state of their
minutes, and the buttons to write a meeting's minutes, print them (with the sign-in sheet after)
and to add or change a meeting. Every figure comes from app.services.orglife — the same
functions as `zhibu org-life check` and `zhibu events`.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QSpinBox, QVBoxLayout, QWidget

from app import file_names
from app.dates import fmt
from app.services.orglife import frequency, meetings, minutes
from app.services.study_events import EventInput
from app.ui import files, messages, style
from app.ui.operations import run_op
from app.ui.table_models.orglife_models import (
    CHECK_HEADERS, MEETING_HEADERS, CheckTableModel, MeetingsTableModel,
)
from app.ui.widgets import button, choice_box, table_view

SHOW = (("全部活动", False), ("只看组织生活会议", True))
CHECK_TIP = ("▲ 缺：本季度还没开的会，请在本季度内召开（每月一次的会在本月内）。"
             "已经建好、日期在以后的会算“已安排”，不算缺。")


class MeetingsPanel(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.year_box = QSpinBox()
        self.year_box.setRange(2000, date.today().year + 1)
        self.year_box.setValue(date.today().year)
        self.year_box.setSuffix(" 年")
        self.year_box.valueChanged.connect(lambda _y: self.refresh())
        self.show_box = choice_box([])
        for title, only in SHOW:
            self.show_box.addItem(title, only)
        self.show_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_box.setSizeAdjustPolicy(self.show_box.SizeAdjustPolicy.AdjustToContents)
        self.summary = QLabel()  # one line, no wrap: the row wraps as a whole at 200 %
        self.summary.setToolTip(CHECK_TIP)
        self.summary.setStyleSheet("font-weight: bold;")
        self.check_model = CheckTableModel(self)
        self.check_table = table_view(self.check_model)
        self.check_table.setSelectionMode(self.check_table.SelectionMode.NoSelection)
        self.model = MeetingsTableModel(self)
        self.table = table_view(self.model)
        self.table.doubleClicked.connect(lambda _i: self.write_minutes())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._buttons())
        self.write_button = button("填写会议记录…", self.write_minutes, primary=True,
                                   tip="选中会议的主持人、记录人、内容、决议；出勤从登记出勤中带出")
        self.print_button = button("打印会议记录…", self.print_minutes,
                                   tip="会议记录（A4），后附这次会议的签到表；可预览、打印、另存为")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("年度："))
        top.addWidget(self.year_box)
        top.addWidget(QLabel("显示："))
        top.addWidget(self.show_box)
        top.addWidget(self.summary, 1)
        layout.addLayout(top)
        layout.addWidget(self.check_table)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        for b in (self.write_button, self.print_button,
                  button("新建会议…", self.new_meeting, tip="新建一次支委会、党员大会、党课等"),
                  button("修改会议…", self.edit_meeting, tip="改选中会议的类别、日期等")):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(button("会议种类…", self.choose_kinds,
                                 tip="本支部不开展的会议（如没有党小组），集中学习日是否算作主题党日"))
        layout.addLayout(actions)
        self.check_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.check_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.check_table.horizontalHeader()
        for col in range(len(CHECK_HEADERS) - 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.check_table.setToolTip(CHECK_TIP)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._size()
        ctx.scale_changed.connect(lambda _s: self._size())

    def _size(self) -> None:
        """Rows as low as the type allows and the check table exactly as tall as its seven
        kinds, so at 150 % the meetings below keep their room; the meetings' columns as wide
        as their headings (dates and counts) or a share of the rest (主题)."""
        fm = self.table.fontMetrics()
        row_h = fm.height() + style.px(4)
        for table in (self.check_table, self.table):
            table.verticalHeader().setDefaultSectionSize(row_h)
        head = self.table.horizontalHeader()
        for col, text in enumerate(MEETING_HEADERS):
            sample = {0: "2026-12-31", 1: "09:00", 2: "老干部大讲堂", 3: "学习贯彻全会精神",
                      4: "主持人名", 5: "记录人名"}.get(col, text)
            head.resizeSection(col, max(fm.horizontalAdvance(sample), fm.horizontalAdvance(text))
                               + style.px(22))
        height = self.check_table.horizontalHeader().sizeHint().height() + 7 * row_h
        self.check_table.setFixedHeight(height + 2 * self.check_table.frameWidth())

    # data ------------------------------------------------------------------------------------
    def year(self) -> int:
        return self.year_box.value()

    def refresh(self, select_id: int | None = None) -> None:
        if self.ctx.branch_id is None:
            return
        self._size()  # the style sheet's type is known once the page is shown
        keep = select_id if select_id is not None else self.selected_id()
        today = date.today()
        with self.ctx.db.session() as s:
            statuses = frequency.frequency_check(s, self.ctx.branch_id, self.year(), today)
            rows = meetings.year_meetings(s, self.ctx.branch_id, self.year(),
                                          meetings_only=bool(self.show_box.currentData()))
        self.check_model.set_statuses(statuses)
        self.model.set_meetings(rows, today)
        missing = [st for st in statuses if st.missing_this_quarter]
        unwritten = sum(r.state(today) == meetings.NOT_WRITTEN for r in rows)
        parts = [f"▲ 本季度还缺 {len(missing)} 种会" if missing else
                 ("✔ 本季度的会都已召开或已安排" if self.year() == today.year else "")]
        if unwritten:
            parts.append(f"{unwritten} 次会议还没有填写会议记录")
        self.summary.setText("　".join(p for p in parts if p))
        row = self.model.row_of(keep) if keep is not None else -1
        if row < 0 and rows:
            row = self._latest_held(rows, today)
        if row >= 0:
            self.table.selectRow(row)
            # once the table has its height (the first showing lays it out after this)
            QTimer.singleShot(0, lambda: self.table.scrollTo(self.model.index(row, 0)))
        self._buttons()

    @staticmethod
    def _latest_held(rows: list[meetings.MeetingRow], today: date) -> int:
        """The last meeting held on or before today (the one whose minutes are written next)."""
        held = [i for i, r in enumerate(rows) if r.event.date <= today and not r.event.cancelled]
        return held[-1] if held else 0

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.key(rows[0].row()) if rows else None

    def _selected(self, what: str) -> meetings.MeetingRow | None:
        rows = self.table.selectionModel().selectedRows()
        item = self.model.item(rows[0].row()) if rows else None
        if item is None:
            messages.info(self, f"请先在下面的表中点选一次会议，再点“{what}”。")
        return item

    def _buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.write_button.setEnabled(chosen)
        self.print_button.setEnabled(chosen)

    def _changed(self, event_id: int | None = None) -> None:
        self.ctx.data_changed.emit()
        self.refresh(event_id)

    # actions ---------------------------------------------------------------------------------
    def write_minutes(self) -> None:
        from app.ui.dialogs.minutes_dialog import MinutesDialog

        row = self._selected("填写会议记录")
        if row is None:
            return
        if row.event.cancelled:
            messages.info(self, f"{fmt(row.event.date)} 的“{row.event.kind}”已取消，不能填写会议记录。"
                                "如果会议其实开了，请先在“学习活动”中恢复它。")
            return
        if MinutesDialog(self.ctx, row.id, self).exec():
            self._changed(row.id)

    def print_minutes(self) -> None:
        row = self._selected("打印会议记录")
        if row is not None:
            print_minutes_of(self, self.ctx, row.id)

    def new_meeting(self) -> None:
        from app.ui.dialogs.event_dialog import EventDialog

        initial = EventInput(kind="支委会", date=date.today(), start_time="09:00", hours=1.0)
        dialog = EventDialog(self.ctx, None, initial, self)
        if dialog.exec():
            self._changed(dialog.event_id)

    def edit_meeting(self) -> None:
        from app.ui.dialogs.event_dialog import EventDialog

        row = self._selected("修改会议")
        if row is not None:
            dialog = EventDialog(self.ctx, row.id, None, self)
            if dialog.exec():
                self._changed(row.id)

    def choose_kinds(self) -> None:
        from app.ui.dialogs.minutes_dialog import KindsDialog

        if KindsDialog(self.ctx, self).exec():
            self._changed()


def print_minutes_of(parent, ctx, event_id: int) -> None:
    """Make the 会议记录 PDF in the background (the program's private folder), then show it in
    the one print preview, where 打印 and 另存为 are."""
    from app.ui.dialogs.pdf_preview import PdfPreviewDialog

    with ctx.db.session() as s:
        m = minutes.read_minutes(s, event_id)
    name = file_names.minutes(files.branch_name(ctx), m.day, m.kind)
    path = files.private_temp_dir() / name

    def work(progress):
        progress(0, 0, "正在生成会议记录…")
        with ctx.db.session() as s:
            return minutes.print_minutes(s, event_id, path)

    def show(result: dict) -> PdfPreviewDialog:
        dialog = PdfPreviewDialog(path, "会议记录", f"{fmt(m.day)} {m.kind}：会议记录 "
                                  f"{result['pages']} 页，后附签到表 {result['signin_pages']} 页",
                                  parent)
        dialog.offer_save_as(ctx.prefs, file_names.MINUTES, name)
        dialog.exec()
        return dialog

    run_op(parent, ctx, work, show, busy_text="正在生成会议记录…", key="minutes-print")
