"""学习活动: the list of events, 登记出勤 for one of them, each member's figures, and who keeps
missing. The list is read in SQL (filtered by year and kind); its table model counts the marks
of the events in view only (app/ui/table_models/event_model.py).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QTableView, QTabWidget,
    QVBoxLayout, QWidget,
)

from app.dates import fmt
from app.services import study
from app.ui import messages, style
from app.ui.pages.signin_print import print_signin_sheet
from app.ui.pages.study_attendance import AttendancePanel
from app.ui.pages.study_figures import FiguresPanel, MissingPanel
from app.ui.table_models.event_model import EventsTableModel
from app.ui.widgets import button, choice_box, heading
from app.vocab import EVENT_KINDS

# Each dialog's module is imported when the dialog is first opened: the page loads with the
# window at start-up, its dialogs need not (app/ui/app.py).

TABS = ("events", "attendance", "figures", "missing")


class EventsPanel(QWidget):
    def __init__(self, ctx, on_attendance):
        super().__init__()
        self.ctx = ctx
        self.on_attendance = on_attendance
        self._first = True
        self.year = choice_box([], blank="全部年份")
        self.kind = choice_box(EVENT_KINDS, blank="全部类别")
        for box in (self.year, self.kind):
            box.setMinimumWidth(style.px(150))
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.model = EventsTableModel(ctx.db, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(style.px(40))
        for col, width in enumerate((120, 70, 130, 300, 150, 60, 60, 60, 60, 90, 80)):
            self.table.horizontalHeader().resizeSection(col, style.px(width))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.attendance())
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._selection())

        self.new_button = button("新建学习活动", self.new_event, primary=True)
        self.edit_button = button("修改", self.edit_event)
        self.copy_button = button("复制为下一次", self.copy_event,
                                  tip="按这次活动的类别、地点、时间新建下一次，日期推后一个月")
        self.year_button = button("生成全年集中学习日", self.make_year)
        self.cancel_button = button("取消活动", self.cancel_or_restore)
        self.print_button = button("打印签到表", self.print_sheet)
        self.attend_button = button("登记出勤", self.attendance, primary=True)
        self.summary = QLabel()

        filters = QHBoxLayout()
        filters.addWidget(QLabel("年份"))
        filters.addWidget(self.year)
        filters.addWidget(QLabel("类别"))
        filters.addWidget(self.kind)
        filters.addStretch(1)
        filters.addWidget(self.summary)
        first = QHBoxLayout()
        for b in (self.new_button, self.copy_button, self.year_button):
            first.addWidget(b)
        first.addStretch(1)
        second = QHBoxLayout()
        for b in (self.attend_button, self.edit_button, self.print_button, self.cancel_button):
            second.addWidget(b)
        second.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(first)
        layout.addWidget(self.table, 1)
        layout.addLayout(second)
        self._selection()

    # data ----------------------------------------------------------------------------------
    def refresh(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.current_id()
        with self.ctx.db.session() as s:
            years = study.event_years(s, self.ctx.branch_id)
            year = self.year.currentData()
            if self._first and date.today().year in years:
                year = date.today().year  # this year's events first; 全部年份 is one click away
            self._first = False
        self.model.reload(self.ctx.branch_id, year=year, kind=self.kind.currentData())
        rows = self.model.rows
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem("全部年份", None)
        for y in years:
            self.year.addItem(f"{y} 年", y)
        self.year.setCurrentIndex(max(self.year.findData(year), 0))
        self.year.blockSignals(False)
        live = [r for r in rows if not r.cancelled]
        self.summary.setText(f"共 {len(live)} 次活动" +
                             (f"（另有 {len(rows) - len(live)} 次已取消）"
                              if len(rows) > len(live) else ""))
        row = self.model.row_of(keep) if keep is not None else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._selection()

    def current_id(self) -> int | None:
        return self.model.key(self.table.currentIndex().row())

    def current(self) -> study.EventRow | None:
        return self.model.item(self.table.currentIndex().row())

    def select(self, event_id: int) -> None:
        row = self.model.row_of(event_id)
        if row < 0:
            self.year.setCurrentIndex(0)
            self.kind.setCurrentIndex(0)
            self.refresh(event_id)
        else:
            self.table.selectRow(row)

    def _selection(self) -> None:
        e = self.current()
        for b in (self.edit_button, self.copy_button, self.cancel_button, self.print_button,
                  self.attend_button):
            b.setEnabled(e is not None)
        self.cancel_button.setText("恢复活动" if e is not None and e.cancelled else "取消活动")
        if e is not None and e.cancelled:
            self.attend_button.setEnabled(False)

    # actions -------------------------------------------------------------------------------
    def _open_dialog(self, event_id=None, initial=None) -> None:
        from app.ui.dialogs.event_dialog import EventDialog

        dialog = EventDialog(self.ctx, event_id, initial, self)
        if dialog.exec():
            self.ctx.data_changed.emit()
            self.refresh(dialog.event_id)

    def new_event(self) -> None:
        self._open_dialog()

    def new_event_with(self, initial: study.EventInput) -> None:
        self._open_dialog(None, initial)

    def edit_event(self) -> None:
        if self.current_id() is not None:
            self._open_dialog(self.current_id())

    def copy_event(self) -> None:
        if self.current_id() is None:
            return
        with self.ctx.db.session() as s:
            initial = study.next_copy(s, self.current_id())
        self._open_dialog(None, initial)

    def make_year(self) -> None:
        from app.ui.dialogs.event_dialog import YearDialog

        dialog = YearDialog(self.ctx, self)
        if dialog.exec():
            self.ctx.data_changed.emit()
            self.refresh(dialog.result_ids[0] if dialog.result_ids else None)

    def cancel_or_restore(self) -> None:
        e = self.current()
        if e is None:
            return
        if e.cancelled:
            with self.ctx.db.session() as s:
                study.restore_event(s, e.id)
        else:
            marked = e.present + e.leave + e.absent + e.delivered
            kept = f"已登记的 {marked} 人出勤记录会保留，" if marked else ""
            if not messages.ask(self, f"取消 {fmt(e.date)} 的“{e.kind}”吗？\n{kept}活动标记为"
                                "“已取消”，不计入统计；以后可以点“恢复活动”撤销。",
                                yes="取消活动", no="不取消"):
                return
            with self.ctx.db.session() as s:
                study.cancel_event(s, e.id)
        self.ctx.data_changed.emit()
        self.refresh(e.id)

    def print_sheet(self) -> None:
        if self.current_id() is not None:
            print_signin_sheet(self, self.ctx, self.current_id())

    def attendance(self) -> None:
        e = self.current()
        if e is not None:
            self.on_attendance(e.id)


class StudyPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.events = EventsPanel(ctx, on_attendance=self.open_attendance)
        self.attendance = AttendancePanel(ctx, on_back=lambda: self.show_tab("events"))
        self.figures = FiguresPanel(ctx)
        self.missing = MissingPanel(ctx)
        self.tabs = QTabWidget()
        for panel, title in ((self.events, "活动列表"), (self.attendance, "登记出勤"),
                             (self.figures, "个人出勤统计"), (self.missing, "连续缺席")):
            self.tabs.addTab(panel, title)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.heading = heading("学习活动")
        self.tabs.currentChanged.connect(self._heading_for_tab)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(style.px(6), style.px(4), style.px(6), style.px(4))
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)

    def _heading_for_tab(self, index: int) -> None:
        """登记出勤 needs every line for members (8 at 150 % on 1366 × 768): there the page
        heading goes (学习活动 stays marked in the navigation, 登记出勤 on its tab)."""
        self.heading.setVisible(self.tabs.widget(index) is not self.attendance)

    def refresh(self) -> None:
        """Refresh the tab on screen (the others refresh when they are shown)."""
        if self.ctx.branch_id is None:
            return
        self.tabs.currentWidget().refresh()

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(key))
        self._heading_for_tab(self.tabs.currentIndex())  # also while its signals are blocked

    def open_attendance(self, event_id: int) -> None:
        self.tabs.blockSignals(True)
        self.show_tab("attendance")
        self.tabs.blockSignals(False)
        self.attendance.load(event_id)

    def open_with(self, event_id: int | None = None, tab: str | None = None,
                  new_on: date | None = None, **_kw) -> None:
        """ctx.navigate("study", event_id=…) opens that event's attendance; new_on=<date> opens
        the new-event form for a 集中学习日 on that date (the home page's 去新建)."""
        if event_id is not None:
            self.events.select(event_id)
            self.open_attendance(event_id)
        elif new_on is not None:
            self.show_tab("events")
            self.events.new_event_with(study.EventInput(date=new_on, start_time="09:00", hours=2.0))
        elif tab in TABS:
            self.show_tab(tab)
