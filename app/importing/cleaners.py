"""Turning one messy cell into a clean value, or saying why not.

Each cleaner returns the value and, when the change is not trivial, a Note (reason, detail) that
the report lists under warnings with the Excel row number. Nothing raises: a value that cannot be
understood is dropped with a note, never the whole row or the whole import.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from app import idcard
from app.dates import parse_loose
from app.importing.headers import squeeze, to_halfwidth
from app.phones import is_phone
from app.plain_text import strip_controls


@dataclass(frozen=True)
class Note:
    reason: str
    detail: str = ""


# full-width digits and letters (and the ideographic space) become half-width everywhere;
# the patterns compiled once: a county roster cleans 20,000 rows through them
_SPACES = re.compile(r"\s+")
_MIDNIGHT = re.compile(r"\s*0{1,2}:0{1,2}(:0{1,2})?$")  # "1938-05-12 00:00:00"
_TWO_DIGIT_YEAR = re.compile(r"([2-9]\d)\.(\d{1,2})(?:\.(\d{1,2}))?")
_YEAR = re.compile(r"\d{4}")
_SERIAL = re.compile(r"\d{5}(\.0)?")
_SCIENTIFIC = re.compile(r"\d(\.\d+)?[eE]\+?\d+")
_DIGITS_AND_SPACES = re.compile(r"[\d \u3000]+")
_SPACE_IN_NUMBER = re.compile(r"(?<=\d)[ \u3000](?=\d)")
_COUNTRY_CODE = re.compile(r"^(\+?86|（\+?86）|\(\+?86\))")

# Chinese punctuation such as （）、， stays as the secretary wrote it
_NARROW = str.maketrans(
    {chr(c): chr(c - 0xFEE0) for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                       *range(0xFF41, 0xFF5B))} | {"\u3000": " ", "\xa0": " "})


def text_of(value) -> str:
    """A cell as text: numbers without a trailing .0, dates as 1938-05-12, full-width folded."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    text = strip_controls(str(value), keep_lines=True).translate(_NARROW).strip()
    if len(text) > 2 and text.startswith('="') and text.endswith('"') and "\n" not in text:
        return text[2:-1].strip()  # ="0123…" keeps leading zeros in CSV written for Excel
    return text


def clean_name(value) -> str:
    """No white space of any width ("张\u3000三", "张  三" → "张三"); ·/• kept in minority names."""
    if value in (None, ""):
        return ""
    return strip_controls(squeeze(value)).replace("•", "·").replace(".", "·")


def clean_text(value) -> str:
    return _SPACES.sub(" ", text_of(value)).strip()


# dates -----------------------------------------------------------------------------------------
_EXCEL_EPOCH = date(1899, 12, 30)
EARLIEST = date(1880, 1, 1)


def _serial(number: float) -> date:
    return _EXCEL_EPOCH + timedelta(days=int(number))


def clean_date(value, label: str, today: date | None = None
               ) -> tuple[date | None, bool, Note | None]:
    """(date, month_only, note). Accepts date cells, 1938.05, 1938年5月, 1938-05-12, 19380512,
    1938/5, an Excel serial number and a year alone (then January, with a note)."""
    today = today or date.today()
    if value is None or value == "":
        return None, False, None
    note = None
    if isinstance(value, datetime):
        got, month_only = value.date(), False
    elif isinstance(value, date):
        got, month_only = value, False
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        got, month_only, note = _numeric_date(float(value), label)
        if got is None:
            return None, False, note
    else:
        text = to_halfwidth(text_of(value))  # "１９３８．０５" too
        text = _CN_DATE.sub(lambda m: _cn_number(m.group()), text)  # 一九三八年五月
        text = _MIDNIGHT.sub("", text)  # "1938-05-12 00:00:00"
        text = text.replace("年", ".").replace("月", ".").replace("日", "").replace("号", "")
        text = text.replace("/", ".").replace("-", ".").replace("—", ".").strip(". ")
        short = _TWO_DIGIT_YEAR.fullmatch(text)
        if short:  # "38.05": a two-digit year, as older clerks wrote; our members were born 19xx
            text = "19" + text
            note = Note(f"{label}只写了两位年份", f"“{value}”按 {text} 理解")
        if _YEAR.fullmatch(text):
            got, month_only = date(int(text), 1, 1), True
            note = Note(f"{label}只有年份", f"“{value}”按 {text} 年 1 月记，请补上月份")
        elif _SERIAL.fullmatch(text):
            got, month_only, note = _numeric_date(float(text), label)
            if got is None:
                return None, False, note
        else:
            try:
                got, month_only = parse_loose(text)
            except ValueError:
                return None, False, Note(f"{label}无法识别，已留空", f"原值“{value}”")
    if got is None:
        return None, False, None
    if got < EARLIEST or got > today:
        return None, False, Note(f"{label}不合理，已留空", f"原值“{text_of(value)}”")
    return got, month_only, note


_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}


def _cn_number(text: str) -> str:
    """一九三八 → 1938 (digit by digit); 十二 → 12, 二十三 → 23 (with 十)."""
    if "十" not in text:
        return "".join(_CN_DIGITS.get(ch, ch) for ch in text)
    tens, _, units = text.partition("十")
    return str(int(_CN_DIGITS.get(tens, "1") if tens else 1) * 10
               + (int(_CN_DIGITS.get(units, "0")) if units else 0))


_CN_DATE = re.compile(r"[〇○零一二三四五六七八九十]+(?=[年月日号])")


def _numeric_date(number: float, label: str) -> tuple[date | None, bool, Note | None]:
    """A date typed as a number: 1938.05 (year.month), 19380512, 1938, or an Excel serial."""
    if not math.isfinite(number) or abs(number) > 1e12:
        return None, False, Note(f"{label}无法识别，已留空", f"原值“{number}”")
    if number.is_integer():
        whole = int(number)
        if 1880 <= whole <= 2100:
            return (date(whole, 1, 1), True,
                    Note(f"{label}只有年份", f"“{whole}”按 {whole} 年 1 月记，请补上月份"))
        if 18800101 <= whole <= 21001231:
            try:
                return date(whole // 10000, whole // 100 % 100, whole % 100), False, None
            except ValueError:
                return None, False, Note(f"{label}不是真实的日期，已留空", f"原值“{whole}”")
        if 1 <= whole < 80000:  # a date cell that lost its date format shows its serial number
            got = _serial(number)
            return got, False, Note(f"{label}是 Excel 日期序号", f"“{whole}”按 {got:%Y-%m-%d} 理解")
        return None, False, Note(f"{label}无法识别，已留空", f"原值“{whole}”")
    year = int(number)
    fraction = round((number - year) * 100)
    if not 1880 <= year <= 2100:
        return None, False, Note(f"{label}无法识别，已留空", f"原值“{number}”")
    month = fraction
    note = None
    if fraction == 10:
        # 1938.10 typed into a number cell is stored as 1938.1: October, but say so
        note = Note(f"{label}以数字保存", f"“{number:g}”按 {year} 年 10 月理解（1 月应写作 {year}.01）")
    elif fraction > 12 and fraction % 10 == 0:
        month = fraction // 10  # 1938.5 typed for May
    if not 1 <= month <= 12:
        return None, False, Note(f"{label}无法识别，已留空", f"原值“{number:g}”")
    return date(year, month, 1), True, note


# ID numbers ------------------------------------------------------------------------------------
# already clean (ASCII digits only: \d would take full-width ones too): nothing to fold or strip
_PLAIN_ID = re.compile(r"[0-9]{17}[0-9X]")
_PLAIN_MOBILE = re.compile(r"1[3-9][0-9]{9}")


def clean_id(value) -> tuple[idcard.IdInfo | None, Note | None]:
    """A valid resident ID, or None with a note showing the original value."""
    if value is None or value == "":
        return None, None
    if value.__class__ is str and _PLAIN_ID.fullmatch(value):  # most cells: straight to the check
        try:
            return idcard.parse(value), None
        except idcard.IdNumberError as exc:
            return None, Note("身份证号有误，未导入",
                              str(exc) if value in str(exc) else f"{exc}（原值“{value}”）")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
        if math.isnan(number) or math.isinf(number):
            return None, Note("身份证号无法识别，未导入", f"原值“{value}”")
        if number.is_integer() and 0 <= number < 1e15:  # 15 digits fit a float exactly
            value = str(int(number))
        elif abs(number) < 1e15:
            return None, Note("身份证号有误，未导入", f"原值“{number:g}”不是身份证号")
        else:
            mantissa, exp = f"{number:.5E}".split("E")
            shown = f"{mantissa.rstrip('0').rstrip('.')}E{exp[0]}{int(exp[1:]):02d}"  # as Excel
            digits = format(Decimal(f"{number:.15g}"), "f") if abs(number) < 1e21 else ""
            kept = f"，表格里保存的数字是 {digits}" if digits else ""
            return None, Note("身份证号以数字形式保存，末几位已丢失，未导入",
                              f"原值“{shown}”{kept}（Excel 只保存 15 位有效数字）。"
                              f"请把该列设为文本后重新填写")
    text = text_of(value).lstrip("'‘’`")
    if not text:
        return None, None
    if _SCIENTIFIC.fullmatch(text.replace(" ", "")):
        return None, Note("身份证号以科学计数法保存，末几位已丢失，未导入",
                          f"原值“{text}”。请把该列设为文本后重新填写")
    try:
        info = idcard.parse(text)
    except idcard.IdNumberError as exc:
        detail = str(exc) if text in str(exc) else f"{exc}（原值“{text}”）"
        return None, Note("身份证号有误，未导入", detail)
    if info.converted_from_15:
        return info, Note("15 位旧身份证号已转为 18 位", f"{text} → {info.number}")
    return info, None


# words -----------------------------------------------------------------------------------------
def clean_gender(value) -> tuple[str | None, Note | None]:
    text = squeeze(value)
    if not text:
        return None, None
    if text in ("男", "男性", "M", "m", "1"):
        return "男", None
    if text in ("女", "女性", "F", "f", "2", "0"):
        return "女", None
    return None, Note("性别无法识别，已留空", f"原值“{value}”")


def clean_retire(value) -> tuple[str | None, Note | None]:
    text = squeeze(value)
    if not text:
        return None, None
    if "离休" in text or text in ("离", "离休干部"):
        return "离休", None
    if "退休" in text or text in ("退", "退职"):
        return "退休", None
    return None, Note("离退休类别无法识别，已留空", f"原值“{value}”（应为离休或退休）")


_YES = ("是", "√", "✓", "Y", "y", "YES", "yes", "党员", "中共党员", "中国共产党党员", "共产党员",
        "预备党员", "中共预备党员", "正式党员", "1")
_NO = ("否", "×", "✗", "N", "n", "NO", "no", "群众", "非党员", "无党派", "无党派人士", "民主党派", "0",
       "不是")
_PARTIES = ("民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟", "共青团员", "团员")


def clean_party(value) -> tuple[bool | None, Note | None]:
    text = squeeze(value)
    if not text:
        return None, None
    if text in _YES or ("党员" in text and "非" not in text and not text.startswith(_PARTIES)):
        return True, None
    if text in _NO or text.startswith(_PARTIES):
        return False, None
    return None, Note("是否党员无法识别", f"原值“{value}”，按入党时间判断")


def clean_standing(value) -> tuple[str | None, Note | None]:
    """正式 / 预备 from a column of its own (正式, 预备党员, 中共预备党员, 中共党员 …)."""
    text = squeeze(value)
    if not text:
        return None, None
    if "预备" in text:
        return "预备", None
    if "正式" in text or (text in _YES and "党员" in text):
        return "正式", None
    return None, Note("正式/预备无法识别，已留空", f"原值“{value}”（应为正式或预备）")


def standing_in_party(value) -> str | None:
    """What a 政治面貌 cell says of the standing: 中共预备党员 → 预备, 中共党员 → 正式; nothing
    for 是 / √ (a 是否党员 column), a non-member or words it does not know."""
    text = squeeze(value)
    if "预备" in text:
        return "预备"
    if "党员" in text and clean_party(value)[0]:
        return "正式"
    return None


def clean_mobility(value) -> tuple[str | None, str, Note | None]:
    """(mobility, health note to keep, note). Words that are not about moving stay as notes."""
    text = squeeze(value)
    if not text:
        return None, "", None
    if any(w in text for w in ("卧床", "瘫痪", "卧病", "失能")) and "半失能" not in text:
        mobility = "卧床"
    elif "住院" in text:
        mobility = "住院"
    elif any(w in text for w in ("行动不便", "不便", "轮椅", "拄拐", "半失能", "腿脚不好", "行动困难")):
        mobility = "行动不便"
    else:
        mobility = "行动自如"
    plain = ("良好", "健康", "一般", "好", "较好", "较差", "差", "正常", "行动自如", "卧床", "住院",
             "长期住院", "行动不便", "基本健康", "尚可")
    keep = "" if text in plain else str(value).strip()
    return mobility, keep, None


def clean_living(value) -> tuple[str | None, Note | None]:
    text = squeeze(value)
    if not text:
        return None, None
    rules = (
        ("养老机构", ("养老", "敬老院", "福利院", "老年公寓", "护理院", "康养", "颐养")),
        ("独居", ("独居", "一人", "单独", "独自", "孤寡", "孤身")),
        ("空巢", ("空巢", "配偶", "老伴", "夫妻", "老两口", "夫妇", "二人")),
        ("与子女同住", ("子女", "儿子", "女儿", "儿女", "三代", "家人", "亲属", "同住", "子孙")),
    )
    for word, keys in rules:
        if any(k in text for k in keys):
            return word, None
    if text in ("是",):  # a 是否独居 column
        return "独居", None
    return None, Note("居住状况无法识别，已留空", f"原值“{value}”（应为与子女同住、空巢、独居或养老机构）")


_GONE = ("去世", "已故", "病故", "逝世", "故去", "死亡", "过世", "离世")


def clean_status(value) -> tuple[str | None, Note | None]:
    """去世 / 转出 / 暂离 / 在册 from the words a roster uses (已故, 调出, 外出 …)."""
    text = squeeze(value)
    if not text:
        return None, None
    if any(w in text for w in _GONE) or text == "故":
        return "去世", None
    if any(w in text for w in ("转出", "调出", "迁出", "转走", "转移")):
        return "转出", None
    if any(w in text for w in ("暂离", "外出", "暂时离开", "异地居住")):
        return "暂离", None
    if text in ("在册", "正常", "在", "是", "在职", "现有"):
        return "在册", None
    return None, Note("状态无法识别，未改动", f"原值“{value}”（应为在册、去世、转出或暂离）")


def mentions_death(text: str) -> bool:
    return any(w in text for w in _GONE)


def clean_ethnicity(value) -> str:
    text = squeeze(value)
    if not text:
        return ""
    if not text.endswith("族") and len(text) <= 3 and text not in ("其他", "外籍"):
        return text + "族"  # "汉" → "汉族"
    return text


_PHONE_SPLIT = re.compile(r"[、,，;；/／\\|\s]+|(?<=\d)[-—–](?=1[3-9]\d{9})")


def clean_phones(values) -> tuple[str, Note | None]:
    """Every number in the cells, joined with "、"; odd-looking ones kept with a note."""
    if len(values) == 1 and values[0].__class__ is str and _PLAIN_MOBILE.fullmatch(values[0]):
        return values[0], None  # one mobile number as typed: most cells
    parts: list[str] = []
    for value in values:
        text = to_halfwidth(text_of(value))
        if _DIGITS_AND_SPACES.fullmatch(text):  # "139 0000 1111": one number with spaces
            text = _SPACE_IN_NUMBER.sub("", text)
        parts += [p for p in _PHONE_SPLIT.split(text) if p]
    parts = list(dict.fromkeys(_COUNTRY_CODE.sub("", p) for p in parts))
    odd = [p for p in parts if not is_phone(p)]
    note = Note("电话号码格式不常见，已照原样保存", "、".join(odd)) if odd else None
    return "、".join(parts), note
