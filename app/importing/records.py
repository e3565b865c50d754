"""One sheet row → the member's clean values, its notes, or the reason it is skipped.

Fields that depend on each other have a reader of their own (the ID number with 性别 and
出生年月, 党员 with 入党时间, 正式/预备 with 政治面貌, 原单位及职务 with 原职务, 身体状况 with
健康情况, 状态 with its date). Every other field a column may carry (app/member_fields.py) is cleaned by its kind, in
the schema's order, so a new text field is imported without a line here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.importing import cleaners as c
from app.importing.headers import (
    COLUMN_FIELDS, LABELS, Header, is_repeated_header, is_total_or_note,
)
from app.importing.report import Skipped, Warning
from app.member_fields import BY_ATTR, MemberField
from app.vocab import GENDERS, LIVING_SITUATIONS, RETIRE_TYPES


@dataclass
class Record:
    row: int  # Excel row number
    values: dict[str, Any]  # Member column → clean value; only what the file says
    insert_only: dict[str, Any] = field(default_factory=dict)  # defaults for a new member only


@dataclass
class RowRules:
    header: Header
    kind: str  # xlsx / xls / csv
    formulas: dict[tuple[int, int], str]
    today: date
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        # only the fields the header has a column for: the others have nothing to read
        self.by_kind = [(k, read) for k, read in _BY_KIND.items() if k in self.header.columns]
        self.first = {k: cols[0] for k, cols in self.header.columns.items() if cols}
        # no formula to note and no CSV formula text to blank: a cell is just its value
        self.plain = not self.formulas and self.kind != "csv"

    def cached(self, clean: Callable, value, *args):
        """`clean(value, *args)` worked out once per distinct cell value and kept for the rest
        of the file: a roster repeats 男, 汉族, 退休, 良好 and a few hundred 出生年月 over
        20,000 rows. Only for cleaners that depend on nothing else (their Notes are frozen);
        the value's type is part of the key, so 1, 1.0 and True stay apart."""
        key = (clean, value.__class__, value, args)
        try:
            return self.memo[key]
        except KeyError:
            got = self.memo[key] = clean(value, *args)
            return got


def _cell(row: list, col: int):
    return row[col] if col < len(row) else ""


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Row:
    """The cells of one row by field, and the notes made while reading them."""

    __slots__ = ("cells", "index", "rules", "warnings", "columns", "excel_row", "plain", "first",
                 "memo")

    def __init__(self, cells: list, index: int, rules: RowRules, warnings: list[Warning]):
        self.cells, self.index, self.rules, self.warnings = cells, index, rules, warnings
        self.columns = rules.header.columns
        self.excel_row = index + 1
        self.plain, self.first, self.memo = rules.plain, rules.first, rules.memo

    def warn(self, key: str, note: c.Note | None) -> None:
        if note:
            self.warnings.append(Warning(self.excel_row, LABELS.get(key, key), note.reason,
                                         note.detail))

    def get(self, key: str) -> list:
        """Every cell of the field's columns (phones may come from several)."""
        if self.plain:
            return [_cell(self.cells, col) for col in self.columns.get(key, [])]
        return [self._value(key, col) for col in self.columns.get(key, [])]

    def one(self, key: str):
        cols = self.columns.get(key)
        if not cols:
            return None
        if self.plain:
            return _cell(self.cells, cols[0])
        return self._value(key, cols[0])

    def clean(self, key: str, clean: Callable, *args):
        """The field's cell through a cleaner that depends on the value alone (RowRules.cached;
        written out here: it runs for every cell of 20,000 rows)."""
        col = self.first.get(key)
        if col is None:
            value = None
        elif self.plain:
            value = self.cells[col] if col < len(self.cells) else ""
        else:
            value = self._value(key, col)
        memo_key = (clean, value.__class__, value, args)
        try:
            return self.memo[memo_key]
        except KeyError:
            got = self.memo[memo_key] = clean(value, *args)
            return got

    def _value(self, key: str, col: int):
        value = _cell(self.cells, col)
        formula = self.rules.formulas.get((self.index, col))
        if formula:
            if _blank(value):
                self.warn(key, c.Note("单元格是公式且没有计算结果，已当作空白", formula))
            else:
                self.warn(key, c.Note("单元格是公式，已取其计算结果",
                                      f"{formula} → {c.text_of(value)}"))
        elif self.rules.kind == "csv" and isinstance(value, str) and \
                value.lstrip().startswith("=") and not value.strip().startswith('="'):
            self.warn(key, c.Note("单元格是公式文本，已当作空白", value.strip()[:60]))
            value = ""
        return value


def read_row(row: list, index: int, rules: RowRules, warnings: list[Warning]):
    """A Record, a Skipped, or None for a row that is not a member and not worth reporting
    (blank, a total such as "合计", a note such as "注：…")."""
    if all(_blank(v) for v in row) or is_total_or_note(row):
        return None
    if is_repeated_header(row, rules.header):
        return Skipped(index + 1, "重复的表头行", "表头在中间又出现了一次，已跳过")
    r = _Row(row, index, rules, warnings)
    name = c.clean_name(r.one("name"))
    if not name:
        others = [c.text_of(v) for v in row if not _blank(v)]
        return Skipped(r.excel_row, "没有姓名", "本行其他内容：" + "，".join(others[:6]))
    if len(name) > 50:
        return Skipped(r.excel_row, "姓名太长，不像人名", name[:60])
    values: dict[str, Any] = {"name": name}
    insert_only: dict[str, Any] = {}
    _identity(r, values)
    _party(r, values, insert_only)
    _former_unit(r, values)
    _by_kind(r, values)
    _mobility(r, values)
    _status(r, values)
    return Record(r.excel_row, values, insert_only)


# fields read together ---------------------------------------------------------------------------
def _identity(r: _Row, values: dict) -> None:
    """身份证号, 性别 and 出生年月: a valid ID fills in the other two and is checked against them."""
    info, note = c.clean_id(r.one("id_number"))
    r.warn("id_number", note)
    gender, note = r.clean("gender", c.clean_gender)
    r.warn("gender", note)
    birth, month_only, note = r.clean("birth_date", c.clean_date, LABELS["birth_date"],
                                      r.rules.today)
    r.warn("birth_date", note)
    if info:
        values["id_number"] = info.number
        gender = _gender_with_id(r, gender, info)
        birth, month_only = _birth_with_id(r, birth, month_only, info)
    if gender:
        values["gender"] = gender
    if birth:
        values["birth_date"], values["birth_month_only"] = birth, month_only


def _gender_with_id(r: _Row, gender: str | None, info) -> str:
    if gender is None:
        if "gender" in r.columns:
            r.warn("gender", c.Note("性别空白，已由身份证号补全", info.gender))
        return info.gender
    if gender != info.gender:
        r.warn("gender", c.Note("性别与身份证号不一致，保留表格中的值",
                                f"表格为“{gender}”，身份证号 {info.number} 表示“{info.gender}”"))
    return gender


def _birth_with_id(r: _Row, birth: date | None, month_only: bool, info) -> tuple[date, bool]:
    born = info.birth_date
    if birth is None:
        if "birth_date" in r.columns:
            r.warn("birth_date", c.Note("出生年月空白，已由身份证号补全", f"{born:%Y-%m-%d}"))
        return born, False
    if (birth.year, birth.month) != (born.year, born.month) or (
            not month_only and birth != born):
        r.warn("birth_date", c.Note("出生年月与身份证号不一致，保留表格中的值",
                                    f"表格为 {birth:%Y-%m-%d}，身份证号表示 {born:%Y-%m-%d}"))
        return birth, month_only
    if month_only:  # "1938.05" and the ID agree: the ID also knows the day
        return born, False
    return birth, month_only


def _party(r: _Row, values: dict, insert_only: dict) -> None:
    """入党时间, and 党员 from its own column, else from whether 入党时间 is filled in; 正式 /
    预备 from its own column, else from what 政治面貌 says (中共预备党员)."""
    joined, month_only, note = r.clean("party_join_date", c.clean_date,
                                       LABELS["party_join_date"], r.rules.today)
    r.warn("party_join_date", note)
    if joined:
        values["party_join_date"], values["party_join_month_only"] = joined, month_only
        birth = values.get("birth_date")
        if birth and joined < birth:
            r.warn("party_join_date", c.Note("入党时间早于出生日期，请核对", f"{joined:%Y-%m}"))
    party, note = r.clean("is_party_member", c.clean_party)
    r.warn("is_party_member", note)
    if party is None and "party_join_date" in r.columns:
        party = not _blank(r.one("party_join_date"))
    if party is None:
        insert_only["is_party_member"] = True  # a party branch's roster lists party members
    else:
        values["is_party_member"] = party
    standing, note = r.clean("party_standing", c.clean_standing)
    r.warn("party_standing", note)
    if standing is None and "party_standing" not in r.columns:  # 政治面貌: 中共预备党员
        standing = r.rules.cached(c.standing_in_party, r.one("is_party_member"))
    if standing:
        values["party_standing"] = standing


def _former_unit(r: _Row, values: dict) -> None:
    unit = r.clean("former_unit", c.clean_text)
    post = r.clean("former_post", c.clean_text)
    if post and post not in unit:
        unit = f"{unit} {post}".strip()
    if unit:
        values["former_unit"] = unit


def _mobility(r: _Row, values: dict) -> None:
    """身体状况: the words about moving give the mobility, the rest are kept as 健康情况."""
    mobility, health, note = r.clean("mobility", c.clean_mobility)
    r.warn("mobility", note)
    if mobility:
        values["mobility"] = mobility
    if health:
        values["health_notes"] = health


def _status(r: _Row, values: dict) -> None:
    """去世 / 转出 need their date (without it the member would keep counting on the roster);
    暂离 may have none; 在册 changes nothing (an old file must not bring anyone back)."""
    if "status" not in r.first and "status_date" not in r.first:  # most rosters: only the notes
        if c.mentions_death(values.get("notes", "")):
            r.warn("notes", c.Note("备注中写着已故，状态未改", "请在花名册里把此人标记为去世（填上日期）"))
        return
    cell = r.one("status")
    status, note = r.rules.cached(c.clean_status, cell)
    r.warn("status", note)
    when, _m, note = r.clean("status_date", c.clean_date, LABELS["status_date"], r.rules.today)
    r.warn("status_date", note)
    if status in ("去世", "转出"):
        if when is None:
            r.warn("status", c.Note(f"写着“{c.text_of(cell)}”但没有日期，状态未改",
                                    "请在表格中补上日期后再导入，或导入后在花名册里标记"))
            return
        values["status"], values["status_date"] = status, when
    elif status == "暂离":
        values["status"] = status
        if when:
            values["status_date"] = when
    elif status in (None, "在册") and c.mentions_death(values.get("notes", "")):
        r.warn("notes", c.Note("备注中写着已故，状态未改", "请在花名册里把此人标记为去世（填上日期）"))


# fields read by their kind ----------------------------------------------------------------------
_TOGETHER = frozenset({"name", "id_number", "gender", "birth_date", "party_join_date",
                       "is_party_member", "party_standing", "former_unit", "mobility", "status",
                       "status_date"})
_CLEAN_TEXT = {"ethnicity": c.clean_ethnicity}  # text fields with a cleaner of their own
_CLEAN_CHOICE = {GENDERS: c.clean_gender, RETIRE_TYPES: c.clean_retire,
                 LIVING_SITUATIONS: c.clean_living}  # vocabularies with the words rosters use


def _clean_choice(f: MemberField):
    """A vocabulary the importer knows no other words for: its own words, else a note."""
    def clean(value) -> tuple[str | None, c.Note | None]:
        text = c.clean_text(value)
        if not text or text in f.choices:
            return text or None, None
        return None, c.Note(f"{f.label}无法识别，已留空", f"原值“{text}”（应为{'、'.join(f.choices)}）")
    return clean


def _reader(f: MemberField) -> Callable[[_Row], tuple[Any, c.Note | None]]:
    """How a field is read from its column(s), by its kind: (clean value, note)."""
    key = f.attr
    if f.kind == "phone":
        return lambda r: c.clean_phones(r.get(key))  # several columns for 联系电话 (MULTI)
    if f.kind == "person":
        return lambda r: (c.clean_name(r.one(key)), None)
    if f.kind == "choice":
        clean = _CLEAN_CHOICE.get(f.choices) or _clean_choice(f)
        return lambda r: r.clean(key, clean)
    if f.kind == "date":
        return lambda r: r.clean(key, c.clean_date, f.label, r.rules.today)[::2]
    if f.kind in ("text", "longtext"):
        clean_text = _CLEAN_TEXT.get(key, c.clean_text)
        return lambda r: (r.clean(key, clean_text), None)
    raise TypeError(f"the import has no reader for {key} (kind {f.kind})")


# every other field a column may carry, in the schema's order
_BY_KIND = {key: _reader(BY_ATTR[key]) for key in COLUMN_FIELDS if key not in _TOGETHER}


def _by_kind(r: _Row, values: dict) -> None:
    for key, read in r.rules.by_kind:
        value, note = read(r)
        r.warn(key, note)
        if value:
            values[key] = value
