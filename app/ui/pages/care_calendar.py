"""关怀日历, a tab of 走访关怀: a month's 政治生日 and marked birthdays, the year's 光荣在党50年
list, the 七一 / 春节 / 重阳节 visiting list with who is done, and the 困难党员 register
(care_hardship). Each inner tab reads its rows from app.services.care_calendar; the year and
month at the top apply to all of them."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QLabel, QSpinBox, QTabWidget, QVBoxLayout, QWidget,
)

from app.anniversaries import MEDAL_YEARS
from app.festivals import VISITING_FESTIVALS, visiting_window
from app.services.care_calendar import anniversaries, festival_lists
from app.ui import messages
from app.ui.pages.care_hardship import HardshipTab
from app.ui.pages.care_tabs import selected_key
from app.ui.table_models.materials_models import RowsTableModel
from app.ui.widgets import button, hint, table_view

PARTY_HEADERS = ("政治生日", "姓名", "入党周年", "入党时间", "村/社区")
BIRTH_HEADERS = ("生日", "姓名", "寿辰", "村/社区", "身体状况")
FIFTY_HEADERS = ("姓名", "性别", "年龄", "入党时间", "满50年之日", "备注")
FESTIVAL_HEADERS = ("慰问", "姓名", "年龄", "为什么要慰问", "村/社区", "电话", "住址")
BOLD = "font-weight: bold;"


def _title(text: str = "", wrap: bool = True) -> QLabel:
    """A bold line over a list. `wrap=False` for short ones: a wrapping label asks the layout for
    the height of its text broken at the narrowest width, and two of them made the tab taller
    than the 走访关怀 page has room for."""
    label = QLabel(text)
    label.setStyleSheet(BOLD)
    label.setWordWrap(wrap)
    return label


class DaysTab(QWidget):
    """本月政治生日 beside the month's birthdays the branch marks (逢十, 85, from 90): side by
    side, so the tab is no taller than one list (every table keeps three rows in view)."""

    def __init__(self, panel):
        super().__init__()
        self.panel = panel
        self.party = RowsTableModel(PARTY_HEADERS, centered=(0, 2, 3))
        self.party_table = table_view(self.party, (150, 80, 80, 150))
        self.births = RowsTableModel(BIRTH_HEADERS, centered=(0, 2))
        self.birth_table = table_view(self.births, (130, 80, 120, 100))
        self.party_title, self.birth_title = _title(), _title()
        lists = QHBoxLayout()
        for title, table in ((self.party_title, self.party_table),
                             (self.birth_title, self.birth_table)):
            column = QVBoxLayout()
            column.addWidget(title)
            column.addWidget(table, 1)
            lists.addLayout(column, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint("政治生日是入党纪念日，入党时间只知年月的写“日不详”，排在月末；"
                              "整寿是逢十、85岁和90岁以上每年的生日。"))
        layout.addLayout(lists, 1)
        actions = QHBoxLayout()
        actions.addWidget(button("为选中的党员记录走访", self.visit, primary=True,
                                 tip="选中左右任一名单中的党员（生日慰问在走访事由里勾选）"))
        actions.addStretch(1)
        layout.addLayout(actions)

    def refresh(self) -> None:
        year, month = self.panel.year(), self.panel.month()
        with self.panel.ctx.db.session() as s:
            party = anniversaries.political_birthdays(s, self.panel.ctx.branch_id, year, month)
            births = anniversaries.marked_birthdays(s, self.panel.ctx.branch_id, year, month)
        self.party_title.setText(f"{month}月的政治生日：{len(party)} 人")
        self.party.set_rows(party, [p.member_id for p in party], [
            (p.day_text, p.name, f"{p.years} 周年", p.joined_text, p.community) for p in party])
        self.birth_title.setText(f"{month}月的整寿生日：{len(births)} 人")
        self.births.set_rows(births, [b.member_id for b in births], [
            (b.day_text, b.name, f"★ {b.word}", b.community, b.mobility) for b in births])

    def visit(self) -> None:
        member_id = selected_key(self.party_table) or selected_key(self.birth_table)
        if member_id is None:
            messages.info(self, "请先在名单中选中一位党员。")
            return
        self.panel.page.record_visit(member_id)


class FiftyTab(QWidget):
    """光荣在党50年: this year's list (to report for the medal) or those already past."""

    def __init__(self, panel):
        super().__init__()
        self.panel = panel
        self.which = QComboBox()
        self.which.addItems(["今年上报", "往年已满"])
        self.which.currentIndexChanged.connect(self.refresh)
        self.title = _title()
        self.model = RowsTableModel(FIFTY_HEADERS, centered=(1, 2, 3, 4))
        self.table = table_view(self.model, (100, 60, 70, 150, 150))
        top = QHBoxLayout()
        top.addWidget(QLabel("显示"))
        top.addWidget(self.which)
        top.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint("党龄算到当年7月1日：1976年7月1日入党的2026年列入，7月2日入党的2027年列入；"
                              "只知入党年月的按当月1日算，7月的请核对档案。上报前请与党员档案核对。"))
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        year = self.panel.year()
        with self.panel.ctx.db.session() as s:
            this_year, already = anniversaries.fifty_year_list(s, self.panel.ctx.branch_id, year)
        rows = this_year if self.which.currentIndex() == 0 else already
        self.title.setText(f"{year}年7月1日前党龄满{MEDAL_YEARS}年、今年上报 {len(this_year)} 人；"
                           f"往年已满 {len(already)} 人")
        self.model.set_rows(rows, [r.member_id for r in rows], [
            (r.name, r.gender, "" if r.age is None else r.age, r.joined_text,
             f"{r.reached:%Y年%m月%d日}", r.note) for r in rows])


class FestivalTab(QWidget):
    """七一 / 春节 / 重阳节: who must be visited, who was (a 节日慰问 visit in the window)."""

    def __init__(self, panel):
        super().__init__()
        self.panel = panel
        self.festival = QComboBox()
        self.festival.currentIndexChanged.connect(self.refresh)
        self.only_missing = QCheckBox("只看未慰问的")
        self.only_missing.toggled.connect(self.refresh)
        self.counts = _title()
        self.rule = hint("")
        self.model = RowsTableModel(FESTIVAL_HEADERS, centered=(0, 2))
        self.table = table_view(self.model, (150, 90, 60, 240, 110, 150))
        self.table.doubleClicked.connect(lambda _i: self.visit())
        top = QHBoxLayout()
        top.addWidget(QLabel("节日"))
        top.addWidget(self.festival)
        top.addWidget(self.only_missing)
        top.addWidget(self.counts, 1)
        actions = QHBoxLayout()
        self.visit_button = button("记录节日慰问", self.visit, primary=True,
                                   tip="为选中的党员登记一次走访，事由已勾选“节日慰问”")
        actions.addWidget(self.visit_button)
        actions.addWidget(button("打印未慰问的走访清单", self.print_missing,
                                 tip="还没有慰问的党员的走访登记表，带着去"))
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.rule)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._year = None

    def _fill_festivals(self, year: int) -> None:
        """The year's 春节, 七一, 重阳节 and the next 春节; the one under way (or next) chosen."""
        self._year = year
        current = festival_lists.current_festival(date.today())
        self.festival.blockSignals(True)
        self.festival.clear()
        for y, name in [(year, n) for n in VISITING_FESTIVALS] + [(year + 1, "春节")]:
            window = visiting_window(name, y)
            if window is not None:
                self.festival.addItem(f"{y}年{name}（{window.day:%m月%d日}）", (name, y))
                if current and (current.name, current.day.year) == (name, y):
                    self.festival.setCurrentIndex(self.festival.count() - 1)
        self.festival.blockSignals(False)

    def refresh(self) -> None:
        if self._year != self.panel.year():
            self._fill_festivals(self.panel.year())
        name, year = self.festival.currentData() or ("七一", self.panel.year())
        with self.panel.ctx.db.session() as s:
            listed = festival_lists.festival_list(s, self.panel.ctx.branch_id, name, year)
        if listed is None:
            self.model.set_rows([], [], [])
            return
        rows = [r for r in listed.rows if not (self.only_missing.isChecked() and r.done)]
        self.counts.setText(f"应慰问 {listed.members} 人　✔ 已慰问 {listed.visited} 人　"
                            f"✘ 未慰问 {listed.missing} 人")
        self.rule.setText(listed.rule_text)
        self.model.set_rows(rows, [r.member_id for r in rows], [
            (r.done_text, r.name, "" if r.age is None else r.age, r.reason_text, r.community,
             r.phone, r.address) for r in rows])

    def visit(self) -> None:
        member_id = selected_key(self.table)
        if member_id is None:
            messages.info(self, "请先在名单中选中一位党员。")
            return
        self.panel.page.record_visit(member_id, purpose=festival_lists.FESTIVAL_PURPOSE)
        self.refresh()

    def print_missing(self) -> None:
        ids = [r.member_id for r in self.model.items if not r.done]
        if not ids:
            messages.info(self, "名单上的党员都已慰问，没有要打印的走访登记表。")
            return
        self.panel.page.print_checklist(ids)


class CalendarPanel(QWidget):
    """The tab itself: the year and month, and the four inner tabs."""

    def __init__(self, ctx, page):
        super().__init__()
        self.ctx, self.page = ctx, page
        today = date.today()
        self.year_box = QSpinBox()
        self.year_box.setRange(2000, today.year + 1)
        self.year_box.setValue(today.year)
        self.year_box.setSuffix(" 年")
        self.month_box = QComboBox()
        for m in range(1, 13):
            self.month_box.addItem(f"{m} 月", m)
        self.month_box.setCurrentIndex(today.month - 1)
        self.year_box.valueChanged.connect(lambda _v: self.refresh())
        self.month_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.days, self.fifty = DaysTab(self), FiftyTab(self)
        self.festivals, self.hardship = FestivalTab(self), HardshipTab(self)
        self.tabs = QTabWidget()
        for tab, title in ((self.days, "政治生日·生日"), (self.fifty, "光荣在党50年"),
                           (self.festivals, "七一·春节慰问"), (self.hardship, "困难党员")):
            self.tabs.addTab(tab, title)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        self.month_label = QLabel("月份")
        top = QHBoxLayout()
        top.addWidget(QLabel("年度"))
        top.addWidget(self.year_box)
        top.addWidget(self.month_label)
        top.addWidget(self.month_box)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    def year(self) -> int:
        return self.year_box.value()

    def month(self) -> int:
        return self.month_box.currentData()

    def refresh(self) -> None:
        if self.ctx.branch_id is None:
            return
        for w in (self.month_label, self.month_box):  # only the 政治生日·生日 tab is by month
            w.setVisible(self.tabs.currentWidget() is self.days)
        self.tabs.currentWidget().refresh()

    def show_inner(self, key: str) -> None:
        keys = ("days", "fifty", "festivals", "hardship")
        if key in keys:
            self.tabs.setCurrentIndex(keys.index(key))
