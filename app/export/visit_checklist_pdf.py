"""The home-visit checklist (走访登记表) as a PDF, exactly as shared/spec/visit-checklist.md says.

A4 portrait. First a route sheet (走访路线单): the members of the round grouped by
village/community, one numbered line each with a tick box — address, phone, mobility, last visit
and what to bring ("—" for nothing) — continued on further pages when long, each continuation
repeating the column heading and the village it is in ("北岗村（续）"). Then one page per
member, in exactly the route sheet's order (the visitor walks the route and turns the pages):
the form filled in by hand at the door. Every page says 第 N 页　共 M 页: the route sheet is laid
out first, so the total is known before anything is drawn.

Body text is 12 pt or larger; ID numbers arrive masked; the shipped CJK font is embedded
(`pdf_fonts.register_cjk_font`), and the file is written through `write_pdf_atomic`, so a
failure leaves nothing half-written under the chosen name.

Plain data in (`ChecklistData`, members already in walking order), file out. Pages are drawn
straight on the canvas (platypus paragraphs and tables took 14 s for 500 members; this takes
about 1 s); lines break where Chinese print allows (`pdf_wrap`: 《新保健》 stays whole); long
cells are cut to a few lines and the hand-written blanks take the room that is left, so every
member gets exactly one page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.export import pdf_wrap
from app.export.checklist_sheets import ChecklistData, ChecklistMember, route_groups
from app.export.pdf_fonts import fit_line, register_cjk_font, write_pdf_atomic

BODY_PT = 12
LEAD = 15  # line height of body text
PAGE_W, PAGE_H = 595.28, 841.89  # A4 in points
LEFT, RIGHT, TOP, BOTTOM = 36, 36, 40, 42
WIDTH = PAGE_W - LEFT - RIGHT
# widths fit the longest usual value at 12 pt (4 pt padding each side): 0371-67642384,
# 行动不便, 城关镇光明街178号, 2026-11-05, 1份：《新保健》; the 序号 cell holds the tick box too
ROUTE_COLUMNS = (("序号", 42), ("姓名", 52), ("住址", 112), ("电话", 92), ("身体", 56),
                 ("上次走访", 69), ("需带去", WIDTH - 423))
NUMBER_AT = 18  # the 序号 after the tick box
HEAD_H = BAND_H = 24  # the column heading and a village's band
FIRST_TOP = PAGE_H - TOP - 69  # the route table's top under the title and two subtitle lines
LATER_TOP = PAGE_H - TOP - 24  # … under "走访路线单（续）"
LABEL_W = 84
GREY, LIGHT = 0.88, 0.94
TICK_ITEMS = ("送达学习资料", "学习辅导", "宣讲政策", "了解身体状况", "了解生活困难", "听取意见建议")
HAND_BLANKS = ("身体状况", "思想状况", "诉求", "处理意见")
BOX = "□"
MAX_PENDING_LINES = 8
MAX_FOLLOW_UPS = 3


@dataclass
class _Row:
    """One line of the route sheet as laid out: a village's band, or a member (`cells`)."""

    text: str = ""
    number: int = 0
    cells: list[list[str]] | None = None
    height: float = BAND_H


def write_checklists(data: ChecklistData, path: str | Path, progress=None) -> int:
    """Write the checklist PDF to `path`; return its page count."""
    font = register_cjk_font()
    pages = {"n": 0}

    def draw(tmp: str) -> None:
        canvas = Canvas(tmp, pagesize=(PAGE_W, PAGE_H), initialFontName=font,
                        initialFontSize=BODY_PT)
        canvas.setTitle("走访登记表")
        canvas.setAuthor("支部工作台")
        canvas.setSubject(data.branch_name)
        pen = _Pen(canvas, font)
        route = _route_layout(pen, data)
        members = [m for _place, group in route_groups(data.members) for m in group]
        pen.total = len(route) + len(members)
        for n, rows in enumerate(route):
            _route_page(pen, data, rows, first=n == 0)
        total = len(members)
        for i, member in enumerate(members, 1):
            _member_page(pen, data, member, i)
            if progress and (i % 25 == 0 or i == total):
                progress(i, total, f"已排版 {i}/{total} 人")
        ascii85, rl_config.useA85 = rl_config.useA85, 0  # binary streams: smaller and faster
        try:
            canvas.save()
        finally:
            rl_config.useA85 = ascii85
        pages["n"] = pen.page - 1  # end_page has already counted the next one

    write_pdf_atomic(path, draw)
    return pages["n"]


class _Pen:
    """The canvas with the few things both parts need: wrapped text, boxes, page ends."""

    def __init__(self, canvas, font: str):
        self.c, self.font, self.page, self.total = canvas, font, 1, 0
        self._text, self._size = None, None
        self._width = stringWidth
        self._cache: dict[tuple[str, float], float] = {}
        self._line: float | None = None  # the canvas's line width, as last set here

    def width(self, text: str, size: float) -> float:
        total = 0.0
        for ch in text:
            w = self._cache.get((ch, size))
            if w is None:
                w = self._cache[(ch, size)] = self._width(ch, self.font, size)
            total += w
        return total

    def wrap(self, text: str, width: float, size: float = BODY_PT, most: int = 0) -> list[str]:
        """Lines of `text` no wider than `width`, broken where Chinese print allows
        (`pdf_wrap`); with `most`, at most that many lines, the last ending in "…" when cut."""
        return pdf_wrap.wrap(text, width, lambda piece: self.width(piece, size), most)

    def text(self, x: float, y: float, text: str, size: float = BODY_PT) -> None:
        """Text is gathered in one text object per page (drawn when the page ends): one
        drawString per cell cost twice the time."""
        if not text:
            return
        if self._text is None:
            self._text, self._size = self.c.beginText(), None
        if size != self._size:
            self._text.setFont(self.font, size)
            self._size = size
        self._text.setTextOrigin(x, y)
        self._text.textOut(text)

    def fit(self, text: str, size: float) -> str:
        """`text` cut with "…" to the printed width of the page."""
        return fit_line(text, self.font, size, WIDTH)

    def centred(self, y: float, text: str, size: float) -> None:
        self.text((PAGE_W - self.width(text, size)) / 2, y, text, size)

    def line_width(self, width: float) -> None:
        """Set only when it changes: a page has a hundred cells in one width."""
        if width != self._line:
            self.c.setLineWidth(width)
            self._line = width

    def box(self, x: float, y: float, side: float = 12) -> None:
        """An empty tick box whose bottom sits on the text baseline `y`."""
        self.line_width(0.9)
        self.c.rect(x, y - 1.5, side, side, stroke=1, fill=0)

    def cell(self, x: float, top: float, w: float, h: float, fill: float | None = None) -> None:
        """A table cell's border; a label cell shaded `fill` grey (filled and stroked at once:
        the border stays black)."""
        self.line_width(0.6)
        if fill is not None:
            self.c.setFillGray(fill)
            self.c.rect(x, top - h, w, h, stroke=1, fill=1)
            self.c.setFillGray(0)
        else:
            self.c.rect(x, top - h, w, h, stroke=1, fill=0)

    def end_page(self) -> None:
        self.centred(22, f"第 {self.page} 页　共 {self.total} 页", 11)
        self.c.drawText(self._text)
        self._text = None
        self.c.showPage()
        self._line = None  # a new page starts from the default graphics state
        self.page += 1


def _member_cells(pen: _Pen, number: int, m: ChecklistMember) -> _Row:
    last = f"{m.last_visit_date:%Y-%m-%d}" if m.last_visit_date else "从未走访"
    values = (m.name, m.address, m.phone, m.mobility, last, m.to_bring)
    cells = [[str(number)]] + [pen.wrap(v, w - 8, most=3)
                               for v, (_h, w) in zip(values, ROUTE_COLUMNS[1:])]
    return _Row(number=number, cells=cells, height=max(len(c) for c in cells) * LEAD + 9)


def _route_layout(pen: _Pen, data: ChecklistData) -> list[list[_Row]]:
    """The route sheet cut into pages of rows. A village's band never ends a page alone, and a
    page that starts inside a village starts with that village's band marked （续）."""
    pages: list[list[_Row]] = [[]]
    y = _first_top(pen, data)[1] - HEAD_H
    number = 0
    for place, members in route_groups(data.members):
        rows = []
        for m in members:
            number += 1
            rows.append(_member_cells(pen, number, m))
        if y - BAND_H - rows[0].height < BOTTOM:
            pages.append([])
            y = LATER_TOP - HEAD_H
        pages[-1].append(_Row(f"■ {place}（{len(members)} 人）"))
        y -= BAND_H
        for row in rows:
            if y - row.height < BOTTOM:
                pages.append([_Row(f"■ {place}（续）")])
                y = LATER_TOP - HEAD_H - BAND_H
            pages[-1].append(row)
            y -= row.height
    return pages


def _first_top(pen: _Pen, data: ChecklistData) -> tuple[list[str], float]:
    """The first page's subtitle (a line more for a long branch name) and the table's top."""
    lines = pen.wrap(f"{data.branch_name}　打印日期：{data.today:%Y年%m月%d日}　"
                     f"共 {len(data.members)} 人", WIDTH, most=2)
    lines.append("走访后在序号前的方框里打勾；每人一页的登记表按序号排在路线单之后")
    return lines, FIRST_TOP - (len(lines) - 2) * LEAD


def _route_page(pen: _Pen, data: ChecklistData, rows: list[_Row], first: bool) -> None:
    if first:
        pen.centred(PAGE_H - TOP - 20, "走访路线单", 22)
        lines, y = _first_top(pen, data)
        for i, line in enumerate(lines):
            pen.centred(PAGE_H - TOP - 44 - i * LEAD, line, 12)
    else:
        pen.centred(PAGE_H - TOP - 14, pen.fit(f"走访路线单（续）　{data.branch_name}", 14), 14)
        y = LATER_TOP
    x = LEFT
    for title, w in ROUTE_COLUMNS:
        pen.cell(x, y, w, HEAD_H, fill=GREY)
        pen.text(x + 4, y - 17, title)
        x += w
    y -= HEAD_H
    for row in rows:
        if row.cells is None:
            pen.cell(LEFT, y, WIDTH, BAND_H, fill=LIGHT)
            pen.text(LEFT + 6, y - 17, row.text, 13)
        else:
            x = LEFT
            for col, (lines, (_title, w)) in enumerate(zip(row.cells, ROUTE_COLUMNS)):
                pen.cell(x, y, w, row.height)
                indent = NUMBER_AT if col == 0 else 4
                for i, line in enumerate(lines):
                    pen.text(x + indent, y - 15 - i * LEAD, line)
                x += w
            pen.box(LEFT + 3, y - 15)
        y -= row.height
    pen.end_page()


def _grid(pen: _Pen, y: float, rows: list[tuple], most: int = 2) -> float:
    """A form table: rows of (label, value) or (label, value, label, value); labels shaded."""
    value_w = (WIDTH - 2 * LABEL_W) / 2
    for row in rows:
        if len(row) == 2:
            parts = [(row[0], LABEL_W, True), (row[1], WIDTH - LABEL_W, False)]
        else:
            parts = [(row[0], LABEL_W, True), (row[1], value_w, False),
                     (row[2], LABEL_W, True), (row[3], value_w, False)]
        cells = [(pen.wrap(t, w - 8, most=most), w, label) for t, w, label in parts]
        h = max(len(c[0]) for c in cells) * LEAD + 8
        x = LEFT
        for lines, w, label in cells:
            pen.cell(x, y, w, h, fill=GREY if label else None)
            for i, line in enumerate(lines):
                pen.text(x + 4, y - 15 - i * LEAD, line)
            x += w
        y -= h
    return y


def _section(pen: _Pen, y: float, title: str) -> float:
    pen.text(LEFT, y - 16, title, 14)
    return y - 22


def _member_page(pen: _Pen, data: ChecklistData, m: ChecklistMember, number: int) -> None:
    """One form per member in the spec's order: what is known is printed (一 to 三), the rest
    is ticked (四) or written (五) at the door, and the hand-written blanks get the room left."""
    y = _page_title(pen, data, m, number)
    y = _member_facts(pen, y, m)
    y = _pending_section(pen, y, m)
    y = _tick_section(pen, y)
    _hand_section(pen, y)
    pen.end_page()


def _page_title(pen: _Pen, data: ChecklistData, m: ChecklistMember, number: int) -> float:
    """Title, the member's place on the route sheet (to put a loose page back), and the line
    for the date and visitor."""
    y = PAGE_H - TOP - 18
    pen.centred(y, "走访登记表（送学上门）", 20)
    y -= 20
    # the member's own branch: a print for several branches would list them all here
    pen.centred(y, pen.fit(f"{m.branch or data.branch_name}　路线单第 {number} 人（{m.community}）",
                           12), 12)
    y -= 24
    pen.text(LEFT, y, "走访日期：________年____月____日　　走访人：____________________", 13)
    return y - 8


def _member_facts(pen: _Pen, y: float, m: ChecklistMember) -> float:
    """一 the member and 二 the last visit: what the visitor should know before knocking; the
    open follow-ups cut to a few (the rest counted) so the page never overflows."""
    age = f"{m.age} 岁" if m.age is not None else ""
    y = _section(pen, y, "一、党员基本情况")
    y = _grid(pen, y, [
        ("姓名", m.name, "性别 / 年龄", f"{m.gender}　{age}"),
        ("身份证号", m.id_masked, "身体状况", m.mobility),
        ("家庭住址", f"{m.community}　{m.address}"),
        ("联系电话", m.phone, "居住状况", m.living),
        ("紧急联系人", m.emergency_contact, "联系人电话", m.emergency_phone),
        ("结对帮扶人", m.helper or "（无）"),
    ])
    y = _section(pen, y, "二、上次走访情况")
    follow = m.open_follow_ups[:MAX_FOLLOW_UPS]
    if len(m.open_follow_ups) > MAX_FOLLOW_UPS:
        follow.append(f"另有 {len(m.open_follow_ups) - MAX_FOLLOW_UPS} 项")
    last_date = f"{m.last_visit_date:%Y-%m-%d}" if m.last_visit_date else "从未走访"
    return _grid(pen, y, [("走访日期", last_date, "走访人", m.last_visitor),
                          ("所提诉求", m.last_requests or "（无）"),
                          ("未办结事项", "；".join(follow) or "（无）")], most=3)


def _pending_section(pen: _Pen, y: float, m: ChecklistMember) -> float:
    """三: the hand-outs to bring, two to a line with a box to tick at the door; a long list
    ends in "另有 N 份" (the pending list has them all)."""
    y = _section(pen, y, "三、待送达资料（送到后打勾）")
    pending = m.pending[:MAX_PENDING_LINES]
    if len(m.pending) > MAX_PENDING_LINES:
        pending[-1] = f"另有 {len(m.pending) - MAX_PENDING_LINES + 1} 份，见待送达清单"
    if not pending:
        pen.text(LEFT + 8, y - 14, "（没有待送达的资料）")
        y -= 20
    half = WIDTH / 2
    for i in range(0, len(pending), 2):
        for j, label in enumerate(pending[i:i + 2]):
            x = LEFT + 8 + j * half
            pen.box(x, y - 14)
            pen.text(x + 18, y - 14, pen.wrap(label, half - 30, most=1)[0])
        y -= 20
    return y


def _tick_section(pen: _Pen, y: float) -> float:
    """四: the six things a visit does, three to a line, ticked by hand (the 记录走访 dialog
    shows the same boxes in the same order)."""
    y = _section(pen, y, "四、本次走访内容（请打勾）")
    for i, item in enumerate(TICK_ITEMS):
        x = LEFT + 8 + (i % 3) * WIDTH / 3
        if i and i % 3 == 0:
            y -= 22
        pen.box(x, y - 14, 13)
        pen.text(x + 19, y - 14, item, 13)
    return y - 24


def _hand_section(pen: _Pen, y: float) -> None:
    """五: two ruled lines per blank, spaced to fill what the page has left (so every member
    gets exactly one page), then the signatures at the foot."""
    y = _section(pen, y, "五、走访记录（手写）")
    signs = 58
    room = y - BOTTOM - signs
    line_h = max(18.0, min(30.0, (room / len(HAND_BLANKS) - 18) / 2))
    pen.line_width(0.5)
    for label in HAND_BLANKS:
        pen.text(LEFT + 8, y - 14, f"{label}：", 13)
        y -= 18
        for _ in range(2):
            y -= line_h
            pen.c.line(LEFT + 8, y, LEFT + WIDTH, y)
    y = min(y - 26, BOTTOM + signs - 20)
    pen.text(LEFT + 8, y, "走访人签字：________________", 13)
    pen.text(LEFT + WIDTH / 2, y, "党员(家属)签字：________________", 13)
    pen.text(LEFT + 8, y - 26, "日期：______年____月____日", 13)
