"""民主评议党员 prints as A4 PDFs: the ballot (测评票, 表1) and the tally sheet (统计表, 表2).

Both are forms handed round a meeting of old members: large type, a form number and a title,
the instructions (or the year's figures) on the first page, the column headings again on every
page with "…（续）" above them, "第 N 页　共 M 页" at the foot, and what ends the form (the date;
the results and the signature lines of 计票人 and 监票人) on the last page only. Drawn page by
page on a reportlab canvas with the shipped CJK font embedded, written atomically.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from app.dates import cn
from app.export import pdf_wrap
from app.export.appraisal_sheets import GRADES, Ballot, Tally
from app.export.pdf_fonts import fit_line, register_cjk_font, write_pdf_atomic

PAGE_W, PAGE_H = A4
LEFT = RIGHT = 42
TOP, BOTTOM = 38, 50
WIDTH = PAGE_W - LEFT - RIGHT
FORM_PT, TITLE_PT, TEXT_PT, CELL_PT, NAME_PT = 12, 19, 12, 13, 14
LEADING = TEXT_PT + 7
ROW_H = 27
BOX = 13  # the square a voter ticks

BALLOT_COLUMNS = (("序号", 38), ("姓名", 96), ("优秀", 50), ("合格", 50), ("基本合格", 64),
                  ("不合格", 56), ("存在问题", 0))
TALLY_COLUMNS = (("序号", 34), ("姓名", 86), ("优秀", 46), ("合格", 46), ("基本合格", 60),
                 ("不合格", 52), ("合计", 46), ("评定等次", 74), ("备注", 0))
TALLY_HEAD = 22  # each of the tally's two heading rows


def _edges(columns) -> list[float]:
    """The x of every column edge; a width of 0 takes what is left."""
    rest = WIDTH - sum(w for _t, w in columns)
    xs = [LEFT]
    for _t, w in columns:
        xs.append(xs[-1] + (w or rest))
    return xs


def _paginate(count: int, first_top: float, later_top: float, head_h: float,
              end_h: float) -> list[int]:
    """Rows on each page. The last page also holds the end (`end_h`), so rows that would leave
    it no room go over with it; a later page always takes what is left once it is the last
    row or two, so an end taller than a page cannot loop for ever."""
    pages: list[int] = []
    top, left = first_top, count
    while True:
        room = top - head_h - BOTTOM
        fits = max(int(room // ROW_H), 1)
        if left * ROW_H + end_h <= room or (top == later_top and left <= 1):
            pages.append(left)
            return pages
        take = fits if left > fits else left - 1
        pages.append(take)
        left, top = left - take, later_top


class _Form:
    """What both forms share: the font, the title, the first page's top (form number, title,
    intro lines), a later page's top (…（续）) and the foot."""

    def __init__(self, number: str, title: str, intro: list[str]):
        self.font = register_cjk_font()
        self.number, self.title = number, title
        self.measure: Callable[[str], float] = lambda t: stringWidth(t, self.font, TEXT_PT)
        self.intro = [line for item in intro for line in self._hanging(item)]
        self.first_top = (PAGE_H - TOP - FORM_PT - 14 - TITLE_PT - 16
                          - len(self.intro) * LEADING - 8)
        self.later_top = PAGE_H - TOP - TEXT_PT - 10

    def _hanging(self, item: str) -> list[tuple[float, str]]:
        """An intro item wrapped; a numbered item's later lines start under its text, clear of
        the "1．"."""
        mark = item[:2] if item[:1].isdigit() else ""
        start = 2 * TEXT_PT if mark else 0  # numbered items under 说明：, the rest flush
        indent = self.measure(mark)
        lines = pdf_wrap.wrap(item[len(mark):], WIDTH - start - indent, self.measure)
        return [(start, mark + lines[0])] + [(start + indent, x) for x in lines[1:]]

    def top(self, c, page: int) -> float:
        """The page's top part; returns the y where the table starts."""
        font = self.font
        if page > 1:
            c.setFont(font, TEXT_PT)
            c.drawString(LEFT, self.later_top + 8,
                         fit_line(f"{self.title}（续）", font, TEXT_PT, WIDTH))
            return self.later_top
        c.setFont(font, FORM_PT)
        c.drawString(LEFT, PAGE_H - TOP - FORM_PT, self.number)
        size = TITLE_PT  # a long branch name: smaller, never cut
        while size > 13 and stringWidth(self.title, font, size) > WIDTH:
            size -= 1
        c.setFont(font, size)
        y = PAGE_H - TOP - FORM_PT - 14 - TITLE_PT
        c.drawCentredString(PAGE_W / 2, y, self.title)
        c.setFont(font, TEXT_PT)
        y -= 16
        for x, line in self.intro:
            y -= LEADING
            c.drawString(LEFT + x, y + 5, line)
        return self.first_top

    def foot(self, c, page: int, pages: int) -> None:
        c.setFont(self.font, 11)
        c.drawCentredString(PAGE_W / 2, BOTTOM - 26, f"第 {page} 页　共 {pages} 页")

    def grid(self, c, xs: list[float], top: float, bottom: float) -> None:
        c.setLineWidth(0.8)
        for x in xs:
            c.line(x, top, x, bottom)
        c.line(LEFT, top, LEFT + WIDTH, top)

    def centred(self, c, text: str, x0: float, x1: float, base: float, size: float) -> None:
        c.setFont(self.font, size)
        c.drawCentredString((x0 + x1) / 2, base, fit_line(text, self.font, size, x1 - x0 - 4))


def _write(path, form: _Form, counts: list[int], draw_page) -> int:
    def draw(tmp: str) -> None:
        c = canvas.Canvas(tmp, pagesize=A4)
        c.setTitle(form.title)
        c.setAuthor("支部工作台")
        start = 0
        for page, count in enumerate(counts, start=1):
            top = form.top(c, page)
            draw_page(c, top, start, count, page == len(counts))
            form.foot(c, page, len(counts))
            c.showPage()
            start += count
        c.save()

    write_pdf_atomic(path, draw)
    return len(counts)


# the ballot ---------------------------------------------------------------------------------
def _ballot_intro(b: Ballot) -> list[str]:
    lines = [
        "1．请在每名党员对应的等次栏内画“√”，每人必须选一个等次，也只能选一个。",
        f"2．“优秀”不超过参评正式党员人数的三分之一：本次参评正式党员 {b.full_members} 人，"
        f"“优秀”最多选 {b.cap} 人，超过的本票无效。",
        "3．评为“基本合格”“不合格”的，请在“存在问题”栏写明主要问题。",
        "4．本票不记名，填好后投入票箱。" + (
            "预备党员参加评议，不评定等次，不列在本票上。" if b.probationary else ""),
    ]
    return ["说明：", *lines]


def write_ballot_pdf(ballot: Ballot, path: str | Path) -> int:
    """Write the ballot to `path` (atomically); returns the number of pages."""
    form = _Form("表1", f"{ballot.branch}{ballot.year}年度民主评议党员测评票",
                 _ballot_intro(ballot))
    xs = _edges(BALLOT_COLUMNS)
    end_h = 44
    counts = _paginate(len(ballot.names), form.first_top, form.later_top, ROW_H, end_h)

    def draw_page(c, top: float, start: int, count: int, last: bool) -> None:
        c.setFillGray(0.9)
        c.rect(LEFT, top - ROW_H, WIDTH, ROW_H, stroke=0, fill=1)
        c.setFillGray(0)
        for (title, _w), x0, x1 in zip(BALLOT_COLUMNS, xs, xs[1:]):
            form.centred(c, title, x0, x1, top - ROW_H / 2 - CELL_PT / 2 + 3, CELL_PT)
        y = top - ROW_H
        c.setLineWidth(0.8)
        c.line(LEFT, y, LEFT + WIDTH, y)
        for i, name in enumerate(ballot.names[start:start + count], start=start + 1):
            base = y - ROW_H / 2 - NAME_PT / 2 + 3
            form.centred(c, str(i), xs[0], xs[1], base, CELL_PT)
            c.setFont(form.font, NAME_PT)
            c.drawString(xs[1] + 6, base, fit_line(name, form.font, NAME_PT, xs[2] - xs[1] - 10))
            c.setLineWidth(0.9)
            for x0, x1 in zip(xs[2:6], xs[3:7]):
                c.rect((x0 + x1 - BOX) / 2, y - (ROW_H + BOX) / 2, BOX, BOX, stroke=1, fill=0)
            c.setLineWidth(0.8)
            y -= ROW_H
            c.line(LEFT, y, LEFT + WIDTH, y)
        form.grid(c, xs, top, y)
        if last:
            c.setFont(form.font, TEXT_PT)
            c.drawRightString(LEFT + WIDTH, y - 30, f"评议日期：{cn(ballot.held_on)}")

    return _write(path, form, counts, draw_page)


# the tally sheet ----------------------------------------------------------------------------
def _tally_intro(t: Tally) -> list[str]:
    issued = f"{t.issued}" if t.issued is not None else "____"
    returned = f"{t.returned}" if t.returned is not None else "____"
    return [f"评议日期：{cn(t.held_on)}　　发出选票 {issued} 张，收回 {returned} 张",
            f"参评正式党员 {t.full_members} 人，“优秀”不超过三分之一，最多 {t.cap} 人"]


def _tally_end(form: _Form, t: Tally) -> list[tuple[float, str]]:
    """The lines under the table: results, who took part without a grade or not at all."""
    graded = sum(t.counts.values())
    if graded:
        result = "评定结果：" + "，".join(f"{g} {t.counts.get(g, 0)} 人" for g in GRADES)
        if graded < len(t.rows):
            result += f"；尚未评定 {len(t.rows) - graded} 人"
    else:
        result = "评定结果：（支部委员会评定后填写）"
    items = [result + "。"]
    if t.probationary:
        items.append(f"预备党员（参加评议，不评定等次）：{'、'.join(t.probationary)}。")
    if t.excluded:
        items.append("未参加评议：" + "；".join(f"{n}（{r}）" if r else n for n, r in t.excluded)
                     + "。")
    return [(0, line) for item in items
            for line in pdf_wrap.wrap(item, WIDTH, form.measure)]


def _tally_head(c, form: _Form, xs: list[float], top: float) -> float:
    """Two heading rows: 得票数 over the four grades and 合计; the others span both."""
    h = 2 * TALLY_HEAD
    c.setFillGray(0.9)
    c.rect(LEFT, top - h, WIDTH, h, stroke=0, fill=1)
    c.setFillGray(0)
    c.setLineWidth(0.8)
    c.line(xs[2], top - TALLY_HEAD, xs[7], top - TALLY_HEAD)
    form.centred(c, "得票数", xs[2], xs[7], top - TALLY_HEAD / 2 - CELL_PT / 2 + 3, CELL_PT)
    low = top - TALLY_HEAD - TALLY_HEAD / 2 - CELL_PT / 2 + 3
    whole = top - h / 2 - CELL_PT / 2 + 3
    for i, ((title, _w), x0, x1) in enumerate(zip(TALLY_COLUMNS, xs, xs[1:])):
        if 2 <= i <= 6:
            form.centred(c, title, x0, x1, low, CELL_PT)
        elif title == "评定等次":  # 支委会 over 评定等次: the committee's, not the votes'
            form.centred(c, "支委会", x0, x1, whole + 8, CELL_PT)
            form.centred(c, title, x0, x1, whole - 8, CELL_PT)
        else:
            form.centred(c, title, x0, x1, whole, CELL_PT)
    y = top - h
    c.line(LEFT, y, LEFT + WIDTH, y)
    for x in xs:  # the inner edges of 得票数 start under its own row
        if xs[2] < x < xs[7]:
            c.line(x, top - TALLY_HEAD, x, y)
        else:
            c.line(x, top, x, y)
    return y


def _tally_row(c, form: _Form, xs: list[float], y: float, cells: list[str]) -> float:
    base = y - ROW_H / 2 - CELL_PT / 2 + 3
    for i, (text, x0, x1) in enumerate(zip(cells, xs, xs[1:])):
        if i == 1:
            c.setFont(form.font, NAME_PT)
            c.drawString(x0 + 6, base, fit_line(text, form.font, NAME_PT, x1 - x0 - 10))
        elif text:
            form.centred(c, text, x0, x1, base, CELL_PT)
    y -= ROW_H
    c.line(LEFT, y, LEFT + WIDTH, y)
    for x in xs:
        c.line(x, y + ROW_H, x, y)
    return y


def _total_cells(t: Tally) -> list[str]:
    counted = [r.votes for r in t.rows if r.votes is not None]
    if not counted:
        return ["", "合计", *[""] * 7]
    sums = [sum(v[i] for v in counted) for i in range(len(GRADES))]
    return ["", "合计", *(str(s) for s in sums), str(sum(sums)), "", ""]


def write_tally_pdf(tally: Tally, path: str | Path) -> int:
    """Write the tally sheet to `path` (atomically); returns the number of pages."""
    form = _Form("表2", f"{tally.branch}{tally.year}年度民主评议党员测评统计表", _tally_intro(tally))
    xs = _edges(TALLY_COLUMNS)
    end = _tally_end(form, tally)
    sign_h = 3 * LEADING + 30
    end_h = ROW_H + 14 + len(end) * LEADING + sign_h  # the 合计 row, the lines, the signatures
    counts = _paginate(len(tally.rows), form.first_top, form.later_top, 2 * TALLY_HEAD, end_h)

    def draw_page(c, top: float, start: int, count: int, last: bool) -> None:
        y = _tally_head(c, form, xs, top)
        for r in tally.rows[start:start + count]:
            votes = [str(v) for v in r.votes] + [str(sum(r.votes))] if r.votes else [""] * 5
            y = _tally_row(c, form, xs, y, [str(r.number), r.name, *votes, r.grade, ""])
        if not last:
            return
        y = _tally_row(c, form, xs, y, _total_cells(tally)) - 14
        c.setFont(form.font, TEXT_PT)
        for x, line in end:
            y -= LEADING
            c.drawString(LEFT + x, y + 5, line)
        y -= 2 * LEADING + 6
        c.drawString(LEFT, y, "计票人（签字）：________________　　监票人（签字）：________________")
        y -= LEADING + 12
        c.drawString(LEFT, y, "支部书记（签字）：________________")
        c.drawRightString(LEFT + WIDTH, y, f"{tally.branch}　{cn(tally.held_on)}")

    return _write(path, form, counts, draw_page)
