"""季度报表 at county scale: one branch's workbook, every branch of the county database in one
workbook (the township/county view, app.services.township), and merging 200 branch workbooks —
each beside its floor: the same cell values written by openpyxl write-only mode, no styling.

Uses the suite's cached county database (bench.county: 200 branches × 100 members, ten years).

    /tmp/probe-venv/bin/python -m bench.bench_quarterly [--quick]
"""

from __future__ import annotations

import os
import shutil
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import CACHE, FIXED_TODAY  # noqa: E402
from bench.county import county_db  # noqa: E402
from bench.measure_files import QUARTER, sheet_values, write_only  # noqa: E402


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def run(quick: bool = False) -> dict[str, float]:
    from sqlalchemy import select

    from app.storage.db import Database
    from app.services.township import merge_quarters
    from app.models import Branch
    from app.services.quarterly import export_quarter
    from app.services.township import export_all_branches

    runs = 1 if quick else 3
    work = CACHE / "work" / "quarterly"
    shutil.rmtree(work, ignore_errors=True)
    (work / "books").mkdir(parents=True)
    db = Database(county_db())
    year, quarter = QUARTER
    out: dict[str, float] = {}
    try:
        with db.session() as s:
            branches = s.execute(select(Branch.id).order_by(Branch.id)).scalars().all()
        one = work / "one.xlsx"

        def one_branch():
            with db.session() as s:
                export_quarter(s, branches[0], year, quarter, one, today=FIXED_TODAY)

        out["export one branch"] = _median(one_branch, runs)
        cells = sheet_values(one)
        out["export one branch: write-only floor"] = _median(
            lambda: write_only(work / "one-floor.xlsx", cells), runs)

        county = work / "county.xlsx"

        def all_branches():
            with db.session() as s:
                export_all_branches(s, year, quarter, county, today=FIXED_TODAY)

        out[f"export all {len(branches)} branches in one workbook"] = _median(all_branches, 1)
        cells = sheet_values(county)
        out["export all branches: write-only floor"] = _median(
            lambda: write_only(work / "county-floor.xlsx", cells), 1)

        start = time.perf_counter()
        books = []
        for b in branches:
            with db.session() as s:
                books.append(export_quarter(s, b, year, quarter, work / "books" / f"b{b:03d}.xlsx",
                                            today=FIXED_TODAY))
        out[f"export {len(branches)} branch workbooks one by one"] = time.perf_counter() - start
        out[f"merge {len(books)} branch workbooks"] = _median(
            lambda: merge_quarters(books, work / "merged.xlsx"), 1)
        merged = sheet_values(work / "merged.xlsx")
        out["merge: write-only floor (same cells)"] = _median(
            lambda: write_only(work / "merged-floor.xlsx", merged), 1)
    finally:
        db.dispose()
    return out


def main() -> None:
    for name, seconds in run(quick="--quick" in sys.argv).items():
        print(f"{name:<55} {seconds:8.2f} s")


if __name__ == "__main__":
    main()
