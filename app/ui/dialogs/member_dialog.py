"""One member: the roster form (基本信息) and, for an existing member, a tab per area of work."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QScrollArea, QSpinBox,
    QTabWidget, QWidget,
)

from app.dates import age_on
from app.services import members as svc
from app.ui import messages, style
from app.ui.dialogs.form_dialog import FormDialog, form_values
from app.ui.dialogs.member_tabs import MEMBER_TABS
from app.ui.widgets import DateField, choice_box
from app.vocab import GENDERS, LIVING_SITUATIONS, MOBILITIES, RETIRE_TYPES

_TEXT_FIELDS = (
    ("name", "姓名 *"), ("id_number", "身份证号"), ("ethnicity", "民族"), ("former_unit", "原单位及职务"),
    ("phone", "联系电话"), ("address", "家庭住址"), ("community", "村 / 社区"),
    ("emergency_contact", "紧急联系人"), ("emergency_phone", "紧急联系人电话"),
)


class MemberForm(QWidget):
    """The fields of MemberInput, laid out in two columns, read and written as a whole."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.edits: dict[str, QLineEdit] = {}
        left, right = QFormLayout(), QFormLayout()
        for i, (key, label) in enumerate(_TEXT_FIELDS):
            edit = QLineEdit()
            self.edits[key] = edit
            (left if i < 5 else right).addRow(label, edit)
        self.edits["id_number"].setPlaceholderText("18 位，填写后自动得出出生日期和性别")
        self.edits["phone"].setPlaceholderText("可填多个，用“、”隔开")
        self.gender = choice_box(GENDERS, blank="（未填）")
        self.birth = DateField("如 1938-05-12 或 1938.05")
        self.age_label = QLabel()
        self.birth.textChanged.connect(self._show_age)
        self.retire = choice_box(RETIRE_TYPES, blank="（未填）")
        self.party = QCheckBox("中共党员")
        self.party_date = DateField("入党时间，如 1956.04")
        self.living = choice_box(LIVING_SITUATIONS, blank="（未填）")
        self.mobility = choice_box(MOBILITIES)
        self.joined = DateField("入册日期（可不填）")
        self.needs_care = QCheckBox("列入走访关怀名单")
        self.needs_care.setToolTip("独居、空巢、住得远、病后康复等需要定期走访的党员")
        self.care_reason = QLineEdit()
        self.care_reason.setPlaceholderText("关怀原因，如 独居")
        self.interval = QSpinBox()
        self.interval.setRange(1, 366)
        self.interval.setSuffix(" 天")
        left.addRow("性别", self.gender)
        left.addRow("出生日期", self.birth)
        left.addRow("年龄", self.age_label)
        left.addRow("离退休", self.retire)
        left.addRow("政治面貌", self.party)
        left.addRow("入党时间", self.party_date)
        right.addRow("居住状况", self.living)
        right.addRow("身体状况", self.mobility)
        right.addRow("入册日期", self.joined)
        right.addRow("", self.needs_care)
        right.addRow("关怀原因", self.care_reason)
        right.addRow("走访间隔", self.interval)
        self.health = QPlainTextEdit()
        self.notes = QPlainTextEdit()
        for box in (self.health, self.notes):
            box.setMinimumHeight(style.px(80))
        grid = QGridLayout(self)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        notes = QFormLayout()
        notes.addRow("健康情况", self.health)
        notes.addRow("备注", self.notes)
        grid.addLayout(notes, 1, 0, 1, 2)

    def _show_age(self) -> None:
        from datetime import date

        try:
            born, _m = self.birth.value()
        except ValueError:
            self.age_label.setText("（日期写法不对）")
            return
        age = age_on(born, date.today())
        self.age_label.setText(f"{age} 岁（自动计算）" if age is not None else "")

    def set_input(self, data: svc.MemberInput) -> None:
        for key, edit in self.edits.items():
            edit.setText(getattr(data, key) or "")
        for box, value in ((self.gender, data.gender), (self.retire, data.retire_type),
                           (self.living, data.living), (self.mobility, data.mobility)):
            box.setCurrentIndex(max(box.findData(value), 0))
        self.birth.set_value(data.birth_date, data.birth_month_only)
        self.party.setChecked(data.is_party_member)
        self.party_date.set_value(data.party_join_date)
        self.joined.set_value(data.joined_date)
        self.needs_care.setChecked(data.needs_care)
        self.care_reason.setText(data.care_reason)
        self.interval.setValue(data.visit_interval_days)
        self.health.setPlainText(data.health_notes)
        self.notes.setPlainText(data.notes)

    def get_input(self) -> svc.MemberInput:
        """The typed values; raises MemberError listing dates that are not dates."""
        problems, dates = [], {}
        for key, field, label in (("birth", self.birth, "出生日期"),
                                  ("party", self.party_date, "入党时间"),
                                  ("joined", self.joined, "入册日期")):
            try:
                dates[key] = field.value()
            except ValueError as exc:
                problems.append(f"{label}：{exc}")
                dates[key] = (None, False)
        if problems:
            raise svc.MemberError(problems)
        data = svc.MemberInput(**{k: e.text().strip() for k, e in self.edits.items()})
        data.id_number = data.id_number or None
        data.gender = self.gender.currentData()
        data.birth_date, data.birth_month_only = dates["birth"]
        data.retire_type = self.retire.currentData()
        data.is_party_member = self.party.isChecked()
        data.party_join_date = dates["party"][0]
        data.living = self.living.currentData()
        data.mobility = self.mobility.currentData()
        data.joined_date = dates["joined"][0]
        data.needs_care = self.needs_care.isChecked()
        data.care_reason = self.care_reason.text().strip()
        data.visit_interval_days = self.interval.value()
        data.health_notes = self.health.toPlainText().strip()
        data.notes = self.notes.toPlainText().strip()
        return data


class MemberDialog(FormDialog):
    """New member (member_id None) or an existing one with every area's tab."""

    def __init__(self, ctx, member_id: int | None, parent=None):
        super().__init__(parent, scroll=False)  # 基本信息 scrolls inside its tab
        self.ctx, self.member_id = ctx, member_id
        self.form = MemberForm()
        if member_id is not None:
            with ctx.db.session() as s:
                data = svc.member_input(s, member_id)
            self.form.set_input(data)
            self.setWindowTitle(f"党员信息 — {data.name}")
        else:
            self.form.set_input(svc.MemberInput())
            self.setWindowTitle("新增党员")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, "基本信息")
        if member_id is not None:
            for title, target in MEMBER_TABS:
                module_name, class_name = target.split(":")
                cls = getattr(importlib.import_module(module_name), class_name)
                self.tabs.addTab(cls(ctx, member_id), title)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.addWidget(self.tabs, 1)
        self.add_cancel()
        self.add_button("保存", self.save, primary=True)
        self.want_size(1060, 720)

    def current_values(self) -> list:
        # only the roster form is edited here; the other tabs list and act on their own
        return form_values(self.form)

    def wanted_size(self):
        # the form sits in its own scroll area (the tab bar stays put), so ask for its full size
        size = super().wanted_size()
        around = size - self.body.sizeHint()  # margins, button row, scroll bar
        tab_bar = self.tabs.tabBar().sizeHint().height() + style.px(24)
        form = self.form.sizeHint()
        return size.expandedTo(QSize(form.width() + around.width() + style.px(24),
                                     form.height() + around.height() + tab_bar))

    def save(self) -> None:
        try:
            data = self.form.get_input()
            with self.ctx.db.session() as s:
                if self.member_id is None:
                    self.member_id = svc.add_member(s, self.ctx.branch_id, data)
                else:
                    svc.update_member(s, self.member_id, data)
        except svc.MemberError as exc:
            self.show_problems(exc.problems)
            return
        except Exception as exc:  # noqa: BLE001 - shown in plain words, logged
            messages.show_exception(self, exc)
            return
        self.mark_saved()
        self.accept()
