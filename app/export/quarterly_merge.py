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

from app.errors import InputError
from app.export import xlsx_table as xt
from app.export.merge_read import check_input, read_all_sheets, read_summary
from app.export.quarterly_form import NO_RATE, form_from_rows, read_form, write_form
from app.export.quarterly_xlsx import (
    MARK_NAME, PERCENT, detail_table, set_mark, sheet_from_rows,
)
from app.importing.cage import Cage, run_caged
from app.services.quarter_figures import LABELS, RATE_LABELS, apply_rates


@dataclass
class BranchBook:
    path: Path
    branch: str
    year: int
    quarter: int
    figures: dict[str, int | float]


def read_book(path: Path, cage: Cage | None = None) -> BranchBook:
    """Check one branch's workbook and read its 汇总 figures; InputError naming the file.

    The file is pre-checked like a roster, then read in the reader cage (app.export.merge_read):
    openpyxl for the document properties only, calamine for the cells. The other sheets are
    read again one book at a time while writing (`book_sheets`), so 200 books' cells are never
    all in memory at once."""
    name = path.name
    check_input(path)
    if cage is None:
        props, names, summary = run_caged(name, read_summary, str(path))
    else:
        props, names, summary = cage.call(name, read_summary, str(path))
    if MARK_NAME not in props or props.get("zhibu-kind", "branch") != "branch":
        raise InputError(f"文件“{name}”不是本程序生成的支部季度报表，不能汇总。")
    if not names or names[0] != "汇总" or summary is None:
        raise InputError(f"文件“{name}”缺少“汇总”工作表，可能已被改动，不能汇总。")
    # by label, wherever the row is (app.export.quarterly_form); a rate may be "—" (None)
    found = {label: _number(value) for label, value in read_form(summary).items()
             if isinstance(value, (int, float)) or (value is None and label in RATE_LABELS)}
    missing = [lb for lb in LABELS if lb not in found]
    if missing:
        raise InputError(f"文件“{name}”的“汇总”表缺少或改动了这些数值：{'、'.join(missing)}。")
    return BranchBook(path, str(props.get("zhibu-branch", "")), int(props["zhibu-year"]),
                      int(props["zhibu-quarter"]), found)


def book_sheets(path: Path, cage: Cage | None = None) -> list[tuple[str, list[list]]]:
    """Every sheet of a workbook already checked by `read_book`, as (name, rows of values)."""
    if cage is None:
        return run_caged(path.name, read_all_sheets, str(path))
    return cage.call(path.name, read_all_sheets, str(path))


def _number(value):
    """calamine gives every number as float; whole ones go back to int."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def merge_quarter(paths: list[Path], out: Path,
                    progress: Callable[[int, int], None] | None = None) -> dict:
    """Check every input, then write the roll-up; returns what was merged. Every workbook is
    read through one reader child (app.importing.cage), started once for all of them."""
    if not paths:
        raise InputError("请至少给出一个支部季度报表文件。")
    with Cage() as cage:
        cage.start()
        return _merge(paths, out, progress, cage)


def _merge(paths: list[Path], out: Path, progress: Callable[[int, int], None] | None,
           cage: Cage) -> dict:
    books: list[BranchBook] = []
    for i, path in enumerate(paths):
        book = read_book(Path(path), cage)
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
    used = {"汇总"}
    with xt.TableBook(out, streamed=True) as merged:
        merged.add(summary_table([(b.branch, b.figures) for b in books], year, quarter))
        for i, book in enumerate(books):
            for sheet_name, rows in book_sheets(book.path, cage):
                name = unique_name(f"{book.branch}-{sheet_name}", used)
                if sheet_name == "汇总":  # the formal form, laid out again from its text
                    form = form_from_rows(rows)
                    merged.add_form(name, lambda ws, fmt, f=form: write_form(ws, fmt, f))
                else:
                    merged.add(detail_table(sheet_from_rows(sheet_name, rows), name))
            if progress:
                progress(len(paths) + i + 1, len(paths) * 2)
        set_mark(merged, "", year, quarter, kind="township")
    return {"output": str(out), "year": year, "quarter": quarter,
            "branches": [b.branch for b in books]}


def summary_table(branches: list[tuple[str, dict]], year: int, quarter: int) -> xt.TableSheet:
    """One row per branch (name, figures by label) and a 合计 row with rates recomputed."""
    total = {lb: sum(f[lb] for _, f in branches) for lb in LABELS if lb not in RATE_LABELS}
    apply_rates(total)
    rows = [[name] + [f[lb] for lb in LABELS] for name, f in branches]
    rows.append(["合计"] + [total[lb] for lb in LABELS])
    rows = [[NO_RATE if v is None else v for v in row] for row in rows]  # nothing to divide by
    # headers wrap in a tall row, so the number columns need only be narrow
    return xt.TableSheet(
        "汇总", f"{year}年第{quarter}季度各支部工作情况汇总表", ["支部"] + list(LABELS), rows,
        column_formats={i + 2: PERCENT for i, lb in enumerate(LABELS) if lb in RATE_LABELS},
        min_width=8, narrow_from=2, header_height=60, bold_last_row=True, landscape=True,
        freeze_column="B")


def unique_name(name: str, used: set[str]) -> str:
    """A sheet name Excel accepts (no []:*?/\\, no leading or trailing apostrophe, at most 31
    characters), not yet in `used`."""
    for ch in "[]:*?/\\":
        name = name.replace(ch, "_")
    base, n = name[:31].strip("'") or "工作表", 2
    candidate = base
    while candidate in used:
        suffix = f"({n})"
        candidate, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate)
    return candidate
