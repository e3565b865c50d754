"""The roster as a printable workbook: title, 宋体, borders, A4 landscape, one page wide,
the header row repeated on every page, 第 N 页 共 M 页 in the footer.

Plain rows in, file out. The column headers are the wordings the importer knows, so an exported
roster can be imported again (by the next secretary, or into another install).
"""

from __future__ import annotations

from copy import copy
from pathlib import Path

from openpyxl import Workbook

from app.export import xlsx_style as xs

COLUMNS = (
    "序号", "姓名", "性别", "出生年月", "年龄", "身份证号", "民族", "离退休", "是否党员", "入党时间",
    "原工作单位及职务", "联系电话", "家庭住址", "村/社区", "居住状况", "身体状况", "状态", "状态日期",
    "备注",
)
HEADER_ROW = 3
_MAX_WIDTH = {"原工作单位及职务": 26, "家庭住址": 28, "备注": 24, "联系电话": 16}


def _kept_columns(rows: list[tuple]) -> list[int]:
    """Columns worth paper: a column nobody filled in (民族, 备注 …) is left out, and so is 状态
    when everyone is 在册 — fewer columns print larger on one page width."""
    keep = []
    for i, name in enumerate(COLUMNS):
        values = {row[i] for row in rows}
        everyone_active = name == "状态" and values == {"在册"}
        if name in ("序号", "姓名") or (values - {"", None} and not everyone_active):
            keep.append(i)
    return keep


def _quote_prefix(sheet, rows: list[tuple]) -> None:
    """Text that Excel would read as a formula (= + - @) also gets Excel's quote-prefix style,
    so editing the cell later in Excel or WPS keeps it text instead of running it."""
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
                sheet.cell(r, c).quotePrefix = True


def _align_column(sheet, col: int, count: int, alignment) -> None:
    """Set one column's alignment: through openpyxl's descriptor once, then by copying the
    style array (20,000 descriptor calls would cost seconds)."""
    if count == 0:
        return
    first = sheet.cell(HEADER_ROW + 1, col)
    first.alignment = alignment
    style = first._style
    for r in range(HEADER_ROW + 2, HEADER_ROW + 1 + count):
        sheet.cell(r, col)._style = copy(style)


def write_roster(path: Path | str, title: str, subtitle: str, rows: list[tuple]) -> Path:
    """Write the roster workbook atomically; `rows` follow COLUMNS (empty columns dropped)."""
    keep = _kept_columns(rows)
    columns = [COLUMNS[i] for i in keep]
    rows = [tuple(row[i] for i in keep) for row in rows]
    book = Workbook()
    sheet = book.active
    sheet.title = "党员花名册"
    ncols = len(columns)
    xs.title_row(sheet, title, ncols, row=1)
    xs._put(sheet, 2, 1, subtitle, align=xs.LEFT, border=False)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncols)
    xs.header_row(sheet, HEADER_ROW, columns)
    xs.write_rows(sheet, HEADER_ROW + 1, rows)
    xs.fit_columns(sheet, first_row=HEADER_ROW, maximum=30)
    for col, name in enumerate(columns, start=1):
        if name in _MAX_WIDTH:
            letter = sheet.cell(HEADER_ROW, col).column_letter
            dim = sheet.column_dimensions[letter]
            dim.width = min(dim.width or _MAX_WIDTH[name], _MAX_WIDTH[name])
            _align_column(sheet, col, len(rows), xs.WRAP)
    xs.fit_merged_rows(sheet)
    xs.page_setup(sheet, landscape=True, header_rows=f"{HEADER_ROW}:{HEADER_ROW}",
                  freeze=f"C{HEADER_ROW + 1}")
    sheet.print_options.horizontalCentered = True
    for col, name in enumerate(columns, start=1):  # short values read better centred
        if name in ("序号", "性别", "年龄", "离退休", "是否党员", "状态"):
            _align_column(sheet, col, len(rows), xs.CENTER)
    _quote_prefix(sheet, rows)  # last: the column styles above are copied cell to cell
    return xs.save_atomic(book, path)
