"""党费收缴登记表 as an .xlsx sheet in the formal look of the quarterly workbook's 汇总.

Layout (0-based rows; 21 columns, A4 landscape, one page wide, header rows repeated):

    0   title, bold, merged: "{支部}{年}年党费收缴登记表" [+ a line "（截至2026年11月20日）"]
    1   填报单位（盖章）：{支部}                                   单位：元
    2   序号 | 姓名 | 缴费基数 | 比例 | 月应交 | 各月实交金额 (over 12) | 全年应交 | 全年实交 | 欠交 | 备注
    3                                              1月 … 12月
    4…  one row per member; then 合计 (bold); then 注①… lines; then the signature line:
        收缴人（签字）：＿＿＿   支部书记（签字）：＿＿＿   填表日期：2026年12月01日

Amounts are numbers (two decimals shown) written from Decimal, never from a float, so Excel
adds them up; their cells shrink a large figure (a 合计 of five digits) to fit rather than show
"###". A month shows "—" when the member was not on the roster, "免交" when waived.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from app.dates import cn
from app.export import xlsx_print as xp
from app.export import xlsx_table as xt
from app.export.dues_sheets import MONTH_LABELS, Ledger, LedgerRow, Money

SHEET = "党费收缴登记表"
SIZE = 10
MONEY = "0.00"
# 序号 姓名 缴费基数 比例 月应交, 12 months, 全年应交 全年实交 欠交 备注 (character widths at 11 pt)
WIDTHS = [4.5, 8, 10, 5.5, 7, *([7] * 12), 9, 9, 8.5, 14]
NOTE_COL = len(WIDTHS)  # 1-based 备注
FIRST_MONTH = 5  # 0-based column of 1月
HEAD = ("序号", "姓名", "缴费基数", "比例", "月应交")
TAIL = ("全年应交", "全年实交", "欠交", "备注")
HEADER_ROW = 2  # 0-based
SIGN_BLANK = "＿" * 7


def _amount(ws, row: int, col: int, money: Money, fmt) -> None:
    if money.fen is None:
        ws.write_blank(row, col, None, fmt)
    else:
        ws.write_number(row, col, Decimal(money.fen).scaleb(-2), fmt)


def _member(ws, row: int, r: LedgerRow, fmt: Callable, bold: bool) -> None:
    kind = "bold" if bold else "body"
    money = fmt(kind, MONEY, "right", size=SIZE, shrink=True)
    center = fmt(kind, align="center", size=SIZE)
    left = fmt(kind, size=SIZE)
    if r.number:
        ws.write_number(row, 0, r.number, center)
    else:
        ws.write_blank(row, 0, None, center)
    ws.write_string(row, 1, r.name, center if bold else left)
    _amount(ws, row, 2, r.base, money)
    if r.rate:
        ws.write_string(row, 3, r.rate, center)
    else:
        ws.write_blank(row, 3, None, center)
    _amount(ws, row, 4, r.monthly, money)
    for i, month in enumerate(r.months):
        col = FIRST_MONTH + i
        if month.mark and not month.paid.fen:
            ws.write_string(row, col, month.mark, center)
        else:
            _amount(ws, row, col, month.paid if month.paid.fen else Money(None), money)
    col = FIRST_MONTH + 12
    for value in (r.owed, r.paid, r.outstanding):
        _amount(ws, row, col, value, money)
        col += 1
    note = fmt(kind, align="wrap", size=SIZE)
    if r.note:
        ws.write_string(row, col, r.note, note)
    else:
        ws.write_blank(row, col, None, note)


def write_ledger_sheet(ws, fmt: Callable, ledger: Ledger) -> None:
    """Lay the ledger out on the XlsxWriter sheet `ws` (`fmt`: TableBook's format maker)."""
    ncols = len(WIDTHS)
    widths = {c: w * SIZE / 11 for c, w in enumerate(WIDTHS, start=1)}
    widths, _landscape = xp.fit_widths(widths, [NOTE_COL], landscape=True, narrowest=11)
    for col, width in widths.items():
        ws.set_column(col - 1, col - 1, width)
    span = sum(widths.values())
    xp.page_setup(ws, landscape=True, repeat=(HEADER_ROW, HEADER_ROW + 1),
                  freeze=(HEADER_ROW + 2, 2))
    ws.set_margins(left=xp.SIDE_MARGIN, right=xp.SIDE_MARGIN, top=0.5, bottom=0.6)
    ws.center_horizontally()

    title = ledger.title + (f"\n{ledger.subtitle}" if ledger.subtitle else "")
    lines = title.count("\n") + 1
    ws.set_row(0, lines * xt.TITLE_SIZE * 1.45 + 8)
    ws.merge_range(0, 0, 0, ncols - 1, title, fmt("title"))
    plain = fmt("plain", size=SIZE + 1)
    ws.set_row(1, 24)  # room for the seal
    ws.merge_range(1, 0, 1, 12, f"填报单位（盖章）：{ledger.branch}", plain)
    ws.merge_range(1, ncols - 3, 1, ncols - 1, "单位：元", fmt("plain", align="right",
                                                           size=SIZE + 1))

    header = fmt("header", size=SIZE)
    for col, text in enumerate(HEAD):
        ws.merge_range(HEADER_ROW, col, HEADER_ROW + 1, col, text, header)
    ws.merge_range(HEADER_ROW, FIRST_MONTH, HEADER_ROW, FIRST_MONTH + 11, "各月实交金额", header)
    for i, text in enumerate(MONTH_LABELS):
        ws.write_string(HEADER_ROW + 1, FIRST_MONTH + i, text, header)
    for i, text in enumerate(TAIL):
        col = FIRST_MONTH + 12 + i
        ws.merge_range(HEADER_ROW, col, HEADER_ROW + 1, col, text, header)
    ws.set_row(HEADER_ROW, 20)
    ws.set_row(HEADER_ROW + 1, 20)

    row = HEADER_ROW + 1
    for r in [*ledger.rows, ledger.totals]:
        row += 1
        lines = xp.lines_needed(r.note, widths[NOTE_COL], SIZE) if r.note else 1
        ws.set_row(row, max(18, xp.row_height(lines, SIZE)))
        _member(ws, row, r, fmt, bold=r is ledger.totals)

    note = fmt("note", size=SIZE)
    for text in ledger.notes:
        row += 1
        ws.set_row(row, xp.row_height(xp.lines_needed(text, span, SIZE), SIZE))
        ws.merge_range(row, 0, row, ncols - 1, text, note)
    row += 2
    ws.set_row(row, 28)
    sign = fmt("plain", size=SIZE + 1, valign="bottom")
    ws.merge_range(row, 0, row, 6, f"收缴人（签字）：{SIGN_BLANK}", sign)
    ws.merge_range(row, 7, row, 13, f"支部书记（签字）：{SIGN_BLANK}", sign)
    ws.merge_range(row, 14, row, ncols - 1, f"填表日期：{cn(ledger.made_on)}", sign)


def write_ledger_xlsx(ledger: Ledger, path: str | Path) -> Path:
    """Write the ledger to `path` (atomically: nothing is left under the name on failure)."""
    with xt.TableBook(path) as book:
        book.add_form(SHEET, lambda ws, fmt: write_ledger_sheet(ws, fmt, ledger))
    return book.path
