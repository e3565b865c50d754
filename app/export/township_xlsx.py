"""The township's (or county's) roll-up workbook: 汇总, 目录, then every branch's sheets.

Written alike by `merge-quarter` (from the branches' own files, or from townships' roll-ups)
and by `export-quarter --all-branches` (straight from a database of many branches):

- **汇总** is a formal form like a branch's (表号, 制表机关, title, 填报单位 = the township,
  统计时段, signature lines, 填表说明), with the indicators as rows and the branches as
  columns: 项目 | 行次 | 计量单位 | 合计 | one column per branch. It prints landscape at 11 pt,
  never shrunk: page breaks fall between branch columns and between two bands of indicators
  (人员、学习 | 资料、关怀、党费), and the indicator columns repeat on every page, so 200
  branches make more pages, not smaller type.
- **目录** lists every branch with its number and where each of its sheets is. A branch's sheet
  is named "{号}-{表}-{支部}" cut to Excel's 31 characters: the number makes it unique whatever
  the letter case or length of the branch's name, the table and the name's start say what it is.
  The county's merge reads a township's book by this list, never by sheet position.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from app.dates import cn, quarter_bounds
from app.export import xlsx_print as xp
from app.export import xlsx_table as xt
from app.export.quarterly_form import NO_RATE, SUB_FIRST, SUB_NEXT
from app.export.quarterly_xlsx import set_mark
from app.quarter_labels import (
    LABELS, MONEY_LABELS, PARENTS, RATE_LABELS, UNITS, apply_rates, total,
)
from app.export.sheets import FORM_NUMBER

SIZE = 11  # printed as written: the form is never fitted to the page width
FIXED = (30, 4.5, 6)  # 项目, 行次, 计量单位 — repeated at the left of every printed page
NUMBER_WIDTH = 9.5  # 合计 and each branch's column; a branch's name wraps in its header
HEADER_ROW = 5  # 0-based
INDEX_HEADERS = ("序号", "支部", "工作表", "在本工作簿中的名称", "来源文件")
NOTES = (
    "填表说明：",
    "1．各支部的数值取自各支部按同一表样报送的季度报表，指标含义见各支部报表的填表说明。",
    "2．“合计”栏的人数、人次、份数、党费金额等为各支部之和；出勤率、参学率、覆盖率、党费收缴率"
    "按合计的人数（金额）重新计算，不是各支部比率的平均数。无应参学人次（或无行动不便人员、"
    "无应交党费）时填“—”。",
    "3．各支部的明细表见本工作簿的“目录”：工作表名前的数字是支部的序号。",
)


@dataclass
class Heading:
    """What the roll-up's 汇总 says of itself."""

    year: int
    quarter: int
    unit: str = ""  # 填报单位: the township's (or county's) office; blank to write by hand
    authority: str = ""  # 制表机关
    maker: str = ""  # 填表人
    made_on: date = field(default_factory=date.today)


@dataclass
class Entry:
    """One branch in the roll-up: its figures and where its sheets are."""

    number: int
    branch: str
    source: str  # the file it came from, or "本数据库"
    figures: dict[str, object]
    sheets: list[tuple[str, str]] = field(default_factory=list)  # (sheet, name in this book)


def sheet_name(number: int, sheet: str, branch: str) -> str:
    """"{号}-{表}-{支部}" within 31 characters, without the characters Excel refuses."""
    for ch in "[]:*?/\\'":
        branch = branch.replace(ch, "_")
    return f"{number}-{sheet}-{branch}"[:31].rstrip("-")


def start(book: xt.TableBook) -> None:
    """Keep 汇总 and 目录 at the front: they are written last, when every branch is known."""
    book.reserve("汇总")
    book.reserve("目录")


def finish(book: xt.TableBook, entries: list[Entry], heading: Heading) -> None:
    """Write 汇总 and 目录 for `entries` and mark the book as a roll-up."""
    book.add_form("汇总", lambda ws, fmt: write_summary(ws, fmt, entries, heading))
    book.add(index_sheet(entries, heading))
    set_mark(book, heading.unit, heading.year, heading.quarter, kind="township")


def totals(entries: list[Entry]) -> dict[str, object]:
    """The 合计 column: counts and amounts summed (amounts to the 分), rates recomputed from
    the sums (never averaged)."""
    summed = {lb: total(lb, [e.figures[lb] for e in entries]) for lb in LABELS
              if lb not in RATE_LABELS}
    apply_rates(summed)
    return summed


def index_sheet(entries: list[Entry], heading: Heading) -> xt.TableSheet:
    rows = [[e.number, e.branch, sheet, name, e.source] for e in entries for sheet, name in e.sheets]
    return xt.TableSheet(
        "目录", f"{heading.year}年第{heading.quarter}季度各支部报表目录", INDEX_HEADERS, rows,
        widths={1: 5, 2: 20, 3: 12, 4: 36, 5: 18},
        column_align={1: "center", 2: "wrap", 4: "wrap", 5: "wrap"},
        landscape=False)


def _per_page() -> int:
    """How many number columns fit on a landscape page beside 项目 | 行次 | 计量单位."""
    room = xp.printable_px(True) * 0.98 - sum(xp.column_px(w) for w in FIXED)
    return max(2, int(room // xp.column_px(NUMBER_WIDTH)))


def pages(count: int) -> list[list[int]]:
    """The branches (0-based) on each printed page: as many as fit beside 项目 | 行次 | 计量单位
    on landscape A4 (合计 takes a branch's place on the first page)."""
    per_page = _per_page()
    first = list(range(min(count, per_page - 1)))
    rest = list(range(len(first), count))
    return [first] + [rest[i:i + per_page] for i in range(0, len(rest), per_page)]


class _InRowOrder:
    """Cells and row heights kept back and written row by row: a streamed book (XlsxWriter's
    constant-memory mode) drops anything written above a row it has already passed, and the
    blocks of 汇总 are laid out one after another, each from its top."""

    def __init__(self, ws):
        self.ws, self.calls = ws, []

    def set_row(self, row, *args):
        self.calls.append((row, -1, "set_row", (row, *args)))

    def write_string(self, row, col, *args):
        self.calls.append((row, col, "write_string", (row, col, *args)))

    def write_number(self, row, col, *args):
        self.calls.append((row, col, "write_number", (row, col, *args)))

    def merge_range(self, row, col, *args):
        self.calls.append((row, col, "merge_range", (row, col, *args)))

    def flush(self) -> None:
        for _row, _col, name, args in sorted(self.calls, key=lambda c: (c[0], c[1])):
            getattr(self.ws, name)(*args)


# the indicators in two bands, each printed under its own heading: 人员 and 学习 | 资料, 关怀 and
# 党费 — all 31 rows of one page of branches no longer fit a landscape page at 11 pt
BANDS = (LABELS[:LABELS.index("发放资料份数")], LABELS[LABELS.index("发放资料份数"):])


def write_summary(sheet, fmt: Callable, entries: list[Entry], heading: Heading) -> None:
    """Lay the roll-up's 汇总 out on the XlsxWriter sheet `sheet`: one block of columns per
    printed page and the indicators in two bands (`BANDS`), each page a whole table (项目 |
    行次 | 计量单位 | [合计] | branches) under its own heading, with page breaks between blocks
    and bands — so every page reads on its own, at 11 pt."""
    ws = _InRowOrder(sheet)
    columns = [("合计", totals(entries))] + [(e.branch, e.figures) for e in entries]
    blocks, col = [], 0
    for page, branches in enumerate(pages(len(entries))):
        shown = ([columns[0]] if page == 0 else []) + [columns[b + 1] for b in branches]
        blocks.append((col, shown))
        col += len(FIXED) + len(shown)
    names = [name for name, _values in columns]
    lines = max(xp.lines_needed(n, NUMBER_WIDTH, SIZE) for n in names)
    full = len(FIXED) + _per_page()
    tops, top = [], 0
    for labels in BANDS:
        tops.append(top)
        ws.set_row(top + HEADER_ROW, xp.row_height(lines, SIZE))
        top += HEADER_ROW + len(labels) + 1
    signatures = top + 1
    _page_setup(sheet, [start for start, _shown in blocks[1:]], [*tops[1:], signatures])
    for page, (first, shown) in enumerate(blocks):
        # a last, narrower block keeps the page's width for its heading (blank columns after)
        last = first + full - 1
        for i, width in enumerate([*FIXED] + [NUMBER_WIDTH] * (last - first - 2)):
            sheet.set_column(first + i, first + i, width)
        for band, (labels, top) in enumerate(zip(BANDS, tops)):
            _heading(ws, fmt, heading, first, last, page, top, band)
            _table(ws, fmt, first, shown, top + HEADER_ROW, labels)
    _signatures(ws, fmt, heading, signatures, full - 1)
    ws.flush()


def _page_setup(ws, breaks: list[int], row_breaks: list[int]) -> None:
    ws.set_paper(9)
    ws.set_landscape()
    ws.set_margins(left=xp.SIDE_MARGIN, right=xp.SIDE_MARGIN, top=0.3, bottom=0.45)
    ws.set_footer(xp.FOOTER, {"margin": 0.2})
    ws.set_v_pagebreaks(breaks)
    ws.set_h_pagebreaks(row_breaks)
    ws.print_across()  # every block of the table first, the signatures after
    ws.freeze_panes(HEADER_ROW + 1, len(FIXED) + 1)


def _heading(ws, fmt: Callable, heading: Heading, first: int, last: int, page: int,
             top: int = 0, band: int = 0) -> None:
    """The block's heading lines from row `top`; 表号 and 制表机关 on the first page, （续表）
    after it."""
    plain = fmt("plain", size=SIZE)
    unit = heading.unit or ""
    period = quarter_bounds(heading.year, heading.quarter)
    title = f"{unit}{heading.year}年第{heading.quarter}季度各支部工作情况汇总表"
    middle = first + len(FIXED) - 1  # 统计时段 beside 填报单位: the rows are kept for the table
    lines = [(top + 2, first, last, title + ("（续表）" if page or band else ""), fmt("title")),
             (top + 3, first, middle, f"填报单位（盖章）：{unit}", plain),
             (top + 3, middle + 1, last, f"统计时段：{cn(period[0])}至{cn(period[1])}",
              fmt("plain", align="right", size=SIZE))]
    if page == 0 and band == 0:
        right = max(first, last - 3)
        lines += [(0, right, last, f"表　　号：{FORM_NUMBER}", plain),
                  (1, right, last, f"制表机关：{heading.authority}", fmt("note", size=SIZE))]
    for row, start, end, text, style in lines:
        if start == end:
            ws.write_string(row, start, text, style)
        else:
            ws.merge_range(row, start, row, end, text, style)
    for row, height in ((0, 14), (1, 14), (2, 26), (3, 22), (4, 4)):
        ws.set_row(top + row, height)


def _table(ws, fmt: Callable, first: int, shown: list[tuple[str, dict]],
           header_row: int = HEADER_ROW, labels=LABELS) -> None:
    header = fmt("header", size=SIZE)
    for i, text in enumerate(["项目", "行次", "计量单位"] + [name for name, _v in shown]):
        ws.write_string(header_row, first + i, text, header)
    _items(ws, fmt, first, [values for _name, values in shown], header_row, labels)


def _items(ws, fmt: Callable, first: int, columns: list[dict], header_row: int = HEADER_ROW,
           labels=LABELS) -> int:
    """One row per label under `header_row`: 项目, 行次, 计量单位, then each column's value."""
    row, seen = header_row, set()
    number_fmt = {kind: fmt("body", kind, "right", size=SIZE) for kind in ("0.0%", "0.00", "0")}
    dash = fmt("body", align="right", size=SIZE)
    for label in labels:
        number = LABELS.index(label) + 1
        row += 1
        ws.set_row(row, 14)
        parent = PARENTS.get(label)
        if parent is None:
            label_fmt = fmt("body", size=SIZE)
        else:
            label_fmt = fmt("body", SUB_FIRST if parent not in seen else SUB_NEXT, size=SIZE,
                            indent=1)
            seen.add(parent)
        ws.write_string(row, first, label, label_fmt)
        ws.write_number(row, first + 1, number, fmt("body", align="center", size=SIZE))
        ws.write_string(row, first + 2, UNITS[label], fmt("body", align="center", size=SIZE))
        for col, values in enumerate(columns, start=first + len(FIXED)):
            value = values.get(label)
            if isinstance(value, (int, float)):
                kind = "0.0%" if label in RATE_LABELS else "0.00" if label in MONEY_LABELS else "0"
                ws.write_number(row, col, value, number_fmt[kind])
            else:
                ws.write_string(row, col, NO_RATE, dash)
    return row


def _signatures(ws, fmt: Callable, heading: Heading, row: int, last: int) -> None:
    plain = fmt("plain", size=SIZE)
    gap = "　" * 8
    lines = (f"单位负责人：{gap}审核人：{gap}填表人：{heading.maker}",
             f"联系电话：{gap}　报出日期：{cn(heading.made_on)}")
    for text in lines:
        ws.set_row(row, 19)
        ws.merge_range(row, 0, row, max(last, 1), text, plain)
        row += 1
    row += 1
    note = fmt("note", size=10.5)
    span = sum(FIXED) + NUMBER_WIDTH * (last - len(FIXED) + 1)
    for text in NOTES:
        ws.set_row(row, xp.row_height(xp.lines_needed(text, span, 10.5), 10.5))
        ws.merge_range(row, 0, row, max(last, 1), text, note)
        row += 1


def read_summary_grid(rows) -> dict[str, dict[str, object]]:
    """A roll-up's 汇总 read back: {branch: {label: value}} (and "合计"), found by the header
    (项目 … 合计 …) and the labels in the first 项目 column, wherever the rows are; the branch
    columns of every block (page) of the form."""
    rows = [list(r) for r in rows]
    at = next((i for i, r in enumerate(rows) if "项目" in r and "合计" in r), None)
    if at is None:
        return {}
    header = rows[at]
    label_col = header.index("项目")
    wanted = [(col, str(h).strip()) for col, h in enumerate(header)
              if h not in (None, "") and str(h).strip() not in ("项目", "行次", "计量单位")]
    grid: dict[str, dict[str, object]] = {}
    for r in rows[at + 1:]:
        label = str(r[label_col] or "").strip().removeprefix("其中：").strip()
        if label not in LABELS:
            continue
        for col, name in wanted:
            if col < len(r):
                value = r[col]
                if isinstance(value, float) and value.is_integer() and label not in RATE_LABELS \
                        and label not in MONEY_LABELS:
                    value = int(value)
                grid.setdefault(name, {})[label] = None if value in (NO_RATE, "") else value
    return grid


def read_index(rows) -> list[tuple[int, str, str, str]]:
    """A roll-up's 目录 read back: (序号, 支部, 工作表, 在本工作簿中的名称) per row, by header."""
    rows = [list(r) for r in rows]
    at = next((i for i, r in enumerate(rows) if all(h in r for h in INDEX_HEADERS[:4])), None)
    if at is None:
        return []
    cols = [rows[at].index(h) for h in INDEX_HEADERS[:4]]
    out = []
    for r in rows[at + 1:]:
        if len(r) <= max(cols) or r[cols[0]] in (None, ""):
            continue
        number, branch, sheet, name = (r[c] for c in cols)
        try:
            number = int(number)
        except (TypeError, ValueError):
            continue
        out.append((number, str(branch), str(sheet), str(name)))
    return out
