"""Reading a checked file into sheets of raw cell values, row 0 being Excel's row 1.

xlsx, xls and ods go through python-calamine (ten times faster than openpyxl; it hands back a
formula cell's cached value), in a child process (app.importing.cage). csv is decoded as UTF-8 (with or without BOM) or GB18030 (which covers GBK,
what Excel on a Chinese PC writes). Formulas in an xlsx are found by scanning the sheet's XML,
so the report can say which cells held one.
"""

from __future__ import annotations

import codecs
import csv
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import InputError
from app.importing import limits
from app.importing.cage import Cage
from app.importing.guard import MAX_ROWS, CheckedFile
from app.importing.headers import find_header
from app.importing.sheet_scan import sheet_names_by_part
from app.importing import two_hands
from app.importing.two_hands import SheetHead, read_and_keep, split_sheet


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


def load_head(checked: CheckedFile, sheet: str | None, cage: Cage) -> SheetHead:
    """The file's sheet names, the first sheet with a recognisable header (or `sheet`), the
    names of the sheets looked at, and the rows this process cleans (app.importing.two_hands).
    A workbook is read by python-calamine in the reader child (app.importing.cage), so a reader
    that crashes, panics or runs away costs the program nothing — the child keeps the second
    half of a big sheet to clean it; a CSV is read here, streamed under the caps."""
    if checked.kind == "csv":
        if sheet:
            raise InputError(f"CSV 文件“{checked.path.name}”只有一张表，不能指定工作表“{sheet}”")
        names = [checked.path.stem]
        head = split_sheet(names, Sheet(checked.path.stem, read_csv(checked.path)), names, None)
    else:
        head = cage.call(checked.path.name, read_and_keep, read_book, str(checked.path), sheet,
                         list(checked.formula_parts), two_hands.SPLIT_FROM)
    if head.total > MAX_ROWS:
        raise InputError(f"文件“{checked.path.name}”的工作表“{head.name}”有 {head.total} 行，"
                         f"超过上限 {MAX_ROWS} 行，不像花名册，已拒绝导入")
    return head


def _calamine_error(path: Path, exc: Exception) -> InputError:
    text = str(exc)
    if "password" in text.lower() or "encrypt" in text.lower() or type(exc).__name__ == \
            "PasswordError":
        return InputError(f"文件“{path.name}”设置了密码，无法读取。请在 Excel / WPS 中取消密码后另存，再导入")
    return InputError(f"文件“{path.name}”已损坏，无法读取（{text[:200]}）。"
                      f"请用 Excel 或 WPS 打开后“另存为” .xlsx 再导入")


def read_book(path_text: str, sheet: str | None, formula_parts: list[str]
              ) -> tuple[list[str], Sheet | None, list[str]]:
    """In the reader child: the sheet names, the first sheet (visible ones first) whose first
    rows hold a header — or the named sheet — and the sheets looked at."""
    from python_calamine import CalamineWorkbook  # late: in the reader child only (cage)

    path = Path(path_text)
    try:
        book = CalamineWorkbook.from_path(path_text)
        names = list(book.sheet_names)
    except Exception as exc:  # calamine raises its own classes and plain ValueErrors
        raise _calamine_error(path, exc) from exc
    order = names
    if sheet:
        if sheet not in names:
            raise InputError(f"文件“{path.name}”中没有名为“{sheet}”的工作表（有：{'、'.join(names)}）")
        order = [sheet]
    else:  # hidden sheets (old copies, lookup lists) are not what the secretary sees: last
        try:
            from python_calamine import SheetTypeEnum, SheetVisibleEnum

            shown = {m.name for m in book.sheets_metadata
                     if m.visible == SheetVisibleEnum.Visible and m.typ == SheetTypeEnum.WorkSheet}
        except Exception:
            shown = set(names)
        order = [n for n in names if n in shown] + [n for n in names if n not in shown]
    parts = _sheet_parts(path) if formula_parts else {}
    looked = []
    try:
        for name in order:
            looked.append(name)
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
            if sheet is None and find_header(rows) is None:
                continue
            part = parts.get(name)
            formulas = _formulas(path, part) if part in formula_parts else {}
            return names, Sheet(name, rows, formulas, merged), looked
    finally:
        try:
            book.close()
        except Exception:
            pass
    return names, None, looked


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
    """Sheet name → its XML part."""
    try:
        with zipfile.ZipFile(path) as zf:
            return {name: part for part, name in sheet_names_by_part(zf).items()}
    except Exception:
        return {}


def _encoding(path: Path) -> str:
    """UTF-8 (BOM or not), UTF-16 with BOM, else GB18030 (a superset of GBK and GB2312, what
    Excel on a Chinese PC writes). Decided by streaming the file once, 1 MB at a time."""
    with path.open("rb") as fh:
        head = fh.read(4)
        if head.startswith(b"\xef\xbb\xbf"):
            return "utf-8-sig"
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            return "utf-16"
        for encoding in ("utf-8", "gb18030"):
            fh.seek(0)
            decoder = codecs.getincrementaldecoder(encoding)()
            try:
                while chunk := fh.read(1 << 20):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
                return encoding
            except UnicodeDecodeError:
                continue
    raise InputError(f"文件“{path.name}”的文字编码无法识别（既不是 UTF-8 也不是 GBK）。"
                     f"请用 Excel 或 WPS 打开后另存为 .xlsx 再导入")


def read_csv(path: Path) -> list[list]:
    """The rows of a CSV file, streamed: a byte cap first, then rows and columns counted as they
    are read, so a 60 MB file of newlines is refused after MAX_ROWS lines with flat memory."""
    try:
        size = path.stat().st_size
        if size > limits.MAX_CSV_BYTES:
            raise InputError(
                f"CSV 文件“{path.name}”有 {size / 1024 / 1024:.0f} MB，超过上限 "
                f"{limits.MAX_CSV_BYTES // 1024 // 1024} MB（两万人的花名册约 3 MB），不像花名册，已拒绝导入")
        encoding = _encoding(path)
        with path.open(encoding=encoding, errors="replace", newline="") as fh:
            sample = fh.read(8192)
            delimiter = max((",", "\t", ";", "，"), key=lambda d: sample.count(d))
            if sample.count(delimiter) == 0:
                delimiter = ","
            fh.seek(0)
            return _csv_rows(path, csv.reader(fh, delimiter=delimiter))
    except OSError as exc:
        raise InputError(f"无法读取文件“{path.name}”：{exc.strerror or exc}") from exc
    except csv.Error as exc:
        text = str(exc)
        if "NUL" in text or "\x00" in text:
            raise InputError(f"文件“{path.name}”含有二进制内容，不是 CSV 表格") from exc
        raise InputError(f"CSV 文件“{path.name}”格式有误，无法读取：{exc}") from exc


def _csv_rows(path: Path, reader) -> list[list]:
    rows = []
    for row in reader:
        if len(rows) >= MAX_ROWS:
            raise InputError(f"文件“{path.name}”超过 {MAX_ROWS} 行（一个县的花名册约两万行），"
                             f"不像花名册，已拒绝导入")
        if len(row) > limits.MAX_COLUMNS:
            raise InputError(f"文件“{path.name}”第 {len(rows) + 1} 行有 {len(row)} 列，超过上限 "
                             f"{limits.MAX_COLUMNS} 列，不像花名册，已拒绝导入")
        if any("\x00" in v for v in row):
            raise InputError(f"文件“{path.name}”含有二进制内容，不是 CSV 表格")
        rows.append(row)
    return rows
