"""The township / county roll-ups: every branch of this database in one workbook, and the merge
of branches' (or townships') files — the use cases the window, the CLI and the bench call.

For a database that holds several branches (a township or the county office keeping all of
them), this writes what merge-quarter would make from each branch's own workbook — 汇总 with a
column per branch and a 合计 whose rates are recomputed from the sums, 目录, then each branch's
sheets (app.export.township_xlsx) — straight from the database, without writing and re-reading
200 files.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pathlib import Path

from app.export import township_xlsx as tx
from app.export.quarterly_merge import merge_quarter
from app.export import xlsx_table as xt
from app.export.quarterly_xlsx import fill_workbook
from app.models import Branch
from app.services.quarterly import build_report, form_authority, summary_unit


def export_all_branches(session: Session, year: int, quarter: int, path, full_id: bool = False,
                        today: date | None = None,
                        progress: Callable[[int, int], None] | None = None,
                        authority: str | None = None, unit: str = "", maker: str = ""):
    """One workbook for every branch of the database (the township roll-up, made directly)."""
    branches = session.execute(select(Branch.id, Branch.name).order_by(Branch.id)).all()
    townships = set(session.scalars(select(Branch.township)))
    # 填报单位: as given, or as set in 设置, or the township every branch here belongs to
    unit = unit or summary_unit() or (townships.pop() if len(townships) == 1 else "") or ""
    today = today or date.today()
    heading = tx.Heading(year, quarter, unit, authority or form_authority(), maker, today)
    entries = []
    with xt.TableBook(path, streamed=True) as book:
        tx.start(book)  # 汇总 and 目录 come first but need every branch
        for i, (bid, name) in enumerate(branches):
            report = build_report(session, bid, year, quarter, full_id, today, authority)
            entry = tx.Entry(i + 1, name, "本数据库", dict(report.figures.items()))

            def named(sheet: str, e=entry) -> str:
                e.sheets.append((sheet, tx.sheet_name(e.number, sheet, e.branch)))
                return e.sheets[-1][1]

            fill_workbook(book, report, name=named)
            entries.append(entry)
            if progress:
                progress(i + 1, len(branches))
        tx.finish(book, entries, heading)
    return book.path


def merge_quarters(paths: list[Path], out: Path, unit: str | None = None,
                   authority: str | None = None, maker: str = "",
                   progress: Callable[[int, int], None] | None = None) -> dict:
    """The township's merge of its branches' workbooks, or the county's of its townships' books
    (app.export.quarterly_merge checks and writes): the heading's 填报单位 and 制表机关 as given,
    else as set in 设置. Returns what was merged (output, year, quarter, branches)."""
    heading = tx.Heading(0, 0, summary_unit() if unit is None else unit,
                         authority or form_authority(), maker)
    return merge_quarter([Path(p) for p in paths], Path(out), progress, heading)
