"""走访关怀: who is due for a visit, printing the round's checklists, recording what happened,
老老结对, volunteers, reminders and 建言献策 — one tab each; the first (待走访) is the work list."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QTabWidget,
    QVBoxLayout, QWidget,
)

from app import file_names
from app.services import care
from app.services.care_calendar import follow_up
from app.ui import files, messages, style
from app.ui.operations import run_op
from app.ui.pages.care_calendar import CalendarPanel
from app.ui.pages.care_tabs import (
    PairsPanel, RemindersPanel, SuggestionsPanel, VisitsPanel, VolunteersPanel, table_view,
)
from app.ui.pages.materials_pending import tick_style
from app.ui.table_models.care_models import CareTableModel
from app.ui.widgets import button, heading, hint

TABS = ("due", "visits", "pairs", "volunteers", "reminders", "calendar", "suggestions")
_SHOW = {"该走访及逾期": (care.STATE_OVERDUE, care.STATE_NEVER, care.STATE_DUE,
                    care.STATE_CONTACT),
         "只看逾期": care.OVERDUE_STATES, "全部关怀对象": None}
_WIDTHS = (44, 150, 90, 60, 110, 100, 300, 120, 90, 90, 120, 150, 200)


class DuePanel(QWidget):
    """待走访: the care list, most urgent first, with big buttons for the day's work."""

    def __init__(self, ctx, page):
        super().__init__()
        self.ctx, self.page = ctx, page
        self.model = CareTableModel(self)
        self.show_box = QComboBox()
        for title in _SHOW:
            self.show_box.addItem(title)
        self.show_box.currentIndexChanged.connect(self.refresh)
        self.summary = QLabel()
        self.summary.setStyleSheet("font-weight: bold;")
        self.summary.setWordWrap(True)  # at 200 % one line is wider than the page
        self.table = table_view(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setStyleSheet(tick_style())
        self.table.clicked.connect(self._clicked)
        self.table.doubleClicked.connect(lambda _i: self.record_visit())
        self.record_button = button("记录走访", self.record_visit, primary=True,
                                    tip="为选中的党员登记一次走访（可照着走访登记表填写）")
        self.print_button = button("打印走访清单", self.print_checklist,
                                   tip="勾选的党员（未勾选时为列表中全部）的走访登记表")
        self.route_button = button("路线顺序…", self.route_order,
                                   tip="走访清单里各村（社区）的先后顺序，每个支部设一次")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("显示"))
        top.addWidget(self.show_box)
        top.addStretch(1)
        top.addWidget(self.summary, 3)
        layout.addLayout(top)
        layout.addWidget(hint("▲ 已逾期 / 从未走访　● 7 天内到期　◆ 须联系（住院、出院回访、季度联系）"
                              "　○ 未到期。点“选”一栏勾选要打印的；选中一行后点“记录走访”。"))
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.record_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.route_button)
        actions.addWidget(button("调整走访周期", self.change_interval))
        actions.addWidget(button("加入关怀名单", self.add_to_care))
        actions.addStretch(1)
        actions.addWidget(button("全选", lambda: self._tick(True)))
        actions.addWidget(button("全不选", lambda: self._tick(False)))
        layout.addLayout(actions)
        self._size_columns()
        ctx.scale_changed.connect(lambda _s: self._size_columns())

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        for col, width in enumerate(_WIDTHS):
            header.resizeSection(col, style.px(width))
        self.table.verticalHeader().setDefaultSectionSize(style.px(40))

    def refresh(self) -> None:
        today = date.today()
        with self.ctx.db.session() as s:
            every = care.care_list(s, self.ctx.branch_id, today)
            due = follow_up.due_visits(s, self.ctx.branch_id, today)
        states = _SHOW[self.show_box.currentText()]
        chosen = self._selected()
        shown = [d for d in due if states is None or d.row.state in states]
        self.model.set_care_rows([d.row for d in shown], [d.why for d in shown])
        if self.model.rowCount():  # keep the chosen member, else the most urgent one
            self.table.selectRow(max(self.model.row_of(chosen), 0) if chosen else 0)
        counts = care.count_visits(every)  # the same counts as 首页's 走访关怀 tile
        contacts = follow_up.contact_count(due)
        self.summary.setText(f"▲ 已逾期 {counts.overdue} 人　● {care.DUE_SOON_LABEL} "
                             f"{counts.due_soon} 人　◆ 须联系 {contacts} 人　"
                             f"关怀名单共 {counts.on_list} 人")
        self._buttons()

    def _buttons(self) -> None:
        ticked = len(self.model.checked)
        self.print_button.setText(f"打印走访清单（{ticked} 人）" if ticked else "打印走访清单")

    def _clicked(self, index) -> None:
        if index.column() == 0:
            self.model.toggle(index.row())
            self._buttons()

    def _tick(self, on: bool) -> None:
        self.model.set_all(on)
        self._buttons()

    def select_member(self, member_id: int) -> bool:
        row = self.model.row_of(member_id)
        if row < 0 and self.show_box.currentIndex() != 2:
            self.show_box.setCurrentIndex(2)
            row = self.model.row_of(member_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        return row >= 0

    def _selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.key(rows[0].row()) if rows else None

    # actions --------------------------------------------------------------------------------
    def record_visit(self) -> None:
        member_id = self._selected()
        if member_id is None:
            messages.info(self, "请先在列表中点选一位党员，再点“记录走访”。")
            return
        self.page.record_visit(member_id)

    def print_checklist(self) -> None:
        ids = self.model.checked_ids() or list(self.model.keys)
        if not ids:
            messages.info(self, "列表中没有党员，没有可打印的走访登记表。")
            return
        self.page.print_checklist(ids)

    def route_order(self) -> None:
        from app.ui.dialogs.route_order_dialog import RouteOrderDialog

        RouteOrderDialog(self.ctx, self).exec()

    def change_interval(self) -> None:
        from app.ui.dialogs.care_dialogs import IntervalDialog

        ids = self.model.checked_ids() or ([self._selected()] if self._selected() else [])
        if not ids:
            messages.info(self, "请先选中或勾选党员，再调整走访周期。")
            return
        rows = {r.member_id: r for r in self.model.items}
        names = "、".join(rows[i].name for i in ids[:6])
        names += f" 等 {len(ids)} 人" if len(ids) > 6 else ""
        if IntervalDialog(self.ctx, ids, names, rows[ids[0]].interval_days, self).exec():
            self.ctx.data_changed.emit()
            self.refresh()

    def add_to_care(self) -> None:
        from app.ui.dialogs.care_dialogs import AddToCareDialog

        if AddToCareDialog(self.ctx, self).exec():
            self.ctx.data_changed.emit()
            self.refresh()


class CarePage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.due = DuePanel(ctx, self)
        self.visits = VisitsPanel(ctx, self)
        self.pairs = PairsPanel(ctx)
        self.volunteers = VolunteersPanel(ctx)
        self.reminders = RemindersPanel(ctx, self)
        self.calendar = CalendarPanel(ctx, self)
        self.suggestions = SuggestionsPanel(ctx)
        self.tabs = QTabWidget()
        for panel, title in ((self.due, "待走访"), (self.visits, "走访记录"),
                             (self.pairs, "老老结对"), (self.volunteers, "志愿者"),
                             (self.reminders, "提醒"), (self.calendar, "关怀日历"),
                             (self.suggestions, "建言献策")):
            self.tabs.addTab(panel, title)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self._narrow_tabs()
        ctx.scale_changed.connect(lambda _s: self._narrow_tabs())
        self.status = QLabel()
        self.status.setStyleSheet("font-weight: bold; color: #8c1d18;")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading("走访关怀"))
        top.addStretch(1)
        top.addWidget(self.status)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.last_pdf: Path | None = None

    def _narrow_tabs(self) -> None:
        """Seven tabs: a little less padding than the program's tabs, so at 150 % on a 1366-pixel
        screen they all show without the tab bar's scroll arrows."""
        self.tabs.setStyleSheet(f"QTabBar::tab {{ padding: {style.px(3)}px {style.px(12)}px; }}")

    def refresh(self) -> None:
        if self.ctx.branch_id is None:
            return
        with self.ctx.db.session() as s:
            late = care.visit_counts(s, self.ctx.branch_id, date.today()).overdue
        self.status.setText(f"▲ {late} 人已逾期未走访" if late else "✔ 没有逾期未走访的党员")
        self.tabs.setTabText(0, f"待走访（逾期 {late}）" if late else "待走访")
        self.tabs.currentWidget().refresh()

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(key))

    def open_with(self, tab: str | None = None, member_id: int | None = None, **_kw) -> None:
        """ctx.navigate("care", member_id=…) from the home page or the roster."""
        if tab in TABS:
            self.show_tab(tab)
        if member_id is not None:
            self.show_tab("due")
            self.due.refresh()
            self.due.select_member(member_id)

    def record_visit(self, member_id: int, visit_id: int | None = None,
                     purpose: str | None = None) -> int | None:
        """记录走访 for a member (with `purpose`, e.g. 节日慰问, already ticked), or 修改走访
        when `visit_id` is given."""
        from app.ui.dialogs.visit_dialog import VisitDialog

        dialog = VisitDialog(self.ctx, member_id, self, visit_id=visit_id)
        if purpose and visit_id is None and purpose in dialog.purpose_boxes:
            dialog.purpose_boxes[purpose].setChecked(True)  # before showing: not an edit
        if dialog.exec():
            self.ctx.data_changed.emit()
            self.refresh()
            return dialog.visit_id
        return None

    def print_checklist(self, member_ids: list[int]) -> None:
        """Make the PDF in a worker, then preview it with print / save / open."""
        # the program's own temporary folder (removed at exit), not a shared one others can read
        path = files.private_temp_dir() / f"走访登记表-{datetime.now():%Y%m%d-%H%M%S}.pdf"
        db, today = self.ctx.db, date.today()

        def work(progress):
            def each(done: int, total: int, _text: str = "") -> None:
                progress(done, total)  # the window says 第 N / M under its own line

            with db.session() as s:
                return care.print_visits(s, member_ids, path, today, progress=each)

        run_op(self, self.ctx, work, self._checklist_done, on_error=self._checklist_failed,
               busy_text=f"正在生成 {len(member_ids)} 人的走访登记表…", key="care-checklist")

    def _checklist_done(self, result: dict) -> None:
        from app.services.checklist_data import left_out_note
        from app.ui.dialogs.checklist_dialog import ChecklistDialog

        self.last_pdf = Path(result["path"])
        self.refresh()
        dialog = ChecklistDialog(self.last_pdf, result["members"], result["pages"], self,
                                 note=left_out_note(result.get("left_out", [])))
        dialog.offer_save_as(self.ctx.prefs, file_names.CHECKLIST,
                             file_names.checklist(date.today()))
        dialog.exec()

    def _checklist_failed(self, exc: BaseException) -> None:
        self.refresh()
        messages.show_exception(self, exc)
