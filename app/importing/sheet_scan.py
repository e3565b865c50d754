"""How big a sheet really is, learned from its XML before a native reader sizes its grid by it.

python-calamine allocates a sheet's whole grid from the furthest cell referenced: one cell at
XFD1048576 (or at A99999999) in a 2 KB file asks for 512 GB and aborts the process; an .ods row
repeated 10⁹ times grows past 6 GB. So the sheet XML is streamed (1 MB at a time, never whole)
and refused when it reaches beyond the caps of app.importing.limits:

- .xlsx: the declared `<dimension ref>`, every row number and every cell reference, the number
  of rows, and the inflated size of each part (cells without references are left to the
  cage's memory limit: the part's size cap bounds them). Regular expressions look only for the
  references that *could* be too far (three-letter columns, six-digit rows), so an honest sheet
  costs one C-speed search per megabyte;
- .ods: `table:number-rows-repeated` / `number-columns-repeated`, counted where they carry a
  value (LibreOffice ends every sheet with a million empty repeated rows, which are harmless).
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError, XMLPullParser

from defusedxml.ElementTree import fromstring as safe_fromstring

from app.errors import InputError
from app.importing import limits
from app.importing.limits import column_letters, column_number

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="([^"]*)"')
# a cell reference with a column past GR (200), or a cell's or row's number of six digits or
# more; it starts with a literal, so the search runs at C speed (0.1 s for the county's sheet)
_FAR = re.compile(rb' r="((?:[A-Z]{3}|[H-Z][A-Z]|G[S-Z]|[A-Z]{0,3}\d{6})[A-Z0-9]*)"')
_REF = re.compile(r"([A-Z]*)(\d+)")
_OVERLAP = 256  # a match may straddle two chunks


def sheet_names_by_part(zf: zipfile.ZipFile) -> dict[str, str]:
    """An .xlsx's sheet parts and the names the user sees on their tabs, from workbook.xml and
    its relationships (small parts, read with defusedxml); {} when they cannot be read."""
    ns_main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    ns_rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    ns_pkg = "{http://schemas.openxmlformats.org/package/2006/relationships}"
    try:
        book = safe_fromstring(zf.read("xl/workbook.xml"))
        rels = safe_fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except Exception:
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{ns_pkg}Relationship")}
    parts = {}
    for s in book.iter(f"{ns_main}sheet"):
        target = targets.get(s.get(f"{ns_rel}id"), "")
        part = (target.lstrip("/") if target.startswith("/")
                else posixpath.normpath(posixpath.join("xl", target)))
        parts[part] = s.get("name") or part
    return parts


def _too_far(file_name: str, sheet: str, ref: str, how: str) -> InputError:
    return InputError(
        f"文件“{file_name}”的工作表“{sheet}”{how} {ref}，超出了正常表格可能的范围（最多 "
        f"{limits.MAX_ROWS} 行、{limits.MAX_COLUMNS} 列，即到 {column_letters(limits.MAX_COLUMNS)}"
        f"{limits.MAX_ROWS}）。这样的文件会让读取耗尽内存，已拒绝打开")


class SheetPartScan:
    """Fed an .xlsx sheet part chunk by chunk; raises InputError as soon as it reaches too far."""

    def __init__(self, file_name: str, sheet: str):
        self.file_name, self.part = file_name, sheet
        self.size = self.rows = 0
        self.tail = b""

    def _check_ref(self, ref: str, how: str, shown: str = "") -> None:
        m = _REF.fullmatch(ref.replace("$", ""))
        if m is None:
            return
        if column_number(m.group(1) or "A") > limits.MAX_COLUMNS or \
                int(m.group(2)) > limits.MAX_ROWS:
            raise _too_far(self.file_name, self.part, shown or ref, how)

    def feed(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > limits.MAX_PART_BYTES:
            raise InputError(
                f"文件“{self.file_name}”的工作表“{self.part}”解压后超过 "
                f"{limits.MAX_PART_BYTES // 1024 // 1024} MB（两万人的花名册约 17 MB），不像花名册，已拒绝打开")
        # rows written without numbers count too (a tag split between two chunks is missed:
        # the cap is five times any real roster, so one row per megabyte does not matter)
        self.rows += chunk.count(b"<row")
        if self.rows > limits.MAX_ROWS:
            raise InputError(f"文件“{self.file_name}”的工作表“{self.part}”有超过 {limits.MAX_ROWS} "
                             f"行，超过上限（一个县的花名册约两万行），已拒绝打开")
        window = self.tail + chunk
        if self.size <= len(chunk) + _OVERLAP:  # the dimension comes near the start
            m = _DIMENSION.search(window)
            if m is not None:
                for ref in m.group(1).decode("ascii", "replace").split(":"):
                    self._check_ref(ref.strip(), "声明的范围到")
        for m in _FAR.finditer(window):
            ref = m.group(1).decode("ascii")
            if ref[0].isalpha():
                self._check_ref(ref, "有一个单元格在")
            else:
                self._check_ref(ref, "用到了第", f"{ref} 行")
        self.tail = chunk[-_OVERLAP:]


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ROW, _CELLS = f"{_TABLE}table-row", (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")


def _repeat(elem, name: str) -> int:
    try:
        return max(1, int(elem.get(f"{_TABLE}{name}", "1")))
    except ValueError:
        return 1


def _row_width(row) -> int:
    """The column just past the last cell holding something (repeats counted)."""
    col = width = 0
    for cell in row:
        if cell.tag not in _CELLS:
            continue
        col += _repeat(cell, "number-columns-repeated")
        if cell.get(f"{_OFFICE}value-type") or len(cell) or (cell.text or "").strip():
            width = col
    return width


def check_ods(zf: zipfile.ZipFile, path: Path) -> None:
    """Refuse an .ods whose cells with values reach beyond the row or column cap."""
    parser = XMLPullParser(events=("start", "end"))
    stack: list = []
    table, rows, used = "", 0, 0
    size = 0
    try:
        with zf.open("content.xml") as fh:
            while chunk := fh.read(1 << 20):
                size += len(chunk)
                if size > limits.MAX_PART_BYTES:
                    raise InputError(f"文件“{path.name}”的内容解压后超过 "
                                     f"{limits.MAX_PART_BYTES // 1024 // 1024} MB，不像正常的表格，已拒绝打开")
                parser.feed(chunk)
                for event, elem in parser.read_events():
                    if event == "start":
                        stack.append(elem)
                        if elem.tag == f"{_TABLE}table":
                            table, rows, used = elem.get(f"{_TABLE}name", ""), 0, 0
                        continue
                    stack.pop()
                    if elem.tag != _ROW:
                        continue
                    repeat, width = _repeat(elem, "number-rows-repeated"), _row_width(elem)
                    if width:
                        used = rows + repeat
                        if used > limits.MAX_ROWS or width > limits.MAX_COLUMNS:
                            raise InputError(
                                f"文件“{path.name}”的工作表“{table}”有内容的范围达到 {used} 行、"
                                f"{width} 列（重复的行或列），超过上限（{limits.MAX_ROWS} 行、"
                                f"{limits.MAX_COLUMNS} 列），这样的文件会耗尽内存，已拒绝打开")
                    rows += repeat
                    if stack:  # keep memory flat: a finished row is dropped from its parent
                        stack[-1].remove(elem)
    except ParseError as exc:
        raise InputError(f"文件“{path.name}”的内容已损坏，无法读取（{exc}）") from exc
