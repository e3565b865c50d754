"""The common look (xlsx_style) written in openpyxl's write-only mode: a table sheet at a time.

Why: the quarterly workbook of a whole county is 200 books or one book of 1,400 sheets, and the
township merge re-lays 200 books. openpyxl's normal mode keeps every cell of every sheet as an
object until save (664 MB for the merge) and styles each through descriptors; write-only mode
streams each row to disk. Write-only cells cannot be looked at again, so everything that depends
on the whole table — column widths, the height of a wrapped title — is worked out from the values
before the first row is written. The look is the same as xlsx_style's: 宋体, merged bold title,
bordered body, shaded header, A4 with repeated header rows and 第 &P 页 共 &N 页.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from copy import copy
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from app.export import xlsx_style as xs


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


class _Styles:
    """Style arrays made once per workbook and copied onto each cell (descriptors are slow)."""

    def __init__(self, ws):
        self.ws = ws
        self._cache: dict[tuple, object] = {}

    def cell(self, value, kind: str = "body", number_format: str | None = None):
        key = (kind, number_format)
        template = self._cache.get(key)
        cell = WriteOnlyCell(self.ws, value=value)
        if isinstance(value, str) and value[:1] in "=+-@":
            cell.data_type = "s"  # typed text stays text, never a formula
        if template is None:
            font, align, border, fill = _KINDS[kind]
            cell.font, cell.alignment = font, align
            if border:
                cell.border = xs.BORDER
            if fill is not None:
                cell.fill = fill
            if number_format:
                cell.number_format = number_format
            self._cache[key] = copy(cell._style)
        else:
            cell._style = copy(template)
        return cell


_KINDS = {  # kind → font, alignment, bordered, fill
    "title": (xs.TITLE_FONT, xs.CENTER, False, None),
    "note": (xs.BODY_FONT, xs.WRAP, False, None),
    "label": (xs.HEADER_FONT, xs.LEFT, False, None),
    "plain": (xs.BODY_FONT, xs.LEFT, False, None),
    "header": (xs.HEADER_FONT, xs.CENTER, True, xs.HEADER_FILL),
    "body": (xs.BODY_FONT, xs.LEFT, True, None),
    "bold": (xs.HEADER_FONT, xs.LEFT, True, None),
}


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def fitted_widths(headers: Sequence, rows: Sequence[Sequence], minimum: float = 6,
                  maximum: float = 40) -> dict[int, float]:
    """Column widths from the longest text in the header and body (as xlsx_style.fit_columns)."""
    widths: dict[int, float] = {}
    for line in (headers, *rows):
        for col, value in enumerate(line, start=1):
            if value is None or value == "":
                continue
            w = xs._width(value)
            if w > widths.get(col, 0):
                widths[col] = w
    return {col: max(minimum, min(maximum, w + 2)) for col, w in widths.items()}


def _wrapped_height(text: str, size: float, span: float) -> float:
    lines = max(1, math.ceil(xs._width(text) * size / 11 / max(span, 1)))
    return lines * size * 1.45 + 6


def write_table(wb: Workbook, sheet: TableSheet) -> None:
    """Add `sheet` to the write-only workbook `wb`, streamed row by row."""
    ws = wb.create_sheet(sheet.name)
    styles = _Styles(ws)
    ncols = max(len(sheet.headers), 2 if sheet.info else 1)
    widths = dict(sheet.widths) if sheet.widths is not None else fitted_widths(
        sheet.headers, sheet.rows, minimum=sheet.min_width)
    if sheet.narrow_from:
        for col in range(sheet.narrow_from, ncols + 1):
            widths[col] = sheet.narrow_width
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    span = sum(widths.get(c, 8.43) for c in range(1, ncols + 1))

    # the sheet view (frozen panes) is written before the first row: settle the layout first
    header_at = 2 + (1 if sheet.note else 0) + len(sheet.info)
    landscape = sheet.landscape if sheet.landscape is not None else ncols > 7
    _page_setup(ws, landscape, f"1:{header_at}", freeze=f"{sheet.freeze_column}{header_at + 1}")

    row = 1
    ws.row_dimensions[1].height = _wrapped_height(sheet.title, xs.TITLE_FONT.sz, span)
    if ncols > 1:
        ws.merged_cells.add(f"A1:{get_column_letter(ncols)}1")
    ws.append([styles.cell(sheet.title, "title")])
    if sheet.note:
        row += 1
        ws.row_dimensions[row].height = _wrapped_height(sheet.note, 11, span)
        if ncols > 1:
            ws.merged_cells.add(f"A{row}:{get_column_letter(ncols)}{row}")
        ws.append([styles.cell(sheet.note, "note")])
    for label, value in sheet.info:
        row += 1
        ws.append([styles.cell(label, "label"), styles.cell(xs.safe_text(value), "plain")])
    if sheet.header_height:
        ws.row_dimensions[header_at].height = sheet.header_height
    ws.append([styles.cell(text, "header") for text in sheet.headers])

    last = len(sheet.rows) - 1
    for i, values in enumerate(sheet.rows):
        kind = "bold" if sheet.bold_last_row and i == last else "body"
        cells = []
        for col, value in enumerate(values, start=1):
            fmt = None
            if isinstance(value, (int, float)):
                fmt = sheet.column_formats.get(col) or (
                    sheet.cell_format(values, col) if sheet.cell_format else None)
            cells.append(styles.cell(xs.safe_text(value), kind, fmt))
        ws.append(cells)


def _page_setup(ws, landscape: bool, header_rows: str, freeze: str) -> None:
    ws.page_setup.paperSize = "9"  # A4 (write-only sheets lack the PAPERSIZE_A4 constant)
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = header_rows
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.freeze_panes = freeze
