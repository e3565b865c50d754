"""困难党员登记表 as an .xlsx sheet, in the formal look of the other forms (A4 landscape, one page
wide, the column header repeated on every page, 第 &P 页 共 &N 页).

Layout (0-based rows; 9 columns):

    0   表号：老干关怀1表
    1   title, bold, merged: "{支部}{年}年困难党员登记表"
    2   填报单位（盖章）：{支部}                                   共 N 人
    3   序号 | 姓名 | 性别 | 年龄 | 入党时间 | 困难状况及原因 | 住址 | 帮扶措施 | 公示日期
    4…  one row per member (long text wraps; the row is as tall as its longest cell)
        then a blank row and: 单位负责人：＿＿ 审核人：＿＿ | 填表人：… | 填表日期：2026年12月01日

Every cell is text as printed (年龄 too: "" when the birth date is unknown), so the sheet and
the PDF say the same.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.dates import cn
from app.export import xlsx_print as xp
from app.export import xlsx_table as xt
from app.export.hardship_sheets import HEADERS, WIDE, Register

SHEET = "困难党员登记表"
SIZE = 10.5
WIDTHS = [4.5, 8, 4.5, 4.5, 13.5, 28, 20, 28, 14]
HEADER_ROW = 3
BLANK = "＿" * 6


def write_register_sheet(ws, fmt: Callable, data: Register) -> None:
    """Lay the register out on the XlsxWriter sheet `ws` (`fmt`: TableBook's format maker)."""
    ncols = len(WIDTHS)
    widths = {c: w for c, w in enumerate(WIDTHS, start=1)}
    widths, _landscape = xp.fit_widths(widths, [c + 1 for c in WIDE], landscape=True,
                                       narrowest=12)
    for col, width in widths.items():
        ws.set_column(col - 1, col - 1, width)
    xp.page_setup(ws, landscape=True, repeat=(HEADER_ROW, HEADER_ROW), freeze=(HEADER_ROW + 1, 2))
    ws.set_margins(left=xp.SIDE_MARGIN, right=xp.SIDE_MARGIN, top=0.5, bottom=0.6)
    ws.center_horizontally()

    plain = fmt("plain", size=SIZE)
    ws.merge_range(0, 0, 0, 4, f"表号：{data.form_number}", plain)
    ws.set_row(1, xt.TITLE_SIZE * 1.45 + 8)
    ws.merge_range(1, 0, 1, ncols - 1, data.title, fmt("title"))
    ws.set_row(2, 24)  # room for the seal
    ws.merge_range(2, 0, 2, 5, f"填报单位（盖章）：{data.branch}", plain)
    ws.merge_range(2, 6, 2, ncols - 1, f"共 {len(data.rows)} 人",
                   fmt("plain", align="right", size=SIZE))
    header = fmt("header", size=SIZE)
    for col, text in enumerate(HEADERS):
        ws.write_string(HEADER_ROW, col, text, header)
    ws.set_row(HEADER_ROW, 22)

    center = fmt("body", align="center", size=SIZE)
    wrap = fmt("body", align="wrap", size=SIZE)
    row = HEADER_ROW
    for r in data.rows:
        row += 1
        cells = r.cells()
        lines = max(xp.lines_needed(cells[c], widths[c + 1], SIZE) if cells[c] else 1
                    for c in WIDE)
        ws.set_row(row, max(20, xp.row_height(lines, SIZE)))
        for col, text in enumerate(cells):
            ws.write_string(row, col, text, wrap if col in WIDE else center)
    row += 2
    ws.set_row(row, 28)
    sign = fmt("plain", size=SIZE + 0.5, valign="bottom")
    # every piece inside its own merged cells: text running past the last column would widen
    # the printed area and shrink the whole table to fit it
    ws.merge_range(row, 0, row, 4, f"单位负责人：{BLANK}", sign)
    ws.write_string(row, 5, f"审核人：{BLANK}", sign)
    ws.write_string(row, 6, f"填表人：{data.maker or BLANK}", sign)
    ws.merge_range(row, 7, row, 8, f"填表日期：{cn(data.made_on)}",
                   fmt("plain", size=SIZE + 0.5, valign="bottom", align="right"))


def write_register_xlsx(data: Register, path: str | Path) -> Path:
    """Write the register to `path` (atomically: nothing is left under the name on failure)."""
    with xt.TableBook(path) as book:
        book.add_form(SHEET, lambda ws, fmt: write_register_sheet(ws, fmt, data))
    return book.path
