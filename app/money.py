"""Money as the books keep it: whole 分 (fen) in integers, never binary floats.

Decimal appears only at the edges: reading what was typed or what a spreadsheet cell holds
(`fen_of`), and writing an amount as text (`yuan`: "25.00").
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation

_NOISE = re.compile(r"[\s,，￥¥]|元$|RMB", re.IGNORECASE)
_SIX_PLACES = Decimal("0.000001")


class AmountError(ValueError):
    """Not an amount of money; str() is a Chinese sentence naming the value."""


def fen_of(value, what: str = "金额") -> int:
    """An amount in 分 from what was typed ("75", "75.5", "￥1,234.50", "75元") or what a cell
    holds (int, Decimal, float). More than two decimals is refused, never rounded: 75.005 is a
    typing mistake, not 75.01. A float from a spreadsheet is read by its shortest decimal form
    (4999.99, not 4999.98999…), and noise past the sixth decimal (3456.7800000000002, a
    formula's result) is binary arithmetic, not a figure someone wrote."""
    if isinstance(value, bool) or value is None:
        raise AmountError(f"{what}没有填写")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise AmountError(f"{what}“{value}”不是金额")
        amount = Decimal(repr(value))
        if amount.as_tuple().exponent < -6:
            amount = amount.quantize(_SIX_PLACES).normalize()
    elif isinstance(value, Decimal):
        amount = value
    else:
        text = _NOISE.sub("", unicodedata.normalize("NFKC", str(value)).strip())
        if not text:
            raise AmountError(f"{what}没有填写")
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
            raise AmountError(f"{what}“{str(value).strip()}”不是金额，请写成 75.00 的样子")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise AmountError(f"{what}“{str(value).strip()}”不是金额") from None
    if not amount.is_finite():
        raise AmountError(f"{what}“{value}”不是金额")
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise AmountError(f"{what}“{_shown(value)}”超过两位小数（金额只记到分），请核对")
    if abs(cents) >= 10**13:
        raise AmountError(f"{what}“{_shown(value)}”大得不像真的，请核对")
    return int(cents)


def _shown(value) -> str:
    if isinstance(value, float):
        return repr(value)
    return str(value).strip()


def yuan(fen: int | None) -> str:
    """分 as yuan with two decimals: 2500 → "25.00", -150 → "-1.50", None → ""."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(int(fen)), 100)
    return f"{sign}{whole}.{cents:02d}"


def yuan_grouped(fen: int | None) -> str:
    """With thousands separators for prints: 123456 → "1,234.56"."""
    if fen is None:
        return ""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(int(fen)), 100)
    return f"{sign}{whole:,}.{cents:02d}"
