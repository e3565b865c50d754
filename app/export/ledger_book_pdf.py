"""The ledger book (支部工作台账) as an A4 PDF: a cover (branch, year, 填报单位, date), a table of
contents with page numbers, each of the nine parts from a new page, tables whose header row is
repeated on every page they run onto, 第 N 页 共 M 页 on every page, the font embedded.

Laid out first and drawn second (app.export.pdf_flow): while laying out, the page each part
starts on is noted; the contents page is drawn last of all from those numbers, so they always
match. Plain data in (app.export.ledger_book_data), a file out.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth

from app.dates import cn
from app.export.ledger_book_data import Facts, LedgerBook, Part, Passage, Table
from app.export.pdf_flow import LEFT, PAGE_H, PAGE_W, TEXT_PT, TOP, WIDTH, Col, Flow

PART_PT, COVER_PT, BODY_PT, DENSE_PT = 16, 30, 11, 8


def _cover(flow: Flow, book: LedgerBook) -> None:
    flow.new_page()
    font = flow.font

    def step(c) -> None:
        c.setFont(font, PART_PT + 4)
        c.drawCentredString(PAGE_W / 2, PAGE_H * 0.68 + 60, book.branch)
        c.setFont(font, COVER_PT)
        c.drawCentredString(PAGE_W / 2, PAGE_H * 0.68, "支部工作台账")
        c.setFont(font, PART_PT + 4)
        c.drawCentredString(PAGE_W / 2, PAGE_H * 0.68 - 56, f"（{book.year}年度）")
        lines = [("党支部名称", book.branch), ("所属乡镇（街道）", book.township or ""),
                 ("填报单位", book.unit), ("支部书记", book.maker), ("填报日期", cn(book.made_on))]
        y = PAGE_H * 0.42
        for label, value in lines:
            c.setFont(font, TEXT_PT + 2)
            c.drawRightString(PAGE_W / 2 - 20, y, f"{label}：")
            c.drawString(PAGE_W / 2 - 14, y, value)
            c.setLineWidth(0.5)
            end = max(170, stringWidth(value, font, TEXT_PT + 2) + 8)
            c.line(PAGE_W / 2 - 16, y - 4, PAGE_W / 2 + end, y - 4)
            y -= 34

    flow.draw(step)


def _contents(flow: Flow, book: LedgerBook, starts: list[int]) -> None:
    """The contents page; `starts` is filled in after the whole book is laid out."""
    flow.new_page()
    font, parts = flow.font, book.parts

    def step(c) -> None:
        c.setFont(font, PART_PT + 2)
        c.drawCentredString(PAGE_W / 2, PAGE_H - TOP - 30, "目　　录")
        y = PAGE_H - TOP - 86
        for part, page in zip(parts, starts):
            number = str(page)
            c.setFont(font, TEXT_PT + 1)
            c.drawString(LEFT + 24, y, part.heading)
            c.drawRightString(LEFT + WIDTH - 24, y, number)
            left = LEFT + 30 + stringWidth(part.heading, font, TEXT_PT + 1)
            right = LEFT + WIDTH - 30 - stringWidth(number, font, TEXT_PT + 1)
            dots = "·" * max(int((right - left) / stringWidth("·", font, TEXT_PT + 1)), 0)
            c.drawRightString(right, y, dots)
            y -= 34

    flow.draw(step)


def _part_heading(flow: Flow, part: Part) -> None:
    flow.new_page()
    font, y = flow.font, flow.y - PART_PT
    flow.draw(lambda c: (c.setFont(font, PART_PT), c.drawCentredString(PAGE_W / 2, y,
                                                                         part.heading)))
    flow.y = y - 18


def _table(flow: Flow, t: Table) -> None:
    share = WIDTH / sum(t.widths)
    cols = [Col(h, w * share, "center" if i in t.centred else "right" if i in t.right
                else "left")
            for i, (h, w) in enumerate(zip(t.headers, t.widths))]
    flow.caption(t.caption)
    flow.table(cols, [list(r) for r in t.rows], t.empty, f"{t.caption}（续）",
               **({"size": DENSE_PT} if t.dense else {}))
    flow.space(12)


def _block(flow: Flow, block) -> None:
    if isinstance(block, Table):
        _table(flow, block)
    elif isinstance(block, Facts):
        flow.caption(block.caption)
        for label, value in block.lines:
            flow.paragraph(f"{label}：{value}", BODY_PT, indent=TEXT_PT)
        flow.space(10)
    elif isinstance(block, Passage):
        flow.caption(block.caption)
        flow.paragraph(block.text, BODY_PT, indent=TEXT_PT)
        flow.space(10)


def write_ledger_book_pdf(book: LedgerBook, path: str | Path) -> tuple[int, list[int]]:
    """The book to `path` (atomically); (pages, the page each part starts on)."""
    flow = Flow(book.title)
    starts: list[int] = []
    _cover(flow, book)
    _contents(flow, book, starts)
    for part in book.parts:
        _part_heading(flow, part)
        starts.append(len(flow.pages))
        for block in part.blocks:
            _block(flow, block)
    return flow.write(path), starts
