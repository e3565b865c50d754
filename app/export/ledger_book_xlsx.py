"""The ledger book (支部工作台账) as one workbook: 封面, 目录, then one sheet per part, each in the
program's common print look (app.export.xlsx_table: A4, header rows repeated, 第 &P 页 共 &N 页).

A part's blocks become tables one under the other on its sheet: facts and passages of text
as 项目 / 内容 rows, tables as they are, each under its caption; an empty table says why in one
row. Plain data in (app.export.ledger_book_data), a file out, written atomically.
"""

from __future__ import annotations

from pathlib import Path

from app.dates import cn
from app.export.ledger_book_data import Facts, LedgerBook, Part, Passage, Table
from app.export.xlsx_table import Block, TableBook, TableSheet

TEXT_HEADERS = ("项目", "内容")


def _as_block(block) -> Block:
    if isinstance(block, Table):
        rows = block.rows or [(block.empty,)]
        return Block(block.caption, block.headers, rows)
    if isinstance(block, Facts):
        return Block(block.caption, TEXT_HEADERS, block.lines)
    assert isinstance(block, Passage)
    return Block(block.caption, TEXT_HEADERS, [(block.caption.split("）")[-1], block.text)])


def part_sheet(book: LedgerBook, part: Part) -> TableSheet:
    blocks = [_as_block(b) for b in part.blocks]
    main = blocks[-1]
    columns = max(len(b.headers) for b in blocks)
    return TableSheet(
        name=part.heading, title=f"{book.branch}{book.year}年度　{part.heading}",
        headers=main.headers, rows=main.rows, before=blocks[:-1], heading=main.heading,
        column_align={c: "wrap" for c in range(1, columns + 1)}, min_width=8)


def _cover(book: LedgerBook) -> TableSheet:
    rows = [("党支部名称", book.branch), ("所属乡镇（街道）", book.township), ("年度", f"{book.year}年"),
            ("填报单位", book.unit), ("支部书记", book.maker), ("填报日期", cn(book.made_on))]
    return TableSheet(name="封面", title=f"{book.branch}\n支部工作台账（{book.year}年度）",
                      headers=TEXT_HEADERS, rows=rows, widths={1: 22, 2: 46})


def _contents(book: LedgerBook) -> TableSheet:
    rows = [(str(p.number), p.heading, p.heading) for p in book.parts]
    return TableSheet(name="目录", title="目　　录", headers=("序号", "内容", "工作表"), rows=rows,
                      column_align={1: "center"}, widths={1: 8, 2: 32, 3: 32})


def write_ledger_book_xlsx(book: LedgerBook, path: str | Path) -> Path:
    """封面, 目录 and the nine parts to `path` (atomically)."""
    with TableBook(path) as out:
        out.add(_cover(book))
        out.add(_contents(book))
        for part in book.parts:
            out.add(part_sheet(book, part))
    return Path(path)
