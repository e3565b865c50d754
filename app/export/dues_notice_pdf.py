"""年度党费收缴情况公示 as a PDF for the activity room's wall: A4 portrait, large type.

Each member's monthly amount, what the year asked and what they paid, a short remark (减免,
免交, 转出 …: never a reason, never an ID number), then the branch's totals and collection rate,
the posting period, the branch (盖章) and the date. Drawn page by page, the header repeated,
the CJK font embedded, written atomically.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from app.dates import cn
from app.export import pdf_wrap
from app.export.dues_sheets import Notice
from app.export.pdf_fonts import fit_line as _fit
from app.export.pdf_fonts import register_cjk_font, write_pdf_atomic

PAGE_W, PAGE_H = A4
LEFT = RIGHT = 48
TOP, BOTTOM = 44, 44
WIDTH = PAGE_W - LEFT - RIGHT
COLUMNS = (("序号", 42), ("姓名", 100), ("月交纳额", 78), ("全年应交", 84), ("全年实交", 84))
NOTE_W = WIDTH - sum(w for _t, w in COLUMNS)
TITLE_PT, TEXT_PT, CELL_PT = 20, 13, 13
ROW_H, HEAD_H = 23, 25
END_H = 150  # totals, the summary, the posting period, the seal and the date


def _intro(notice: Notice) -> str:
    upto = f"（截至{cn(notice.upto)}）" if notice.upto else ""
    return (f"根据党费收缴、使用和管理的有关规定，现将本支部{notice.year}年度党费收缴情况{upto}"
            f"公示如下：")




def write_notice_pdf(notice: Notice, path: str | Path) -> int:
    """Write the notice to `path` (atomically); returns the number of pages."""
    wall = _Wall(notice, register_cjk_font())
    pages = _pages(list(notice.rows), wall.first_top, wall.later_top)

    def draw(tmp: str) -> None:
        c = canvas.Canvas(tmp, pagesize=A4)
        c.setTitle(wall.title)
        c.setAuthor("支部工作台")
        for number, rows in enumerate(pages, start=1):
            top = wall.heading(c, number)
            c.setLineWidth(0.7)
            c.line(LEFT, top, LEFT + WIDTH, top)
            wall.table_row(c, top, [t for t, _w in COLUMNS] + ["备注"], shaded=True)
            top -= HEAD_H
            for r in rows:
                wall.table_row(c, top, [str(r.number), r.name, r.monthly, r.owed, r.paid,
                                        r.note])
                top -= ROW_H
            if number == len(pages):
                wall.end(c, top)
            c.setFont(wall.font, 10)
            c.drawCentredString(PAGE_W / 2, BOTTOM - 18, f"第 {number} 页　共 {len(pages)} 页")
            c.showPage()
        c.save()

    write_pdf_atomic(path, draw)
    return len(pages)


def _pages(rows: list, first_top: float, later_top: float) -> list[list]:
    """The rows of each page. The last page must also hold the end (END_H), so rows that
    would leave it no room go over with it; a page after the first always takes the last
    row, so an end taller than a page cannot loop for ever."""
    pages: list[list] = []
    top = first_top
    while True:
        room = top - HEAD_H - BOTTOM - 16
        if len(rows) * ROW_H + END_H <= room or (top == later_top and len(rows) <= 1):
            pages.append(rows)
            return pages
        fits = int(room // ROW_H)
        take = fits if len(rows) > fits else max(len(rows) - 1, 0)
        pages.append(rows[:take])
        rows, top = rows[take:], later_top


class _Wall:
    """The notice's parts (the heading, a table row, the end) and what they share: the font,
    the intro wrapped to the page, where the table starts on the first and later pages, and
    the column edges."""

    def __init__(self, notice: Notice, font: str):
        self.notice, self.font = notice, font
        self.measure = lambda t: stringWidth(t, font, TEXT_PT)
        self.intro = pdf_wrap.wrap(_intro(notice), WIDTH - 2 * TEXT_PT, self.measure)
        self.first_top = PAGE_H - TOP - TITLE_PT - 22 - len(self.intro) * (TEXT_PT + 7) - 4
        self.later_top = PAGE_H - TOP - TEXT_PT - 10
        self.xs = [LEFT]
        for _t, w in (*COLUMNS, ("备注", NOTE_W)):
            self.xs.append(self.xs[-1] + w)
        self.title = f"{notice.branch}{notice.year}年度党费收缴情况公示"

    def heading(self, c, number: int) -> float:
        """The title (shrunk to the width, never below 14 pt) and the intro on the first page,
        "…（续）" on later ones; returns the top of the table."""
        font, title = self.font, self.title
        if number == 1:
            size = TITLE_PT
            while size > 14 and stringWidth(title, font, size) > WIDTH:
                size -= 1
            c.setFont(font, size)
            c.drawCentredString(PAGE_W / 2, PAGE_H - TOP - TITLE_PT, title)
            c.setFont(font, TEXT_PT)
            y = PAGE_H - TOP - TITLE_PT - 22
            for i, line in enumerate(self.intro):
                y -= TEXT_PT + 7 if i else 0
                c.drawString(LEFT + (2 * TEXT_PT if i == 0 else 0), y, line)
            return self.first_top
        c.setFont(font, TEXT_PT)
        c.drawString(LEFT, self.later_top + 8, f"{title}（续）")
        return self.later_top

    def table_row(self, c, top: float, cells: list[str], shaded: bool = False) -> None:
        """A row of the table; `shaded` is the column header (taller, grey, centred)."""
        font, xs = self.font, self.xs
        h = HEAD_H if shaded else ROW_H
        if shaded:
            c.setFillGray(0.9)
            c.rect(LEFT, top - h, WIDTH, h, stroke=0, fill=1)
            c.setFillGray(0)
        c.setFont(font, CELL_PT)
        base = top - h / 2 - CELL_PT / 2 + 2
        for i, text in enumerate(cells):
            x0, x1 = xs[i], xs[i + 1]
            if shaded or i == 0:
                c.drawCentredString((x0 + x1) / 2, base, text)
            elif i == 1 or i == 5:
                c.drawString(x0 + 5, base, _fit(text, font, CELL_PT, x1 - x0 - 8))
            else:
                c.drawRightString(x1 - 6, base, text)
        c.setLineWidth(0.7)
        c.line(LEFT, top - h, LEFT + WIDTH, top - h)
        for x in xs:
            c.line(x, top, x, top - h)

    def end(self, c, top: float) -> None:
        """The last page's end (END_H tall): 合计, the year's figures and collection rate, the
        posting period, the branch (盖章) and the date."""
        notice = self.notice
        self.table_row(c, top, ["", f"合计（{notice.members}人）", "", notice.owed, notice.paid,
                                ""])
        top -= ROW_H + 26
        c.setFont(self.font, TEXT_PT)
        lines = [f"全支部{notice.year}年应交党费 {notice.owed} 元，实交 {notice.paid} 元，"
                 f"收缴率 {notice.rate}。",
                 f"公示时间：{cn(notice.made_on)}至"
                 f"{cn(notice.made_on + timedelta(days=notice.days_posted - 1))}。"
                 f"如有疑问，请向支部书记反映。"]
        for line in lines:
            for part in pdf_wrap.wrap(line, WIDTH - 2 * TEXT_PT, self.measure):
                c.drawString(LEFT + 2 * TEXT_PT, top, part)
                top -= TEXT_PT + 8
        top -= 22
        c.drawRightString(LEFT + WIDTH, top, f"{notice.branch}（盖章）")
        c.drawRightString(LEFT + WIDTH, top - TEXT_PT - 10, cn(notice.made_on))
