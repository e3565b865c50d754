"""The member window's form is built from the schema (app/member_fields.py): a row per field with
the field's label, the fields' defaults for a new member, and values that go in and come out
unchanged."""

from datetime import date

from PySide6.QtWidgets import QFormLayout

from app.member_fields import AGE_LABEL, FORM_FIELDS
from app.services.members import MemberInput
from app.ui.dialogs.member_form import MemberForm


def _row_labels(form: MemberForm) -> list[str]:
    labels = []
    for layout in form.findChildren(QFormLayout):
        for row in range(layout.rowCount()):
            item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and item.widget() is not None:
                labels.append(item.widget().text())
    return labels


def test_every_field_of_the_window_has_its_row_and_label(qtbot):
    form = MemberForm()
    qtbot.addWidget(form)
    shown = [f for f in FORM_FIELDS if f.kind != "flag"]
    assert set(form.edits) == {f.attr for f in shown}
    labels = _row_labels(form)
    assert sorted(labels) == sorted([f.label + (" *" if f.required else "") for f in shown]
                                    + [AGE_LABEL])


def test_a_new_member_starts_with_the_schema_defaults(qtbot):
    form = MemberForm()  # as the window opens it for 新增党员
    qtbot.addWidget(form)
    form.set_input(MemberInput())
    edits = form.edits
    assert edits["ethnicity"].text() == ""  # 民族: blank until someone types it
    assert edits["mobility"].currentData() == "行动自如"
    assert edits["gender"].currentData() is None
    assert edits["is_party_member"].isChecked() and not edits["needs_care"].isChecked()
    assert edits["visit_interval_days"].value() == 30
    assert form.get_input() == MemberInput()


def test_values_go_in_and_come_out_unchanged(qtbot):
    form = MemberForm()
    qtbot.addWidget(form)
    data = MemberInput(
        name="张建国", gender="男", birth_date=date(1938, 5, 1), birth_month_only=True,
        id_number="410102193805121234", ethnicity="回族", retire_type="离休",
        is_party_member=False, party_join_date=date(1965, 7, 1), former_unit="县粮食局 局长",
        phone="13812345678", address="东街1号", community="东关社区", living="独居",
        mobility="卧床", emergency_contact="张明", emergency_phone="13912345678",
        health_notes="高血压\n腿脚不便", notes="备注", joined_date=date(2020, 1, 2),
        needs_care=True, care_reason="独居", visit_interval_days=14)
    form.set_input(data)
    assert form.get_input() == data
    assert "岁" in form.age_label.text()
