"""Reading a checked file into sheets of raw cell values, row 0 being Excel's row 1.

xlsx and xls go through python-calamine (ten times faster than openpyxl; it hands back a formula
cell's cached value). csv is decoded as UTF-8 (with or without BOM) or GB18030 (which covers GBK,
what Excel on a Chinese PC writes). Formulas in an xlsx are found by scanning the sheet's XML,
so the report can say which cells held one.
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml.ElementTree import fromstring as safe_fromstring

from app.errors import InputError
from app.importing.guard import MAX_ROWS, CheckedFile


@dataclass
class Sheet:
    name: str
    rows: list[list]  # raw values; "" for an empty cell
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row0, col0) → "=…"
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)

    def fill_merged_down(self, below: int) -> None:
        """A cell merged over several rows (村/社区 or 党小组 written once for a block of
        members) holds its value for each of those rows, as the secretary sees it."""
        for (r0, c0), (r1, c1) in self.merged:
            if c0 != c1 or r0 <= below or r1 <= r0 or r0 >= len(self.rows):
                continue
            value = self.rows[r0][c0] if c0 < len(self.rows[r0]) else ""
            for r in range(r0 + 1, min(r1, MAX_ROWS) + 1):
                while r >= len(self.rows):
                    self.rows.append([])
                row = self.rows[r]
                if len(row) <= c0:
                    row.extend([""] * (c0 + 1 - len(row)))
                if row[c0] in (None, ""):
                    row[c0] = value


def sheet_names(checked: CheckedFile) -> list[str]:
    """The names of the file's sheets (a CSV file is one sheet named after the file)."""
    if checked.kind == "csv":
        return [checked.path.stem]
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(checked.path))
        try:
            return list(book.sheet_names)
        finally:
            book.close()
    except Exception as exc:
        raise _calamine_error(checked.path, exc) from exc


def _calamine_error(path: Path, exc: Exception) -> InputError:
    text = str(exc)
    if "password" in text.lower() or "encrypt" in text.lower() or type(exc).__name__ == \
            "PasswordError":
        return InputError(f"文件“{path.name}”设置了密码，无法读取。请在 Excel / WPS 中取消密码后另存，再导入")
    return InputError(f"文件“{path.name}”已损坏，无法读取（{text[:200]}）。"
                      f"请用 Excel 或 WPS 打开后“另存为” .xlsx 再导入")


def read_sheets(checked: CheckedFile, sheet: str | None = None) -> Iterator[Sheet]:
    """The sheets of the file in order (only `sheet` when a name is given)."""
    if checked.kind == "csv":
        if sheet:
            raise InputError(f"CSV 文件“{checked.path.name}”只有一张表，不能指定工作表“{sheet}”")
        yield Sheet(checked.path.stem, read_csv(checked.path))
        return
    from python_calamine import CalamineWorkbook

    path = checked.path
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
    except Exception as exc:  # calamine raises its own classes and plain ValueErrors
        raise _calamine_error(path, exc) from exc
    if sheet:
        if sheet not in names:
            raise InputError(f"文件“{path.name}”中没有名为“{sheet}”的工作表（有：{'、'.join(names)}）")
        names = [sheet]
    else:  # hidden sheets (old copies, lookup lists) are not what the secretary sees: last
        try:
            from python_calamine import SheetTypeEnum, SheetVisibleEnum

            shown = {m.name for m in book.sheets_metadata
                     if m.visible == SheetVisibleEnum.Visible and m.typ == SheetTypeEnum.WorkSheet}
        except Exception:
            shown = set(names)
        names = [n for n in names if n in shown] + [n for n in names if n not in shown]
    parts = _sheet_parts(path) if checked.formula_parts else {}
    try:
        for name in names:
            try:
                data = book.get_sheet_by_name(name)
                rows = data.to_python(skip_empty_area=False)
                try:
                    merged = list(data.merged_cell_ranges or [])
                except Exception:  # merged ranges only help; a sheet without them still reads
                    merged = []
            except Exception as exc:
                raise _calamine_error(path, exc) from exc
            if len(rows) > MAX_ROWS:
                raise InputError(f"文件“{path.name}”的工作表“{name}”有 {len(rows)} 行，超过上限 "
                                 f"{MAX_ROWS} 行，不像花名册，已拒绝导入")
            part = parts.get(name)
            formulas = _formulas(path, part) if part in checked.formula_parts else {}
            yield Sheet(name, [list(r) for r in rows], formulas, merged)
    finally:
        try:
            book.close()
        except Exception:
            pass


_CELL_F = re.compile(
    r'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+)(\d+)"[^>]*>'  # a cell and its reference
    r"(?:(?!</(?:\w+:)?c>).)*?"  # anything before its formula, within the same cell
    r"<(?:\w+:)?f\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?f>)",  # <f>…</f>, or <f …/> (shared)
    re.S,
)


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _formulas(path: Path, part: str) -> dict[tuple[int, int], str]:
    try:
        with zipfile.ZipFile(path) as zf:
            text = zf.read(part).decode("utf-8", errors="replace")
    except Exception:  # the cells themselves were read; only the formula notes are lost
        return {}
    found = {}
    for m in _CELL_F.finditer(text):
        formula = (m.group(4) or "").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        shown = "=" + formula if formula else "=(共享公式)"
        found[(int(m.group(2)) - 1, _col_index(m.group(1)))] = shown
    return found


def _sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name → its XML part, from workbook.xml and its relationships (read with defusedxml)."""
    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    ns_pkg = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    try:
        with zipfile.ZipFile(path) as zf:
            book = safe_fromstring(zf.read("xl/workbook.xml"))
            rels = safe_fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except Exception:
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{ns_pkg}Relationship")}
    parts = {}
    for s in book.iter(f"{ns_main}sheet"):
        target = targets.get(s.get(f"{ns_rel}id"), "")
        parts[s.get("name")] = (target.lstrip("/") if target.startswith("/")
                                else posixpath.normpath(posixpath.join("xl", target)))
    return parts


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else GB18030 (a superset of GBK and GB2312)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(f"文件“{name}”的文字编码无法识别（既不是 UTF-8 也不是 GBK）。"
                         f"请用 Excel 或 WPS 打开后另存为 .xlsx 再导入") from None


def read_csv(path: Path) -> list[list]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"无法读取文件“{path.name}”：{exc.strerror or exc}") from exc
    text = decode_text(data, path.name)
    if "\x00" in text:
        raise InputError(f"文件“{path.name}”含有二进制内容，不是 CSV 表格")
    sample = text[:8192]
    delimiter = max((",", "\t", ";", "，"), key=lambda d: sample.count(d))
    if sample.count(delimiter) == 0:
        delimiter = ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise InputError(f"CSV 文件“{path.name}”格式有误，无法读取：{exc}") from exc
    if len(rows) > MAX_ROWS:
        raise InputError(f"文件“{path.name}”有 {len(rows)} 行，超过上限 {MAX_ROWS} 行，已拒绝导入")
    return rows
