"""年终 at a big branch's scale: the year's ledger book (支部工作台账) of a 500-member branch —
the nine parts gathered, then written as the A4 PDF and as the workbook — through the use cases
the 报表 page and `zhibu ledger-book` call, imported by name.

Uses a cached demo database of one 500-member branch (a year of study days with attendance,
visits, dues, talks, honours …, made by app.demo as of bench.common.FIXED_TODAY).

    .venv/bin/python -m bench.bench_yearend [runs]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.services.yearend.ledger_book import build_ledger_book, export_ledger_book  # noqa: E402
from bench.common import CACHE, FIXED_TODAY, median_seconds  # noqa: E402

MEMBERS = 500


def branch_db(members: int = MEMBERS) -> Path:
    """One demo branch of `members` members (built once, then cached beside the others)."""
    from app.demo import fill_demo
    from app.runtime import open_database
    from app.storage import migrate

    folder = CACHE / "yearend"  # its own: a 'backups' folder beside a missing database stops
    folder.mkdir(parents=True, exist_ok=True)  # the program creating it (the county's is in cache/)
    path = folder / f"yearend-{members}-s{migrate.head_revision()}.sqlite3"
    if not path.exists():
        os.environ.setdefault("ZHIBU_HOME", str(folder / "home"))
        part = path.with_suffix(".part")
        part.unlink(missing_ok=True)
        db = open_database(part)
        try:
            fill_demo(db, members=members, seed=7, today=FIXED_TODAY)
        finally:
            db.dispose()
        part.rename(path)
    return path


def main(runs: int = 3) -> dict:
    from app.storage.db import Database

    db = Database(branch_db())
    folder = Path(tempfile.mkdtemp(prefix="bench-yearend-"))
    year = FIXED_TODAY.year
    figures: dict[str, float | int] = {"members": MEMBERS}
    try:
        def gather():
            with db.session() as s:
                return build_ledger_book(s, 1, year, today=FIXED_TODAY)

        book = gather()
        figures["book_rows"] = sum(len(getattr(b, "rows", ())) for p in book.parts
                                   for b in p.blocks)
        figures["gather_nine_parts_s"] = median_seconds(gather, runs=runs)
        for suffix in ("pdf", "xlsx"):
            out = folder / f"台账.{suffix}"

            def write(out=out):
                with db.session() as s:
                    return export_ledger_book(s, 1, year, out, today=FIXED_TODAY)

            result = write()
            if suffix == "pdf":
                figures["pdf_pages"] = result["pages"]
            figures[f"book_{suffix}_s"] = median_seconds(write, runs=runs)
            figures[f"{suffix}_mb"] = round(out.stat().st_size / 1e6, 2)
            out.unlink()
    finally:
        db.dispose()
        folder.rmdir()
    return figures


def run() -> dict:
    """What `python -m bench` collects from every area (bench/measure_areas.area_benchmarks)."""
    return main(runs=3)


if __name__ == "__main__":
    result = main(runs=int(sys.argv[1]) if len(sys.argv) > 1 else 3)
    print(f"ledger book of a {result['members']}-member branch ({result['book_rows']:,} rows):")
    print(f"  gather the nine parts: {result['gather_nine_parts_s'] * 1000:8.0f} ms")
    print(f"  PDF ({result['pdf_pages']} pages, {result['pdf_mb']} MB): "
          f"{result['book_pdf_s'] * 1000:8.0f} ms")
    print(f"  workbook ({result['xlsx_mb']} MB):       {result['book_xlsx_s'] * 1000:8.0f} ms")
