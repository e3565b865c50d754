"""One sheet row → the member's clean values, its notes, or the reason it is skipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.importing import cleaners as c
from app.importing.headers import LABELS, Header, is_repeated_header, is_total_or_note
from app.importing.report import Skipped, Warning


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


def _cell(row: list, col: int):
    return row[col] if col < len(row) else ""


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_row(row: list, index: int, rules: RowRules, warnings: list[Warning]):
    """A Record, a Skipped, or None for a row that is not a member and not worth reporting
    (blank, a total such as "合计", a note such as "注：…")."""
    excel_row = index + 1
    if all(_blank(v) for v in row) or is_total_or_note(row):
        return None
    header = rules.header
    if is_repeated_header(row, header):
        return Skipped(excel_row, "重复的表头行", "表头在中间又出现了一次，已跳过")

    def warn(key: str, note: c.Note | None) -> None:
        if note:
            warnings.append(Warning(excel_row, LABELS.get(key, key), note.reason, note.detail))

    def get(key: str) -> list:
        out = []
        for col in header.columns.get(key, []):
            value = _cell(row, col)
            formula = rules.formulas.get((index, col))
            if formula:
                if _blank(value):
                    warn(key, c.Note("单元格是公式且没有计算结果，已当作空白", formula))
                else:
                    warn(key, c.Note("单元格是公式，已取其计算结果", f"{formula} → {c.text_of(value)}"))
            elif rules.kind == "csv" and isinstance(value, str) and value.lstrip().startswith("=") \
                    and not value.strip().startswith('="'):
                warn(key, c.Note("单元格是公式文本，已当作空白", value.strip()[:60]))
                value = ""
            out.append(value)
        return out

    def one(key: str):
        cells = get(key)
        return cells[0] if cells else None

    name = c.clean_name(one("name"))
    if not name:
        others = [c.text_of(v) for v in row if not _blank(v)]
        return Skipped(excel_row, "没有姓名", "本行其他内容：" + "，".join(others[:6]))
    if len(name) > 50:
        return Skipped(excel_row, "姓名太长，不像人名", name[:60])
    values: dict[str, Any] = {"name": name}
    insert_only: dict[str, Any] = {}

    info, note = c.clean_id(one("id_number"))
    warn("id_number", note)
    if info:
        values["id_number"] = info.number

    gender, note = c.clean_gender(one("gender"))
    warn("gender", note)
    birth, month_only, note = c.clean_date(one("birth"), "出生年月", rules.today)
    warn("birth", note)
    if info:
        if gender is None:
            gender = info.gender
            if "gender" in header.columns:
                warn("gender", c.Note("性别空白，已由身份证号补全", info.gender))
        elif gender != info.gender:
            warn("gender", c.Note("性别与身份证号不一致，保留表格中的值",
                                  f"表格为“{gender}”，身份证号 {info.number} 表示“{info.gender}”"))
        if birth is None:
            birth, month_only = info.birth_date, False
            if "birth" in header.columns:
                warn("birth", c.Note("出生年月空白，已由身份证号补全", f"{info.birth_date:%Y-%m-%d}"))
        elif (birth.year, birth.month) != (info.birth_date.year, info.birth_date.month) or (
                not month_only and birth != info.birth_date):
            warn("birth", c.Note("出生年月与身份证号不一致，保留表格中的值",
                                 f"表格为 {birth:%Y-%m-%d}，身份证号表示 {info.birth_date:%Y-%m-%d}"))
        elif month_only:  # "1938.05" and the ID agree: the ID also knows the day
            birth, month_only = info.birth_date, False
    if gender:
        values["gender"] = gender
    if birth:
        values["birth_date"], values["birth_month_only"] = birth, month_only

    joined, _m, note = c.clean_date(one("party_join"), "入党时间", rules.today)
    warn("party_join", note)
    if joined:
        values["party_join_date"] = joined
    if birth and joined and joined < birth:
        warn("party_join", c.Note("入党时间早于出生日期，请核对", f"{joined:%Y-%m}"))

    party, note = c.clean_party(one("party"))
    warn("party", note)
    if party is None and "party_join" in header.columns:
        party = not _blank(one("party_join"))
    if party is None:
        insert_only["is_party_member"] = True  # a party branch's roster lists party members
    else:
        values["is_party_member"] = party

    retire, note = c.clean_retire(one("retire_type"))
    warn("retire_type", note)
    if retire:
        values["retire_type"] = retire

    unit = c.clean_text(one("former_unit"))
    post = c.clean_text(one("former_post"))
    if post and post not in unit:
        unit = f"{unit} {post}".strip()
    for key, value in (
        ("former_unit", unit), ("address", c.clean_text(one("address"))),
        ("community", c.clean_text(one("community"))),
        ("ethnicity", c.clean_ethnicity(one("ethnicity"))),
        ("emergency_contact", c.clean_name(one("emergency_contact"))),
        ("notes", c.clean_text(one("notes"))),
    ):
        if value:
            values[key] = value

    phones, note = c.clean_phones(get("phone"))
    warn("phone", note)
    if phones:
        values["phone"] = phones
    emergency, note = c.clean_phones(get("emergency_phone"))
    warn("emergency_phone", note)
    if emergency:
        values["emergency_phone"] = emergency

    mobility, health, note = c.clean_mobility(one("mobility"))
    warn("mobility", note)
    if mobility:
        values["mobility"] = mobility
    if health:
        values["health_notes"] = health
    living, note = c.clean_living(one("living"))
    warn("living", note)
    if living:
        values["living"] = living
    _status(one("status"), one("status_date"), values, rules, warn)
    return Record(excel_row, values, insert_only)


def _status(cell, date_cell, values: dict, rules: RowRules, warn) -> None:
    """去世 / 转出 need their date (without it the member would keep counting on the roster);
    暂离 may have none; 在册 changes nothing (an old file must not bring anyone back)."""
    status, note = c.clean_status(cell)
    warn("status", note)
    when, _m, note = c.clean_date(date_cell, "状态日期", rules.today)
    warn("status_date", note)
    if status in ("去世", "转出"):
        if when is None:
            warn("status", c.Note(f"写着“{c.text_of(cell)}”但没有日期，状态未改",
                                  "请在表格中补上日期后再导入，或导入后在花名册里标记"))
            return
        values["status"], values["status_date"] = status, when
    elif status == "暂离":
        values["status"] = status
        if when:
            values["status_date"] = when
    elif status in (None, "在册") and c.mentions_death(values.get("notes", "")):
        warn("notes", c.Note("备注中写着已故，状态未改", "请在花名册里把此人标记为去世（填上日期）"))
