"""The township roll-up (merge-quarter): several branches' quarterly workbooks into one.

Inputs are checked completely before anything is written: each must carry this program's
version mark, all must be of the same quarter, no branch twice; a damaged file is named. The
output's 汇总 has one row per branch (columns = the labels) and a 合计 row whose counts are sums
and whose rates are recomputed from the summed counts — never averaged. Each branch's sheets
are then copied (values and the common look), named "{支部}-{sheet}" within Excel's 31 chars.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from copy import copy
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook

from app.errors import InputError
from app.export import xlsx_style as xs
from app.export.quarterly_xlsx import MARK_NAME, PERCENT, set_mark
from app.services.quarter_figures import LABELS, RATE_LABELS, apply_rates


@dataclass
class BranchBook:
    path: Path
    branch: str
    year: int
    quarter: int
    figures: dict[str, int | float]
    wb: object


def _props(wb) -> dict:
    return {p.name: p.value for p in wb.custom_doc_props}


def read_book(path: Path) -> BranchBook:
    """Open one branch's workbook and read its figures by label; InputError naming the file."""
    name = path.name
    if not path.is_file():
        raise InputError(f"找不到文件：{path}")
    try:
        wb = load_workbook(path)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise InputError(f"文件“{name}”已损坏或不是 Excel 工作簿，无法读取（{type(exc).__name__}）。")
    props = _props(wb)
    if MARK_NAME not in props or props.get("zhibu-kind", "branch") != "branch":
        raise InputError(f"文件“{name}”不是本程序生成的支部季度报表，不能汇总。")
    if "汇总" not in wb.sheetnames:
        raise InputError(f"文件“{name}”缺少“汇总”工作表，可能已被改动，不能汇总。")
    ws = wb["汇总"]
    found: dict[str, int | float] = {}
    for label, value in ws.iter_rows(min_col=1, max_col=2, values_only=True):
        if label in LABELS:
            found[label] = value
    missing = [lb for lb in LABELS if not isinstance(found.get(lb), (int, float))]
    if missing:
        raise InputError(f"文件“{name}”的“汇总”表缺少或改动了这些数值：{'、'.join(missing)}。")
    return BranchBook(path, str(props.get("zhibu-branch", "")), int(props["zhibu-year"]),
                      int(props["zhibu-quarter"]), found, wb)


def merge_quarter(paths: list[Path], out: Path,
                    progress: Callable[[int, int], None] | None = None) -> dict:
    """Check every input, then write the roll-up; returns what was merged."""
    if not paths:
        raise InputError("请至少给出一个支部季度报表文件。")
    books: list[BranchBook] = []
    for i, path in enumerate(paths):
        book = read_book(Path(path))
        if books and (book.year, book.quarter) != (books[0].year, books[0].quarter):
            raise InputError(
                f"文件“{book.path.name}”是 {book.year}年第{book.quarter}季度，而“{books[0].path.name}”是 "
                f"{books[0].year}年第{books[0].quarter}季度：不同季度的报表不能汇总。")
        for other in books:
            if other.branch == book.branch:
                raise InputError(f"文件“{book.path.name}”和“{other.path.name}”都是“{book.branch}”"
                                 f"的报表：同一支部不能汇总两次。")
        books.append(book)
        if progress:
            progress(i + 1, len(paths) * 2)
    year, quarter = books[0].year, books[0].quarter
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    summary_sheet(ws, [(b.branch, b.figures) for b in books], year, quarter)
    used = {"汇总"}
    for i, book in enumerate(books):
        for src in book.wb.worksheets:
            _copy_sheet(src, wb.create_sheet(unique_name(f"{book.branch}-{src.title}", used)))
        if progress:
            progress(len(paths) + i + 1, len(paths) * 2)
    set_mark(wb, "", year, quarter, kind="township")
    xs.save_atomic(wb, out)
    return {"output": str(out), "year": year, "quarter": quarter,
            "branches": [b.branch for b in books]}


def summary_sheet(ws, branches: list[tuple[str, dict]], year: int, quarter: int) -> None:
    """One row per branch (name, figures by label) and a 合计 row with rates recomputed."""
    headers = ["支部"] + list(LABELS)
    xs.title_row(ws, f"{year}年第{quarter}季度各支部工作情况汇总表", len(headers))
    xs.header_row(ws, 2, headers)
    total = {lb: sum(f[lb] for _, f in branches) for lb in LABELS if lb not in RATE_LABELS}
    apply_rates(total)
    rows = [[name] + [f[lb] for lb in LABELS] for name, f in branches]
    rows.append(["合计"] + [total[lb] for lb in LABELS])
    percent = {i + 2: PERCENT for i, lb in enumerate(LABELS) if lb in RATE_LABELS}
    xs.write_rows(ws, 3, rows, percent)
    for col in range(1, len(headers) + 1):
        ws.cell(3 + len(branches), col).font = xs.HEADER_FONT
    xs.fit_columns(ws, first_row=3, minimum=8)
    for col in range(2, len(headers) + 1):  # headers wrap: numbers need only a narrow column
        ws.column_dimensions[ws.cell(2, col).column_letter].width = 9
    ws.row_dimensions[2].height = 60
    xs.page_setup(ws, landscape=True, header_rows="1:2", freeze="B3")


def unique_name(name: str, used: set[str]) -> str:
    for ch in "[]:*?/\\":
        name = name.replace(ch, "_")
    base, n = name[:31], 2
    candidate = base
    while candidate in used:
        suffix = f"({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate)
    return candidate


def _copy_sheet(src, dst) -> None:
    """Values and look of one sheet (openpyxl cannot copy between workbooks itself)."""
    for row in src.iter_rows():
        for cell in row:
            if cell.value is None and not cell.has_style:
                continue
            new = dst.cell(row=cell.row, column=cell.column, value=cell.value)
            if cell.data_type == "s" and isinstance(cell.value, str):
                new.data_type = "s"  # text such as "=1+1" stays text
            if cell.has_style:
                new.font, new.border = copy(cell.font), copy(cell.border)
                new.fill, new.alignment = copy(cell.fill), copy(cell.alignment)
                new.number_format = cell.number_format
    for rng in src.merged_cells.ranges:
        dst.merge_cells(str(rng))
    for key, dim in src.column_dimensions.items():
        dst.column_dimensions[key].width = dim.width
    dst.freeze_panes = src.freeze_panes
    ps = src.page_setup
    xs.page_setup(dst, landscape=ps.orientation == "landscape",
                  header_rows=src.print_title_rows.replace("$", "") if src.print_title_rows
                  else "1:2")
