"""Writes a QuarterReport as the quarterly workbook (shared/spec/quarterly-report.md).

Values only, never formulas, so Excel, WPS and LibreOffice all show the same numbers. The
workbook carries custom document properties (zhibu-quarterly, branch, year, quarter) by which
`merge-quarter` recognises its own workbooks. Written by xlsx_table's streaming TableBook: a
county's 200 books, or one book of 1,400 sheets, stream to disk instead of piling up in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.export import xlsx_table as xt
from app.services.quarter_figures import RATE_LABELS
from app.services.quarterly import QuarterReport, Sheet

MARK_NAME = "zhibu-quarterly"
MARK_VERSION = 1
PERCENT = "0.0%"


def set_mark(book: xt.TableBook, branch: str, year: int, quarter: int,
             kind: str = "branch") -> None:
    book.set_properties({MARK_NAME: MARK_VERSION, "zhibu-kind": kind, "zhibu-branch": branch,
                         "zhibu-year": year, "zhibu-quarter": quarter})


def summary_table(report: QuarterReport, name: str = "汇总") -> xt.TableSheet:
    """汇总: the form lines (填报单位, 填报日期, 填表人), then 项目 / 数值 with rates as percent."""
    return xt.TableSheet(
        name, report.title, ["项目", "数值"],
        [[label, value] for label, value in report.figures.items()],
        info=[("填报单位", report.township), ("填报日期", report.made_on.isoformat()),
              ("填表人", report.secretary)],
        cell_format=lambda row, col: PERCENT if col == 2 and row[0] in RATE_LABELS else None,
        widths={1: 30, 2: 22}, landscape=False)


def detail_table(sheet: Sheet, name: str | None = None) -> xt.TableSheet:
    """A detail sheet (党员名册, 学习活动 …): title, [legend], header, rows."""
    return xt.TableSheet(name or sheet.name, sheet.title, sheet.headers, sheet.rows,
                         note=sheet.note,
                         column_formats={col: PERCENT for col in sheet.percent_columns})


def fill_workbook(book: xt.TableBook, report: QuarterReport, prefix: str = "",
                  name: Callable[[str], str] | None = None) -> None:
    """Add the report's seven sheets to `book` (`name` maps a sheet's name to the one it gets
    in a county book)."""
    name = name or (lambda n: _name(prefix, n))
    book.add(summary_table(report, name("汇总")))
    for sheet in report.sheets:
        book.add(detail_table(sheet, name(sheet.name)))


def _name(prefix: str, name: str) -> str:
    return (prefix[: 30 - len(name)] + "-" + name) if prefix else name


def write_quarterly(report: QuarterReport, path: str | Path,
                    progress: Callable[[int, int], None] | None = None) -> Path:
    with xt.TableBook(path) as book:
        fill_workbook(book, report)
        set_mark(book, report.branch, report.year, report.quarter)
        if progress:
            progress(1, 2)
    if progress:
        progress(2, 2)
    return book.path
