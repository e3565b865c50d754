"""Telephone numbers as the branch writes them: one check for every place a number is typed
(members, emergency contacts, volunteers, the branch) and for the roster import.

A mobile is 11 digits from 13… to 19…; a landline is 7–8 digits, with an area code (0371-…) or
without. A local number never starts with 0 or 1 (0 begins an area code, 1 a mobile or a
service number), so "1391234" is a mobile with digits missing, not a landline.
"""

from __future__ import annotations

import re

_SPLIT = re.compile(r"[、,，;；/／\s]+")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"(0\d{2,3}-?[2-9]\d{6,7}|[2-9]\d{6,7})(-\d{1,4})?")


def split_phones(text: str) -> list[str]:
    """The numbers in a field that may hold several ("139…、0371-…")."""
    return [p for p in _SPLIT.split(text or "") if p]


def is_phone(number: str) -> bool:
    """One number that looks like a mobile or a landline."""
    return bool(_MOBILE.fullmatch(number) or _LANDLINE.fullmatch(number))


def phone_problems(text: str, label: str = "联系电话") -> list[str]:
    """A sentence for each number in `text` that is not a phone number, naming the field."""
    problems = []
    for p in split_phones(text):
        if is_phone(p):
            continue
        if p.startswith("1") and p.isdigit():
            problems.append(f"{label}“{p}”不像手机号：手机号应为 11 位，这里是 {len(p)} 位")
        else:
            problems.append(f"{label}“{p}”不像手机号（11 位）或座机号（如 0371-62301234）")
    return problems
