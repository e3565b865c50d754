"""Mark a member 去世 / 转出 / 暂离 (or back to 在册) with a date. Nobody is ever deleted."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFormLayout, QLabel

from app.models import Member
from app.services import members as svc
from app.ui import messages
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.widgets import DateField, choice_box, hint
from app.vocab import MEMBER_STATUSES


class StatusDialog(FormDialog):
    def __init__(self, ctx, member_id: int, parent=None):
        super().__init__(parent)
        self.ctx, self.member_id = ctx, member_id
        with ctx.db.session() as s:
            data = svc.member_input(s, member_id)
            member = s.get_one(Member, member_id)
            current, since = member.status, member.status_date
        self.setWindowTitle(f"人员状态 — {data.name}")
        self.status = choice_box(MEMBER_STATUSES, current=current if current != "在册" else "去世")
        self.when = DateField("如 2026-03-01")
        self.when.set_value(since or date.today())
        form = QFormLayout()
        form.addRow("姓名", QLabel(data.name))
        form.addRow("现在的状态", QLabel(current + (f"（{since:%Y-%m-%d}）" if since else "")))
        form.addRow("改为", self.status)
        form.addRow("日期", self.when)
        self.body_layout.addWidget(hint("人员不会被删除：只记录状态和日期，以往的学习、走访记录全部保留。"))
        self.body_layout.addLayout(form)
        self.body_layout.addStretch(1)
        self.add_cancel()
        self.add_button("保存", self.save, primary=True)

    def save(self) -> None:
        try:
            when, _m = self.when.value()
            with self.ctx.db.session() as s:
                svc.set_status(s, self.member_id, self.status.currentData(), when)
        except ValueError as exc:  # a date that is not a date
            messages.error(self, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - MemberError and the rest, in plain words
            messages.show_exception(self, exc)
            return
        self.mark_saved()
        self.accept()
