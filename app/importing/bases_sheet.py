"""Reading the finance office's sheet of bases (缴费基数) for the party dues (spec/dues.md).

The sheet names each member by 姓名 or 身份证号 (or both) and gives their monthly
基本离退休费; a column 特殊情况 may say 低保 / 救济 / 抚恤 (0.20 a month). It is an outside file
like a roster, so it goes through the same machinery: the guard's checks before any parser
(app.importing.guard), python-calamine in the reader cage for a workbook (app.importing.cage),
the CSV reader for a .csv. This module only reads and cleans cells, row by row; matching the
rows with members and writing is app.services.dues.bases_import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import InputError
from app.importing import cleaners
from app.importing.cage import run_caged
from app.importing.guard import MAX_ROWS, check_file
from app.importing.headers import HEADER_SEARCH_ROWS, is_total_or_note, squeeze
from app.importing.readers import _calamine_error, read_csv
from app.member_fields import LABEL
from app.money import AmountError, fen_of
from app.vocab import DUES_SPECIALS

# column → the wordings finance sheets use for it (compared without spaces and brackets)
WORDINGS = {
    "name": ("姓名", "党员姓名", "名字"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "身份证", "证件号码", "身份证件号码"),
    "base": ("基本离退休费", "基本养老金", "基本退休费", "基本离休费", "离退休费", "缴费基数",
             "党费基数", "基数", "月基本离退休费", "基本离退休费(月)", "每月基本离退休费"),
    "special": ("特殊情况", "特殊类别", "困难类别", "低保救济抚恤", "低保/救济/抚恤"),
}
LABELS = {"name": LABEL["name"], "id_number": LABEL["id_number"], "base": "基本离退休费",
          "special": "特殊情况"}
NO_SPECIAL = {"", "无", "否", "-", "—", "/", "不是", "没有"}


def _key(text) -> str:
    key = squeeze(text).strip("*:：").replace("（", "(").replace("）", ")")
    return re.sub(r"\((元|元/月|月|单位:元)\)$", "", key)


_LOOKUP = {_key(w): col for col, words in WORDINGS.items() for w in words}


def column_of(header) -> str | None:
    return _LOOKUP.get(_key(header))


def find_header(rows: list[list]) -> tuple[int, dict[str, int]] | None:
    """The first row (within HEADER_SEARCH_ROWS) with a base column and a 姓名 or 身份证号
    column: (row index, column → index)."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for col, cell in enumerate(row):
            found = column_of(cell)
            if found and found not in columns:
                columns[found] = col
        if "base" in columns and ("name" in columns or "id_number" in columns):
            return index, columns
    return None


@dataclass
class BaseRow:
    """One row of the sheet, cleaned: what it says and what is wrong with it (nothing
    guessed: a row with a problem is reported, never half-read)."""

    row: int  # as Excel shows it
    name: str
    id_number: str | None
    base_fen: int | None
    special: str | None
    problems: list[str] = field(default_factory=list)
    detail: str = ""


@dataclass
class BasesSheet:
    file: str
    sheet: str
    sheets: list[str]
    header_row: int  # as Excel shows it
    columns: dict[str, str]  # label → header as written
    rows: list[BaseRow]


def read_bases_book(path_text: str, sheet: str | None
                    ) -> tuple[list[str], str | None, list[list], list[str]]:
    """In the reader child: the sheet names, the first sheet whose first rows hold a bases
    header (or the named sheet), its rows, and the sheets looked at."""
    from python_calamine import CalamineWorkbook  # late: in the reader child only (cage)

    path = Path(path_text)
    try:
        book = CalamineWorkbook.from_path(path_text)
        names = list(book.sheet_names)
    except Exception as exc:  # calamine raises its own classes and plain ValueErrors
        raise _calamine_error(path, exc) from exc
    if sheet and sheet not in names:
        raise InputError(f"文件“{path.name}”中没有名为“{sheet}”的工作表（有：{'、'.join(names)}）")
    looked = []
    try:
        for name in [sheet] if sheet else names:
            looked.append(name)
            try:
                rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            except Exception as exc:
                raise _calamine_error(path, exc) from exc
            if len(rows) > MAX_ROWS:
                raise InputError(f"文件“{path.name}”的工作表“{name}”有 {len(rows)} 行，超过上限 "
                                 f"{MAX_ROWS} 行，已拒绝导入")
            if sheet or find_header(rows) is not None:
                return names, name, rows, looked
    finally:
        try:
            book.close()
        except Exception:
            pass
    return names, None, [], looked


def _special(value) -> tuple[str | None, str | None]:
    text = squeeze(cleaners.text_of(value))
    if text in NO_SPECIAL:
        return None, None
    for word in DUES_SPECIALS:
        if text in (word, word + "户", word + "对象", "享受" + word):
            return word, None
    return None, f"特殊情况“{text}”应为：{'、'.join(DUES_SPECIALS)}（或空着）"


def clean_row(cells: list, index: int, columns: dict[str, int]) -> BaseRow | None:
    """One data row; None for a blank row or a total/note line under the table."""
    def cell(key):
        col = columns.get(key)
        return cells[col] if col is not None and col < len(cells) else ""

    if all(v in (None, "") or (isinstance(v, str) and not v.strip()) for v in cells):
        return None
    if is_total_or_note(cells):
        return None
    out = BaseRow(index + 1, cleaners.clean_name(cell("name")), None, None, None)
    raw_id = cell("id_number")
    if raw_id not in (None, ""):
        info, note = cleaners.clean_id(raw_id)
        if info is None:
            out.problems.append(note.reason.replace("，未导入", "") if note else "身份证号有误")
            out.detail = note.detail if note else ""
        else:
            out.id_number = info.number
    if not out.name and out.id_number is None and not out.problems:
        out.problems.append("没有姓名，也没有身份证号")
    out.special, problem = _special(cell("special"))
    if problem:
        out.problems.append(problem)
    raw_base = cell("base")
    if raw_base in (None, "") or (isinstance(raw_base, str) and not raw_base.strip()):
        if out.special is None:
            out.problems.append("没有填基本离退休费")
    else:
        try:
            out.base_fen = fen_of(raw_base, "基本离退休费")
        except AmountError as exc:
            out.problems.append(str(exc))
        else:
            if out.base_fen <= 0:
                out.problems.append(f"基本离退休费“{cleaners.text_of(raw_base)}”不是正数金额")
                out.base_fen = None
    return out


def read_bases(path: Path | str, sheet: str | None = None) -> BasesSheet:
    """Check, read and clean the sheet; InputError (naming the file) when it cannot be used."""
    path = Path(path)
    checked = check_file(path)
    if checked.kind == "csv":
        if sheet:
            raise InputError(f"CSV 文件“{path.name}”只有一张表，不能指定工作表“{sheet}”")
        rows = read_csv(path)
        names, found, looked = [path.stem], path.stem, [path.stem]
    else:
        names, found, rows, looked = run_caged(path.name, read_bases_book, str(path), sheet)
    header = find_header(rows) if found else None
    if header is None:
        where = f"工作表“{'、'.join(looked)}”" if looked else "文件"
        raise InputError(
            f"文件“{path.name}”的{where}前 {HEADER_SEARCH_ROWS} 行里找不到表头。缴费基数表的表头"
            f"要有“姓名”或“身份证号”，以及“基本离退休费”（也可写“基本养老金”“缴费基数”）")
    at, columns = header
    out = BasesSheet(path.name, found, names, at + 1,
                     {LABELS[k]: str(rows[at][c]).strip() for k, c in columns.items()}, [])
    for index in range(at + 1, len(rows)):
        got = clean_row(rows[index], index, columns)
        if got is not None:
            out.rows.append(got)
    return out
