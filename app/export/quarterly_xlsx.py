"""Writes a QuarterReport as the quarterly workbook (shared/spec/quarterly-report.md).

Values only, never formulas, so Excel, WPS and LibreOffice all show the same numbers. The
workbook carries custom document properties (zhibu-quarterly, branch, year, quarter) by which
`merge-quarter` recognises its own workbooks. Written by xlsx_table's streaming TableBook: a
county's 200 books, or one book of 1,400 sheets, stream to disk instead of piling up in memory.

汇总 is the formal form (app.export.quarterly_form). The detail sheets get column widths
chosen for paper (`WIDTHS`): long text wraps inside its column instead of widening the table,
so a sheet prints at its own type size — landscape where it is wide, never shrunk to 6 pt.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.export import xlsx_table as xt
from app.export.quarterly_form import form_of, write_form
from app.export.sheets import MONEY_HEADERS, TOTAL, QuarterReport, Sheet, SubTable

MARK_NAME = "zhibu-quarterly"
MARK_VERSION = 1
PERCENT = "0.0%"
MONEY = "0.00"
# print widths (Excel characters) of the detail sheets' columns, by header; per sheet where
# the same header means different things (党员: 是/否 in the roster, a name elsewhere). Dates
# and numbers are measured in LibreOffice's Latin font on Linux, the widest we print with.
WIDTHS = {
    "序号": 4.5, "姓名": 9, "性别": 4.5, "出生年月": 8, "年龄": 4.5, "身份证号": 19.5,
    "离退休": 6.5, "原单位及职务": 14, "联系电话": 13.5, "家庭住址": 14, "居住状况": 9,
    "身体状况": 8.5, "结对人": 7, "最近走访": 11.5, "日期": 11.5, "类型": 11, "主题": 26,
    "主讲人": 10, "地点": 13, "学时": 5, "应到": 5, "出席": 5, "请假": 5, "缺席": 5,
    "送学上门": 7.5, "未登记": 6.5, "资料": 26, "类别": 8, "党员": 9, "方式": 8, "送达情况": 8,
    "经手人": 8, "回收/成绩": 10, "走访人": 9, "走访人类别": 10.5, "事由": 14, "送达资料": 16,
    "诉求": 24, "处理情况": 20, "内容": 40, "转交部门": 14, "办理情况": 20, "应到\n次数": 6,
    "出席\n次数": 6, "出勤率": 7.5, "参学率": 7.5, "备注": 16,
    "缴费基数": 10, "比例": 6, "月应交": 8, "本季应交": 9, "本季实交": 9, "欠交": 8,
}
SHEET_WIDTHS = {"党员名册": {"党员": 4.5}, "走访记录": {"身体状况": 14}}
# columns of free text: they wrap (and give up width first when a table is too wide)
WRAP = frozenset({"姓名", "党员", "原单位及职务", "联系电话", "家庭住址", "居住状况", "身体状况",
                  "结对人", "类型", "主题", "主讲人", "地点", "资料", "经手人", "回收/成绩", "走访人", "事由",
                  "送达资料", "诉求", "处理情况", "内容", "转交部门", "办理情况", "备注"})
# of those, the long ones that may be narrowed to fit the paper (a phone number may not)
NARROWABLE = frozenset({"原单位及职务", "家庭住址", "主题", "地点", "资料", "事由", "送达资料",
                        "诉求", "处理情况", "内容", "转交部门", "办理情况", "备注"})
SHEET_NARROWABLE = {"走访记录": {"身体状况"}}

def set_mark(book: xt.TableBook, branch: str, year: int, quarter: int,
             kind: str = "branch") -> None:
    book.set_properties({MARK_NAME: MARK_VERSION, "zhibu-kind": kind, "zhibu-branch": branch,
                         "zhibu-year": year, "zhibu-quarter": quarter})


def layout(sheet_name: str, headers: list[str], rows: list[list]) -> tuple[dict, dict]:
    """(widths, alignment) of a detail sheet's columns: the print widths by header, fitted to
    the values for the others (学习考勤's event columns)."""
    # the others (学习考勤's "07-05\n学习日" columns of marks): their text, and a little room
    fitted = xt.fitted_widths(headers, rows, minimum=4.5, maximum=30)
    own = SHEET_WIDTHS.get(sheet_name, {})
    widths, align = {}, {}
    for col, header in enumerate(headers, start=1):
        widths[col] = own.get(header) or WIDTHS.get(header) or fitted.get(col, 8.5) - 1.2
        if header in WRAP and (header not in own or own[header] > 8):
            align[col] = "wrap"
    return widths, align


def detail_table(sheet: Sheet, name: str | None = None) -> xt.TableSheet:
    """A detail sheet (党员名册, 学习活动 …): title, [legend], [summary tables], header, rows."""
    widths, align = layout(sheet.name, sheet.headers, sheet.rows)
    align.update({col: "center" for col in sheet.center_columns})
    for col in (*sheet.percent_columns, *sheet.money_columns):
        align[col] = "right"  # a rate, or "—" where nothing was expected; an amount
    return xt.TableSheet(
        name or sheet.name, sheet.title, sheet.headers, sheet.rows, note=sheet.note,
        column_formats={**{col: PERCENT for col in sheet.percent_columns},
                        **{col: MONEY for col in sheet.money_columns}},
        bold_last_row=sheet.total_row,
        widths=widths, column_align=align,
        narrowable=[c for c, h in enumerate(sheet.headers, start=1)
                    if h in NARROWABLE or h in SHEET_NARROWABLE.get(sheet.name, ())],
        before=[xt.Block(b.heading, b.headers, b.rows) for b in sheet.before],
        heading=sheet.heading)


def sheet_from_rows(sheet_name: str, rows: list[list]) -> Sheet:
    """A detail sheet read back (rows of values, blanks as "" or None), to be laid out again
    in another book: title; a 说明 line; tables each under an optional heading line ("一、…")
    and separated by a blank row — the last one is the sheet's own, those before it the
    summaries above it."""
    rows = [[None if v == "" else v for v in r] for r in rows]
    blank = [not any(v is not None for v in r) for r in rows]
    title = rows[0][0] if rows and rows[0] else sheet_name
    i, note = 1, ""
    if i < len(rows) and isinstance(rows[i][0], str) and rows[i][0].startswith("说明："):
        note, i = rows[i][0], i + 1
    tables: list[tuple[str, list, list]] = []
    while i < len(rows):
        if blank[i]:
            i += 1
            continue
        heading = ""
        if sum(v is not None for v in rows[i]) == 1 and i + 1 < len(rows) and not blank[i + 1] \
                and str(rows[i][0]).startswith(("一、", "二、", "三、")):
            heading, i = rows[i][0], i + 1
        header = list(rows[i])
        while header and header[-1] is None:
            header.pop()
        end = next((j for j in range(i + 1, len(rows)) if blank[j]), len(rows))
        tables.append((heading, header, [r[:len(header)] for r in rows[i + 1:end]]))
        i = end
    heading, headers, body = tables[-1] if tables else ("", [], [])
    marks = tuple(c for c, h in enumerate(headers, start=1) if isinstance(h, str)
                  and (h[:2].isdigit() and "\n" in h or h == "比例"))
    rates = tuple(c for c, h in enumerate(headers, start=1) if h in ("出勤率", "参学率"))
    money = tuple(c for c, h in enumerate(headers, start=1) if h in MONEY_HEADERS)
    total = bool(body) and len(body[-1]) > 1 and body[-1][1] == TOTAL
    return Sheet(sheet_name, title, headers, body, note=note, percent_columns=rates,
                 center_columns=marks, money_columns=money, total_row=total, heading=heading,
                 before=[SubTable(h, hd, b) for h, hd, b in tables[:-1]])


def fill_workbook(book: xt.TableBook, report: QuarterReport, prefix: str = "",
                  name: Callable[[str], str] | None = None) -> None:
    """Add the report's sheets to `book` (`name` maps a sheet's name to the one it gets
    in a county book)."""
    name = name or (lambda n: _name(prefix, n))
    form = form_of(report)
    book.add_form(name("汇总"), lambda ws, fmt: write_form(ws, fmt, form))
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
