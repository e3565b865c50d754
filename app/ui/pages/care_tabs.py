"""The other tabs of 走访关怀: 走访记录, 老老结对, 志愿者, 提醒, 建言献策. Each lists rows from its
service in a table model and offers big buttons for what can be done with them."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QLabel, QTableView, QVBoxLayout, QWidget,
)

from app.services import care, pairings, suggestions, visits, volunteers
from app.ui import messages
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.table_models.materials_models import RowsTableModel
from app.ui.widgets import button, hint, table_view

# Each dialog's module is imported when the dialog is first opened: the page loads with the
# window at start-up, its dialogs need not (app/ui/app.py).


def selected_key(table: QTableView):
    rows = table.selectionModel().selectedRows()
    return table.model().key(rows[0].row()) if rows else None


class ChooseMemberDialog(FormDialog):
    """Which member was visited (type part of the name to find them). Only a choice: closing it
    loses nothing, so it asks nothing."""

    asks_to_save = False

    def __init__(self, ctx, parent=None):
        from app.ui.dialogs.care_dialogs import member_box

        super().__init__(parent, "新增走访：选择党员")
        self.member = member_box(ctx)
        self.body_layout.addWidget(QLabel("走访的是哪位党员？"))
        self.body_layout.addWidget(self.member)
        self.body_layout.addStretch(1)
        self.add_cancel()
        self.add_button("下一步", self.accept, primary=True)
        self.want_size(560, 0)


VISIT_HEADERS = ("走访日期", "党员", "村/社区", "走访人", "类别", "事由", "送去的资料", "身体状况",
                 "思想状况", "诉求", "处理意见", "办结")
_PERIODS = {"近三个月": 92, "近一年": 366, "全部": None}


class VisitsPanel(QWidget):
    def __init__(self, ctx, page):
        super().__init__()
        self.ctx, self.page = ctx, page
        self.model = RowsTableModel(VISIT_HEADERS, centered=(0, 4, 11))
        self.table = table_view(self.model, (110, 90, 100, 110, 80, 160, 160, 120, 100, 140, 140))
        self.table.doubleClicked.connect(lambda _i: self.edit_visit())
        self.period = QComboBox()
        self.period.addItems(list(_PERIODS))
        self.period.setCurrentIndex(1)
        self.period.currentIndexChanged.connect(self.refresh)
        self.count = QLabel()
        top = QHBoxLayout()
        top.addWidget(QLabel("时间"))
        top.addWidget(self.period)
        top.addStretch(1)
        top.addWidget(self.count)
        actions = QHBoxLayout()
        actions.addWidget(button("新增走访", self.new_visit, primary=True))
        actions.addWidget(button("修改走访", self.edit_visit))
        actions.addWidget(button("处理意见已办结", self.follow_up_done))
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

    def refresh(self) -> None:
        days = _PERIODS[self.period.currentText()]
        start = date.fromordinal(date.today().toordinal() - days) if days else None
        with self.ctx.db.session() as s:
            rows = visits.visit_rows(s, self.ctx.branch_id, start=start)
        self.model.set_rows(rows, [r.visit_id for r in rows], [
            (r.date, r.member_name, r.community, r.visitor_name, r.visitor_kind, r.purposes,
             r.delivered_note, r.health, r.mood, r.requests, r.follow_up, r.follow_up_state)
            for r in rows])
        self.count.setText(f"共 {len(rows)} 次走访，{len({r.member_id for r in rows})} 人")

    def new_visit(self) -> None:
        chooser = ChooseMemberDialog(self.ctx, self)
        if chooser.exec() and chooser.member.currentData() is not None:
            self.page.record_visit(chooser.member.currentData())

    def edit_visit(self) -> None:
        visit_id = selected_key(self.table)
        if visit_id is None:
            messages.info(self, "请先选中一条走访记录。")
            return
        row = self.model.item(self.model.row_of(visit_id))
        self.page.record_visit(row.member_id, visit_id=visit_id)
        self.refresh()

    def follow_up_done(self) -> None:
        visit_id = selected_key(self.table)
        row = self.model.item(self.model.row_of(visit_id)) if visit_id else None
        if row is None or not row.follow_up or row.follow_up_done:
            messages.info(self, "请先选中一条有处理意见、尚未办结的走访记录。")
            return
        try:
            with self.ctx.db.session() as s:
                visits.mark_follow_up_done(s, visit_id, date.today())
        except Exception as exc:  # noqa: BLE001
            messages.show_exception(self, exc)
            return
        self.ctx.data_changed.emit()
        self.refresh()


PAIR_HEADERS = ("被帮扶党员", "村/社区", "身体状况", "帮扶人", "帮扶人村/社区", "开始日期", "结束日期",
                "备注")


class PairsPanel(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.model = RowsTableModel(PAIR_HEADERS, centered=(2, 5, 6))
        self.table = table_view(self.model, (120, 110, 100, 120, 130, 120, 120))
        self.ended = QCheckBox("也显示已结束的结对")
        self.ended.toggled.connect(self.refresh)
        self.count = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.ended)
        top.addStretch(1)
        top.addWidget(self.count)
        actions = QHBoxLayout()
        actions.addWidget(button("新增结对", self.add, primary=True))
        actions.addWidget(button("结束结对", self.end))
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint("老老结对：身体较好、住得近的党员与需要帮助的党员一对一结对。"
                              "帮扶人本人行动不便或已帮扶 3 人以上时会提醒。"))
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

    def refresh(self) -> None:
        with self.ctx.db.session() as s:
            rows = pairings.pairings(s, self.ctx.branch_id, date.today(),
                                     include_ended=self.ended.isChecked())
        self.model.set_rows(rows, [r.pairing_id for r in rows], [
            (r.helped_name, r.helped_community, r.helped_mobility, r.helper_name,
             r.helper_community, r.since, r.until or "至今", r.notes) for r in rows])
        self.count.setText(f"共 {len(rows)} 对")

    def add(self) -> None:
        from app.ui.dialogs.care_dialogs import PairingDialog

        if PairingDialog(self.ctx, parent=self).exec():
            self.ctx.data_changed.emit()
            self.refresh()

    def end(self) -> None:
        pid = selected_key(self.table)
        if pid is None:
            messages.info(self, "请先选中一对结对。")
            return
        row = self.model.item(self.model.row_of(pid))
        if row.until is not None:
            messages.info(self, "这对结对已经结束。")
            return
        if not messages.ask(self, f"结束{row.helper_name}与{row.helped_name}的结对（今天为结束日期）？"
                                  "记录会保留。", yes="结束结对"):
            return
        with self.ctx.db.session() as s:
            pairings.end_pairing(s, pid, date.today())
        self.ctx.data_changed.emit()
        self.refresh()


VOLUNTEER_HEADERS = ("姓名", "类别", "所在单位", "电话", "状态", "备注")


class VolunteersPanel(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.model = RowsTableModel(VOLUNTEER_HEADERS, centered=(1, 4))
        self.table = table_view(self.model, (120, 90, 220, 160, 90))
        self.table.doubleClicked.connect(lambda _i: self.edit())
        actions = QHBoxLayout()
        actions.addWidget(button("新增志愿者", self.add, primary=True))
        actions.addWidget(button("修改", self.edit))
        actions.addWidget(button("停用 / 恢复", self.toggle_active))
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint("志愿者和助老员可以作为走访人；停用后仍保留他们的走访记录。"))
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

    def refresh(self) -> None:
        with self.ctx.db.session() as s:
            rows = volunteers.volunteers(s, self.ctx.branch_id, include_inactive=True)
        self.model.set_rows(rows, [r.volunteer_id for r in rows], [
            (r.name, r.kind, r.organisation, r.phone, "在岗" if r.active else "已停用", r.notes)
            for r in rows])

    def _row(self):
        vid = selected_key(self.table)
        return self.model.item(self.model.row_of(vid)) if vid else None

    def add(self) -> None:
        from app.ui.dialogs.care_dialogs import VolunteerDialog

        if VolunteerDialog(self.ctx, parent=self).exec():
            self.refresh()

    def edit(self) -> None:
        from app.ui.dialogs.care_dialogs import VolunteerDialog

        row = self._row()
        if row is None:
            messages.info(self, "请先选中一位志愿者。")
            return
        if VolunteerDialog(self.ctx, row, self).exec():
            self.refresh()

    def toggle_active(self) -> None:
        row = self._row()
        if row is None:
            messages.info(self, "请先选中一位志愿者。")
            return
        with self.ctx.db.session() as s:
            volunteers.set_active(s, row.volunteer_id, not row.active)
        self.refresh()


BIRTHDAY_HEADERS = ("生日", "姓名", "岁数", "整寿", "村/社区", "身体状况")
FOLLOW_HEADERS = ("走访日期", "党员", "诉求", "处理意见", "走访人")


class RemindersPanel(QWidget):
    def __init__(self, ctx, page):
        super().__init__()
        self.ctx, self.page = ctx, page
        self.festivals = QLabel()
        self.festivals.setWordWrap(True)
        self.festivals.setStyleSheet("font-weight: bold;")
        self.birthdays = RowsTableModel(BIRTHDAY_HEADERS, centered=(0, 2, 3))
        self.birthday_table = table_view(self.birthdays, (90, 110, 70, 110, 120))
        self.follow = RowsTableModel(FOLLOW_HEADERS, centered=(0,))
        self.follow_table = table_view(self.follow, (110, 100, 260, 260))
        self.birthday_title = QLabel()
        self.follow_title = QLabel()
        for label in (self.birthday_title, self.follow_title):
            label.setStyleSheet("font-weight: bold;")
        b_actions = QHBoxLayout()
        b_actions.addWidget(button("为选中的党员记录生日慰问", self.birthday_visit))
        b_actions.addStretch(1)
        f_actions = QHBoxLayout()
        f_actions.addWidget(button("标记已办结", self.follow_done, primary=True))
        f_actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.festivals)
        layout.addWidget(self.birthday_title)
        layout.addWidget(self.birthday_table, 1)
        layout.addLayout(b_actions)
        layout.addWidget(self.follow_title)
        layout.addWidget(self.follow_table, 1)
        layout.addLayout(f_actions)

    def refresh(self) -> None:
        today = date.today()
        with self.ctx.db.session() as s:
            rounds = care.festival_rounds(s, self.ctx.branch_id, today)
            births = care.birthdays_in_month(s, self.ctx.branch_id, today.year, today.month)
            opened = care.open_follow_ups(s, self.ctx.branch_id, today)
        self.festivals.setText("\n".join("● 节日慰问 " + r.text for r in rounds)
                               or "近期没有重阳节、春节慰问任务。")
        rounded = sum(1 for b in births if b.round_word)
        self.birthday_title.setText(f"本月过生日（{today.month}月）：{len(births)} 人"
                                    + (f"，其中整寿 {rounded} 人（★）" if rounded else ""))
        self.birthdays.set_rows(births, [b.member_id for b in births], [
            (f"{b.birthday:%m-%d}" + ("（月份）" if b.month_only else ""), b.name, f"{b.age} 岁",
             f"★ {b.round_word}" if b.round_word else "", b.community, b.mobility)
            for b in births])
        self.follow_title.setText(f"未办结的处理意见：{len(opened)} 项")
        self.follow.set_rows(opened, [r.visit_id for r in opened], [
            (r.date, r.member_name, r.requests, r.follow_up, r.visitor_name) for r in opened])

    def birthday_visit(self) -> None:
        member_id = selected_key(self.birthday_table)
        if member_id is None:
            messages.info(self, "请先在本月生日名单中选中一位党员。")
            return
        self.page.record_visit(member_id)

    def follow_done(self) -> None:
        visit_id = selected_key(self.follow_table)
        if visit_id is None:
            messages.info(self, "请先选中一项未办结的处理意见。")
            return
        with self.ctx.db.session() as s:
            visits.mark_follow_up_done(s, visit_id, date.today())
        self.ctx.data_changed.emit()
        self.refresh()


SUGGESTION_HEADERS = ("日期", "提出人", "类别", "建议内容", "转交部门", "状态", "办理结果")


class SuggestionsPanel(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.model = RowsTableModel(SUGGESTION_HEADERS, centered=(0, 2, 5))
        self.table = table_view(self.model, (110, 100, 110, 360, 130, 90))
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.status = QComboBox()
        self.status.addItem("全部状态", None)
        for s in ("已收集", "已转交", "已办结"):
            self.status.addItem(s, s)
        self.status.currentIndexChanged.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(QLabel("状态"))
        top.addWidget(self.status)
        top.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(button("新增建议", self.add, primary=True))
        actions.addWidget(button("修改 / 转交 / 办结", self.edit))
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

    def refresh(self) -> None:
        with self.ctx.db.session() as s:
            rows = suggestions.suggestions(s, self.ctx.branch_id, status=self.status.currentData())
        self.model.set_rows(rows, [r.suggestion_id for r in rows], [
            (r.date, r.member_name, r.category, r.text, r.forwarded_to, r.status, r.result)
            for r in rows])

    def add(self) -> None:
        from app.ui.dialogs.care_dialogs import SuggestionDialog

        if SuggestionDialog(self.ctx, parent=self).exec():
            self.refresh()

    def edit(self) -> None:
        from app.ui.dialogs.care_dialogs import SuggestionDialog

        sid = selected_key(self.table)
        if sid is None:
            messages.info(self, "请先选中一条建议。")
            return
        if SuggestionDialog(self.ctx, sid, self).exec():
            self.refresh()
