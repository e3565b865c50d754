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
          "wrap": {"align": "left", "text_wrap": True}}
DATE_FORMAT = "yyyy-mm-dd"
FORMULA_SIGNS = ("=", "+", "-", "@")  # text starting so would become a formula when edited
# the types a row may hold to be written in one call (the workbook's string_to_* options are
# off, so text is never taken for a formula or a link; None and "" become bordered blanks)
_TEXT_AND_NUMBERS = frozenset({str, int, float, type(None)})


class TableBook:
    """A workbook of table sheets written to `path` atomically. Use as a context manager:

        with TableBook(path) as book:
            book.add(TableSheet(...))
        # the file exists here, complete; after an exception it does not
    """

    def __init__(self, path: str | Path, streamed: bool = False):
        """`streamed`: a book of many sheets (the county's, the township merge) streams its
        rows to temporary files and keeps memory flat; a branch's book of seven sheets is
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

    def _format(self, kind: str, number_format: str | None = None, align: str | None = None,
                quote: bool = False):
        """The workbook's format for a kind of cell, made once. `quote`: Excel's quote-prefix
        mark, so text like "=1+1" stays text when the cell is edited later in Excel or WPS."""
        key = (kind, number_format, align, quote)
        fmt = self._formats.get(key)
        if fmt is None:
            props = {"font_name": FONT_NAME, "font_size": 11, "valign": "vcenter",
                     **_KINDS[kind], **_ALIGN.get(align, {})}
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
    """Width in Excel's character units: a Chinese character is about two Latin ones."""
    text = "" if value is None else str(value)
    return sum(2.1 if ord(ch) > 0x2E80 else 1.1 for ch in text)


def _wrapped_height(text: str, size: float, span: float) -> float:
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
    ncols = max(len(sheet.headers), 2 if sheet.info else 1)
    widths = dict(sheet.widths) if sheet.widths is not None else fitted_widths(
        sheet.headers, sheet.rows, minimum=sheet.min_width)
    if sheet.narrow_from:
        for col in range(sheet.narrow_from, ncols + 1):
            widths[col] = sheet.narrow_width
    for col, width in widths.items():
        ws.set_column(col - 1, col - 1, width)
    span = sum(widths.get(c, 8.43) for c in range(1, ncols + 1))

    header_at = 2 + (1 if sheet.note else 0) + len(sheet.info)  # 1-based row of the header
    _page_setup(ws, sheet.landscape if sheet.landscape is not None else ncols > 7,
                repeat=(0 if sheet.repeat_title else header_at - 1, header_at - 1),
                freeze=(header_at, ord(sheet.freeze_column.upper()) - ord("A")))
    if sheet.center_on_page:
        ws.center_horizontally()

    row = 0  # 0-based from here on, as XlsxWriter counts
    ws.set_row(row, _wrapped_height(sheet.title, TITLE_SIZE, span))
    _line(ws, row, ncols, sheet.title, fmt("title"))
    if sheet.note:
        row += 1
        ws.set_row(row, _wrapped_height(sheet.note, 11, span))
        _line(ws, row, ncols, sheet.note, fmt("note"))
    for label, value in sheet.info:
        row += 1
        _put(ws, row, 0, label, fmt("label"))
        _put(ws, row, 1, value, fmt("plain"))
    row += 1
    if sheet.header_height:
        ws.set_row(row, sheet.header_height)
    header = fmt("header")
    for col, text in enumerate(sheet.headers):
        _put(ws, row, col, text, header)

    plain = not (sheet.column_formats or sheet.cell_format or sheet.column_align)
    align = sheet.column_align
    last = len(sheet.rows) - 1
    for i, values in enumerate(sheet.rows):
        row += 1
        kind = "bold" if sheet.bold_last_row and i == last else "body"
        if (plain and _TEXT_AND_NUMBERS.issuperset(map(type, values))
                and not any(type(v) is str and v.startswith(FORMULA_SIGNS) for v in values)):
            ws.write_row(row, 0, values, fmt(kind))  # one format for the row: the fast path
            continue
        for col, value in enumerate(values, start=1):
            number_format, quote = None, False
            if isinstance(value, str):
                quote = value.startswith(FORMULA_SIGNS)
            elif isinstance(value, (date, datetime)):
                number_format = DATE_FORMAT
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                number_format = sheet.column_formats.get(col) or (
                    sheet.cell_format(values, col) if sheet.cell_format else None)
            _put(ws, row, col - 1, value, fmt(kind, number_format, align.get(col), quote))


def _line(ws, row: int, ncols: int, text: str, fmt) -> None:
    """A title or note: one cell merged across the table's width."""
    if ncols > 1:
        ws.merge_range(row, 0, row, ncols - 1, text, fmt)
    else:
        _put(ws, row, 0, text, fmt)


def _page_setup(ws, landscape: bool, repeat: tuple[int, int], freeze: tuple[int, int]) -> None:
    ws.set_paper(9)  # A4
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)  # one page wide, as many pages long as it takes
    ws.repeat_rows(*repeat)
    ws.set_footer("&C第 &P 页 共 &N 页")
    ws.set_margins(left=0.4, right=0.4)
    ws.freeze_panes(*freeze)
