from datetime import date

import pytest

from app import idcard


def make_id(body17: str) -> str:
    return body17 + idcard.check_digit(body17)


def test_valid_id_gives_birth_date_and_gender():
    number = make_id("41012219360512003")
    info = idcard.parse(number)
    assert info.birth_date == date(1936, 5, 12)
    assert info.gender == "男"  # 17th digit 3 is odd


def test_unknown_or_retired_area_code_is_accepted():
    # 410122 (an old county code) and 999999 exist in no current list: never a rejection
    assert idcard.is_valid(make_id("99999919400101002"))


def test_wrong_check_digit_is_rejected_with_chinese_reason():
    good = make_id("41012219360512003")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(idcard.IdNumberError, match="校验位"):
        idcard.parse(bad)


def test_impossible_birth_date_is_rejected():
    with pytest.raises(idcard.IdNumberError, match="出生日期"):
        idcard.parse(make_id("41012219360231003"))


def test_spaces_fullwidth_digits_and_lowercase_x_are_cleaned():
    body = "11010519491231002"
    number = make_id(body)
    messy = " ".join(number[i:i + 6] for i in range(0, 18, 6)).lower()
    messy = messy.replace("1", "１")
    assert idcard.parse(messy).number == number


def test_fifteen_digit_number_is_converted_to_eighteen():
    info = idcard.parse("410122360512003")
    assert info.converted_from_15
    assert info.number[:17] == "41012219360512003"
    assert info.number == make_id("41012219360512003")


def test_mask_keeps_first_and_last_four():
    assert idcard.mask("410122193605120031") == "4101**********0031"
    assert idcard.mask(None) == ""
