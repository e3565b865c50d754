"""Writes a QuarterReport as the quarterly workbook (shared/spec/quarterly-report.md).

Values only, never formulas, so Excel, WPS and LibreOffice all show the same numbers. The
workbook carries custom document properties (zhibu-quarterly, branch, year, quarter) by which
`merge-quarter` recognises its own workbooks. Normal (not write-only) mode: write-only sheets
cannot merge cells, and every sheet here needs its merged title.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.packaging.custom import IntProperty, StringProperty

from app.export import xlsx_style as xs
from app.services.quarter_figures import RATE_LABELS
from app.services.quarterly import QuarterReport, Sheet

MARK_NAME = "zhibu-quarterly"
MARK_VERSION = 1
PERCENT = "0.0%"


def set_mark(wb: Workbook, branch: str, year: int, quarter: int, kind: str = "branch") -> None:
    props = wb.custom_doc_props
    props.append(IntProperty(name=MARK_NAME, value=MARK_VERSION))
    props.append(StringProperty(name="zhibu-kind", value=kind))
    props.append(StringProperty(name="zhibu-branch", value=branch))
    props.append(IntProperty(name="zhibu-year", value=year))
    props.append(IntProperty(name="zhibu-quarter", value=quarter))


def write_summary(ws, report: QuarterReport) -> None:
    xs.title_row(ws, report.title, 2)
    for row, (label, value) in enumerate(
        (("填报单位", report.township), ("填报日期", report.made_on.isoformat()),
         ("填表人", report.secretary)), start=2):
        xs._put(ws, row, 1, label, font=xs.HEADER_FONT, border=False)
        xs._put(ws, row, 2, value, border=False)
    xs.header_row(ws, 5, ["项目", "数值"])
    xs.write_rows(ws, 6, [[label, value] for label, value in report.figures.items()])
    for row in range(6, 6 + len(report.figures.values)):
        if ws.cell(row, 1).value in RATE_LABELS:
            ws.cell(row, 2).number_format = PERCENT
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 22
    xs.fit_merged_rows(ws)
    xs.page_setup(ws, landscape=False, header_rows="1:5", freeze="A6")


def write_sheet(ws, sheet: Sheet) -> None:
    ncols = max(len(sheet.headers), 1)
    xs.title_row(ws, sheet.title, ncols)
    header_at = 2
    if sheet.note:
        xs._put(ws, 2, 1, sheet.note, align=xs.WRAP, border=False)
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncols)
        header_at = 3
    xs.header_row(ws, header_at, sheet.headers)
    formats = {col: PERCENT for col in sheet.percent_columns}
    xs.write_rows(ws, header_at + 1, sheet.rows, formats)
    xs.fit_columns(ws, first_row=header_at)
    xs.page_setup(ws, landscape=ncols > 7, header_rows=f"1:{header_at}",
                  freeze=f"A{header_at + 1}")


def fill_workbook(wb: Workbook, report: QuarterReport, prefix: str = "") -> None:
    """Add the report's seven sheets to `wb` (prefix names them per branch in a county book)."""
    ws = wb.create_sheet(_name(prefix, "汇总"))
    write_summary(ws, report)
    for sheet in report.sheets:
        write_sheet(wb.create_sheet(_name(prefix, sheet.name)), sheet)


def _name(prefix: str, name: str) -> str:
    return (prefix[: 30 - len(name)] + "-" + name) if prefix else name


def write_quarterly(report: QuarterReport, path: str | Path,
                    progress: Callable[[int, int], None] | None = None) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    fill_workbook(wb, report)
    set_mark(wb, report.branch, report.year, report.quarter)
    if progress:
        progress(1, 2)
    saved = xs.save_atomic(wb, path)
    if progress:
        progress(2, 2)
    return saved
