"""党费收缴登记表 as a PDF: A4 landscape, every month's amount and the day it was paid.

    title (16 pt) [+ （截至…）]
    填报单位（盖章）：…                                                   单位：元
    序号 | 姓名 | 缴费基数 | 比例 | 月应交 | 1月 … 12月 | 全年应交 | 全年实交 | 欠交 | 备注
    one row per member: a month's cell holds the amount (9 pt) over the day paid (03-05)
    合计, the notes (注①: 减免依据 …, running onto further pages when long), the signature
    line, 第 x 页 共 y 页 on every page

Drawn page by page on a reportlab canvas (stack-notes: far faster than an auto-split table),
the header repeated on each page, the shipped CJK font embedded, written atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from app.dates import cn
from app.export import pdf_wrap
from app.export.dues_sheets import MONTH_LABELS, Ledger, LedgerMonth, LedgerRow
from app.export.pdf_fonts import fit_line as _fit
from app.export.pdf_fonts import register_cjk_font, write_pdf_atomic

PAGE_W, PAGE_H = 841.89, 595.28  # A4 landscape
LEFT = RIGHT = 26
TOP, BOTTOM = 28, 30
WIDTH = PAGE_W - LEFT - RIGHT
HEAD = (("序号", 22), ("姓名", 48), ("缴费基数", 48), ("比例", 28), ("月应交", 38))
MONTH_W = 36
TAIL = (("全年应交", 44), ("全年实交", 44), ("欠交", 42))
NOTE_W = WIDTH - sum(w for _t, w in HEAD) - 12 * MONTH_W - sum(w for _t, w in TAIL)
HEAD_H1, HEAD_H2 = 17, 15
ROW_H = 25
TITLE_PT, INFO_PT, HEAD_PT, NAME_PT, AMOUNT_PT, DAY_PT, NOTE_PT = 16, 10.5, 9, 10, 9, 7, 8.5
SIGN_H = 40
FIRST_TOP = PAGE_H - TOP - 52  # the table under the title, subtitle and unit lines
LATER_TOP = PAGE_H - TOP - 20  # under "…（续）"


def _columns() -> list[tuple[str, float]]:
    return [*HEAD, *((m, MONTH_W) for m in MONTH_LABELS), *TAIL, ("备注", NOTE_W)]




def _size(text: str, font: str, size: float, width: float) -> float:
    """The size at which `text` fits `width` (a 合计 of six figures), never below 6.5 pt."""
    while size > 6.5 and stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def _day(month: LedgerMonth) -> str:
    if not month.days:
        return ""
    first = f"{month.days[0]:%m-%d}"
    return first + ("等" if len(month.days) > 1 else "")


class _Page(NamedTuple):
    rows: list[LedgerRow]
    totals: bool  # the 合计 row under the rows (the last page of rows)
    lines: list[str]  # lines of the notes under the table
    sign: bool  # the signature line (the very end)


class _Layout:
    """Which rows go on which page, and where the totals, notes and signatures fall: the rows
    first (合计 never alone on a page), then the notes line by line, running onto as many
    pages as they need (a 600-character 减免依据 is printed whole, never cut or drawn off the
    page), the signature line under the last of them."""

    def __init__(self, ledger: Ledger, font: str):
        self.font = font
        measure = (lambda t: stringWidth(t, font, NOTE_PT))  # noqa: E731
        notes = list(ledger.notes)
        for r in ledger.rows:  # a 备注 longer than its cell: the cell says so, the end has it
            if len(_cell_lines(r.note, font)) > 2:
                notes.append(f"{r.number}. {r.name}的备注：{r.note}")
        self.note_lines = [line for n in notes for line in pdf_wrap.wrap(n, WIDTH, measure)]
        self.pages: list[_Page] = []
        rows, top = list(ledger.rows), FIRST_TOP
        while True:
            fits = int((top - HEAD_H1 - HEAD_H2 - BOTTOM - 14) // ROW_H)
            if len(rows) + 1 <= fits or (top == LATER_TOP and len(rows) <= 1):
                break  # the rest and 合计 fit here
            take = min(fits, max(len(rows) - 1, 0))  # the last row goes over with 合计
            self.pages.append(_Page(rows[:take], False, [], False))
            rows, top = rows[take:], LATER_TOP
        room = top - HEAD_H1 - HEAD_H2 - (len(rows) + 1) * ROW_H - 6 - BOTTOM - 14
        page = _Page(rows, True, [], False)
        for line in self.note_lines:
            if room < NOTE_PT + 4:
                self.pages.append(page)
                page, room = _Page([], False, [], False), LATER_TOP - BOTTOM - 14
            page.lines.append(line)
            room -= NOTE_PT + 4
        if room < SIGN_H and page.lines:  # the signature takes the last line along with it
            self.pages.append(page._replace(lines=page.lines[:-1]))
            page = _Page([], False, page.lines[-1:], False)
        self.pages.append(page._replace(sign=True))
        self.count = len(self.pages)


def _cell_lines(note: str, font: str, most: int = 0) -> list[str]:
    """The 备注 cell's lines (two fit)."""
    return pdf_wrap.wrap(note, NOTE_W - 5, lambda t: stringWidth(t, font, NOTE_PT - 1),
                         most=most)


def write_ledger_pdf(ledger: Ledger, path: str | Path) -> int:
    """Write the ledger to `path` (atomically); returns the number of pages."""
    font = register_cjk_font()
    layout = _Layout(ledger, font)

    def draw(tmp: str) -> None:
        c = canvas.Canvas(tmp, pagesize=(PAGE_W, PAGE_H))
        c.setTitle(ledger.title)
        c.setAuthor("支部工作台")
        sheet = _Sheet(c, font)
        for number, page in enumerate(layout.pages, start=1):
            top = sheet.heading(ledger, number)
            if page.rows or page.totals:
                top = sheet.header(top)
                for r in page.rows:
                    sheet.row(top, r, False)
                    top -= ROW_H
            if page.totals:
                sheet.row(top, ledger.totals, True)
                top -= ROW_H + 6
            sheet.end(top, ledger, page.lines, page.sign)
            c.setFont(font, 9)
            c.drawCentredString(PAGE_W / 2, BOTTOM - 14, f"第 {number} 页　共 {layout.count} 页")
            c.showPage()
        c.save()

    write_pdf_atomic(path, draw)
    return layout.count


class _Sheet:
    """The parts of a page, each drawn by its own method so that the page's order (heading,
    column header, rows, the end) reads in `write_ledger_pdf` and each part can be read alone;
    they share the canvas, the font and the column edges `xs`."""

    def __init__(self, c, font: str):
        self.c, self.font = c, font
        self.columns = _columns()
        self.xs = [LEFT]
        for _t, w in self.columns:
            self.xs.append(self.xs[-1] + w)

    def heading(self, ledger: Ledger, number: int) -> float:
        """The title, subtitle and 填报单位 on the first page, "…（续）" on later ones; returns
        the top of the table."""
        c, font = self.c, self.font
        if number == 1:
            c.setFont(font, TITLE_PT)
            c.drawCentredString(PAGE_W / 2, PAGE_H - TOP - TITLE_PT + 2, ledger.title)
            c.setFont(font, INFO_PT)
            if ledger.subtitle:
                c.drawCentredString(PAGE_W / 2, PAGE_H - TOP - TITLE_PT - 13, ledger.subtitle)
            c.drawString(LEFT, FIRST_TOP + 7, f"填报单位（盖章）：{ledger.branch}")
            c.drawRightString(LEFT + WIDTH, FIRST_TOP + 7, "单位：元")
            return FIRST_TOP
        c.setFont(font, INFO_PT)
        c.drawString(LEFT, LATER_TOP + 7, f"{ledger.title}（续）")
        c.drawRightString(LEFT + WIDTH, LATER_TOP + 7, "单位：元")
        return LATER_TOP

    def header(self, top: float) -> float:
        """The two-line column header, the twelve months under one 各月实交金额及交纳日期;
        returns the top of the first row."""
        c, xs = self.c, self.xs
        c.setLineWidth(0.6)
        c.setFillGray(0.9)
        c.rect(LEFT, top - HEAD_H1 - HEAD_H2, WIDTH, HEAD_H1 + HEAD_H2, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(self.font, HEAD_PT)
        first_month = len(HEAD)
        for i, (title, _w) in enumerate(self.columns):
            x0, x1 = xs[i], xs[i + 1]
            if first_month <= i < first_month + 12:
                c.drawCentredString((x0 + x1) / 2, top - HEAD_H1 - HEAD_H2 + 4.5, title)
            else:
                c.drawCentredString((x0 + x1) / 2, top - (HEAD_H1 + HEAD_H2) / 2 - 3, title)
        m0, m1 = xs[first_month], xs[first_month + 12]
        c.drawCentredString((m0 + m1) / 2, top - HEAD_H1 + 5, "各月实交金额及交纳日期")
        c.line(LEFT, top, LEFT + WIDTH, top)
        c.line(m0, top - HEAD_H1, m1, top - HEAD_H1)
        for i, x in enumerate(xs):
            inner = first_month < i < first_month + 12
            c.line(x, top - (HEAD_H1 if inner else 0), x, top - HEAD_H1 - HEAD_H2)
        return top - HEAD_H1 - HEAD_H2

    def row(self, top: float, r: LedgerRow, bold: bool) -> None:
        """A member's row, or (`bold`) the 合计 row: its cells, then its rules."""
        c, font, xs = self.c, self.font, self.xs
        base = top - ROW_H
        mid = base + ROW_H / 2 - 3
        c.setFont(font, NAME_PT)
        if r.number:
            c.drawCentredString((xs[0] + xs[1]) / 2, mid, str(r.number))
        name = _fit(r.name, font, NAME_PT, xs[2] - xs[1] - 4)
        if bold:
            c.drawCentredString((xs[1] + xs[2]) / 2, mid, name)
        else:
            c.drawString(xs[1] + 3, mid, name)
        c.setFont(font, AMOUNT_PT)
        c.drawRightString(xs[3] - 3, mid, r.base.text)
        c.drawCentredString((xs[3] + xs[4]) / 2, mid, r.rate)
        c.drawRightString(xs[5] - 3, mid, r.monthly.text)
        for i, month in enumerate(r.months):
            self.month(xs[5 + i], xs[6 + i], base, month, bold)
        for k, value in enumerate((r.owed, r.paid, r.outstanding)):
            c.setFont(font, _size(value.text, font, AMOUNT_PT, xs[18 + k] - xs[17 + k] - 5))
            c.drawRightString(xs[18 + k] - 3, mid, value.text)
        lines = _cell_lines(r.note, font)
        if len(lines) > 2:  # the whole of it is under the table
            lines = [*_cell_lines(r.note, font, most=1), "（全文见表下）"]
        c.setFont(font, NOTE_PT - 1)
        for j, line in enumerate(lines):
            c.drawString(xs[20] + 2.5, mid + (4.5 if len(lines) > 1 else 0) - 9 * j, line)
        c.line(LEFT, base, LEFT + WIDTH, base)
        for x in xs:
            c.line(x, top, x, base)

    def month(self, x0: float, x1: float, base: float, month: LedgerMonth, bold: bool) -> None:
        """One month's cell between x0 and x1: a mark (免 …) when nothing was paid; else the
        amount over the day paid, or in the 合计 row the month's total alone, shrunk to fit."""
        c, font = self.c, self.font
        mid = base + ROW_H / 2 - 3
        if month.mark and not month.paid.fen:
            c.setFont(font, AMOUNT_PT)
            c.drawCentredString((x0 + x1) / 2, mid, month.mark)
            return
        if bold and month.paid.fen:  # a month's total: one figure, in the middle
            c.setFont(font, _size(month.paid.text, font, AMOUNT_PT, x1 - x0 - 4))
            c.drawRightString(x1 - 2, mid, month.paid.text)
        elif month.paid.fen:
            c.setFont(font, AMOUNT_PT)
            c.drawRightString(x1 - 2.5, base + ROW_H - 11, month.paid.text)
            c.setFont(font, DAY_PT)
            c.setFillGray(0.3)
            c.drawRightString(x1 - 2.5, base + 4, _day(month))
            c.setFillGray(0)

    def end(self, top: float, ledger: Ledger, lines: list[str], sign: bool) -> None:
        """Under the table (or from the top of a page of notes): the notes' lines that fall on
        this page, and at the very end the signature line."""
        c, font = self.c, self.font
        c.setFont(font, NOTE_PT)
        for line in lines:
            top -= NOTE_PT + 4
            c.drawString(LEFT, top, line)
        if sign:
            c.setFont(font, INFO_PT + 0.5)
            y = top - SIGN_H + 12
            c.drawString(LEFT, y, "收缴人（签字）：____________")
            c.drawString(LEFT + WIDTH * 0.36, y, "支部书记（签字）：____________")
            c.drawRightString(LEFT + WIDTH, y, f"填表日期：{cn(ledger.made_on)}")
