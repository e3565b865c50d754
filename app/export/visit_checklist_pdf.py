"""The home-visit checklist (走访登记表) as a PDF, exactly as shared/spec/visit-checklist.md says.

A4 portrait. First a route sheet (走访路线单): the members of the round grouped by
village/community, one line each with a tick box — address, phone, mobility, last visit and
what to bring — continued on further pages when long. Then one page per member: the form the
visitor fills in by hand at the door. Body text is 12 pt or larger; ID numbers arrive masked;
the shipped CJK font is embedded (`pdf_fonts.register_cjk_font`), and the file is written
through `write_pdf_atomic`, so a failure leaves nothing half-written under the chosen name.

Plain data in (`ChecklistData`), file out; each member's page is wrapped in a KeepInFrame so a
member with a long list still gets exactly one page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from pathlib import Path

from app.export.pdf_fonts import register_cjk_font, write_pdf_atomic

BODY_PT = 12
TICK_ITEMS = ("送达学习资料", "学习辅导", "宣讲政策", "了解身体状况", "了解生活困难", "听取意见建议")
HAND_BLANKS = ("身体状况", "思想状况", "诉求", "处理意见")
BOX = "□"
MAX_PENDING_LINES = 8
MAX_FOLLOW_UPS = 3


@dataclass
class ChecklistMember:
    member_id: int
    name: str
    gender: str = ""
    age: int | None = None
    id_masked: str = ""
    community: str = ""
    address: str = ""
    phone: str = ""
    emergency_contact: str = ""
    emergency_phone: str = ""
    mobility: str = ""
    living: str = ""
    helper: str = ""
    last_visit_date: date | None = None
    last_visitor: str = ""
    last_requests: str = ""
    open_follow_ups: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)  # materials issued, not yet delivered

    @property
    def to_bring(self) -> str:
        """The route sheet's 需带去 cell."""
        if not self.pending:
            return ""
        titles = list(dict.fromkeys(label.split("》")[0] + "》" for label in self.pending))
        return f"{len(self.pending)}份：" + "".join(titles)


@dataclass
class ChecklistData:
    branch_name: str
    today: date
    members: list[ChecklistMember]


def route_groups(members: list[ChecklistMember]) -> list[tuple[str, list[ChecklistMember]]]:
    """Members grouped by village/community (in order of first appearance), order kept inside."""
    first: dict[str, int] = {}
    for i, m in enumerate(members):
        first.setdefault(m.community, i)
    ordered = sorted(enumerate(members), key=lambda im: (first[im[1].community], im[0]))
    return [(place, list(group))
            for place, group in groupby((m for _i, m in ordered), key=lambda m: m.community)]


def write_checklists(data: ChecklistData, path: str | Path, progress=None) -> int:
    """Write the checklist PDF to `path`; return its page count."""
    font = register_cjk_font()
    pages = {"n": 0}

    def draw(tmp: str) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.platypus import SimpleDocTemplate

        doc = SimpleDocTemplate(tmp, pagesize=A4, leftMargin=36, rightMargin=36, topMargin=36,
                                bottomMargin=40, title="走访登记表", author="支部工作台",
                                subject=data.branch_name)
        styles = _styles(font)
        story = _route_sheet(data, styles, doc.width)
        total = len(data.members)
        for i, member in enumerate(data.members, 1):
            story += _member_page(data, member, styles, doc.width, doc.height)
            if progress and (i % 25 == 0 or i == total):
                progress(i, total, f"已排版 {i}/{total} 人")

        def footer(canvas, doc_):
            pages["n"] = doc_.page
            canvas.setFont(font, 10)
            canvas.drawCentredString(A4[0] / 2, 22, f"第 {doc_.page} 页")

        from functools import partial

        from reportlab.pdfgen.canvas import Canvas

        # the canvas's own starting font would otherwise be a non-embedded Helvetica
        doc.build(story, onFirstPage=footer, onLaterPages=footer,
                  canvasmaker=partial(Canvas, initialFontName=font, initialFontSize=BODY_PT))

    write_pdf_atomic(path, draw)
    return pages["n"]


def _styles(font: str) -> dict:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName=font, fontSize=BODY_PT, leading=BODY_PT * 1.35,
                          wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=body, fontSize=22, leading=28,
                                alignment=TA_CENTER, spaceAfter=4),
        "sub": ParagraphStyle("sub", parent=body, fontSize=13, leading=18, alignment=TA_CENTER),
        "section": ParagraphStyle("section", parent=body, fontSize=14, leading=18,
                                  spaceBefore=6, spaceAfter=3),
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, leading=BODY_PT * 1.25),
        "line": ParagraphStyle("line", parent=body, fontSize=13, leading=20),
    }


def _esc(text: object) -> str:
    return (str(text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _p(text: object, style, box: bool = False):
    """A paragraph of plain text; `box` puts a large tick box before it."""
    from reportlab.platypus import Paragraph

    mark = f'<font size="{style.fontSize + 6}">{BOX}</font> ' if box else ""
    return Paragraph(mark + _esc(text), style)


def _route_sheet(data: ChecklistData, styles: dict, width: float) -> list:
    from reportlab.lib import colors
    from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

    story = [_p("走访路线单", styles["title"]),
             _p(f"{data.branch_name}　打印日期：{data.today:%Y年%m月%d日}　共 {len(data.members)} 人"
                f"　（走访后在“✔”栏打勾）", styles["sub"]), Spacer(1, 8)]
    cell = styles["cell"]
    font = cell.fontName
    widths = [24, 50, 126, 96, 58, 72, width - 426]
    rows = [[_p(h, cell) for h in ("✔", "姓名", "住址", "电话", "身体", "上次走访", "需带去")]]
    style = [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("FONTNAME", (0, 0), (-1, -1), font),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    for place, members in route_groups(data.members):
        style += [("SPAN", (0, len(rows)), (-1, len(rows))),
                  ("BACKGROUND", (0, len(rows)), (-1, len(rows)), colors.HexColor("#f2f2f2"))]
        rows.append([_p(f"■ {place}（{len(members)} 人）", styles["section"])] + [""] * 6)
        for m in members:
            last = f"{m.last_visit_date:%Y-%m-%d}" if m.last_visit_date else "从未走访"
            rows.append([_p("", cell, box=True), _p(m.name, cell), _p(m.address, cell), _p(m.phone, cell),
                         _p(m.mobility, cell), _p(last, cell), _p(m.to_bring, cell)])
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return story + [table, PageBreak()]


def _member_page(data: ChecklistData, m: ChecklistMember, styles: dict, width: float,
                 height: float) -> list:
    from reportlab.lib import colors
    from reportlab.platypus import KeepInFrame, PageBreak, Spacer, Table, TableStyle

    cell, section = styles["cell"], styles["section"]
    font = cell.fontName
    grid = [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    label_bg = colors.HexColor("#eeeeee")
    c1, c2 = 80, (width - 160) / 2
    age = f"{m.age} 岁" if m.age is not None else ""
    info = [
        ["姓名", m.name, "性别 / 年龄", f"{m.gender}　{age}"],
        ["身份证号", m.id_masked, "身体状况", m.mobility],
        ["家庭住址", f"{m.community}　{m.address}", "", ""],
        ["联系电话", m.phone, "居住状况", m.living],
        ["紧急联系人", m.emergency_contact, "紧急联系电话", m.emergency_phone],
        ["结对帮扶人", m.helper or "（无）", "", ""],
    ]
    t_info = Table([[_p(v, cell) for v in r] for r in info], colWidths=[c1, c2, c1, c2])
    t_info.setStyle(TableStyle(grid + [
        ("BACKGROUND", (0, 0), (0, -1), label_bg), ("BACKGROUND", (2, 0), (2, 1), label_bg),
        ("BACKGROUND", (2, 3), (2, 4), label_bg), ("SPAN", (1, 2), (3, 2)),
        ("SPAN", (1, 5), (3, 5))]))

    follow = m.open_follow_ups[:MAX_FOLLOW_UPS]
    if len(m.open_follow_ups) > MAX_FOLLOW_UPS:
        follow.append(f"另有 {len(m.open_follow_ups) - MAX_FOLLOW_UPS} 项")
    last_date = f"{m.last_visit_date:%Y-%m-%d}" if m.last_visit_date else "从未走访"
    last = [["走访日期", last_date, "走访人", m.last_visitor],
            ["所提诉求", m.last_requests or "（无）", "", ""],
            ["未办结事项", "；".join(follow) or "（无）", "", ""]]
    t_last = Table([[_p(v, cell) for v in r] for r in last], colWidths=[c1, c2, c1, c2])
    t_last.setStyle(TableStyle(grid + [
        ("BACKGROUND", (0, 0), (0, -1), label_bg), ("BACKGROUND", (2, 0), (2, 0), label_bg),
        ("SPAN", (1, 1), (3, 1)), ("SPAN", (1, 2), (3, 2))]))

    pending = m.pending[:MAX_PENDING_LINES]
    if len(m.pending) > MAX_PENDING_LINES:
        pending.append(f"另有 {len(m.pending) - MAX_PENDING_LINES} 份，见待送达清单")
    if pending:
        half = (len(pending) + 1) // 2
        pairs = [[_p(a, cell, box=True), _p(b, cell, box=bool(b))] for a, b in
                 zip(pending[:half], pending[half:] + [""] * (half - len(pending[half:])))]
        t_pending = Table(pairs, colWidths=[width / 2] * 2)
        t_pending.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 1),
                                       ("FONTNAME", (0, 0), (-1, -1), font),
                                       ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    else:
        t_pending = _p("（没有待送达的资料）", cell)

    ticks = [[_p(t, styles["line"], box=True) for t in TICK_ITEMS[i:i + 3]] for i in (0, 3)]
    t_ticks = Table(ticks, colWidths=[width / 3] * 3)
    t_ticks.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font)]))

    blanks = []
    for label in HAND_BLANKS:
        blanks += [[_p(f"{label}：", styles["line"])], [""], [""]]
    t_blank = Table(blanks, colWidths=[width], rowHeights=[20, 26, 26] * len(HAND_BLANKS))
    t_blank.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font)] +
                                [("LINEBELOW", (0, r), (0, r), 0.5, colors.black)
                                 for r in range(len(blanks)) if r % 3]))
    signs = Table([[_p("走访人签字：________________", styles["line"]),
                    _p("党员(家属)签字：______________", styles["line"])],
                   [_p("日期：______年____月____日", styles["line"]), ""]],
                  colWidths=[width / 2] * 2)
    signs.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font)]))
    content = [
        _p("走访登记表（送学上门）", styles["title"]),
        _p(f"{data.branch_name}", styles["sub"]),
        Spacer(1, 6),
        _p("走访日期：________年____月____日　　走访人：________________", styles["line"]),
        _p("一、党员基本情况", section), t_info,
        _p("二、上次走访情况", section), t_last,
        _p("三、待送达资料（送到后打勾）", section), t_pending,
        _p("四、本次走访内容（请打勾）", section), t_ticks,
        _p("五、走访记录（手写）", section), t_blank,
        Spacer(1, 10), signs,
    ]
    return [KeepInFrame(width, height - 2, content, mode="shrink"), PageBreak()]
