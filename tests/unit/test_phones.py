"""Phone numbers are checked wherever they are typed, with one rule and a sentence naming the
field: a volunteer's "1391234" (a mobile with digits missing) is refused."""

import pytest

from app.errors import InputError
from app.importing.cleaners import clean_phones
from app.phones import is_phone, phone_problems
from app.services import branches, members, volunteers


@pytest.mark.parametrize("number", ["13912345678", "0371-62301234", "037162301234", "62301234",
                                    "6230123", "010-82345678-801"])
def test_real_numbers_pass(number):
    assert is_phone(number)


@pytest.mark.parametrize("number", ["1391234", "139123456789", "1234567", "0123456", "12",
                                    "abc", "0371-1234567"])
def test_numbers_with_digits_missing_or_wrong_start_fail(number):
    assert not is_phone(number)


def test_a_short_mobile_is_told_it_needs_11_digits():
    assert phone_problems("1391234", "志愿者电话") == [
        "志愿者电话“1391234”不像手机号：手机号应为 11 位，这里是 7 位"]


def test_volunteer_phone_1391234_is_refused_and_names_the_field(db, branch_id):
    with db.session() as s, pytest.raises(InputError, match="志愿者电话“1391234”"):
        volunteers.add_volunteer(s, branch_id, volunteers.VolunteerInput(name="王芳",
                                                                         phone="1391234"))
    with db.session() as s:
        vid = volunteers.add_volunteer(s, branch_id, volunteers.VolunteerInput(
            name="王芳", phone="13912345678"))
        with pytest.raises(InputError, match="志愿者电话"):
            volunteers.update_volunteer(s, vid, volunteers.VolunteerInput(name="王芳",
                                                                          phone="1391234"))


def test_member_and_emergency_phones_are_checked_by_the_same_rule(db, branch_id):
    with db.session() as s, pytest.raises(members.MemberError) as err:
        members.add_member(s, branch_id, members.MemberInput(
            name="张三", phone="1391234", emergency_phone="0371-1234567"))
    text = str(err.value)
    assert "联系电话“1391234”" in text and "紧急联系人电话“0371-1234567”" in text


def test_the_branch_phone_is_checked(db, branch_id):
    with db.session() as s:
        info = branches.get_branch(s, branch_id)
        info.phone = "1391234"
        with pytest.raises(InputError, match="支部联系电话"):
            branches.save_branch(s, info)


def test_the_import_notes_a_short_mobile_but_keeps_it():
    text, note = clean_phones(["13912345678、1391234"])
    assert text == "13912345678、1391234"
    assert note is not None and note.detail == "1391234"
