"""评先评优's 竞赛活动 and 参加情况 tabs: the year's contests (征文, 演讲比赛, 知识竞答 …), and
for the contest chosen who took part — the title, the result and a quiz's score — and the two
helpers every tab of the page uses (the row chosen, a change in one session). One table a tab:
at 150 % type two tables on one tab made the page scroll."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.services.yearend import contests as con
from app.ui import messages
from app.ui.table_models.honours_models import ContestsModel, EntriesModel
from app.ui.widgets import button, table_view
from app.vocab import QUIZ_KIND

# Each dialog's module is imported when the dialog is first opened: the page loads with the
# window at start-up, its dialogs need not (app/ui/app.py).


def selected(table, model):
    """The row item chosen in `table`, or None."""
    rows = table.selectionModel().selectedRows()
    return model.item(rows[0].row()) if rows else None


def run_change(parent, ctx, change) -> bool:
    """`change(session)` in one session; a refusal is said in its own words. True when done."""
    try:
        with ctx.db.session() as s:
            change(s)
    except Exception as exc:  # noqa: BLE001 - UserError said plainly, anything else logged
        messages.show_exception(parent, exc)
        return False
    return True


class ContestsPanel(QWidget):
    """竞赛活动: the year's contests with how many took part and won."""

    def __init__(self, ctx, page):
        super().__init__()
        self.ctx, self.page = ctx, page
        self.model = ContestsModel(self)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.table = table_view(self.model, (240, 80, 110, 130, 80))
        self.table.doubleClicked.connect(lambda _i: self.show_entries())
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        for b in (button("参加情况…", self.show_entries, primary=True,
                         tip="所选活动有哪些党员参加、结果和分数（可登记、修改）"),
                  button("新增活动…", self.add, tip="市里（县里）组织的征文、演讲比赛、知识竞答等"),
                  button("修改活动…", self.edit),
                  button("删除活动", self.remove, tip="删除登记错了、还没有人参加的活动")):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)

    def refresh(self) -> None:
        chosen = selected(self.table, self.model)
        with self.ctx.db.session() as s:
            rows = con.contests_of_year(s, self.ctx.branch_id, self.page.year())
        self.model.set_contests(rows)
        self.empty.setText("" if rows else
                           f"{self.page.year()}年还没有登记竞赛活动：点“新增活动…”登记市里组织的征文、"
                           f"演讲比赛、知识竞答，再点“参加情况…”登记参加的党员。")
        self.empty.setVisible(not rows)
        if rows:
            row = self.model.row_of(chosen.id) if chosen else -1
            self.table.selectRow(max(row, 0))

    def show_entries(self) -> None:
        c = selected(self.table, self.model)
        if c is None:
            messages.info(self, "请先在表中点选一项活动（没有时先点“新增活动…”）。")
            return
        self.page.show_tab("entries")
        self.page.entries.choose(c.id)

    def add(self) -> None:
        from app.ui.dialogs.honour_dialogs import ContestDialog

        if ContestDialog(self.ctx, self.page.year(), None, self).exec():
            self.page.changed()

    def edit(self) -> None:
        from app.ui.dialogs.honour_dialogs import ContestDialog

        c = selected(self.table, self.model)
        if c is None:
            messages.info(self, "请先在表中点选一项活动。")
        elif ContestDialog(self.ctx, c.year, c.id, self).exec():
            self.page.changed()

    def remove(self) -> None:
        c = selected(self.table, self.model)
        if c is None:
            messages.info(self, "请先在表中点选一项活动。")
            return
        if messages.ask(self, f"删除竞赛活动“{c.name}”吗？", yes="删除", no="不删除") and \
                run_change(self, self.ctx, lambda s: con.remove_contest(s, c.id)):
            self.page.changed()


class EntriesPanel(QWidget):
    """参加情况: one contest's entries, chosen above; a quiz shows its scores."""

    def __init__(self, ctx, page):
        super().__init__()
        self.ctx, self.page = ctx, page
        self.model = EntriesModel(self)
        self.contest = QComboBox()
        self.contest.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.contest.setMinimumContentsLength(24)  # a long name is cut, never the page widened
        self.contest.currentIndexChanged.connect(lambda _i: self.show_entries())
        self.which = QLabel()
        self.which.setWordWrap(True)
        self.table = table_view(self.model, (120, 260, 100, 80))
        self.table.doubleClicked.connect(lambda _i: self.edit())
        top = QHBoxLayout()
        top.addWidget(QLabel("活动："))
        top.addWidget(self.contest)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.which)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        for b in (button("登记参加…", self.add, primary=True,
                         tip="登记一名党员参加这项活动：题目、结果（知识竞答写分数）"),
                  button("修改…", self.edit), button("删除", self.remove,
                                                    tip="删除登记错了的参加记录")):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)

    def refresh(self) -> None:
        chosen = self.contest.currentData()
        with self.ctx.db.session() as s:
            found = con.contests_of_year(s, self.ctx.branch_id, self.page.year())
        self.contest.blockSignals(True)
        self.contest.clear()
        for c in found:
            self.contest.addItem(f"{c.name}（{c.kind}）", c.id)
        self.contest.setCurrentIndex(max(self.contest.findData(chosen), 0))
        self.contest.blockSignals(False)
        self.show_entries()

    def choose(self, contest_id: int) -> None:
        self.contest.setCurrentIndex(max(self.contest.findData(contest_id), 0))

    def show_entries(self) -> None:
        contest_id = self.contest.currentData()
        rows, c = [], None
        if contest_id is not None:
            with self.ctx.db.session() as s:
                c = con.contest(s, contest_id)
                rows = con.entries_of_contest(s, contest_id)
        self.model.set_entries(rows)
        quiz = c is not None and c.kind == QUIZ_KIND
        self.table.setColumnHidden(1, quiz)  # a quiz has scores, no titles
        self.table.setColumnHidden(3, not quiz)
        if c is None:
            self.which.setText(f"{self.page.year()}年还没有登记竞赛活动：先到“竞赛活动”点“新增活动…”。")
        else:
            when = f"，{c.held_on:%Y-%m-%d}" if c.held_on else ""
            marks = f"，满分 {c.full_marks} 分" if c.kind == QUIZ_KIND else ""
            self.which.setText(f"{c.kind}{when}{'，' + c.organiser if c.organiser else ''}：参加 "
                               f"{len(rows)} 人，获奖 {c.prized} 人次{marks}")
        if self.model.rowCount():
            self.table.selectRow(0)

    def add(self) -> None:
        from app.ui.dialogs.honour_dialogs import EntryDialog

        if self.contest.currentData() is None:
            messages.info(self, "还没有竞赛活动：请先到“竞赛活动”点“新增活动…”。")
        elif EntryDialog(self.ctx, self.contest.currentData(), None, self).exec():
            self.page.changed()

    def edit(self) -> None:
        from app.ui.dialogs.honour_dialogs import EntryDialog

        e = selected(self.table, self.model)
        if e is None:
            messages.info(self, "请先在表中点选一名参加的党员。")
        elif EntryDialog(self.ctx, e.contest_id, e.id, self).exec():
            self.page.changed()

    def remove(self) -> None:
        e = selected(self.table, self.model)
        if e is None:
            messages.info(self, "请先在表中点选一名参加的党员。")
            return
        if messages.ask(self, f"删除{e.name}参加“{e.contest}”的记录吗？", yes="删除", no="不删除") \
                and run_change(self, self.ctx, lambda s: con.remove_entry(s, e.id)):
            self.page.changed()
