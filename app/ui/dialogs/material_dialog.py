"""New or changed catalogue entry (资料): title, kind, issue, date received, quantity, notes."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QSpinBox

from app.services import materials as svc
from app.ui import messages, style
from app.ui.dialogs.form_dialog import FormDialog
from app.ui.widgets import DateField, choice_box
from app.vocab import MATERIAL_KINDS


class MaterialDialog(FormDialog):
    def __init__(self, ctx, material_id: int | None, parent=None):
        super().__init__(parent)
        self.ctx, self.material_id = ctx, material_id
        self.setWindowTitle("修改资料" if material_id else "新增资料")
        self.title = QLineEdit()
        self.title.setPlaceholderText("如 银潮、老干部政治理论学习读本")
        self.kind = choice_box(MATERIAL_KINDS)
        self.period = QLineEdit()
        self.period.setPlaceholderText(f"如 {date.today().year}年第3期（可写 {date.today().year}-3）")
        self.received = DateField()
        self.quantity = QSpinBox()
        self.quantity.setRange(0, 1_000_000)
        self.quantity.setSuffix(" 份")
        self.full_marks = QSpinBox()
        self.full_marks.setRange(1, 1000)
        self.full_marks.setSuffix(" 分")
        self.notes = QPlainTextEdit()
        self.notes.setMinimumHeight(style.px(70))
        form = self.form = QFormLayout()
        form.addRow("名称 *", self.title)
        form.addRow("类别", self.kind)
        form.addRow("期号", self.period)
        form.addRow("收到日期", self.received)
        form.addRow("数量", self.quantity)
        form.addRow("满分（试题）", self.full_marks)
        form.addRow("备注", self.notes)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.body_layout.addLayout(form)
        self.body_layout.addStretch(1)
        self.add_cancel()
        self.add_button("保存", self.save, primary=True)
        if material_id:
            with ctx.db.session() as s:
                self.set_input(svc.material_input(s, material_id))
        else:
            self.set_input(svc.MaterialInput(received_date=date.today()))
        self.want_size(640, 480)

    def _kind_changed(self) -> None:
        # only quiz papers have marks: the row is shown for 试题 alone
        self.form.setRowVisible(self.full_marks, self.kind.currentData() == svc.QUIZ_KIND)

    def set_input(self, data: svc.MaterialInput) -> None:
        self.title.setText(data.title)
        self.kind.setCurrentIndex(max(self.kind.findData(data.kind), 0))
        self.period.setText(data.period)
        self.received.set_value(data.received_date)
        self.quantity.setValue(data.quantity)
        self.full_marks.setValue(data.full_marks)
        self.notes.setPlainText(data.notes)
        self._kind_changed()

    def get_input(self) -> svc.MaterialInput:
        try:
            received, _month_only = self.received.value()
        except ValueError as exc:
            raise svc.MaterialError([f"收到日期：{exc}"]) from None
        return svc.MaterialInput(
            title=self.title.text(), kind=self.kind.currentData(), period=self.period.text(),
            received_date=received, quantity=self.quantity.value(),
            full_marks=self.full_marks.value(), notes=self.notes.toPlainText(),
        )

    def save(self) -> None:
        try:
            data = self.get_input()
            with self.ctx.db.session() as s:
                if self.material_id:
                    svc.update_material(s, self.material_id, data)
                else:
                    self.material_id = svc.add_material(s, self.ctx.branch_id, data)
        except svc.MaterialError as exc:
            self.show_problems(exc.problems)
            return
        except Exception as exc:  # noqa: BLE001 - shown in plain words, logged
            messages.show_exception(self, exc)
            return
        self.mark_saved()
        self.accept()
