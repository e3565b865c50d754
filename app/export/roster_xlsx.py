"""The roster as a printable workbook: title, 宋体, borders, A4 landscape, one page wide,
the header row repeated on every page, 第 N 页 共 M 页 in the footer.

Plain rows in, file out. The columns are the member's fields (app/member_fields.py, chosen by
app.services.roster_export), headed by their labels, which the importer knows: an exported
roster can be imported again (by the next secretary, or into another install).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.export import xlsx_table as xt


@dataclass(frozen=True)
class Column:
    """One column of the roster and how it prints."""

    label: str
    wrap: int = 0  # long text wraps inside a column at most this wide (characters)
    centred: bool = False  # short values read better centred
    always: bool = False  # printed even when nobody filled it in
    unless_all: str | None = None  # left out when every row holds this value (状态: 在册)


def _kept_columns(columns: list[Column], rows: list[tuple]) -> list[int]:
    """Columns worth paper: a column nobody filled in (民族, 备注 …) is left out, and so is 状态
    when everyone is 在册 — fewer columns print larger on one page width."""
    keep = []
    for i, col in enumerate(columns):
        values = {row[i] for row in rows}
        same = col.unless_all is not None and values == {col.unless_all}
        if col.always or (values - {"", None} and not same):
            keep.append(i)
    return keep


def write_roster(path: Path | str, title: str, subtitle: str, columns: list[Column],
                 rows: list[tuple]) -> Path:
    """Write the roster workbook atomically; `rows` follow `columns` (empty columns dropped).

    Text that Excel would read as a formula (= + - @) is kept text and carries Excel's
    quote-prefix mark, so editing the cell later in Excel or WPS does not run it."""
    keep = _kept_columns(columns, rows)
    kept = [columns[i] for i in keep]
    labels = [c.label for c in kept]
    rows = [tuple(row[i] for i in keep) for row in rows]
    widths = xt.fitted_widths(labels, rows, maximum=30)
    align = {}
    for n, col in enumerate(kept, start=1):
        if col.wrap:  # long text wraps inside a capped width
            widths[n] = min(widths.get(n, col.wrap), col.wrap)
            align[n] = "wrap"
        elif col.centred:
            align[n] = "center"
    sheet = xt.TableSheet("党员花名册", title, labels, rows, note=subtitle, widths=widths,
                          landscape=True, freeze_column="C", column_align=align,
                          repeat_title=False, center_on_page=True)
    with xt.TableBook(path, streamed=True) as book:  # 20,000 rows stream; memory stays flat
        book.add(sheet)
    return book.path
