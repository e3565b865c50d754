"""组织生活 › 谈心谈话: the year's talks (register) and who has not been talked with yet
(coverage), each one click apart; a talk is recorded from either — from the coverage for the
member chosen. Figures from app.services.orglife (coverage counts 谈心谈话 home visits too), the
same as `zhibu talks coverage` and the home page's tile."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSpinBox,
    QStackedWidget, QVBoxLayout, QWidget,
)

from app.dates import fmt
from app.services.orglife import talks
from app.services.orglife.coverage import talks_coverage
from app.ui import messages, style
from app.ui.table_models.materials_models import RowsTableModel
from app.ui.widgets import button, hint, table_view

# Each dialog's module is imported when the dialog is first opened: the page loads with the
# window at start-up, its dialogs need not (app/ui/app.py).

TALK_HEADERS = ("谈话日期", "谈话人", "谈话对象", "方式", "谈话内容", "意见建议", "后续落实")
TALK_WIDTHS = {0: 110, 1: 110, 2: 90, 3: 60}
COVER_HEADERS = ("姓名", "村/社区", "谈过没有", "谈话人", "最近谈话", "次数")
COVER_WIDTHS = {0: 100, 2: 100, 3: 150, 4: 120, 5: 60}  # 村/社区 takes the rest


def year_box(on_change) -> QSpinBox:
    """The tab's year (this year when opened)."""
    box = QSpinBox()
    box.setRange(2000, date.today().year)
    box.setValue(date.today().year)
    box.setSuffix(" 年")
    box.valueChanged.connect(lambda _v: on_change())
    return box


def view_switch(parent: QWidget, titles: tuple[str, ...], on_change) -> list[QPushButton]:
    """Big checkable buttons choosing one of the tab's views (never two at once)."""
    group = QButtonGroup(parent)
    group.setExclusive(True)
    buttons = []
    for i, title in enumerate(titles):
        b = QPushButton(title)
        b.setCheckable(True)
        b.setChecked(i == 0)
        group.addButton(b, i)
        buttons.append(b)
    group.idClicked.connect(on_change)
    return buttons


def lay_out_views(tab: QWidget, year: QSpinBox, views: list[QPushButton], summary: QLabel,
                  stack: QStackedWidget) -> None:
    """A tab of two views: one top line (the year, the view buttons, the summary) above them."""
    top = QHBoxLayout()
    top.addWidget(QLabel("年度"))
    top.addWidget(year)
    for b in views:
        top.addWidget(b)
    top.addWidget(summary, 1)
    layout = QVBoxLayout(tab)
    layout.addLayout(top)
    layout.addWidget(stack, 1)


def sized(table, widths: dict[int, int], ctx):
    """`table` with the columns in `widths` that wide at 100 % type and every other column
    sharing what is left (long texts: cut short, whole in the tip), so the table never scrolls
    sideways; rows as low as the type allows. Re-sized when the type changes."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for col in range(table.model().columnCount()):
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive if col in widths
                                    else QHeaderView.ResizeMode.Stretch)

    def size(_scale=None) -> None:
        for col, width in widths.items():
            header.resizeSection(col, style.px(width))
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + style.px(10))

    size()
    ctx.scale_changed.connect(size)
    return table


def selected_key(table):
    rows = table.selectionModel().selectedRows()
    return table.model().key(rows[0].row()) if rows else None


class TalksTab(QWidget):
    """谈心谈话: 谈话记录 and 谁还没谈 (the year's coverage)."""

    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.year = year_box(self.refresh)
        self.views = view_switch(self, ("谈话记录", "谁还没谈"), self._show_view)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        self.talk_model = RowsTableModel(TALK_HEADERS, centered=(0, 3))
        self.talk_table = sized(table_view(self.talk_model), TALK_WIDTHS, ctx)
        self.talk_table.doubleClicked.connect(lambda _i: self.edit_talk())
        self.cover_model = RowsTableModel(COVER_HEADERS, centered=(2, 4, 5))
        self.cover_table = sized(table_view(self.cover_model), COVER_WIDTHS, ctx)
        self.cover_table.doubleClicked.connect(lambda _i: self.talk_with())
        self.missing_only = QCheckBox("只看还没谈的")
        self.missing_only.setChecked(True)
        self.missing_only.toggled.connect(lambda _on: self.refresh())
        self.stack = QStackedWidget()
        self.stack.addWidget(self._register_view())
        self.stack.addWidget(self._coverage_view())
        lay_out_views(self, self.year, self.views, self.summary, self.stack)

    def _register_view(self) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.talk_table, 1)
        actions = QHBoxLayout()
        actions.addWidget(button("登记谈话", self.new_talk, primary=True,
                                 tip="登记一次谈心谈话（当面、电话或上门）"))
        actions.addWidget(button("修改", self.edit_talk))
        actions.addWidget(button("删除", self.delete_talk, tip="删除登记错了的一条谈话记录"))
        actions.addStretch(1)
        layout.addLayout(actions)
        return view

    def _coverage_view(self) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint("事由有“谈心谈话”的走访也算谈过；组织生活会前要谈到每一位。"))
        layout.addWidget(self.cover_table, 1)
        actions = QHBoxLayout()
        actions.addWidget(button("和他谈话…", self.talk_with, primary=True,
                                 tip="为选中的党员登记一次谈心谈话"))
        actions.addWidget(self.missing_only)
        actions.addStretch(1)
        layout.addLayout(actions)
        return view

    def _show_view(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.refresh()

    def show_missing(self) -> None:
        """谁还没谈, as the home page's button opens it."""
        self.views[1].setChecked(True)
        self._show_view(1)

    # reading ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.ctx.branch_id is None:
            return
        year = self.year.value()
        with self.ctx.db.session() as s:
            rows = talks.talks_in_year(s, self.ctx.branch_id, year)
            cov = talks_coverage(s, self.ctx.branch_id, year)
        self.talk_model.set_rows(rows, [r.talk_id for r in rows], [
            (fmt(r.date), r.talker_name, r.member_name, r.how, r.topic, r.opinions, r.follow_up)
            for r in rows])
        shown = cov.missing if self.missing_only.isChecked() else cov.rows
        self.cover_model.set_rows(shown, [r.member_id for r in shown], [
            (r.name, r.community, "✔ 谈过" if r.talked else "▲ 还没谈", r.by, fmt(r.when),
             r.times or "") for r in shown])
        left = len(cov.missing)
        self.summary.setText(f"应谈 {cov.members} 人，已谈 {cov.covered} 人，"
                             + (f"还有 {left} 人没谈。" if left else "全部谈到了。"))
        self.summary.setToolTip("谈过的含事由为“谈心谈话”的走访")
        self.views[0].setText(f"谈话记录（{len(rows)}）")
        self.views[1].setText(f"谁还没谈（{left}）" if left else "谁还没谈")
        for table in (self.talk_table, self.cover_table):
            if table.model().rowCount() and not table.selectionModel().selectedRows():
                table.selectRow(0)

    # actions ----------------------------------------------------------------------------------
    def _open(self, talk_id: int | None = None, member_id: int | None = None) -> None:
        from app.ui.dialogs.orglife_dialogs import TalkDialog

        if TalkDialog(self.ctx, talk_id, member_id, self).exec():
            self.ctx.data_changed.emit()
            self.refresh()

    def new_talk(self) -> None:
        self._open()

    def edit_talk(self) -> None:
        talk_id = selected_key(self.talk_table)
        if talk_id is None:
            messages.info(self, "请先在表中点选一条谈话记录。")
            return
        self._open(talk_id)

    def talk_with(self) -> None:
        member_id = selected_key(self.cover_table)
        if member_id is None:
            messages.info(self, "请先在表中点选一位党员。")
            return
        self._open(member_id=member_id)

    def delete_talk(self) -> None:
        talk_id = selected_key(self.talk_table)
        if talk_id is None:
            messages.info(self, "请先在表中点选要删除的谈话记录。")
            return
        row = self.talk_model.item(self.talk_model.row_of(talk_id))
        if not messages.ask(self, f"删除{fmt(row.date)}{row.talker_name}与{row.member_name}的"
                                  f"谈话记录吗？", yes="删除"):
            return
        with self.ctx.db.session() as s:
            talks.delete_talk(s, talk_id)
        self.ctx.data_changed.emit()
        self.refresh()
