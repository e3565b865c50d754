"""首页's first-start guide: three big numbered steps, in order, and 看看演示数据.

A new secretary opening an empty program must see what to do first without reading a manual:
① 填写支部名称 (typed right here; Enter saves), ② 导入花名册 or 新增党员, ③ 生成全年学习日.
Each step's button does the work (the same dialogs as the pages use) and the step is marked
✔ when done; the next step to do has the red button. What is done is read from
`services.first_start`, so the marks are true after any page changed the data.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from app.services import branches, first_start
from app.ui import messages, style
from app.ui.operations import run_op
from app.ui.widgets import button, hint

# Each dialog's module is imported when the dialog is first opened: the page loads with the
# window at start-up, its dialogs need not (app/ui/app.py).

NUMBERS = "①②③"
DONE_COLOUR, PENDING_COLOUR = "#1b5e20", "#8c1d18"


def _set_primary(widget, on: bool) -> None:
    widget.setProperty("primary", on)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class Step(QFrame):
    """One numbered step on two lines, so all three fit a 1366 × 768 screen at 100 %: the
    number, the title and what is done on the first; what to do and its buttons on the second."""

    def __init__(self, number: int, title: str, explain: str = ""):
        super().__init__()
        self.setObjectName("firstStep")
        self.setStyleSheet(f"QFrame#firstStep {{ background: #ffffff; border: 1px solid #8a8a8a;"
                           f" border-radius: {style.px(8)}px; }}")
        grid = QGridLayout(self)
        grid.setContentsMargins(style.px(14), style.px(6), style.px(14), style.px(8))
        grid.setHorizontalSpacing(style.px(14))
        grid.setVerticalSpacing(style.px(6))
        self.number = QLabel(NUMBERS[number - 1])
        font = self.number.font()
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        grid.addWidget(self.number, 0, 0, 2, 1)
        self.title = QLabel(title)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.state = QLabel()
        self.state.setWordWrap(True)  # at 200 % it goes under the title rather than off the page
        top = QHBoxLayout()
        top.setSpacing(style.px(16))
        top.addWidget(self.title)
        top.addWidget(self.state, 1)
        grid.addLayout(top, 0, 1)
        self.actions = QHBoxLayout()
        self.actions.setSpacing(style.px(12))
        self.explain = hint(explain) if explain else None
        if self.explain is not None:
            self.actions.addWidget(self.explain, 1)
        grid.addLayout(self.actions, 1, 1)
        grid.setColumnStretch(1, 1)
        self.is_done = False

    def mark(self, done: bool, text: str) -> None:
        self.is_done = done
        colour = DONE_COLOUR if done else PENDING_COLOUR
        self.state.setText(("✔ " if done else "□ ") + text)
        self.state.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self.number.setStyleSheet(f"color: {colour};")


class FirstStartPanel(QWidget):
    """The guide shown above 首页's tiles until the three steps are done."""

    def __init__(self, ctx, page):
        super().__init__()
        self.ctx, self.page = ctx, page
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(style.px(10))
        self.name_step = Step(1, "填写支部名称")
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("请写全称，例如：城关镇老干部第一党支部")
        self.name_edit.setToolTip("支部名称会出现在窗口上方、报表和打印的表格上")
        self.name_edit.setMinimumWidth(style.px(240))
        self.name_edit.returnPressed.connect(self.save_name)
        self.name_button = button("保存名称", self.save_name)
        self.name_step.actions.addWidget(self.name_edit, 1)
        self.name_step.actions.addWidget(self.name_button)

        self.roster_step = Step(2, "导入花名册（或新增党员）",
                                "有表格就导入，没有就逐个新增。")
        self.import_button = button("导入花名册…", self.import_roster)
        self.add_button = button("新增党员", self.add_member)
        self.roster_button = button("去看花名册", lambda: ctx.navigate("roster"))
        for b in (self.import_button, self.add_button, self.roster_button):
            self.roster_step.actions.addWidget(b)

        self.year_step = Step(3, "生成全年学习日",
                              "建好全年每月的学习日，以后只需登记出勤。")
        self.year_button = button("生成全年学习日…", self.make_year)
        self.study_button = button("去看学习活动", lambda: ctx.navigate("study", tab="events"))
        self.year_step.actions.addWidget(self.year_button)
        self.year_step.actions.addWidget(self.study_button)
        self.steps = [self.name_step, self.roster_step, self.year_step]
        for step in self.steps:
            layout.addWidget(step)

        # placed by 首页 beside its heading: one row less, so the three steps fit at 150 %
        self.demo_button = button("先看看演示数据", self.show_demo,
                                  tip="放入一个虚构的示例支部，先看看填好以后各页的样子")
        self.demo_button.hide()

    # state ----------------------------------------------------------------------------------
    def show_steps(self, steps: first_start.FirstSteps) -> None:
        named, has_members, has_year = steps.done
        self.name_step.mark(named, f"已填写：{steps.branch_name}" if named
                            else "还没有填写（现在叫“本支部”）")
        if named and not self.name_edit.hasFocus():
            self.name_edit.setText(steps.branch_name)
        self.name_button.setText("改名称" if named else "保存名称")
        self.roster_step.mark(has_members, f"已有 {steps.members} 位党员" if has_members
                              else "花名册还是空的")
        self.roster_button.setVisible(has_members)
        self.year_step.mark(has_year, f"已生成 {steps.study_year} 年的集中学习日" if has_year
                            else "还没有学习日")
        self.study_button.setVisible(has_year)
        # the red button is the next thing to do, and only that
        todo = next((i for i, done in enumerate(steps.done) if not done), None)
        _set_primary(self.name_button, todo == 0)
        _set_primary(self.import_button, todo == 1)
        _set_primary(self.year_button, todo == 2)
        self.demo_button.setVisible(steps.database_empty)

    # actions --------------------------------------------------------------------------------
    def save_name(self) -> None:
        try:
            with self.ctx.db.session() as s:
                name = branches.rename_branch(s, self.ctx.branch_id, self.name_edit.text())
        except Exception as exc:  # noqa: BLE001 - a sentence for the user
            messages.show_exception(self, exc)
            return
        self.name_edit.setText(name)
        self.name_edit.clearFocus()
        self.ctx.branch_changed.emit(self.ctx.branch_id)  # the window's title shows the name

    def import_roster(self) -> None:
        from app.ui.dialogs.import_dialog import open_import_dialog

        open_import_dialog(self.ctx, self)

    def add_member(self) -> None:
        from app.ui.dialogs.member_dialog import MemberDialog

        if MemberDialog(self.ctx, None, self).exec():
            self.ctx.data_changed.emit()

    def make_year(self) -> None:
        from app.ui.dialogs.event_dialog import YearDialog

        if YearDialog(self.ctx, self).exec():
            self.ctx.data_changed.emit()

    def show_demo(self) -> None:
        if not messages.ask(
                self, "要放入演示数据吗？\n\n将在现在这个空的数据库里放入一个虚构的示例支部"
                      "（80 位党员，以及学习、资料、走访的记录），用来熟悉各个页面。\n\n"
                      "放入之前会先备份现在这个空的数据库（备份名为“放演示数据之前”）。"
                      "看完以后要录入真实数据时，在“设置 → 数据安全”里选这份备份、"
                      "点“从此备份恢复”，就回到空白。",
                yes="放入演示数据", no="不放了", title="看看演示数据"):
            return

        def done(summary) -> None:
            self.ctx.branch_changed.emit(self.ctx.branch_id)
            self.ctx.data_changed.emit()
            messages.info(self, f"演示数据已放好：{summary.branch}，{summary.members} 位党员。\n"
                                "可以点左边各页看看。", title="演示数据")

        def failed(exc: BaseException) -> None:
            self.demo_button.setEnabled(True)
            messages.show_exception(self, exc)

        self.demo_button.setEnabled(False)
        db, branch_id = self.ctx.db, self.ctx.branch_id
        run_op(self, self.ctx, lambda _p: first_start.fill_demo_here(db, branch_id), done,
               on_error=failed, busy_text="正在放入演示数据…", key="demo-data")
