"""The township roll-up (merge-quarter): several branches' quarterly workbooks into one.

Inputs are checked completely before anything is written: each must carry this program's
version mark, all must be of the same quarter, no branch twice; a damaged file is named. The
output's 汇总 has one row per branch (columns = the labels) and a 合计 row whose counts are sums
and whose rates are recomputed from the summed counts — never averaged. Each branch's sheets
are then rewritten (values, in the common look), named "{支部}-{sheet}" within Excel's 31 chars.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook

from app.errors import InputError
from app.export import xlsx_style as xs
from app.export.quarterly_xlsx import MARK_NAME, PERCENT, set_mark, write_sheet
from app.services.quarterly import Sheet
from app.services.quarter_figures import LABELS, RATE_LABELS, apply_rates


@dataclass
class BranchBook:
    path: Path
    branch: str
    year: int
    quarter: int
    figures: dict[str, int | float]
    sheets: list  # (sheet name, rows of cell values) as read


def _props(wb) -> dict:
    return {p.name: p.value for p in wb.custom_doc_props}


def read_book(path: Path) -> BranchBook:
    """Check one branch's workbook and read its cells; InputError naming the file.

    openpyxl (read-only, lazy) is used only for the document properties; the cells come from
    calamine, which reads a workbook several times faster than openpyxl's full load."""
    from python_calamine import CalamineWorkbook

    name = path.name
    if not path.is_file():
        raise InputError(f"找不到文件：{path}")
    try:
        wb = load_workbook(path, read_only=True)
        props = _props(wb)
        wb.close()
        book = CalamineWorkbook.from_path(str(path))
        sheets = [(n, book.get_sheet_by_name(n).to_python()) for n in book.sheet_names]
    except Exception as exc:  # any reader failure here means the file cannot be used
        raise InputError(f"文件“{name}”已损坏或不是 Excel 工作簿，无法读取（{type(exc).__name__}）。")
    if MARK_NAME not in props or props.get("zhibu-kind", "branch") != "branch":
        raise InputError(f"文件“{name}”不是本程序生成的支部季度报表，不能汇总。")
    if not sheets or sheets[0][0] != "汇总":
        raise InputError(f"文件“{name}”缺少“汇总”工作表，可能已被改动，不能汇总。")
    found: dict[str, int | float] = {}
    for row in sheets[0][1]:
        if len(row) > 1 and row[0] in LABELS and isinstance(row[1], (int, float)):
            found[row[0]] = _number(row[1])
    missing = [lb for lb in LABELS if lb not in found]
    if missing:
        raise InputError(f"文件“{name}”的“汇总”表缺少或改动了这些数值：{'、'.join(missing)}。")
    return BranchBook(path, str(props.get("zhibu-branch", "")), int(props["zhibu-year"]),
                      int(props["zhibu-quarter"]), found, sheets)


def _number(value):
    """calamine gives every number as float; whole ones go back to int."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


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
        for sheet_name, rows in book.sheets:
            target = wb.create_sheet(unique_name(f"{book.branch}-{sheet_name}", used))
            _rewrite_sheet(target, sheet_name, rows)
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


def _cells(row, width: int) -> list:
    return [None if v == "" else _number(v) for v in list(row)[:width]]


def _rewrite_sheet(ws, sheet_name: str, rows: list[list]) -> None:
    """A branch's sheet again in the common look. The layout is our own (title, [note], header,
    rows), so it is laid out afresh from the values rather than copying every cell's style."""
    if sheet_name == "汇总":
        xs.title_row(ws, rows[0][0], 2)
        for r, line in enumerate(rows[1:4], start=2):
            xs._put(ws, r, 1, line[0], font=xs.HEADER_FONT, border=False)
            xs._put(ws, r, 2, line[1] if len(line) > 1 else "", border=False)
        xs.header_row(ws, 5, ["项目", "数值"])
        xs.write_rows(ws, 6, [_cells(r, 2) for r in rows[5:]])
        for r in range(6, len(rows) + 1):
            if ws.cell(r, 1).value in RATE_LABELS:
                ws.cell(r, 2).number_format = PERCENT
        ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 30, 22
        xs.fit_merged_rows(ws)
        xs.page_setup(ws, landscape=False, header_rows="1:5", freeze="A6")
        return
    note = sheet_name == "学习考勤"
    at = 2 if note else 1
    headers = [h for h in rows[at] if h != ""] if len(rows) > at else []
    body = [_cells(r, len(headers)) for r in rows[at + 1:]]
    write_sheet(ws, Sheet(sheet_name, rows[0][0], headers, body,
                          note=rows[1][0] if note else "",
                          percent_columns=(len(headers),) if note else ()))
