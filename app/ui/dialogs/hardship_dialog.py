"""登记困难党员 / 修改困难党员登记: what the roster does not say (困难状况及原因, 帮扶措施,
公示日期, 备注). 姓名, 性别, 年龄, 入党时间 and 住址 are shown from the roster, never typed."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit
from sqlalchemy import select

from app.dates import age_on
from app.models import Member
from app.services.care_calendar import hardship
from app.ui import style
from app.ui.dialogs.care_dialogs import member_box
from app.ui.dialogs.session_form import SessionForm
from app.ui.widgets import DateField


class HardshipDialog(SessionForm):
    def __init__(self, ctx, year: int, record_id: int | None = None, parent=None):
        title = "修改困难党员登记" if record_id else "登记困难党员"
        super().__init__(ctx, title, parent, size=(720, 560))
        self.year, self.record_id = year, record_id
        data = hardship.HardshipInput(year=year)
        if record_id:
            with ctx.db.session() as s:
                data = hardship.hardship_input(s, record_id)
            self.year = data.year
        self.member = member_box(ctx) if not record_id else None
        self.roster = QLabel()
        self.roster.setWordWrap(True)
        self.roster.setProperty("role", "hint")
        self.situation = QPlainTextEdit(data.situation)
        self.situation.setPlaceholderText("如：老伴长期卧床，本人患糖尿病，医药费开支大")
        self.situation.setFixedHeight(style.px(96))
        self.measures = QPlainTextEdit(data.measures)
        self.measures.setPlaceholderText("如：春节、七一上门慰问；协调社区办理长期护理保险")
        self.measures.setFixedHeight(style.px(96))
        self.posted = DateField("如 2026-12-01，还没有公示可不填")
        self.posted.set_value(data.posted_on)
        self.notes = QLineEdit(data.notes)
        self.form.addRow("年度", QLabel(f"{self.year} 年"))
        if self.member is not None:
            self.form.addRow("党员 *", self.member)
            self.member.currentIndexChanged.connect(lambda _i: self._show_roster())
        self._member_id = data.member_id
        self.form.addRow("花名册", self.roster)
        self.form.addRow("困难状况及原因 *", self.situation)
        self.form.addRow("帮扶措施", self.measures)
        self.form.addRow("公示日期", self.posted)
        self.form.addRow("备注", self.notes)
        self._show_roster()

    def member_id(self) -> int | None:
        return self.member.currentData() if self.member is not None else self._member_id

    def _show_roster(self) -> None:
        """姓名、性别、年龄、入党时间、住址 as the roster has them (the register prints these)."""
        member_id = self.member_id()
        if member_id is None:
            self.roster.setText("")
            return
        with self.ctx.db.session() as s:
            m = s.execute(select(Member.name, Member.gender, Member.birth_date,
                                 Member.party_join_date, Member.party_join_month_only,
                                 Member.address).where(Member.id == member_id)).one()
        age = age_on(m.birth_date, min(date.today(), date(self.year, 12, 31)))
        joined = "" if m.party_join_date is None else (
            f"{m.party_join_date:%Y年%m月}" if m.party_join_month_only
            else f"{m.party_join_date:%Y年%m月%d日}")
        parts = [m.name, m.gender or "性别未填", f"{age}岁" if age is not None else "年龄不详",
                 f"{joined}入党" if joined else "入党时间未填", m.address or "住址未填"]
        self.roster.setText("，".join(parts) + "（取自党员花名册，要改请到花名册里改）")

    def apply(self, session) -> None:
        data = hardship.HardshipInput(self.member_id(), self.year, self.situation.toPlainText(),
                                      self.measures.toPlainText(),
                                      self.date_of(self.posted, "公示日期"), self.notes.text())
        if self.record_id:
            hardship.update_hardship(session, self.ctx.branch_id, self.record_id, data)
        else:
            self.record_id = hardship.add_hardship(session, self.ctx.branch_id, data)
