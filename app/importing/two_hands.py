"""Cleaning a big roster with two hands: the reader child cleans half the rows, the program
the other half, at the same time.

A workbook is read in the reader child (app.importing.cage), which keeps a hostile file from
taking the program down. Sending every row back cost the preview of a county roster (20,000
rows) about 0.3 s more than reading in the program had: +13 %, where issue 16 allowed +10 %.
So the child keeps the rows it read, sends back only the header and the first half, and cleans
the second half itself while the program cleans the first — the cleaning, not the reading, is
most of an import's time, and every office PC has two cores. Rows are cleaned independently of
each other (records.read_row), so the halves give the same records, notes and skipped rows as
one pass, in the same row order once joined.

A small sheet (under SPLIT_FROM rows) is cleaned in one piece: the second message to the
child would cost more than it saves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from app.importing.headers import Header, find_header
from app.importing.records import Record, RowRules, read_row
from app.importing.report import Skipped, Warning

SPLIT_FROM = 2_000


@dataclass
class Cleaned:
    """What a run of rows gave: members' records, rows skipped with a reason, notes."""

    records: list[Record] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    rows_read: int = 0

    def joined(self, later: Cleaned) -> Cleaned:
        return Cleaned(self.records + later.records, self.skipped + later.skipped,
                       self.warnings + later.warnings, self.rows_read + later.rows_read)

    # Sent from the reader child: the records travel as plain tuples, pickled and read back in
    # half the time of the objects (10,000 records: 80 ms instead of 160, while the program
    # waits for them)
    def __getstate__(self) -> dict:
        return {**self.__dict__, "records": [(r.row, r.values, r.insert_only)
                                             for r in self.records]}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, records=[Record(*r) for r in state["records"]])


@dataclass
class SheetHead:
    """The sheet found, its header and the rows the program cleans itself (rows[:split]);
    rows[split:total] stay in the reader child for `clean_kept`."""

    names: list[str]
    looked: list[str]
    name: str | None = None
    header: Header | None = None
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    rows: list[list] = field(default_factory=list)
    split: int = 0
    total: int = 0


def clean_rows(rows: list[list], start: int, stop: int, rules: RowRules) -> Cleaned:
    """Rows[start:stop] cleaned (row numbers in notes are the sheet's own)."""
    out = Cleaned()
    for index in range(start, stop):
        got = read_row(rows[index], index, rules, out.warnings)
        if got is None:
            continue
        out.rows_read += 1
        if isinstance(got, Skipped):
            out.skipped.append(got)
        else:
            out.records.append(got)
    return out


def split_sheet(names: list[str], sheet, looked: list[str], split_from: int | None) -> SheetHead:
    """The head of `sheet` (a readers.Sheet or None): its header found and merged cells filled
    down; a sheet of `split_from` data rows or more is split, the rows after the split point
    kept here for `clean_kept` (None: never split)."""
    _kept.clear()
    if sheet is None:
        return SheetHead(names, looked)
    header = find_header(sheet.rows)
    if header is None:
        return SheetHead(names, looked, sheet.name)
    sheet.fill_merged_down(header.data_start - 1)
    rows, total = sheet.rows, len(sheet.rows)
    split = total
    if split_from is not None and total - header.data_start >= split_from:
        split = header.data_start + (total - header.data_start) // 2
        _kept.update(rows=rows, header=header, formulas=sheet.formulas, split=split)
        rows = rows[:split]
    return SheetHead(names, looked, sheet.name, header, sheet.formulas, rows, split, total)


# In the reader child only: the rows of the sheet last read, waiting for `clean_kept`.
_kept: dict = {}


def read_and_keep(read_book: Callable, path_text: str, sheet: str | None,
                  formula_parts: list[str], split_from: int | None = SPLIT_FROM) -> SheetHead:
    """In the reader child: read the workbook with `read_book` (readers.read_book, passed in
    so the parent decides which reader runs) and keep the second half."""
    names, found, looked = read_book(path_text, sheet, formula_parts)
    return split_sheet(names, found, looked, split_from)


def clean_kept(kind: str, today: date) -> Cleaned:
    """In the reader child: clean the rows kept by `read_and_keep`, then forget them."""
    kept = dict(_kept)
    _kept.clear()
    if not kept:
        return Cleaned()
    rules = RowRules(kept["header"], kind, kept["formulas"], today)
    return clean_rows(kept["rows"], kept["split"], len(kept["rows"]), rules)
