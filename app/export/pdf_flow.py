"""A4 portrait forms that flow from page to page: a form heading (表号, title, 填报单位 and date),
tables whose cells wrap and whose header row is repeated on every page they run onto,
paragraphs, and a signature line — then 第 N 页 共 M 页 on every page once the count is known.

Laid out first as a list of drawing steps per page, drawn second: the page count is needed on
the first page's footer. The shipped CJK font is embedded, the file written atomically.
Plain text in, a file out: the callers (app/export/honours_pdf.py …) decide the words and the
columns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from app.export import pdf_wrap
from app.export.pdf_fonts import register_cjk_font, write_pdf_atomic

PAGE_W, PAGE_H = A4
LEFT = RIGHT = 48
TOP, BOTTOM = 42, 50
WIDTH = PAGE_W - LEFT - RIGHT
TITLE_PT, TEXT_PT, CELL_PT, SMALL_PT = 18, 12, 10, 10
CELL_LINE = CELL_PT + 3.5
PAD = 5
MOST_LINES = 30  # a cell taller than this (a very long 事迹) ends in "…"


@dataclass(frozen=True)
class Col:
    title: str
    width: float  # points; the last column of a table takes what is left of WIDTH
    align: str = "left"  # left / center / right


class Flow:
    """The document being laid out: `pages` of drawing steps, and `y`, where the next thing
    goes on the last page."""

    def __init__(self, title: str):
        self.font = register_cjk_font()
        self.title = title
        self.pages: list[list[Callable]] = []
        self.y = 0.0
        self.cell_pt: float = CELL_PT  # the table being laid out (a wide one may be smaller)

    # pages ------------------------------------------------------------------------------------
    def new_page(self) -> None:
        self.pages.append([])
        self.y = PAGE_H - TOP

    def room(self) -> float:
        return self.y - BOTTOM

    def draw(self, step: Callable) -> None:
        self.pages[-1].append(step)

    def measure(self, size: float) -> Callable[[str], float]:
        return lambda t: stringWidth(t, self.font, size)

    # parts of a form --------------------------------------------------------------------------
    def form_heading(self, number: str, title: str, left: str, right: str) -> None:
        """A new page with 表号 at the top right, the title (shrunk to fit) and the line under
        it: 填报单位（盖章）on the left, the date on the right."""
        self.new_page()
        font, y = self.font, self.y
        self.draw(lambda c: _text(c, font, SMALL_PT, LEFT + WIDTH, y - SMALL_PT, number, "right"))
        size = TITLE_PT
        while size > 12 and stringWidth(title, font, size) > WIDTH:
            size -= 1
        ty = y - SMALL_PT - 14 - size
        self.draw(lambda c: _text(c, font, size, PAGE_W / 2, ty, title, "center"))
        ly = ty - 16 - TEXT_PT
        self.draw(lambda c: _text(c, font, TEXT_PT, LEFT, ly, left))
        self.draw(lambda c: _text(c, font, TEXT_PT, LEFT + WIDTH, ly, right, "right"))
        self.y = ly - 10

    def caption(self, text: str) -> None:
        """A part's heading (一、受表彰情况); kept with at least two rows of what follows."""
        if self.room() < TEXT_PT + 8 + 3 * (CELL_LINE + 2 * PAD):
            self.new_page()
        font, y = self.font, self.y - TEXT_PT - 4
        self.draw(lambda c: _text(c, font, TEXT_PT, LEFT, y, text))
        self.y = y - 8

    def paragraph(self, text: str, size: float = TEXT_PT, indent: float = 0) -> None:
        """Wrapped text; each line goes on whichever page has room for it."""
        for line in pdf_wrap.wrap(text, WIDTH - indent, self.measure(size)):
            if self.room() < size + 6:
                self.new_page()
            font, y = self.font, self.y - size
            self.draw(lambda c, y=y, line=line: _text(c, font, size, LEFT + indent, y, line))
            self.y = y - 6

    def space(self, points: float) -> None:
        self.y -= min(points, max(self.room(), 0))

    def table(self, cols: list[Col], rows: list[list[str]], empty: str, cont: str,
              size: float = CELL_PT) -> None:
        """The table, its header repeated (under `cont`, "…（续）") on each page it runs onto;
        `empty` in one full-width row when there are no rows. `size`: the cells' type (a table
        of many narrow columns, such as a year of dues by quarter, reads better smaller)."""
        self.cell_pt = size
        try:
            self._table(_fill_width(cols), rows, empty, cont)
        finally:
            self.cell_pt = CELL_PT

    def _table(self, cols: list[Col], rows: list[list[str]], empty: str, cont: str) -> None:
        header = self._cells(cols, [c.title for c in cols], center=True)
        if self.room() < self._height(header) + self.cell_pt + 3.5 + 2 * PAD:
            self.new_page()
        self._row(cols, header, shaded=True)
        if not rows:
            self._row([Col("", WIDTH)], self._cells([Col("", WIDTH)], [empty], center=True))
        for row in rows:
            cells = self._cells(cols, row)
            if self.room() < self._height(cells):
                self.new_page()
                self.caption(cont)
                self._row(cols, header, shaded=True)
            self._row(cols, cells)

    def signatures(self, line: str) -> None:
        """单位负责人 / 审核人 / 填表人 at the end of a form, with room to sign."""
        if self.room() < TEXT_PT + 30:
            self.new_page()
        self.space(24)
        self.paragraph(line)

    # rows -------------------------------------------------------------------------------------
    def _cells(self, cols: list[Col], texts: list[str], center: bool = False) -> list:
        measure = self.measure(self.cell_pt)
        return [(col, pdf_wrap.wrap(text, col.width - 2 * PAD, measure, most=MOST_LINES),
                 "center" if center else col.align) for col, text in zip(cols, texts)]

    def _row(self, cols: list[Col], cells: list, shaded: bool = False) -> None:
        font, top, h = self.font, self.y, self._height(cells)
        size = self.cell_pt
        line_h = size + 3.5

        def step(c) -> None:
            if shaded:
                c.setFillGray(0.9)
                c.rect(LEFT, top - h, WIDTH, h, stroke=0, fill=1)
                c.setFillGray(0)
            c.setLineWidth(0.6)
            c.line(LEFT, top, LEFT + WIDTH, top)
            c.line(LEFT, top - h, LEFT + WIDTH, top - h)
            x = LEFT
            c.line(x, top, x, top - h)
            for col, lines, align in cells:
                block = len(lines) * line_h
                y = top - (h - block) / 2 - size + 1
                for line in lines:
                    at = {"left": x + PAD, "center": x + col.width / 2,
                          "right": x + col.width - PAD}[align]
                    _text(c, font, size, at, y, line, align)
                    y -= line_h
                x += col.width
                c.line(x, top, x, top - h)

        self.draw(step)
        self.y = top - h

    def _height(self, cells: list) -> float:
        return max(len(lines) for _c, lines, _a in cells) * (self.cell_pt + 3.5) + 2 * PAD

    # drawing ----------------------------------------------------------------------------------
    def write(self, path: str | Path) -> int:
        """Draw every page with its 第 N 页 共 M 页 to `path` (atomically); the page count."""
        total = len(self.pages)

        def draw(tmp: str) -> None:
            c = canvas.Canvas(tmp, pagesize=A4)
            c.setTitle(self.title)
            c.setAuthor("支部工作台")
            for number, steps in enumerate(self.pages, start=1):
                for step in steps:
                    step(c)
                _text(c, self.font, SMALL_PT, PAGE_W / 2, BOTTOM - 24,
                      f"第 {number} 页　共 {total} 页", "center")
                c.showPage()
            c.save()

        write_pdf_atomic(path, draw)
        return total


def _fill_width(cols: list[Col]) -> list[Col]:
    rest = WIDTH - sum(c.width for c in cols[:-1])
    return [*cols[:-1], Col(cols[-1].title, rest, cols[-1].align)]




def _text(c, font: str, size: float, x: float, y: float, text: str, align: str = "left") -> None:
    c.setFont(font, size)
    if align == "center":
        c.drawCentredString(x, y, text)
    elif align == "right":
        c.drawRightString(x, y, text)
    else:
        c.drawString(x, y, text)
