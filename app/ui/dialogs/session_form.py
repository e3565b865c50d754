"""A small form that writes in one go: fields in a QFormLayout, 取消 and a primary button, and
`save` that runs the form's `apply(session)` in one short session — a UserError is shown beside
the fields and nothing is written, anything else in plain words; on success the dialog closes.
The care forms and the dues forms are all this shape."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFormLayout

from app.errors import UserError
from app.ui import messages
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.widgets import DateField


class SessionForm(FormDialog):
    """Subclasses lay their fields into `self.form` and define `apply(session)`, which writes
    what was typed or raises UserError with the reason."""

    def __init__(self, ctx, title: str, parent=None, save_text: str = "保存",
                 size: tuple[int, int] = (640, 300)):
        super().__init__(parent, title)
        self.ctx = ctx
        self.form = QFormLayout()
        self.body_layout.addLayout(self.form)
        self.body_layout.addStretch(1)
        self.add_cancel()
        self.save_button = self.add_button(save_text, self.save, primary=True)
        self.want_size(*size)

    def date_of(self, field: DateField, label: str) -> date | None:
        try:
            return field.value()[0]
        except ValueError as exc:
            raise UserError(f"{label}：{exc}") from None

    def save(self) -> None:
        try:
            with self.ctx.db.session() as s:
                self.apply(s)
        except UserError as exc:
            self.show_problems(str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown in plain words, logged
            messages.show_exception(self, exc)
            return
        self.mark_saved()
        self.accept()
