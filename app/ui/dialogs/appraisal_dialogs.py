"""The appraisal's one form: 组织处置, what the branch did about a member graded 不合格 (or
基本合格) — talks, a deadline to improve, the organisation's decision. A SessionForm: Esc with
an unsaved text asks, and the service's refusal shows beside the field."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit

from app.services.orglife import appraisal_votes
from app.ui import style
from app.ui.dialogs.session_form import SessionForm


class FollowUpDialog(SessionForm):
    def __init__(self, ctx, year: int, member_id: int, name: str, grade: str | None,
                 text: str = "", parent=None):
        super().__init__(ctx, "组织处置", parent, size=(640, 340))
        self.year, self.member_id = year, member_id
        who = QLabel(f"{name}　{year}年度评定等次：{grade or '未评定'}")
        who.setStyleSheet("font-weight: bold;")
        self.text = QPlainTextEdit(text)
        self.text.setPlaceholderText("如：支部书记谈话提醒，限期三个月改正；到期再评议")
        self.text.setMinimumHeight(style.px(110))
        self.form.addRow(who)
        self.form.addRow("处置情况", self.text)

    def apply(self, session) -> None:
        appraisal_votes.set_follow_up(session, self.ctx.branch_id, self.year, self.member_id,
                                      self.text.toPlainText())
