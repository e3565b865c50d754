"""组织生活 › 支委会: who holds which post, the term's end with its warning (6 months and 1 month
before), and whether the branch should have a committee or a secretary only (7 full members) —
all from app.services.orglife.committee, as `zhibu committee show` says it. 换届选举 records a
whole election; 增补, 修改 and 离任 one post."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.dates import cn, fmt
from app.services.orglife import committee
from app.ui import messages
from app.ui.pages.orglife_talks import selected_key, sized
from app.ui.table_models.materials_models import RowsTableModel
from app.ui.widgets import button, table_view

# Each dialog's module is imported when the dialog is first opened: the page loads with the
# window at start-up, its dialogs need not (app/ui/app.py).

POST_HEADERS = ("职务", "姓名", "任职日期", "离任日期", "本届选举日期", "备注")
WARN = "color: #a3150c; font-weight: bold;"


class CommitteeTab(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.term = QLabel()
        self.term.setWordWrap(True)
        self.term.setStyleSheet("font-weight: bold;")
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARN)
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.model = RowsTableModel(POST_HEADERS, centered=(0, 2, 3, 4))
        self.table = sized(table_view(self.model), {0: 110, 1: 110, 2: 130, 3: 130, 4: 150}, ctx)
        self.table.doubleClicked.connect(lambda _i: self.edit_post())
        self.past = QCheckBox("也显示往届")
        self.past.toggled.connect(lambda _on: self.refresh())
        layout = QVBoxLayout(self)
        for label in (self.term, self.warning, self.rule):
            layout.addWidget(label)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        actions.addWidget(button("换届选举…", self.elect, primary=True,
                                 tip="登记一次换届选举选出的书记和委员；现任成员同时卸任"))
        actions.addWidget(button("增补委员…", self.add_post, tip="本届中途增补一名委员"))
        actions.addWidget(button("修改…", self.edit_post))
        actions.addWidget(button("离任…", self.end_post, tip="选中的成员离任（调离、去世、辞职）"))
        actions.addWidget(self.past)
        actions.addStretch(1)
        layout.addLayout(actions)

    def refresh(self) -> None:
        if self.ctx.branch_id is None:
            return
        today = date.today()
        with self.ctx.db.session() as s:
            status = committee.committee_status(s, self.ctx.branch_id, today)
            rows = (committee.committee_posts(s, self.ctx.branch_id, today, include_past=True)
                    if self.past.isChecked() else status.posts)
        self.model.set_rows(rows, [r.post_id for r in rows], [
            (r.post, r.name, fmt(r.from_date), fmt(r.until_date) or "在任", fmt(r.elected_on),
             r.note) for r in rows])
        if status.term_ends:
            self.term.setText(f"本届支委会于{cn(status.elected_on)}选举产生，"
                              f"任期三年，至{cn(status.term_ends)}届满。")
        else:
            self.term.setText("还没有登记本届支委会（或书记）。")
        self.warning.setText(f"▲ {status.warning}" if status.warning else "")
        self.warning.setVisible(bool(status.warning))
        self.rule.setText("\n".join([status.rule, *status.notes]))
        if self.model.rowCount() and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)

    def _changed(self) -> None:
        self.ctx.data_changed.emit()
        self.refresh()

    def elect(self) -> None:
        from app.ui.dialogs.committee_dialogs import ElectionDialog

        if ElectionDialog(self.ctx, self).exec():
            self._changed()

    def add_post(self) -> None:
        from app.ui.dialogs.committee_dialogs import PostDialog

        if PostDialog(self.ctx, parent=self).exec():
            self._changed()

    def _chosen(self, what: str) -> int | None:
        post_id = selected_key(self.table)
        if post_id is None:
            messages.info(self, f"请先在表中点选一位成员，再点“{what}”。")
        return post_id

    def edit_post(self) -> None:
        from app.ui.dialogs.committee_dialogs import PostDialog

        post_id = self._chosen("修改")
        if post_id is not None and PostDialog(self.ctx, post_id, parent=self).exec():
            self._changed()

    def end_post(self) -> None:
        from app.ui.dialogs.committee_dialogs import PostDialog

        post_id = self._chosen("离任")
        if post_id is not None and PostDialog(self.ctx, post_id, leaving=True,
                                              parent=self).exec():
            self._changed()
