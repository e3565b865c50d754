"""The common look (宋体, merged bold title, bordered body, shaded header, A4 with repeated header
rows and 第 &P 页 共 &N 页) written as table sheets streamed to disk by XlsxWriter.

Why XlsxWriter and not openpyxl here: the quarterly workbook of a whole county is one book of
1,400 sheets (or 200 books, re-laid by the township merge), about a million styled cells.
openpyxl's write-only mode made every cell an object, bound its value and serialised it through
et_xmlfile: 47 s for the county book, 3.6 × what openpyxl needs for the same values unstyled.
XlsxWriter writes each cell straight out as XML text, styled, in less time than that unstyled
floor. A big book (`streamed`) goes through its constant-memory mode: rows stream to a
temporary file per sheet, so memory stays flat, and each finished sheet's file is closed at
once (1,400 open files would pass the usual limit of 1,024 on Linux desktops). Everything
that depends on the whole table — column widths, the height of a wrapped title — is worked out
from the values before the first row. The roster export (20,000 rows) uses it too.

The book is written to a temporary file beside the target and renamed into place only when it
is complete: a failure (a full disk, a value Excel cannot hold) leaves no file and no debris.
"""

from __future__ import annotations

import contextlib
import math
import os
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import zip_longest
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from app import leftovers
from app.errors import WorkError, write_failure
from app.export import xlsx_print as xp


@dataclass
class TableSheet:
    """One sheet: title, optional note or label lines, header, body rows."""

    name: str
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence] = ()
    note: str = ""  # one wrapped line between title and header (学习考勤's legend)
    info: Sequence[tuple[str, object]] = ()  # label/value lines under the title, unbordered
    column_formats: dict[int, str] = field(default_factory=dict)  # 1-based column → format
    cell_format: Callable[[Sequence, int], str | None] | None = None  # (row, column) → format
    widths: dict[int, float] | None = None  # fixed widths; otherwise fitted to the values
    min_width: float = 6
    narrow_from: int | None = None  # columns from here on get `narrow_width` (wrapped headers)
    narrow_width: float = 9
    header_height: float | None = None
    bold_last_row: bool = False  # a 合计 row
    landscape: bool | None = None  # default: more than seven columns
    freeze_column: str = "A"  # "B" keeps the first column in view too
    column_align: dict[int, str] = field(default_factory=dict)  # 1-based column → center/wrap
    repeat_title: bool = True  # print the title lines on every page, or the header row alone
    center_on_page: bool = False  # the printed table centred between the margins
    before: Sequence[Block] = ()  # smaller tables above the main one (a summary per material)
    heading: str = ""  # a bold line just above the main table's header (with `before`)
    font_size: float = 11
    narrowable: Sequence[int] | None = None  # columns that may give up width to fit the
    # paper (1-based; None: every wrapping column)


@dataclass
class Block:
    """A table above a sheet's main one, sharing its columns: a bold heading, header, rows."""

    heading: str
    headers: Sequence[str]
    rows: Sequence[Sequence] = ()


FONT_NAME = "宋体"  # SimSun: what Excel and WPS on every office PC have, and what forms use
TITLE_SIZE = 16
_BORDERED = {"border": 1, "border_color": "#000000"}  # thin black
_KINDS = {  # kind → XlsxWriter format properties
    "title": {"bold": True, "font_size": TITLE_SIZE, "align": "center", "text_wrap": True},
    "note": {"text_wrap": True, "align": "left"},
    "label": {"bold": True, "align": "left"},
    "plain": {"align": "left"},
    "header": {"bold": True, "align": "center", "text_wrap": True, "pattern": 1,
               "bg_color": "#D9E1F2", **_BORDERED},
    "body": {"align": "left", **_BORDERED},
    "bold": {"bold": True, "align": "left", **_BORDERED},
}
_ALIGN = {"center": {"align": "center", "text_wrap": True},
          "wrap": {"align": "left", "text_wrap": True},
          "right": {"align": "right"}}
DATE_FORMAT = "yyyy-mm-dd"
FORMULA_SIGNS = ("=", "+", "-", "@")  # text starting so would become a formula when edited


class TableBook:
    """A workbook of table sheets written to `path` atomically. Use as a context manager:

        with TableBook(path) as book:
            book.add(TableSheet(...))
        # the file exists here, complete; after an exception it does not
    """

    def __init__(self, path: str | Path, streamed: bool = False):
        """`streamed`: a book of many sheets (the county's, the township merge) streams its
        rows to temporary files and keeps memory flat; a branch's book of eight sheets is
        assembled in memory, which is faster (no temporary files) and small."""
        self.path = Path(path)
        try:
            fd, self._tmp = tempfile.mkstemp(prefix=".~" + self.path.stem, suffix=".xlsx",
                                             dir=self.path.parent or ".")
        except OSError as exc:
            raise WorkError(f"无法在“{self.path.parent}”里保存文件：{write_failure(exc)}。"
                            f"请换一个位置。") from exc
        os.close(fd)
        self._rows_dir = tempfile.mkdtemp(prefix="zhibu-xlsx-") if streamed else None
        # a kill before save() or discard(): the next start removes these (app.leftovers)
        self._note = leftovers.note_writing(Path(self._tmp), *(
            [Path(self._rows_dir)] if self._rows_dir else []))
        self._wb = xlsxwriter.Workbook(self._tmp, {  # only stores options: cannot fail
            "constant_memory": streamed, "in_memory": not streamed,
            **({"tmpdir": self._rows_dir} if streamed else {}),
            # typed text stays text: never a formula, a link or a number
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
        })
        self._formats: dict[tuple, object] = {}
        self._reserved: dict[str, object] = {}

    # writing -----------------------------------------------------------------------------
    def reserve(self, name: str) -> None:
        """Put an empty sheet named `name` here in the sheet order, to be filled later by
        `add` (汇总 comes first but needs every branch's figures)."""
        self._reserved[name] = self._wb.add_worksheet(name)

    def add(self, sheet: TableSheet) -> None:
        """Write `sheet` (into its reserved place if `reserve(sheet.name)` was called)."""
        ws = self._reserved.pop(sheet.name, None) or self._wb.add_worksheet(sheet.name)
        _write_table(ws, sheet, self._format)
        _finished(ws)

    def set_properties(self, properties: dict[str, int | str]) -> None:
        """Custom document properties (how merge-quarter recognises its own workbooks)."""
        for name, value in properties.items():
            self._wb.set_custom_property(name, value)

    def add_form(self, name: str, write: Callable) -> None:
        """A sheet laid out by `write(ws, fmt)` itself (the formal 汇总), in the common look:
        `fmt` is this book's format maker (see `_format`)."""
        ws = self._reserved.pop(name, None) or self._wb.add_worksheet(name)
        write(ws, self._format)
        _finished(ws)

    def _format(self, kind: str, number_format: str | None = None, align: str | None = None,
                quote: bool = False, size: float = 11, **extra):
        """The workbook's format for a kind of cell, made once. `quote`: Excel's quote-prefix
        mark, so text like "=1+1" stays text when the cell is edited later in Excel or WPS.
        `extra`: more XlsxWriter properties (indent, bold, border …)."""
        key = (kind, number_format, align, quote, size, tuple(sorted(extra.items())))
        fmt = self._formats.get(key)
        if fmt is None:
            props = {"font_name": FONT_NAME, "font_size": size, "valign": "vcenter",
                     **_KINDS[kind], **_ALIGN.get(align, {}), **extra}
            if number_format:
                props["num_format"] = number_format
            if quote:
                props["quote_prefix"] = True
            fmt = self._formats[key] = self._wb.add_format(props)
        return fmt

    # finishing ---------------------------------------------------------------------------
    def save(self) -> Path:
        """Assemble the workbook and move it into place; on any failure remove every trace."""
        try:
            try:
                self._wb.close()
            except FileCreateError as exc:  # XlsxWriter wraps the OSError (disk full, …)
                cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else None
                raise (cause or OSError(str(exc))) from None
            umask = os.umask(0)  # mkstemp makes the file private; give it a normal file's mode
            os.umask(umask)
            os.chmod(self._tmp, 0o666 & ~umask)
            os.replace(self._tmp, self.path)
        except OSError as exc:
            _close_zip_files(exc)
            self.discard()
            raise WorkError(f"无法保存“{self.path.name}”：{write_failure(exc)}。没有留下不完整的"
                            f"文件；若它正在 Excel/WPS 中打开，请先关闭再试。") from exc
        except BaseException:
            self.discard()
            raise
        self._remove_rows_dir()
        leftovers.done_writing(self._note)
        return self.path

    def discard(self) -> None:
        """Drop the half-made book: its temporary files and the temporary target."""
        for ws in self._wb.worksheets():
            _finished(ws)
        self._remove_rows_dir()
        with contextlib.suppress(OSError):  # never hide the error that brought us here
            Path(self._tmp).unlink(missing_ok=True)
        leftovers.done_writing(self._note)

    def _remove_rows_dir(self) -> None:
        if self._rows_dir:
            shutil.rmtree(self._rows_dir, ignore_errors=True)

    def __enter__(self) -> TableBook:
        return self

    def __exit__(self, kind, _value, _tb) -> None:
        if kind is None:
            self.save()
        else:
            self.discard()


def _close_zip_files(exc: BaseException) -> None:
    """XlsxWriter leaves its half-written zip open when a write fails (a full disk); on Windows
    the open handle would keep the temporary file from being removed. Close it now."""
    tb = exc.__traceback__
    while tb is not None:
        for value in list(tb.tb_frame.f_locals.values()):
            if isinstance(value, zipfile.ZipFile):
                with contextlib.suppress(OSError):
                    value.close()  # the end record fails again; the file handle is let go
        tb = tb.tb_next
    cause = exc.__context__ or exc.__cause__
    if cause is not None and cause is not exc:
        _close_zip_files(cause)


def _finished(ws) -> None:
    """Close a finished sheet's row file; XlsxWriter reopens it when it assembles the book.
    (`_opt_close` is XlsxWriter's own step for this, called here per sheet, not at the end.)"""
    close = getattr(ws, "_opt_close", None)
    if close is not None and getattr(ws, "row_data_fh", None) is not None:
        close()


def fitted_widths(headers: Sequence, rows: Sequence[Sequence], minimum: float = 6,
                  maximum: float = 40) -> dict[int, float]:
    """Column widths from the longest text in the header and body, within minimum..maximum."""
    widths: dict[int, float] = {}
    # column by column over the distinct values: 学习考勤's hundred columns of ✓ and 缺 are
    # measured once each, not once per cell
    for col, column in enumerate(zip_longest(headers, *rows), start=1):
        w = max((text_width(v) for v in set(column) if v is not None and v != ""), default=0)
        if w:
            widths[col] = w
    return {col: max(minimum, min(maximum, w + 2)) for col, w in widths.items()}


def text_width(value) -> float:
    """Width in Excel's character units: a Chinese character is about two Latin ones. Text
    broken into lines ("07-05\n学习日") is as wide as its longest line."""
    text = "" if value is None else str(value)
    return max(sum(2.1 if ord(ch) > 0x2E80 else 1.1 for ch in line)
               for line in text.split("\n"))


def wrapped_height(text: str, size: float, span: float) -> float:
    lines = max(1, math.ceil(text_width(text) * size / 11 / max(span, 1)))
    return lines * size * 1.45 + 6


def _put(ws, row: int, col: int, value, fmt) -> None:
    """One cell by its type (0-based row and column): text stays text, whatever it starts with."""
    if value is None or value == "":
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, str):
        ws.write_string(row, col, value, fmt)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, fmt)
    elif isinstance(value, (date, datetime)):
        ws.write_datetime(row, col, value, fmt)
    else:
        ws.write_string(row, col, str(value), fmt)


def _write_table(ws, sheet: TableSheet, fmt: Callable) -> None:
    size = sheet.font_size
    ncols = max([len(sheet.headers), 2 if sheet.info else 1]
                + [len(b.headers) for b in sheet.before])
    wrapping = (list(sheet.narrowable) if sheet.narrowable is not None
                else [c for c, a in sheet.column_align.items() if a == "wrap"])
    if sheet.widths is not None:
        widths = dict(sheet.widths)
    else:
        widths = fitted_widths(sheet.headers, sheet.rows, minimum=sheet.min_width)
        for block in sheet.before:
            for col, w in fitted_widths(block.headers, block.rows, sheet.min_width).items():
                widths[col] = max(w, widths.get(col, 0))
    if sheet.narrow_from:
        for col in range(sheet.narrow_from, ncols + 1):
            widths[col] = sheet.narrow_width
    widths = {c: w * size / 11 for c, w in widths.items()}
    widths, landscape = xp.fit_widths(widths, wrapping, sheet.landscape)
    for col, width in widths.items():
        ws.set_column(col - 1, col - 1, width)
    span = sum(widths.get(c, 8.43) for c in range(1, ncols + 1))

    ahead = sum(len(b.rows) + 3 for b in sheet.before) + (1 if sheet.heading else 0)
    header_at = 2 + (1 if sheet.note else 0) + len(sheet.info) + ahead  # 1-based
    top = 0 if sheet.repeat_title and not sheet.before else header_at - 1
    # a long summary above the list would fill the screen if frozen with it: the title only
    freeze_row = header_at if header_at <= 12 else 1
    xp.page_setup(ws, landscape, repeat=(top, header_at - 1),
                  freeze=(freeze_row, ord(sheet.freeze_column.upper()) - ord("A")))
    if sheet.center_on_page:
        ws.center_horizontally()

    row = 0  # 0-based from here on, as XlsxWriter counts
    ws.set_row(row, wrapped_height(sheet.title, TITLE_SIZE, span))
    _line(ws, row, ncols, sheet.title, fmt("title"))
    if sheet.note:
        row += 1
        ws.set_row(row, wrapped_height(sheet.note, size, span))
        _line(ws, row, ncols, sheet.note, fmt("note", size=size))
    for label, value in sheet.info:
        row += 1
        _put(ws, row, 0, label, fmt("label", size=size))
        _put(ws, row, 1, value, fmt("plain", size=size))
    for block in sheet.before:
        row = _block(ws, row + 1, ncols, block.heading, block.headers, block.rows, sheet, fmt,
                     widths)
        row += 1  # a blank line between the tables
    if sheet.heading:
        row += 1
        _line(ws, row, ncols, sheet.heading, fmt("label", size=size))
    _block(ws, row + 1, ncols, "", sheet.headers, sheet.rows, sheet, fmt, widths)


def _block(ws, row: int, ncols: int, heading: str, headers: Sequence[str],
           rows: Sequence[Sequence], sheet: TableSheet, fmt: Callable,
           widths: dict[int, float]) -> int:
    """[A heading line,] a header row and the body rows from 0-based `row`; returns the last
    row written. Numbers are right-aligned, long text wraps where `column_align` says, and a
    row whose text wraps is given the height of its lines (LibreOffice does not grow it)."""
    size = sheet.font_size
    if heading:
        _line(ws, row, ncols, heading, fmt("label", size=size))
        row += 1
    header = fmt("header", size=size)
    _fit_height(ws, row, headers, range(1, len(headers) + 1), widths, size,
                sheet.header_height)
    for col, text in enumerate(headers):
        _put(ws, row, col, text, header)
    align = sheet.column_align
    wrapping = [c for c, a in align.items() if a in ("wrap", "center")]
    last = len(rows) - 1
    for i, values in enumerate(rows):
        row += 1
        _fit_height(ws, row, values, wrapping, widths, size)
        kind = "bold" if sheet.bold_last_row and i == last else "body"
        for col, value in enumerate(values, start=1):
            number_format, quote, where = None, False, align.get(col)
            if isinstance(value, str):
                quote = value.startswith(FORMULA_SIGNS)
            elif isinstance(value, (date, datetime)):
                number_format = DATE_FORMAT
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                number_format = sheet.column_formats.get(col) or (
                    sheet.cell_format(values, col) if sheet.cell_format else None)
                where = "center" if where == "center" else "right"
            _put(ws, row, col - 1, value, fmt(kind, number_format, where, quote, size))
    return row


def _fit_height(ws, row: int, values: Sequence, columns, widths: dict[int, float],
                size: float, at_least: float | None = None) -> None:
    """Set the row's height when text in the wrapping `columns` needs more than one line."""
    lines = max((xp.lines_needed(values[c - 1], widths.get(c, 8.43), size)
                 for c in columns if c <= len(values) and isinstance(values[c - 1], str)
                 and values[c - 1]), default=1)
    height = xp.row_height(lines, size) if lines > 1 else None
    if at_least and (height is None or height < at_least):
        height = at_least
    if height:
        ws.set_row(row, height)


def _line(ws, row: int, ncols: int, text: str, fmt) -> None:
    """A title or note: one cell merged across the table's width."""
    if ncols > 1:
        ws.merge_range(row, 0, row, ncols - 1, text, fmt)
    else:
        _put(ws, row, 0, text, fmt)
