"""编辑年度计划和总结: the year's 工作计划 and 工作总结, two free texts the ledger book prints in
part 9 (综合材料). Opened from the 报表 page's 年终台账; saved in one short session."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit

from app.services.yearend.year_notes import MOST_CHARS, save_year_notes, year_notes
from app.ui import style
from app.ui.dialogs.session_form import SessionForm
from app.ui.widgets import hint


def _text_box(text: str, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(text)
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(style.px(150))
    return edit


class YearNotesDialog(SessionForm):
    """The plan and the summary of one year, as the secretary writes them."""

    def __init__(self, ctx, year: int, parent=None):
        super().__init__(ctx, f"{year}年度工作计划和工作总结", parent, size=(820, 620))
        self.year = year
        with ctx.db.session() as s:
            notes = year_notes(s, ctx.branch_id, year)
        self.form.addRow(hint(f"写好后会印在{year}年度支部工作台账的第九部分“综合材料”里。"
                              f"每项最多 {MOST_CHARS} 字，可以从 Word 里复制后粘贴进来。"))
        self.plan = _text_box(notes.plan, "如：一、坚持每月集中学习……")
        self.summary = _text_box(notes.summary, "如：全年开展主题党日 12 次……")
        self.form.addRow(QLabel("年度工作计划"))
        self.form.addRow(self.plan)
        self.form.addRow(QLabel("年度工作总结"))
        self.form.addRow(self.summary)

    def apply(self, session) -> None:
        save_year_notes(session, self.ctx.branch_id, self.year, self.plan.toPlainText(),
                        self.summary.toPlainText())
