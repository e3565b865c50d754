"""The branch's 汇总 as a formal statistics sheet (统计报表), as a county office files it.

Layout (1-based rows; four columns A 项目 | B 行次 | C 计量单位 | D 数值):

    1   B:D  表　　号：老干季报1表
    2   B:D  制表机关：{设置里的制表机关}
    3   A:D  title, bold — "{支部}{年}年第{季}季度工作情况统计表[（截至2026年12月01日）]"
    4   A:D  填报单位（盖章）：{支部}        (a taller row: room for the seal)
    5   A:D  统计时段：2026年07月01日至2026年09月30日
    6   A–D  header: 项目 | 行次 | 计量单位 | 数值
    7…  one row per label of quarter_figures.LABELS, in that order
        then a blank row, 单位负责人 / 审核人 | 填表人, 联系电话 | 报出日期, 填表说明.

Column A holds exactly the label ("离休人数"): "其中：" and the indent of a sub-item are the
cell's number format ('"其中："@') and indent, so every program shows them but a reader of the
values (openpyxl, calamine, the township merge) gets the plain label. Column D holds numbers
(rates: numbers formatted 0.0%; amounts in 元: numbers formatted 0.00), or the text "—" for a
rate with nothing to divide by.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.dates import cn
from app.export import xlsx_print as xp
from app.export.xlsx_table import TITLE_SIZE, wrapped_height
from app.quarter_labels import LABELS, MONEY_LABELS, PARENTS, RATE_LABELS, UNITS
from app.export.sheets import QuarterReport

SIZE = 12  # the form's body type: one A4 page, portrait, printed at 100 %
WIDTHS = (44, 7, 11, 18)  # A 项目, B 行次, C 计量单位, D 数值
HEADERS = ("项目", "行次", "计量单位", "数值")
HEADER_ROW = 6  # 1-based
FIRST_ROW = HEADER_ROW + 1
ITEM_HEIGHT = 14.0  # 12 pt type and a little room: 31 items, signatures and 填表说明 on one page
SUB_FIRST = '"其中："@'  # shown before the first sub-item of an item; the value stays the label
SUB_NEXT = '"　　　"@'  # the following ones, aligned under it
NO_RATE = "—"
NOTE_SIZE = 10.5
NOTES = (
    "填表说明：",
    "1．人数按统计时段最后一天计：当天去世、转出的计入“减少人数”，不再算在册；暂离的仍算在册。"
    "上季末在册＋新增－减少＝本季末在册；季度未结束时只统计到“截至”日期。",
    "2．应参学人次：学习活动当天在册的党员每人每次计一人次（暂离的不计，登记了考勤的除外），"
    "未登记考勤的计入“未登记人次”。出勤率＝出席÷应参学，参学率＝（出席＋送学上门）÷应参学；"
    "无应参学人次时填“—”。",
    "3．送学上门份数只计已经送到党员家中的；已发放、还没有送到的计入“待送达份数”。",
    "4．走访行动不便党员人数只计党员，一人走访多次计一人；覆盖率＝该人数÷行动不便人数。"
    "逾期未走访人数按每人的走访周期计到统计时段最后一天。",
    "5．党费单位为元：应交为本季在册各月的月应交（按减免后），实交为交给本季各月的党费（含预交）；"
    "收缴率＝实交÷应交；欠交党费人数为实交少于应交的人数。",
)


@dataclass
class Form:
    """The text of a 汇总, line by line: what `write_form` lays out. Made from a report
    (`form_of`), or read back from a written 汇总 (`form_from_rows`, the township merge)."""

    number_line: str  # 表　　号：老干季报1表
    authority_line: str  # 制表机关：…
    title: str
    unit_line: str  # 填报单位（盖章）：…
    period_line: str  # 统计时段：…
    values: dict[str, object]
    signatures: list[tuple[str, str]] = field(default_factory=list)  # (column A, B:D) lines
    notes: tuple[str, ...] = NOTES


def form_of(report: QuarterReport) -> Form:
    # a running quarter's "（截至…）" goes on a line of its own rather than break anywhere
    title = report.title.replace("（截至", "\n（截至")
    return Form(
        f"表　　号：{report.form_number}", f"制表机关：{report.authority}", title,
        f"填报单位（盖章）：{report.branch}", report.period, dict(report.figures.items()),
        [(f"单位负责人：{'　' * 6}审核人：", f"填表人：{report.secretary}"),
         (f"联系电话：{report.phone}", f"报出日期：{cn(report.made_on)}")])


def write_form(ws, fmt: Callable, form: Form) -> None:
    """Lay `form` out on the XlsxWriter sheet `ws` (`fmt`: TableBook's format maker)."""
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    span = sum(WIDTHS)
    xp.page_setup(ws, landscape=False, repeat=(HEADER_ROW - 1, HEADER_ROW - 1),
                  freeze=(HEADER_ROW, 0))
    ws.set_margins(left=xp.SIDE_MARGIN, right=xp.SIDE_MARGIN, top=0.4, bottom=0.5)
    ws.center_horizontally()
    plain = fmt("plain", size=SIZE)
    ws.merge_range(0, 1, 0, 3, form.number_line, plain)
    ws.set_row(1, wrapped_height(form.authority_line, SIZE, span - WIDTHS[0]))
    ws.merge_range(1, 1, 1, 3, form.authority_line, fmt("note", size=SIZE))
    ws.set_row(2, xp.row_height(xp.lines_needed(form.title, span, TITLE_SIZE), TITLE_SIZE))
    ws.merge_range(2, 0, 2, 3, form.title, fmt("title"))
    ws.set_row(3, 21)  # room for the seal beside the unit's name
    ws.set_row(4, 16)
    ws.merge_range(3, 0, 3, 3, form.unit_line, plain)
    ws.merge_range(4, 0, 4, 3, form.period_line, fmt("plain", size=SIZE, valign="top"))
    header = fmt("header", size=SIZE)
    for col, text in enumerate(HEADERS):
        ws.write_string(HEADER_ROW - 1, col, text, header)
    row = _items(ws, fmt, form.values)
    ws.set_row(row + 1, 2)
    _signatures(ws, fmt, form, row + 2, span)


def _items(ws, fmt: Callable, values: dict[str, object]) -> int:
    """The table's rows; returns the 0-based row of the last one."""
    seen_parent: set[str] = set()
    row = HEADER_ROW - 1
    for number, label in enumerate(LABELS, start=1):
        row += 1
        ws.set_row(row, ITEM_HEIGHT)
        parent = PARENTS.get(label)
        if parent is None:
            label_fmt = fmt("body", size=SIZE)
        else:
            first = parent not in seen_parent
            seen_parent.add(parent)
            label_fmt = fmt("body", SUB_FIRST if first else SUB_NEXT, size=SIZE, indent=1)
        ws.write_string(row, 0, label, label_fmt)
        ws.write_number(row, 1, number, fmt("body", align="center", size=SIZE))
        ws.write_string(row, 2, UNITS[label], fmt("body", align="center", size=SIZE))
        value = values.get(label)
        if isinstance(value, (int, float)):
            number_format = ("0.0%" if label in RATE_LABELS else "0.00" if label in MONEY_LABELS
                             else "0")
            ws.write_number(row, 3, value, fmt("body", number_format, "right", size=SIZE,
                                                indent=1))
        else:
            ws.write_string(row, 3, NO_RATE, fmt("body", align="right", size=SIZE, indent=1))
    return row


def _signatures(ws, fmt: Callable, form: Form, row: int, span: float) -> None:
    """单位负责人 / 审核人 / 填表人, 联系电话 / 报出日期, then 填表说明 (0-based `row`)."""
    plain = fmt("plain", size=SIZE)
    for left, right in form.signatures:
        ws.set_row(row, 15)
        ws.write_string(row, 0, left, plain)
        ws.merge_range(row, 1, row, 3, right, plain)
        row += 1
    ws.set_row(row, 2)
    row += 1
    note = fmt("note", size=NOTE_SIZE)
    for text in form.notes:
        ws.set_row(row, xp.row_height(xp.lines_needed(text, span, NOTE_SIZE), NOTE_SIZE))
        ws.merge_range(row, 0, row, 3, text, note)
        row += 1


def form_from_rows(rows) -> Form:
    """A written 汇总 read back (rows of values), to be laid out again in another book: its
    lines found by what they say, its figures by their labels."""
    rows = [["" if v is None else str(v) if not isinstance(v, (int, float)) else v for v in r]
            for r in rows]
    texts = [(i, str(v)) for i, r in enumerate(rows) for v in r if isinstance(v, str) and v]

    def line(prefix: str) -> str:
        return next((t for _i, t in texts if t.startswith(prefix)), "")

    unit_at = next((i for i, t in texts if t.startswith("填报单位")), 0)
    title = next((t for i, t in reversed(texts) if i < unit_at and not t.startswith(
        ("表　　号", "制表机关"))), "")
    notes_at = next((i for i, t in texts if t == "填表说明："), len(rows))
    last_label = max((i for i, r in enumerate(rows) if r and r[0] in LABELS), default=notes_at)
    signatures = [(str(r[0]), str(next((v for v in r[1:] if v != ""), "")))
                  for r in rows[last_label + 1:notes_at] if r and r[0]]
    notes = tuple(str(r[0]) for r in rows[notes_at:] if r and r[0])
    return Form(line("表　　号"), line("制表机关"), title, line("填报单位"), line("统计时段"),
                read_form(rows), signatures, notes or NOTES)


def read_form(rows) -> dict[str, object]:
    """{label: value} from a 汇总's rows as read back (openpyxl or calamine values): the table
    is found by its header (项目 … 数值), a figure by the label in its first column, wherever
    the row is. "其中：" typed into a label is stripped; "—" reads as None. Rows whose label is
    not one of LABELS are ignored."""
    rows = [list(r) for r in rows]
    header = next((i for i, r in enumerate(rows) if "项目" in r and "数值" in r), None)
    if header is None:
        return {}
    at, value_col = rows[header].index("项目"), rows[header].index("数值")
    found: dict[str, object] = {}
    for r in rows[header + 1:]:
        label = str(r[at] if len(r) > at and r[at] is not None else "").strip()
        label = label.removeprefix("其中：").strip()
        if label in LABELS and label not in found and len(r) > value_col:
            value = r[value_col]
            if isinstance(value, float) and value.is_integer() and label not in RATE_LABELS \
                    and label not in MONEY_LABELS:
                value = int(value)
            found[label] = None if value in (NO_RATE, "") else value
    return found
