"""The township roll-up (merge-quarter), and the county's roll-up of townships' books.

Every input is checked completely before anything is written, and a refusal names the file
(by its full path where two inputs share a name) and leaves no output:

- it must carry this program's mark: a branch's quarterly workbook, or a roll-up made by this
  command (the county merges its townships' books: their branches are taken, each once);
- all of the same quarter, no branch twice, the output not one of the inputs;
- each branch's sheets all present, found by name (a township's by its 目录), never by position;
- each branch's 汇总 read by its labels and cross-checked: against itself (sub-items within their
  item, rates equal to their counts divided — `quarter_figures.contradictions`), against its own
  党员名册 (在册, 离休, 退休, 党员 counted from the rows), and in a township's book against the
  township's 汇总 column of that branch. A hand-edited figure is refused, not passed upward.

The output (app.export.township_xlsx) has 汇总 with a column per branch and a 合计 whose rates
are recomputed from the summed counts, 目录, and every branch's sheets under numbered names.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.errors import InputError
from app.export import township_xlsx as tx
from app.export import xlsx_table as xt
from app.export.merge_read import check_input, read_head, read_sheets
from app.export.quarterly_form import form_from_rows, read_form, write_form
from app.export.quarterly_xlsx import MARK_NAME, detail_table, sheet_from_rows
from app.importing.cage import Cage
from app.quarter_labels import LABELS, RATE_LABELS, contradictions
from app.export.sheets import DEFAULT_AUTHORITY, SHEET_NAMES


@dataclass
class BranchBook:
    """One branch as found in an input file: its figures and which of the file's sheets are its
    sheets (sheet → name in that file)."""

    path: Path
    shown: str  # how messages name the file
    branch: str
    year: int
    quarter: int
    figures: dict[str, object]
    sheets: dict[str, str]


def merge_quarter(paths: list[Path], out: Path,
                  progress: Callable[[int, int], None] | None = None,
                  heading: tx.Heading | None = None) -> dict:
    """Check every input, then write the roll-up; returns what was merged. Every workbook is
    read through one reader child (app.importing.cage), started once for all of them."""
    if not paths:
        raise InputError("请至少给出一个支部季度报表文件。")
    paths = [Path(p) for p in paths]
    _refuse_output_among_inputs(paths, Path(out))
    with Cage() as cage:
        cage.start()
        branches = read_inputs(paths, cage, progress)
        first = branches[0]
        heading = heading or tx.Heading(first.year, first.quarter, authority=DEFAULT_AUTHORITY)
        heading.year, heading.quarter = first.year, first.quarter
        _write(branches, Path(out), heading, cage, progress, len(paths))
    return {"output": str(out), "year": first.year, "quarter": first.quarter,
            "branches": [b.branch for b in branches]}


def _refuse_output_among_inputs(paths: list[Path], out: Path) -> None:
    target = out.resolve()
    for path in paths:
        same = path.resolve() == target
        if not same and out.exists() and path.exists():
            try:
                same = os.path.samefile(path, out)
            except OSError:
                same = False
        if same:
            raise InputError(f"保存汇总表的文件“{out}”正是要汇总的文件之一：汇总不能覆盖支部的报表。"
                             f"请另选一个文件名。")


def shown_names(paths: list[Path]) -> dict[Path, str]:
    """A file's name in messages: its name, or its full path where two inputs share a name."""
    names = [p.name for p in paths]
    return {p: (str(p.resolve()) if names.count(p.name) > 1 else p.name) for p in paths}


def read_inputs(paths: list[Path], cage: Cage,
                progress: Callable[[int, int], None] | None = None) -> list[BranchBook]:
    """Every branch of every input, checked; InputError at the first problem."""
    shown = shown_names(paths)
    found: list[BranchBook] = []
    for i, path in enumerate(paths):
        for book in read_file(path, shown[path], cage):
            _same_quarter(book, found)
            _not_twice(book, found)
            found.append(book)
        if progress:
            progress(i + 1, len(paths) * 2)
    return found


def read_file(path: Path, shown: str, cage: Cage) -> list[BranchBook]:
    """The branches one input holds: one for a branch's workbook, each of a roll-up's."""
    _readable(path, shown)
    props, names, rows = cage.call(shown, read_head, str(path), ["汇总", "党员名册", "目录"])
    if MARK_NAME not in props:
        raise InputError(f"文件“{shown}”不是本程序生成的支部季度报表或汇总表，不能汇总。")
    year, quarter = int(props["zhibu-year"]), int(props["zhibu-quarter"])
    if props.get("zhibu-kind", "branch") == "township":
        return _township(path, shown, names, rows, year, quarter, cage)
    missing = [n for n in SHEET_NAMES if n not in names]
    if missing:
        raise InputError(f"文件“{shown}”缺少工作表“{'”“'.join(missing)}”，可能已被改动，不能汇总。")
    book = BranchBook(path, shown, str(props.get("zhibu-branch", "")), year, quarter,
                      {}, {n: n for n in SHEET_NAMES})
    book.figures = checked_figures(rows["汇总"], rows["党员名册"], f"文件“{shown}”")
    return [book]


def _readable(path: Path, shown: str) -> None:
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".et", ".csv"):
        raise InputError(f"文件“{shown}”是 {suffix} 格式，不是本程序生成的季度报表（.xlsx）。"
                         f"请让该支部用本程序重新导出季度报表后再汇总，不要另存为其他格式。")
    try:
        check_input(path)
    except InputError as err:
        raise InputError(str(err).replace(f"“{path.name}”", f"“{shown}”", 1)) from None


def _township(path: Path, shown: str, names: list[str], rows: dict, year: int, quarter: int,
              cage: Cage) -> list[BranchBook]:
    """A township's roll-up as input (the county's merge): each branch by the 目录, its 汇总
    cross-checked also against the township's own 汇总 column."""
    index = tx.read_index(rows.get("目录", []))
    grid = tx.read_summary_grid(rows.get("汇总", []))
    if not index or not grid:
        raise InputError(f"汇总表“{shown}”缺少“汇总”或“目录”工作表，可能已被改动，不能再汇总。")
    by_branch: dict[tuple[int, str], dict[str, str]] = {}
    for number, branch, sheet, name in index:
        by_branch.setdefault((number, branch), {})[sheet] = name
    books = []
    for (_number, branch), sheets in by_branch.items():
        where = f"汇总表“{shown}”中“{branch}”的报表"
        lost = [s for s in SHEET_NAMES if s not in sheets or sheets[s] not in names]
        if lost:
            raise InputError(f"{where}缺少工作表“{'”“'.join(lost)}”，可能已被改动，不能汇总。")
        own = cage.call(shown, read_sheets, str(path), [sheets["汇总"], sheets["党员名册"]])
        figures = checked_figures(own[sheets["汇总"]], own[sheets["党员名册"]], where)
        _agrees(grid.get(branch), figures, shown, branch)
        books.append(BranchBook(path, shown, branch, year, quarter, figures, sheets))
    return books


def checked_figures(summary_rows, roster_rows, where: str) -> dict[str, object]:
    """A branch's 汇总 figures by label, refused (InputError beginning with `where`) when a
    label is missing, the figures contradict each other, or they disagree with the roster."""
    found = read_form(summary_rows)
    figures = {lb: v for lb, v in found.items()
               if isinstance(v, (int, float)) or (v is None and lb in RATE_LABELS)}
    missing = [lb for lb in LABELS if lb not in figures]
    if missing:
        raise InputError(f"{where}的“汇总”表缺少或改动了这些数值：{'、'.join(missing)}，不能汇总。")
    problems = contradictions(figures) or _against_roster(figures, roster_rows)
    if problems:
        raise InputError(f"{where}的“汇总”表前后不一致，可能被手工改过，不能汇总：{'；'.join(problems[:3])}。"
                         f"请让该支部用本程序重新导出季度报表。")
    return figures


def _against_roster(figures: dict, roster_rows) -> list[str]:
    """在册 / 离休 / 退休 / 党员 as counted from the 党员名册 rows (one per member 在册)."""
    rows = [list(r) for r in roster_rows]
    at = next((i for i, r in enumerate(rows) if "序号" in r and "姓名" in r), None)
    if at is None:
        return ["“党员名册”表找不到表头"]
    header = rows[at]
    body = [r for r in rows[at + 1:] if any(v not in (None, "") for v in r)]

    def count(column: str, value: str) -> int:
        col = header.index(column) if column in header else None
        return sum(1 for r in body if col is not None and col < len(r) and r[col] == value)

    party = "党员" if "党员" in header else "是否党员"
    counted = {"在册人数": len(body), "离休人数": count("离退休", "离休"),
               "退休人数": count("离退休", "退休"), "党员人数": count(party, "是")}
    return [f"“{label}”写的是 {figures[label]}，党员名册里是 {n} 人"
            for label, n in counted.items() if figures[label] != n]


def _agrees(column: dict | None, figures: dict, shown: str, branch: str) -> None:
    """The township's 汇总 column of `branch` says what the branch's own 汇总 says."""
    if column is None:
        raise InputError(f"汇总表“{shown}”的“汇总”页没有“{branch}”这一栏，可能已被改动，不能再汇总。")
    for label in LABELS:
        a, b = column.get(label), figures[label]
        same = a == b if not (isinstance(a, float) or isinstance(b, float)) else (
            a is not None and b is not None and abs(a - b) < 0.0005)
        if not same:
            raise InputError(f"汇总表“{shown}”的“汇总”页上“{branch}”的“{label}”是 {a}，"
                             f"而该支部自己的报表是 {b}：可能被手工改过，不能再汇总。")


def _same_quarter(book: BranchBook, found: list[BranchBook]) -> None:
    if found and (book.year, book.quarter) != (found[0].year, found[0].quarter):
        first = found[0]
        raise InputError(
            f"文件“{book.shown}”是 {book.year}年第{book.quarter}季度，而“{first.shown}”是 "
            f"{first.year}年第{first.quarter}季度：不同季度的报表不能汇总。")


def _not_twice(book: BranchBook, found: list[BranchBook]) -> None:
    for other in found:
        if other.branch == book.branch:
            where = (f"文件“{book.shown}”里有两份" if other.path == book.path
                     else f"文件“{book.shown}”和“{other.shown}”都有")
            raise InputError(f"{where}“{book.branch}”的报表：同一支部不能汇总两次。")


def _write(branches: list[BranchBook], out: Path, heading: tx.Heading, cage: Cage,
           progress: Callable[[int, int], None] | None, steps: int) -> None:
    """The roll-up: each branch's sheets copied under numbered names, then 汇总 and 目录."""
    entries = []
    with xt.TableBook(out, streamed=True) as book:
        tx.start(book)
        for i, branch in enumerate(branches):
            number = i + 1
            wanted = [branch.sheets[s] for s in SHEET_NAMES]
            rows = cage.call(branch.shown, read_sheets, str(branch.path), wanted)
            entry = tx.Entry(number, branch.branch, branch.path.name, branch.figures)
            for sheet in SHEET_NAMES:
                name = tx.sheet_name(number, sheet, branch.branch)
                sheet_rows = rows[branch.sheets[sheet]]
                if sheet == "汇总":  # the formal form, laid out again from its text
                    form = form_from_rows(sheet_rows)
                    book.add_form(name, lambda ws, fmt, f=form: write_form(ws, fmt, f))
                else:
                    book.add(detail_table(sheet_from_rows(sheet, sheet_rows), name))
                entry.sheets.append((sheet, name))
            entries.append(entry)
            if progress:  # the reading took the first half
                progress(steps + round((i + 1) / len(branches) * steps), steps * 2)
        tx.finish(book, entries, heading)
