"""困难党员登记表 as a PDF: A4 landscape, in the look of the county's printed forms.

    表号：老干关怀1表                                                   (first page)
    title (16 pt): "{支部}{年}年困难党员登记表"
    填报单位（盖章）：…                                                   共 N 人
    序号 | 姓名 | 性别 | 年龄 | 入党时间 | 困难状况及原因 | 住址 | 帮扶措施 | 公示日期
    one row per member; the long columns wrap, the row grows to the longest
    单位负责人：＿＿  审核人：＿＿  填表人：…  填表日期：2026年12月01日 (after the last row)
    第 x 页 共 y 页 on every page; later pages start with "…（续）" and the column header

Drawn on a reportlab canvas page by page (the layout is worked out first, so the page count is
known), the shipped CJK font embedded, written atomically.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from app.dates import cn
from app.export import pdf_wrap
from app.export.hardship_sheets import HEADERS, WIDE, Register, RegisterRow
from app.export.pdf_fonts import fit_line, register_cjk_font, write_pdf_atomic

PAGE_W, PAGE_H = 841.89, 595.28  # A4 landscape
LEFT = RIGHT = 28
TOP, BOTTOM = 26, 34
WIDTH = PAGE_W - LEFT - RIGHT
FIXED = {0: 26, 1: 54, 2: 28, 3: 30, 4: 84, 8: 84}  # points; the rest share what is left
SHARE = {5: 0.38, 6: 0.25, 7: 0.37}  # 困难状况及原因, 住址, 帮扶措施
TITLE_PT, INFO_PT, HEAD_PT, BODY_PT = 16, 10.5, 10, 10
LINE_H = BODY_PT + 3
PAD = 5
HEAD_H = 24
MIN_ROW = 26
MOST_LINES = 24  # a row never taller than most of a page: longer text ends in "…"
SIGN_H = 40
FIRST_TOP = PAGE_H - TOP - 64
LATER_TOP = PAGE_H - TOP - 22


def _widths() -> list[float]:
    rest = WIDTH - sum(FIXED.values())
    return [FIXED[i] if i in FIXED else rest * SHARE[i] for i in range(len(HEADERS))]


class _Layout:
    """Each row's wrapped lines and height, and which rows go on which page."""

    def __init__(self, data: Register, font: str):
        self.widths = _widths()
        measure = lambda t: stringWidth(t, font, BODY_PT)  # noqa: E731
        self.cells: list[list[list[str]]] = []
        self.heights: list[float] = []
        for r in data.rows:
            cells = [pdf_wrap.wrap(text, self.widths[i] - 2 * PAD + 1, measure, MOST_LINES)
                     if i in WIDE else [text] for i, text in enumerate(r.cells())]
            self.cells.append(cells)
            self.heights.append(max(MIN_ROW, max(len(c) for c in cells) * LINE_H + 2 * PAD))
        self.pages: list[list[int]] = []
        top, page = FIRST_TOP - HEAD_H, []
        for i, h in enumerate(self.heights):
            last = i == len(self.heights) - 1
            need = h + (SIGN_H if last else 0)
            if page and top - need < BOTTOM + 10:
                self.pages.append(page)
                top, page = LATER_TOP - HEAD_H, []
            page.append(i)
            top -= h
        self.pages.append(page)
        self.count = len(self.pages)


def write_register_pdf(data: Register, path: str | Path) -> int:
    """Write the register to `path` (atomically); returns the number of pages."""
    font = register_cjk_font()
    layout = _Layout(data, font)

    def draw(tmp: str) -> None:
        c = canvas.Canvas(tmp, pagesize=(PAGE_W, PAGE_H))
        c.setTitle(data.title)
        c.setAuthor("支部工作台")
        sheet = _Sheet(c, font, layout.widths)
        for number, rows in enumerate(layout.pages, start=1):
            top = sheet.heading(data, number)
            top = sheet.header(top)
            for i in rows:
                sheet.row(top, data.rows[i], layout.cells[i], layout.heights[i])
                top -= layout.heights[i]
            if number == layout.count:
                sheet.signatures(top, data)
            c.setFont(font, 9)
            c.drawCentredString(PAGE_W / 2, BOTTOM - 16, f"第 {number} 页　共 {layout.count} 页")
            c.showPage()
        c.save()

    write_pdf_atomic(path, draw)
    return layout.count


class _Sheet:
    """The parts of a page, drawn on one canvas with the column edges `xs`."""

    def __init__(self, c, font: str, widths: list[float]):
        self.c, self.font = c, font
        self.xs = [LEFT]
        for w in widths:
            self.xs.append(self.xs[-1] + w)

    def heading(self, data: Register, number: int) -> float:
        c, font = self.c, self.font
        c.setFillGray(0)
        if number > 1:
            c.setFont(font, INFO_PT)
            c.drawString(LEFT, LATER_TOP + 7, f"{data.title}（续）")
            return LATER_TOP
        c.setFont(font, 9.5)
        c.drawString(LEFT, PAGE_H - TOP - 6, f"表号：{data.form_number}")
        c.setFont(font, TITLE_PT)
        c.drawCentredString(PAGE_W / 2, PAGE_H - TOP - 30, fit_line(data.title, font, TITLE_PT,
                                                                     WIDTH - 160))
        c.setFont(font, INFO_PT)
        c.drawString(LEFT, FIRST_TOP + 8, f"填报单位（盖章）：{data.branch}")
        c.drawRightString(LEFT + WIDTH, FIRST_TOP + 8, f"共 {len(data.rows)} 人")
        return FIRST_TOP

    def header(self, top: float) -> float:
        c, xs = self.c, self.xs
        c.setLineWidth(0.6)
        c.setFillGray(0.9)
        c.rect(LEFT, top - HEAD_H, WIDTH, HEAD_H, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont(self.font, HEAD_PT)
        for i, title in enumerate(HEADERS):
            c.drawCentredString((xs[i] + xs[i + 1]) / 2, top - HEAD_H / 2 - 3.5, title)
        self._rules(top, top - HEAD_H)
        return top - HEAD_H

    def row(self, top: float, r: RegisterRow, cells: list[list[str]], height: float) -> None:
        c, font, xs = self.c, self.font, self.xs
        base = top - height
        c.setFont(font, BODY_PT)
        for i, lines in enumerate(cells):
            x0, x1 = xs[i], xs[i + 1]
            if i in WIDE:
                y = top - PAD - BODY_PT + 1
                for line in lines:
                    c.drawString(x0 + PAD, y, line)
                    y -= LINE_H
                continue
            size = BODY_PT  # a long name shrinks a little before it is cut
            while size > 7.5 and stringWidth(lines[0], font, size) > x1 - x0 - 4:
                size -= 0.5
            c.setFont(font, size)
            text = fit_line(lines[0], font, size, x1 - x0 - 4)
            c.drawCentredString((x0 + x1) / 2, base + height / 2 - 3.5, text)
            c.setFont(font, BODY_PT)
        self._rules(top, base)

    def _rules(self, top: float, base: float) -> None:
        c = self.c
        c.line(LEFT, top, LEFT + WIDTH, top)
        c.line(LEFT, base, LEFT + WIDTH, base)
        for x in self.xs:
            c.line(x, top, x, base)

    def signatures(self, top: float, data: Register) -> None:
        c = self.c
        c.setFont(self.font, INFO_PT + 0.5)
        y = top - SIGN_H + 14
        blank = "＿" * 6
        c.drawString(LEFT, y, f"单位负责人：{blank}")
        c.drawString(LEFT + WIDTH * 0.26, y, f"审核人：{blank}")
        c.drawString(LEFT + WIDTH * 0.48, y, f"填表人：{data.maker or blank}")
        c.drawRightString(LEFT + WIDTH, y, f"填表日期：{cn(data.made_on)}")
