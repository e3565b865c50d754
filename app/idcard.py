"""Resident ID numbers (公民身份号码, GB 11643-1999): check digit, birth date, 15 → 18, masking.

We deliberately do not reject unknown area codes: counties were renamed and merged after most
of our members' IDs were issued (python-stdnum's `cn.ric.is_valid` rejects those; its issue #442).
An unknown area code is at most a note, decided by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import mul
from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_FULLWIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"ｘ": "X", "Ｘ": "X"})


class IdNumberError(ValueError):  # callers turn it into warnings or InputError
    """The number is not a valid resident ID; str() is a Chinese sentence for the user."""


@dataclass(frozen=True)
class IdInfo:
    number: str  # normalised 18 characters
    birth_date: date
    gender: str  # 男 / 女
    converted_from_15: bool = False


_SPACES = re.compile(r"\s+")
_FIRST_GENERATION = re.compile(r"\d{15}")
_SECOND_GENERATION = re.compile(r"\d{17}[\dX]")
_PLAIN = re.compile(r"[0-9]{17}[0-9X]")  # already normalised (ASCII digits, no spaces)


def check_digit(first17: str) -> str:
    if len(first17) != 17:
        raise ValueError(f"check_digit needs the first 17 characters, not {len(first17)}")
    return _CHECK[sum(map(mul, map(int, first17), _WEIGHTS)) % 11]


def normalise(raw: str) -> str:
    """Remove spaces of every width, convert full-width digits, upper-case the check letter."""
    text = str(raw).translate(_FULLWIDTH)
    return _SPACES.sub("", text).upper()


def _birth(text: str, number: str) -> date:
    try:
        born = date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise IdNumberError(f"身份证号 {number} 中的出生日期 {text} 不是有效日期") from None
    if born.year < 1880 or born > date.today():
        raise IdNumberError(f"身份证号 {number} 中的出生日期 {born:%Y-%m-%d} 不合理")
    return born


def parse(raw: str) -> IdInfo:
    """Validate and normalise an ID number; raise IdNumberError with a Chinese reason."""
    number = raw if isinstance(raw, str) and _PLAIN.fullmatch(raw) else normalise(raw)
    converted = False
    if _FIRST_GENERATION.fullmatch(number):
        # first generation: 6 area + YYMMDD + 3 sequence; all such holders were born 19xx
        body = number[:6] + "19" + number[6:]
        number = body + check_digit(body)
        converted = True
    if not _SECOND_GENERATION.fullmatch(number):
        raise IdNumberError(f"身份证号 {raw} 应为 18 位（最后一位可以是 X）")
    born = _birth(number[6:14], number)
    expected = check_digit(number[:17])
    if number[17] != expected:
        raise IdNumberError(f"身份证号 {number} 的校验位不对（应为 {expected}），可能抄错了一位")
    gender = "男" if int(number[16]) % 2 else "女"
    return IdInfo(number, born, gender, converted)


def is_valid(raw: str) -> bool:
    try:
        parse(raw)
    except IdNumberError:
        return False
    return True


def mask(number: str | None) -> str:
    """4101**********1234 — what prints and exports show unless full IDs are asked for."""
    if not number:
        return ""
    if len(number) <= 8:
        return number[:2] + "*" * max(len(number) - 2, 0)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]
