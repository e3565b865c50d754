"""The printed 会议记录 (minutes of a meeting) as an A4 PDF, with the sign-in sheet after it.

A ruled form the secretary signs: a label column on the left (时间, 地点, 主持人 / 记录人, the
attendance by mark, 列席, 主题, 内容, 决议/决定事项) and the text beside it, wrapped the way a
printed page breaks Chinese (pdf_wrap). 内容 may run over several pages: its box closes at the
foot of a page and goes on under "内容 / （续）". An empty 内容 or 决议 leaves ruled space to write
in by hand. Under the form: what 送学上门 means (attendance at home, counted as 实到), then the
lines for 记录人 and 主持人 to sign. The event's 签到表 follows on pages of its own
(signin_pdf.draw_signin_pages), so one print is the whole record of the meeting.

Laid out first (so every page can say 第 x 页 共 y 页), then drawn on one canvas; the CJK font is
embedded and the file written atomically, as every PDF of the program.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from app.dates import cn
from app.export import pdf_wrap
from app.export.minutes_sheet import AT_HOME_NOTE, MinutesSheet, leave_names, names
from app.export.pdf_fonts import fit_line, register_cjk_font, write_pdf_atomic
from app.export.signin_pdf import CANCELLED, draw_signin_pages, page_count

PAGE_W, PAGE_H = A4
LEFT = RIGHT = 50
TOP, BOTTOM = 46, 50
WIDTH = PAGE_W - LEFT - RIGHT
LABEL_W = 96
TITLE_PT, TEXT_PT, NOTE_PT = 20, 13, 10.5
LINE_H, PAD = 20, 5
TITLE_H = 66  # the branch, the title and the space under them
CONT_H = 26  # a later page's "…（续）" line
END_H = 92  # the note on 送学上门 and the two signature lines
BLANK_LINES = {"内容": 7, "决议/决定事项": 3}  # ruled space to write in when empty
WEEKDAYS = "一二三四五六日"


@dataclass
class Row:
    """One row of the form: a label and its lines, or (pair) two labels with one line each."""

    label: str
    lines: list[str]
    pair: tuple[str, str, str] | None = None  # (value, second label, second value)
    continued: bool = False  # the rest of a row begun on the page before

    @property
    def labels(self) -> list[str]:
        return [self.label, "（续）"] if self.continued else [self.label]

    @property
    def size(self) -> int:
        """Lines tall: its text, or its label when that is longer."""
        return max(len(self.lines), len(self.labels))

    @property
    def height(self) -> float:
        return self.size * LINE_H + 2 * PAD


@dataclass
class Placed:
    row: Row
    top: float


def _when(sheet: MinutesSheet) -> str:
    text = f"{cn(sheet.day)}（星期{WEEKDAYS[sheet.day.weekday()]}）"
    return f"{text} {sheet.start_time}" if sheet.start_time else text


def _rows(sheet: MinutesSheet, font: str) -> list[Row]:
    def text(label: str, value: str) -> Row:
        lines = pdf_wrap.wrap(value, WIDTH - LABEL_W - 2 * PAD,
                              lambda t: stringWidth(t, font, TEXT_PT))
        if not value.strip() and label in BLANK_LINES:
            lines = [""] * BLANK_LINES[label]
        return Row(label, lines)

    attended = len(sheet.present) + len(sheet.at_home)
    counts = (f"应到 {sheet.expected} 人，实到 {attended} 人（出席 {len(sheet.present)} 人，"
              f"送学上门 {len(sheet.at_home)} 人），请假 {len(sheet.leave)} 人，"
              f"缺席 {len(sheet.absent)} 人")
    rows = [text("时间", _when(sheet)), text("地点", sheet.place),
            Row("主持人", [""], (sheet.host, "记录人", sheet.recorder))]
    if sheet.speaker:
        rows.append(text("主讲人", sheet.speaker))
    rows += [text("应到 / 实到", counts), text("出席", names(sheet.present)),
             text("送学上门", names(sheet.at_home)), text("请假", leave_names(sheet.leave)),
             text("缺席", names(sheet.absent))]
    if sheet.unmarked:
        rows.append(text("未登记", names(sheet.unmarked) + "（出勤尚未登记）"))
    rows += [text("列席", sheet.guests or "无"), text("主题", sheet.topic),
             text("内容", sheet.content), text("决议/决定事项", sheet.decisions)]
    return rows


def _paginate(rows: list[Row]) -> list[list[Placed]]:
    """The rows placed on pages. A row of text taller than what is left is split between its
    lines (the rest goes on under "（续）"); a row of one line, or of blank lines to write in,
    moves whole. The last row keeps END_H below it for the note and the signatures, so they
    never stand alone on a page."""
    pages: list[list[Placed]] = [[]]
    top = PAGE_H - TOP - TITLE_H
    queue = list(rows)
    while queue:
        row = queue.pop(0)
        end = END_H if not queue else 0
        room = int((top - BOTTOM - 2 * PAD) // LINE_H)
        splits = len(row.lines) > 1 and any(line.strip() for line in row.lines)
        if (top - row.height - end >= BOTTOM) or (splits and room >= 2 and
                                                   room < len(row.lines)):
            take = min(room, len(row.lines))
            part = Row(row.label, row.lines[:take], row.pair, row.continued)
            pages[-1].append(Placed(part, top))
            top -= part.height
            if take < len(row.lines):
                queue.insert(0, Row(row.label, row.lines[take:], continued=True))
                pages.append([])
                top = PAGE_H - TOP - CONT_H
            continue
        pages.append([])
        top = PAGE_H - TOP - CONT_H
        queue.insert(0, row)
        if not pages[-2] and len(pages) > 2:  # taller than a page with the end: end apart
            pages.pop()
            row = queue.pop(0)
            pages[-1].append(Placed(row, top))
            top -= row.height
    if top - END_H < BOTTOM:
        pages.append([])
    return pages


class _Form:
    """Draws the placed rows, the headings and the end on the canvas."""

    def __init__(self, c, font: str, sheet: MinutesSheet):
        self.c, self.font, self.sheet = c, font, sheet
        self.title = sheet.title + (f"（{CANCELLED}）" if sheet.cancelled else "")

    def heading(self, number: int) -> None:
        c, font = self.c, self.font
        if number == 1:
            y = PAGE_H - TOP - TEXT_PT
            c.setFont(font, TEXT_PT)
            c.drawCentredString(PAGE_W / 2, y, fit_line(self.sheet.branch, font, TEXT_PT, WIDTH))
            heading = self.sheet.heading + (f"（{CANCELLED}）" if self.sheet.cancelled else "")
            size = TITLE_PT
            while size > 14 and stringWidth(heading, font, size) > WIDTH:
                size -= 1
            y -= TITLE_PT + 10
            c.setFont(font, size)
            c.drawCentredString(PAGE_W / 2, y, heading)
            if self.sheet.cancelled:
                c.setFont(font, NOTE_PT)
                c.drawCentredString(PAGE_W / 2, y - 17, f"本次会议{CANCELLED}，此记录只作存档")
            return
        c.setFont(font, NOTE_PT + 1)
        c.drawString(LEFT, PAGE_H - TOP - 12, fit_line(
            f"{self.title}（续）　{cn(self.sheet.day)}", font, NOTE_PT + 1, WIDTH))

    def row(self, placed: Placed) -> None:
        c, font, row, top = self.c, self.font, placed.row, placed.top
        bottom = top - row.height
        c.setLineWidth(0.8)
        c.rect(LEFT, bottom, WIDTH, row.height, stroke=1, fill=0)
        c.line(LEFT + LABEL_W, top, LEFT + LABEL_W, bottom)
        c.setFont(font, TEXT_PT)
        first = top - PAD - LINE_H + 6
        for i, label in enumerate(row.labels):
            c.drawCentredString(LEFT + LABEL_W / 2, first - i * LINE_H,
                                fit_line(label, font, TEXT_PT, LABEL_W - 8))
        if row.pair is not None:
            value, label2, value2 = row.pair
            half = LEFT + WIDTH / 2 + LABEL_W / 2
            c.line(half, top, half, bottom)
            c.line(half + LABEL_W, top, half + LABEL_W, bottom)
            room = half - LEFT - LABEL_W - 2 * PAD
            c.drawString(LEFT + LABEL_W + PAD, first, fit_line(value, font, TEXT_PT, room))
            c.drawCentredString(half + LABEL_W / 2, first, label2)
            c.drawString(half + LABEL_W + PAD, first,
                         fit_line(value2, font, TEXT_PT, LEFT + WIDTH - half - LABEL_W - 2 * PAD))
            return
        for i, line in enumerate(row.lines):
            c.drawString(LEFT + LABEL_W + PAD, first - i * LINE_H, line)

    def end(self, top: float) -> None:
        """Under the form: what 送学上门 means, then the two signatures and the date."""
        c, font = self.c, self.font
        c.setFont(font, NOTE_PT)
        y = top - 16
        for line in pdf_wrap.wrap("注：" + AT_HOME_NOTE, WIDTH,
                                  lambda t: stringWidth(t, font, NOTE_PT)):
            c.drawString(LEFT, y, line)
            y -= NOTE_PT + 4
        c.setFont(font, TEXT_PT)
        y -= 26
        c.drawString(LEFT, y, "记录人（签字）：______________")
        c.drawRightString(LEFT + WIDTH, y, "主持人（签字）：______________")
        c.drawRightString(LEFT + WIDTH, y - 28, "年　　月　　日")

    def foot(self, number: int, pages: int) -> None:
        self.c.setFont(self.font, NOTE_PT)
        self.c.drawCentredString(PAGE_W / 2, BOTTOM - 22, f"会议记录　第 {number} 页　共 {pages} 页")


def write_minutes_pdf(sheet: MinutesSheet, path: str | Path) -> tuple[int, int]:
    """Write the minutes, then the sign-in sheet, to `path` (atomically); returns (pages of
    minutes, pages of sign-in sheet)."""
    font = register_cjk_font()
    pages = _paginate(_rows(sheet, font))
    signin_pages = page_count(sheet.signin) if sheet.signin is not None else 0

    def draw(tmp: str) -> None:
        c = canvas.Canvas(tmp, pagesize=A4)
        form = _Form(c, font, sheet)
        c.setTitle(form.title)
        c.setAuthor("支部工作台")
        for number, placed in enumerate(pages, start=1):
            form.heading(number)
            for p in placed:
                form.row(p)
            if number == len(pages):
                last = placed[-1] if placed else None
                form.end(last.top - last.row.height if last else PAGE_H - TOP - CONT_H)
            form.foot(number, len(pages))
            c.showPage()
        if sheet.signin is not None:
            draw_signin_pages(c, sheet.signin, font)
        c.save()

    write_pdf_atomic(path, draw)
    return len(pages), signin_pages
