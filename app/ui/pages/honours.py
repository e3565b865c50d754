"""评先评优: the year's 学习先进 and the one recommended to the city's 十佳学习型老干部, the
honours of members and of the branch, and the city's contests with each member's entry — one
tab each — and the print (学习先进推荐表 and the honours list). Every list and every change goes
through app.services.yearend, the functions `zhibu honours` and `zhibu contest` call."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QSpinBox, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from app.services.yearend import honours as hon
from app.services.yearend.honour_figures import honour_counts, honours_of_year
from app.ui import messages, style
from app.ui.pages.honours_contests import ContestsPanel, EntriesPanel, run_change, selected
from app.ui.pages.honours_print import preview_honours
from app.ui.table_models.honours_models import HonoursModel, StudyModelsModel
from app.ui.widgets import button, heading, table_view
from app.vocab import CITY_TOP_TEN

# Each dialog's module is imported when the dialog is first opened: the page loads with the
# window at start-up, its dialogs need not (app/ui/app.py).

TABS = ("study", "honours", "contests", "entries")
CITY = f"市“{CITY_TOP_TEN}”"


class StudyPanel(QWidget):
    """学习先进 of the year and the recommendation to the city."""

    def __init__(self, ctx, page):
        super().__init__()
        self.ctx, self.page = ctx, page
        self.model = StudyModelsModel(self)
        self.chosen = QLabel()
        self.chosen.setWordWrap(True)
        self.chosen.setStyleSheet("font-weight: bold;")
        self.table = table_view(self.model, (110, 170, 120))
        self.table.doubleClicked.connect(lambda _i: self.edit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.chosen)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        for b in (button("评选学习先进…", self.add, primary=True,
                         tip="把一名党员评为本年度学习先进，写明主要事迹"),
                  button("修改…", self.edit, tip="修改所选学习先进的事迹、日期"),
                  button("删除", self.remove, tip="删除所选的学习先进（评错了时）")):
            actions.addWidget(b)
        actions.addStretch(1)
        for b in (button("推荐市十佳…", self.recommend,
                         tip=f"从本年度学习先进中推荐一人参评{CITY}（每年一人）"),
                  button("推荐情况…", self.outcome,
                         tip="登记市里的评选结果（当选、未当选），或撤回推荐")):
            actions.addWidget(b)
        layout.addLayout(actions)

    def refresh(self) -> None:
        year = self.page.year()
        with self.ctx.db.session() as s:
            rows = hon.study_models(s, self.ctx.branch_id, year)
            chosen = hon.recommendation_of(s, self.ctx.branch_id, year)
        self.model.set_models(rows, chosen.member_id if chosen else None,
                              chosen.outcome if chosen else "")
        if chosen:
            when = f"，{chosen.recommended_on:%Y-%m-%d} 推荐" if chosen.recommended_on else ""
            self.chosen.setText(f"★ 推荐参评{year}年{CITY}：{chosen.name}（{chosen.outcome}{when}）"
                                + (f"。推荐理由：{chosen.deeds}" if chosen.deeds else ""))
        else:
            self.chosen.setText(f"{year}年学习先进 {len(rows)} 人；还没有推荐参评{CITY}"
                                + ("（从下面选一人，点“推荐市十佳…”）。" if rows else
                                   "。先点“评选学习先进…”。"))
        if self.model.rowCount():
            self.table.selectRow(0)

    def add(self) -> None:
        from app.ui.dialogs.honour_dialogs import HonourDialog

        if HonourDialog(self.ctx, self.page.year(), None, self, study=True).exec():
            self.page.changed()

    def edit(self) -> None:
        from app.ui.dialogs.honour_dialogs import HonourDialog

        h = selected(self.table, self.model)
        if h is None:
            messages.info(self, "请先在表中点选一位学习先进。")
        elif HonourDialog(self.ctx, h.year, h.id, self).exec():
            self.page.changed()

    def remove(self) -> None:
        h = selected(self.table, self.model)
        if h is None:
            messages.info(self, "请先在表中点选一位学习先进。")
            return
        if messages.ask(self, f"删除{h.holder}{h.year}年的“学习先进”吗？", yes="删除",
                        no="不删除") and run_change(self, self.ctx,
                                                 lambda s: hon.remove_honour(s, h.id)):
            self.page.changed()

    def recommend(self) -> None:
        from app.ui.dialogs.honour_dialogs import RecommendDialog

        h = selected(self.table, self.model)
        if RecommendDialog(self.ctx, self.page.year(), h.member_id if h else None, self).exec():
            self.page.changed()

    def outcome(self) -> None:
        from app.ui.dialogs.honour_dialogs import OutcomeDialog

        with self.ctx.db.session() as s:
            chosen = hon.recommendation_of(s, self.ctx.branch_id, self.page.year())
        if chosen is None:
            messages.info(self, f"{self.page.year()}年还没有推荐参评{CITY}的党员。")
        elif OutcomeDialog(self.ctx, self.page.year(), self).exec():
            self.page.changed()

class HonoursPanel(QWidget):
    """荣誉: every honour of the year, members' and the branch's."""

    SHOW = ("全部", "党员的荣誉", "支部的荣誉")

    def __init__(self, ctx, page):
        super().__init__()
        self.ctx, self.page = ctx, page
        self.model = HonoursModel(self)
        self.show_box = QComboBox()
        self.show_box.addItems(self.SHOW)
        self.show_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table = table_view(self.model, (130, 140, 70, 150, 110))
        self.table.doubleClicked.connect(lambda _i: self.edit())
        top = QHBoxLayout()
        top.addWidget(QLabel("显示"))
        top.addWidget(self.show_box)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        actions = QHBoxLayout()
        for b in (button("新增荣誉…", self.add, primary=True,
                         tip="党员或支部获得的表彰：名称、级别、授予单位、日期"),
                  button("修改…", self.edit), button("删除", self.remove,
                                                    tip="删除登记错了的荣誉")):
            actions.addWidget(b)
        actions.addStretch(1)
        layout.addLayout(actions)

    def refresh(self) -> None:
        with self.ctx.db.session() as s:
            rows = honours_of_year(s, self.ctx.branch_id, self.page.year())
        which = self.show_box.currentIndex()
        if which:
            rows = [h for h in rows if h.for_branch == (which == 2)]
        self.model.set_honours(rows)
        if self.model.rowCount():
            self.table.selectRow(0)

    def add(self) -> None:
        from app.ui.dialogs.honour_dialogs import HonourDialog

        if HonourDialog(self.ctx, self.page.year(), None, self).exec():
            self.page.changed()

    def edit(self) -> None:
        from app.ui.dialogs.honour_dialogs import HonourDialog

        h = selected(self.table, self.model)
        if h is None:
            messages.info(self, "请先在表中点选一项荣誉。")
        elif HonourDialog(self.ctx, h.year, h.id, self).exec():
            self.page.changed()

    def remove(self) -> None:
        h = selected(self.table, self.model)
        if h is None:
            messages.info(self, "请先在表中点选一项荣誉。")
            return
        if messages.ask(self, f"删除{h.holder}{h.year}年的“{h.name}”吗？", yes="删除",
                        no="不删除") and run_change(self, self.ctx,
                                                lambda s: hon.remove_honour(s, h.id)):
            self.page.changed()


class HonoursPage(QWidget):
    def __init__(self, ctx):
        super().__init__()
        self.ctx = ctx
        self.year_box = QSpinBox()
        self.year_box.setRange(2000, date.today().year + 1)
        self.year_box.setValue(date.today().year)
        self.year_box.setSuffix(" 年")
        self.year_box.valueChanged.connect(lambda _y: self.refresh())
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.study = StudyPanel(ctx, self)
        self.honours = HonoursPanel(ctx, self)
        self.contests = ContestsPanel(ctx, self)
        self.entries = EntriesPanel(ctx, self)
        self.tabs = QTabWidget()
        for panel, title in ((self.study, "学习先进和推荐"), (self.honours, "荣誉"),
                             (self.contests, "竞赛活动"), (self.entries, "参加情况")):
            self.tabs.addTab(panel, title)
        self.tabs.currentChanged.connect(lambda _i: self.tabs.currentWidget().refresh())
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(heading("评先评优"))
        top.addWidget(QLabel("年度："))
        top.addWidget(self.year_box)
        top.addStretch(1)
        top.addWidget(button("打印推荐表和荣誉名单…", lambda: preview_honours(self, ctx, self.year()),
                             tip="学习先进推荐表、荣誉和竞赛活动情况（A4），可预览、打印、另存为 PDF"))
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        self._size_rows()
        ctx.scale_changed.connect(lambda _s: self._size_rows())

    def _size_rows(self) -> None:
        """Rows as low as the type allows (no row holds more than a line): at 150 % more of the
        year shows at once."""
        for table in self.findChildren(QTableView):
            table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height()
                                                         + style.px(10))

    def year(self) -> int:
        return self.year_box.value()

    def refresh(self) -> None:
        if self.ctx.branch_id is None:
            self.summary.setText("还没有支部：请先在“党员花名册”导入名单。")
            return
        year = self.year()
        with self.ctx.db.session() as s:
            n = honour_counts(s, self.ctx.branch_id, year)
        chosen = f"推荐市十佳 {n.recommended}（{n.outcome}）" if n.recommended else "未推荐市十佳"
        self.summary.setText(f"{year}年：学习先进 {n.study_models} 人，{chosen}，荣誉 "
                             f"{n.member_honours + n.branch_honours} 项，竞赛活动 {n.contests} 项")
        self.summary.setToolTip(f"荣誉：党员 {n.member_honours} 项，支部 {n.branch_honours} 项；"
                                f"竞赛活动：{n.entries} 人次参加，获奖 {n.prized} 人次")
        self.tabs.currentWidget().refresh()

    def changed(self) -> None:
        """After a change: every page refreshes when next shown, this one at once."""
        self.ctx.data_changed.emit()
        self.refresh()

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(TABS.index(key))

    def open_with(self, tab: str | None = None, **_kw) -> None:
        if tab in TABS:
            self.show_tab(tab)
