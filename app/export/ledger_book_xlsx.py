"""The ledger book (支部工作台账) as one workbook: 封面, 目录, then one sheet per part, in the
program's common print look (宋体, bordered tables with shaded headers, A4, one page wide,
第 &P 页 共 &N 页).

A part holds tables of different columns one under another, facts and passages of free text
(the minutes, the year's plan): the tables share the sheet's columns, each sized for the
widest text any table puts in it; facts and passages span the whole width, a passage one row
per paragraph so no row outgrows what a spreadsheet can show. Plain data in
(app.export.ledger_book_data), a file out, written atomically (app.export.xlsx_table.TableBook).
"""

from __future__ import annotations

from pathlib import Path

from app.dates import cn
from app.export import xlsx_print as xp
from app.export.ledger_book_data import Facts, LedgerBook, Part, Passage, Table
from app.export.xlsx_table import (
    FORMULA_SIGNS,
    TITLE_SIZE,
    TableBook,
    TableSheet,
    fitted_widths,
    text_width,
)

SIZE = 11
MOST_HEIGHT = 409  # points: the tallest row Excel allows


def _widths(part: Part) -> tuple[int, dict[int, float]]:
    """The sheet's columns and their widths: sized for the part's longest table (the roster,
    the year's meetings); the other tables fit into them, their text wrapping, their last
    column spanning what is left."""
    tables = [b for b in part.blocks if isinstance(b, Table)]
    columns = max([len(t.headers) for t in tables] + [4])
    widths = {c: 8.0 for c in range(1, columns + 1)}
    if tables:
        main = max(tables, key=lambda t: (len(t.rows), len(t.headers)))
        widths.update(fitted_widths(main.headers, main.rows, minimum=5, maximum=36))
    labels = [label for b in part.blocks if isinstance(b, Facts) for label, _v in b.lines]
    if labels:
        widths[1] = max(widths[1], min(24.0, max(text_width(v) for v in labels) + 2))
    return columns, widths


class _Sheet:
    """Writes one part's blocks row by row."""

    def __init__(self, ws, fmt, columns: int, widths: dict[int, float]):
        self.ws, self.fmt, self.columns, self.widths = ws, fmt, columns, widths
        self.row = 0
        self.span = sum(widths.values())

    def _height(self, text: str, width: float) -> None:
        lines = xp.lines_needed(text, width, SIZE) if text else 1
        if lines > 1:
            self.ws.set_row(self.row, min(MOST_HEIGHT, xp.row_height(lines, SIZE)))

    def line(self, text: str, kind: str, size: float = SIZE, **extra) -> None:
        """`text` merged across the sheet's width."""
        fmt = self.fmt(kind, None, "wrap" if kind != "title" else None, size=size, **extra)
        self._height(text, self.span)
        self.ws.merge_range(self.row, 0, self.row, self.columns - 1, text, fmt)
        self.row += 1

    def cells(self, values, kind: str, centred=(), right=()) -> None:
        lines = 1
        for col, value in enumerate(values):
            text = str(value)
            align = ("center" if col in centred or kind == "header" else
                     "right" if col in right else "wrap")
            fmt = self.fmt(kind, None, align, text.startswith(FORMULA_SIGNS), SIZE)
            last = self.columns - 1 if col == len(values) - 1 else col
            width = sum(self.widths[c + 1] for c in range(col, last + 1))
            lines = max(lines, xp.lines_needed(text, width, SIZE) if text else 1)
            if last > col:
                self.ws.merge_range(self.row, col, self.row, last, text, fmt)
            else:
                self.ws.write_string(self.row, col, text, fmt)
        if lines > 1:
            self.ws.set_row(self.row, min(MOST_HEIGHT, xp.row_height(lines, SIZE)))
        self.row += 1

    def _pieces(self, text: str, most: int = 24) -> list[str]:
        """`text` cut into rows of at most `most` lines each (a row cannot grow past 409 pt;
        a long paragraph of minutes would be cut off on paper)."""
        lines = xp.lines_needed(text, self.span, SIZE) if text else 1
        if lines <= most:
            return [text]
        step = max(1, len(text) * most // lines)
        return [text[i:i + step] for i in range(0, len(text), step)]

    def block(self, block) -> None:
        self.line(block.caption, "label")
        if isinstance(block, Table):
            self.cells(block.headers, "header")
            for values in block.rows:
                self.cells(values, "body", block.centred, block.right)
            if not block.rows:
                self.line(block.empty, "body")
        elif isinstance(block, Facts):
            for label, value in block.lines:
                self.cells((label, value), "body")
        elif isinstance(block, Passage):
            for paragraph in block.text.split("\n") or [""]:
                for piece in self._pieces(paragraph):
                    self.line(piece, "plain", valign="top")
        self.row += 1  # a blank line between blocks


def _part_writer(book: LedgerBook, part: Part):
    def write(ws, fmt) -> None:
        columns, widths = _widths(part)
        widths, landscape = xp.fit_widths({c: w for c, w in widths.items()}, list(widths), None)
        for col, width in widths.items():
            ws.set_column(col - 1, col - 1, width)
        xp.page_setup(ws, landscape, repeat=(0, 0), freeze=None)
        sheet = _Sheet(ws, fmt, columns, widths)
        ws.set_row(0, TITLE_SIZE * 2)
        sheet.line(f"{book.branch}{book.year}年度　{part.heading}", "title", TITLE_SIZE)
        for block in part.blocks:
            sheet.block(block)

    return write


def _cover(book: LedgerBook) -> TableSheet:
    rows = [("党支部名称", book.branch), ("所属乡镇（街道）", book.township), ("年度", f"{book.year}年"),
            ("填报单位", book.unit), ("支部书记", book.maker), ("填报日期", cn(book.made_on))]
    return TableSheet(name="封面", title=f"支部工作台账（{book.year}年度）",
                      headers=("项目", "内容"), rows=rows, widths={1: 22, 2: 46})


def _contents_writer(book: LedgerBook):
    """目录: each part's number and heading, the heading a link to its sheet."""
    def write(ws, fmt) -> None:
        widths = {1: 8, 2: 36, 3: 40}
        for col, width in widths.items():
            ws.set_column(col - 1, col - 1, width)
        xp.page_setup(ws, False, repeat=None, freeze=None)
        ws.set_row(0, TITLE_SIZE * 2)
        ws.merge_range(0, 0, 0, 2, "目　　录", fmt("title"))
        for col, text in enumerate(("序号", "内容", "工作表")):
            ws.write_string(1, col, text, fmt("header"))
        link = fmt("body", None, None, font_color="#1F4E9A", underline=1)
        for row, part in enumerate(book.parts, start=2):
            ws.write_string(row, 0, str(part.number), fmt("body", None, "center"))
            ws.write_string(row, 1, part.heading, fmt("body"))
            ws.write_url(row, 2, f"internal:'{part.heading}'!A1", link,
                         string=f"点此打开“{part.heading[2:]}”")

    return write


def write_ledger_book_xlsx(book: LedgerBook, path: str | Path) -> Path:
    """封面, 目录 and the nine parts (a sheet each, named by the part's heading) to `path`."""
    with TableBook(path) as out:
        out.add(_cover(book))
        out.add_form("目录", _contents_writer(book))
        for part in book.parts:
            out.add_form(part.heading, _part_writer(book, part))
    return Path(path)
