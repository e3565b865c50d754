"""组织生活 › 组织生活会: the 征求意见 list to read before the meeting (opinions from the year's
talks, 谈心谈话 visits and 建言献策) and the 整改清单 after it — open items shown every year
until done. An opinion becomes an item with one button. Rows from app.services.orglife.rectify.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget,
)

from app.dates import fmt
from app.services.orglife import rectify
from app.ui import messages
from app.ui.pages.orglife_talks import (
    lay_out_views, selected_key, sized, view_switch, year_box,
)
from app.ui.table_models.materials_models import RowsTableModel
from app.ui.widgets import button, hint, table_view

ITEM_HEADERS = ("状态", "问题", "整改措施", "责任人", "时限", "完成日期", "完成情况")
ITEM_WIDTHS = {0: 96, 3: 84, 4: 110, 5: 110}
OPINION_HEADERS = ("来源", "日期", "提出人", "听取人 / 转交", "意见建议")
OPINION_WIDTHS = {0: 90, 1: 110, 2: 90, 3: 130}
STATE_WORDS = {rectify.DONE: "✔ 已完成", rectify.LATE: "▲ 已超期", rectify.OPEN: "● 整改中"}


class RectifyTab(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.year = year_box(self.refresh)
        self.views = view_switch(self, ("整改清单", "会前征求意见"), self._show_view)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        self.item_model = RowsTableModel(ITEM_HEADERS, centered=(0, 4, 5))
        self.item_table = sized(table_view(self.item_model), ITEM_WIDTHS, ctx)
        self.item_table.doubleClicked.connect(lambda _i: self.edit_item())
        self.opinion_model = RowsTableModel(OPINION_HEADERS, centered=(0, 1))
        self.opinion_table = sized(table_view(self.opinion_model), OPINION_WIDTHS, ctx)
        self.opinion_table.doubleClicked.connect(lambda _i: self.from_opinion())
        self.open_only = QCheckBox("只看未完成的")
        self.open_only.toggled.connect(lambda _on: self.refresh())
        self.stack = QStackedWidget()
        self.stack.addWidget(self._items_view())
        self.stack.addWidget(self._opinions_view())
        lay_out_views(self, self.year, self.views, self.summary, self.stack)

    def _items_view(self) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint("组织生活会查摆出的问题逐条列入整改清单；没有完成的，以后每年都会列出"
                              "（标出是哪一年的），直到填写完成日期。"))
        layout.addWidget(self.item_table, 1)
        actions = QHBoxLayout()
        actions.addWidget(button("新增整改事项…", self.new_item, primary=True))
        actions.addWidget(button("修改…", self.edit_item))
        actions.addWidget(button("整改完成…", self.finish_item, tip="填写完成情况和完成日期"))
        actions.addWidget(button("删除", self.delete_item))
        actions.addWidget(self.open_only)
        actions.addStretch(1)
        layout.addLayout(actions)
        return view

    def _opinions_view(self) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint("这一年谈心谈话中提出的意见和建言献策，开组织生活会前汇总在这里，"
                              "会上逐条回应；需要整改的点“列入整改清单”。"))
        layout.addWidget(self.opinion_table, 1)
        actions = QHBoxLayout()
        actions.addWidget(button("列入整改清单…", self.from_opinion, primary=True,
                                 tip="把选中的意见作为一条整改事项"))
        actions.addStretch(1)
        layout.addLayout(actions)
        return view

    def _show_view(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.refresh()

    def refresh(self) -> None:
        if self.ctx.branch_id is None:
            return
        year, today = self.year.value(), date.today()
        with self.ctx.db.session() as s:
            items = rectify.rectify_items(s, self.ctx.branch_id, year)
            opinions = rectify.opinions_before_meeting(s, self.ctx.branch_id, year)
        still_open = [i for i in items if i.done_on is None]
        shown = still_open if self.open_only.isChecked() else items
        self.item_model.set_rows(shown, [i.item_id for i in shown], [
            (STATE_WORDS[i.state(today)], (f"（{i.year}年）" if i.year != year else "") + i.problem,
             i.measure, i.responsible, fmt(i.deadline), fmt(i.done_on), i.progress)
            for i in shown])
        self.opinion_model.set_rows(opinions, list(range(len(opinions))), [
            (o.source, fmt(o.date), o.member_name, o.heard_by, o.text) for o in opinions])
        late = sum(i.state(today) == rectify.LATE for i in items)
        self.summary.setText(f"整改事项 {len(items)} 条，未完成 {len(still_open)} 条"
                             + (f"（▲ 超期 {late} 条）。" if late else "。"))
        self.views[0].setText(f"整改清单（{len(items)}）")
        self.views[1].setText(f"会前征求意见（{len(opinions)}）")
        for table in (self.item_table, self.opinion_table):
            if table.model().rowCount() and not table.selectionModel().selectedRows():
                table.selectRow(0)

    # actions ----------------------------------------------------------------------------------
    def _open(self, **kw) -> None:
        from app.ui.dialogs.orglife_dialogs import RectifyDialog

        if RectifyDialog(self.ctx, year=self.year.value(), parent=self, **kw).exec():
            self.ctx.data_changed.emit()
            self.refresh()

    def _chosen(self, what: str) -> int | None:
        key = selected_key(self.item_table)
        if key is None:
            messages.info(self, f"请先在整改清单中点选一条，再点“{what}”。")
        return key

    def new_item(self) -> None:
        self._open()

    def edit_item(self) -> None:
        key = self._chosen("修改")
        if key is not None:
            self._open(item_id=key)

    def finish_item(self) -> None:
        key = self._chosen("整改完成")
        if key is not None:
            self._open(item_id=key, finishing=True)

    def from_opinion(self) -> None:
        key = selected_key(self.opinion_table)
        if key is None:
            messages.info(self, "请先点选一条意见。")
            return
        opinion = self.opinion_model.item(key)
        self._open(problem=f"{opinion.text}（{opinion.member_name}，{opinion.source}）")

    def delete_item(self) -> None:
        key = self._chosen("删除")
        if key is None:
            return
        row = self.item_model.item(self.item_model.row_of(key))
        if not messages.ask(self, f"删除整改事项“{row.problem[:30]}”吗？", yes="删除"):
            return
        with self.ctx.db.session() as s:
            rectify.remove_item(s, key)
        self.ctx.data_changed.emit()
        self.refresh()
