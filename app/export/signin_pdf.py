"""学习活动签到表 (sign-in sheet) as an A4 PDF: large type, one row per member with a blank
signature column, the header row repeated on every page, "第 x 页 共 y 页" at the foot.

A cancelled event's sheet can still be printed (for the file), but nobody may mistake it for a
sheet to sign: its title ends in （已取消）, a line under the title says so, and a large grey
已取消 stands across every page behind the table.

Drawn page by page on a reportlab canvas (a long auto-split table is far slower, see
stack-notes); the shipped CJK font is embedded so the sheet prints the same on any PC.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from app.dates import fmt
from app.export.pdf_fonts import fit_line as _fit
from app.export.pdf_fonts import register_cjk_font, write_pdf_atomic

WEEKDAYS = "一二三四五六日"
MARGIN = 42
TITLE_SIZE = 22
INFO_SIZE = 14
HEAD_SIZE = 15
NAME_SIZE = 17
ROW_H = 31
HEAD_H = 30
FOOT_H = 40
# column titles and widths in points (the signature column takes what is left)
COLUMNS = (("序号", 52), ("姓名", 130), ("本人签名", 0), ("备注", 110))
CANCELLED = "已取消"


def _widths(total: float) -> list[float]:
    fixed = sum(w for _t, w in COLUMNS)
    return [w or total - fixed for _t, w in COLUMNS]


def _info_lines(sheet) -> list[str]:
    when = f"{fmt(sheet.day)}（星期{WEEKDAYS[sheet.day.weekday()]}）"
    if sheet.start_time:
        when += f" {sheet.start_time}"
    lines = [f"活动：{sheet.kind}" + (f"　　主题：{sheet.topic}" if sheet.topic else ""),
             f"时间：{when}" + (f"　　地点：{sheet.place}" if sheet.place else "")]
    if sheet.speaker:
        lines.append(f"主讲人：{sheet.speaker}")
    if getattr(sheet, "cancelled", False):
        lines.append(f"状态：本次活动{CANCELLED}，此表只作存档，不作签到")
    return lines


def _watermark(c, font: str, width: float, height: float) -> None:
    """已取消 in large light grey across the page, drawn first so the table stays readable."""
    c.saveState()
    c.setFillGray(0.82)
    c.setFont(font, 120)
    c.translate(width / 2, height / 2)
    c.rotate(35)
    c.drawCentredString(0, -40, CANCELLED)
    c.restoreState()


def _layout(sheet, height: float) -> tuple[float, float, int, int]:
    """(table top on page 1, table top on later pages, rows on page 1, rows per later page)."""
    first_top = height - MARGIN - TITLE_SIZE - 14 - len(_info_lines(sheet)) * (INFO_SIZE + 8) - 6
    later_top = height - MARGIN - INFO_SIZE - 10
    bottom = MARGIN + FOOT_H
    first = int((first_top - HEAD_H - bottom) // ROW_H)
    later = int((later_top - HEAD_H - bottom) // ROW_H)
    return first_top, later_top, first, later


def page_count(sheet) -> int:
    _w, height = A4
    _a, _b, first, later = _layout(sheet, height)
    rest = max(len(sheet.members) - first, 0)
    return 1 + -(-rest // later)


def _table(c, font: str, width: float, widths: list[float], top: float, rows) -> None:
    """The grey heading row, then one row per member: 序号, name in large type, the blank to
    sign in, and a note (行动不便 …) so the secretary knows whose signature to fetch."""
    x0, x1 = MARGIN, width - MARGIN
    c.setLineWidth(0.8)
    c.setFillGray(0.9)
    c.rect(x0, top - HEAD_H, x1 - x0, HEAD_H, stroke=0, fill=1)
    c.setFillGray(0)
    c.setFont(font, HEAD_SIZE)
    x = x0
    for (label, _w), w in zip(COLUMNS, widths):
        c.drawCentredString(x + w / 2, top - HEAD_H + 9, label)
        x += w
    bottom = top - HEAD_H - ROW_H * len(rows)
    for i, (number, name, note) in enumerate(rows):
        base = top - HEAD_H - ROW_H * (i + 1) + 9
        c.setFont(font, HEAD_SIZE)
        c.drawCentredString(x0 + widths[0] / 2, base, str(number))
        c.setFont(font, NAME_SIZE)
        c.drawString(x0 + widths[0] + 8, base, _fit(name, font, NAME_SIZE, widths[1] - 14))
        if note:
            c.setFont(font, 12)
            c.drawString(x1 - widths[3] + 6, base + 1, _fit(note, font, 12, widths[3] - 10))
    for i in range(len(rows) + 2):
        y = top - (0 if i == 0 else HEAD_H + ROW_H * (i - 1))
        c.line(x0, y, x1, y)
    x = x0
    for w in [0, *widths]:
        x += w
        c.line(x, top, x, bottom)


def _page_head(c, font: str, sheet, title: str, page: int, width: float,
               height: float) -> None:
    """Page 1: the title and the event's lines; later pages one line saying whose sheet they
    continue, so a loose page is still known."""
    if page == 1:
        size = TITLE_SIZE  # a long branch name: smaller, never cut (（已取消） ends it)
        while size > 14 and stringWidth(title, font, size) > width - 2 * MARGIN:
            size -= 1
        c.setFont(font, size)
        c.drawCentredString(width / 2, height - MARGIN - TITLE_SIZE, title)
        y = height - MARGIN - TITLE_SIZE - 14
        c.setFont(font, INFO_SIZE)
        for line in _info_lines(sheet):
            y -= INFO_SIZE + 8
            c.drawString(MARGIN, y, _fit(line, font, INFO_SIZE, width - 2 * MARGIN))
    else:
        c.setFont(font, INFO_SIZE)
        c.drawString(MARGIN, height - MARGIN - INFO_SIZE, _fit(
            f"{title}（续）　{sheet.kind}　{fmt(sheet.day)}", font, INFO_SIZE,
            width - 2 * MARGIN))


def _page_foot(c, font: str, page: int, pages: int, expected: int, width: float) -> None:
    """The page number on every page; under the last table the line for the head count."""
    c.setFont(font, 12)
    if page == pages:
        c.drawString(MARGIN, MARGIN + 16,
                     f"应到 {expected} 人　　实到 ______ 人　　记录人 __________")
    c.drawCentredString(width / 2, MARGIN - 4, f"第 {page} 页　共 {pages} 页")


def draw_signin_pages(c, sheet, font: str) -> int:
    """Draw the sheet's pages onto the canvas `c` (each ended with showPage), numbered among
    themselves; returns their number. The printed 会议记录 puts them after its own pages."""
    width, height = A4
    first_top, later_top, first, later = _layout(sheet, height)
    pages = page_count(sheet)
    title = signin_title(sheet)
    widths = _widths(width - 2 * MARGIN)
    members = list(sheet.members)
    start = 0
    for page in range(1, pages + 1):
        if getattr(sheet, "cancelled", False):
            _watermark(c, font, width, height)
        _page_head(c, font, sheet, title, page, width, height)
        top, count = (first_top, first) if page == 1 else (later_top, later)
        rows = members[start:start + count]
        start += count
        _table(c, font, width, widths, top, rows)
        _page_foot(c, font, page, pages, len(members), width)
        c.showPage()
    return pages


def signin_title(sheet) -> str:
    title = f"{sheet.branch}学习活动签到表" if sheet.branch else "学习活动签到表"
    return title + (f"（{CANCELLED}）" if getattr(sheet, "cancelled", False) else "")


def write_signin_pdf(sheet, path) -> int:
    """Write the sheet to `path` (atomically); returns the number of pages."""
    font = register_cjk_font()
    pages = page_count(sheet)

    def draw(tmp: str) -> None:
        c = canvas.Canvas(tmp, pagesize=A4)
        c.setTitle(signin_title(sheet))
        c.setAuthor("支部工作台")
        draw_signin_pages(c, sheet, font)
        c.save()

    write_pdf_atomic(path, draw)
    return pages
