"""The township / county view: every branch of this database in one quarterly workbook.

For a database that holds several branches (a township or the county office keeping all of
them), this writes what merge-quarter would make from each branch's own workbook — 汇总 with a
row per branch and a 合计 row whose rates are recomputed from the sums, then each branch's
sheets — straight from the database, without writing and re-reading 200 files. It is a
service (used by the benchmark and available to the UI); the CLI keeps spec/cli.md's commands.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.export import xlsx_table as xt
from app.export.quarterly_merge import summary_table, unique_name
from app.export.quarterly_xlsx import fill_workbook, set_mark
from app.models import Branch
from app.services.quarterly import build_report


def export_all_branches(session: Session, year: int, quarter: int, path, full_id: bool = False,
                        today: date | None = None,
                        progress: Callable[[int, int], None] | None = None,
                        authority: str | None = None):
    """One workbook for every branch of the database (the township roll-up, made directly)."""
    branches = session.execute(select(Branch.id, Branch.name).order_by(Branch.id)).all()
    used = {"汇总"}
    rows = []
    with xt.TableBook(path, streamed=True) as book:
        # 汇总 comes first but needs every branch's figures: its place is kept, the reports are
        # built once, only their figures kept, and each branch's sheets written as it is built
        book.reserve("汇总")
        for i, (bid, name) in enumerate(branches):
            report = build_report(session, bid, year, quarter, full_id, today, authority)
            rows.append((name, dict(report.figures.items())))
            fill_workbook(book, report, name=lambda n, b=name: unique_name(f"{b}-{n}", used))
            if progress:
                progress(i + 1, len(branches))
        book.add(summary_table(rows, year, quarter))
        set_mark(book, "", year, quarter, kind="township")
    return book.path
