"""The member window's 基本信息 form, built from the member's fields (app/member_fields.py).

Each field the window edits gets a row with its label and a widget for its kind; the rows are
shared between two columns in the fields' order, the multi-line ones run under both. A field
added to the schema therefore appears here without a line of this file changing.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget,
)

from app.dates import age_on
from app.member_fields import AGE_LABEL, FORM_FIELDS, MemberField
from app.services import members as svc
from app.ui import style
from app.ui.widgets import DateField, choice_box

_ON_FORM = tuple(f for f in FORM_FIELDS if f.kind != "flag")  # a flag belongs to another row


def _widget(f: MemberField) -> QWidget:
    """The widget that edits a field of this kind."""
    if f.kind == "date":
        w = DateField(f.hint or "如 2026-05-12")
    elif f.kind == "choice":
        w = choice_box(f.choices, blank="（未填）" if f.blank_allowed else None)
    elif f.kind == "bool":
        w = QCheckBox(f.hint or f.label)
    elif f.kind == "days":
        w = QSpinBox()
        w.setRange(1, 366)
        w.setSuffix(" 天")
    elif f.kind == "longtext":
        w = QPlainTextEdit()
        w.setMinimumHeight(style.px(80))
    else:  # text, person, idcard, phone
        w = QLineEdit()
        if f.hint:
            w.setPlaceholderText(f.hint)
    if f.tip:
        w.setToolTip(f.tip)
    return w


def _show(w: QWidget, f: MemberField, data: svc.MemberInput) -> None:
    value = getattr(data, f.attr)
    if f.kind == "date":
        w.set_value(value, getattr(data, f.month_flag) if f.month_flag else False)
    elif f.kind == "choice":
        w.setCurrentIndex(max(w.findData(value), 0))
    elif f.kind == "bool":
        w.setChecked(bool(value))
    elif f.kind == "days":
        w.setValue(int(value))
    elif f.kind == "longtext":
        w.setPlainText(value or "")
    else:
        w.setText(value or "")


def _read(w: QWidget, f: MemberField):
    """The typed value; a date that is not one raises ValueError (a Chinese sentence)."""
    if f.kind == "date":
        return w.value()  # (date, month known only)
    if f.kind == "choice":
        return w.currentData()
    if f.kind == "bool":
        return w.isChecked()
    if f.kind == "days":
        return w.value()
    if f.kind == "longtext":
        return w.toPlainText().strip()
    text = w.text().strip()
    return (text or None) if f.blank_allowed else text


class MemberForm(QWidget):
    """The fields of MemberInput in two columns, read and written as a whole. `edits` holds each
    field's widget by its attribute name."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edits: dict[str, QWidget] = {f.attr: _widget(f) for f in _ON_FORM}
        self.age_label = QLabel()
        columns, below = (QFormLayout(), QFormLayout()), QFormLayout()
        in_columns = [f for f in _ON_FORM if f.kind != "longtext"]
        half = (len(in_columns) + 1) // 2
        for i, f in enumerate(in_columns):
            form = columns[i >= half]
            form.addRow(f.label + (" *" if f.required else ""), self.edits[f.attr])
            if f.attr == "birth_date":  # 年龄 is computed from it, never typed
                form.addRow(AGE_LABEL, self.age_label)
                self.edits[f.attr].textChanged.connect(self._show_age)
        for f in _ON_FORM:
            if f.kind == "longtext":
                below.addRow(f.label, self.edits[f.attr])
        grid = QGridLayout(self)
        grid.addLayout(columns[0], 0, 0)
        grid.addLayout(columns[1], 0, 1)
        grid.addLayout(below, 1, 0, 1, 2)

    def _show_age(self) -> None:
        try:
            born, _m = self.edits["birth_date"].value()
        except ValueError:
            self.age_label.setText("（日期写法不对）")
            return
        age = age_on(born, date.today())
        self.age_label.setText(f"{age} 岁（自动计算）" if age is not None else "")

    def set_input(self, data: svc.MemberInput) -> None:
        for f in _ON_FORM:
            _show(self.edits[f.attr], f, data)

    def get_input(self) -> svc.MemberInput:
        """The typed values; raises MemberError listing dates that are not dates."""
        problems, values = [], {}
        for f in _ON_FORM:
            try:
                value = _read(self.edits[f.attr], f)
            except ValueError as exc:
                problems.append(f"{f.label}：{exc}")
                continue
            if f.kind == "date":
                value, month_only = value
                if f.month_flag:
                    values[f.month_flag] = month_only
            values[f.attr] = value
        if problems:
            raise svc.MemberError(problems)
        return svc.MemberInput(**values)
