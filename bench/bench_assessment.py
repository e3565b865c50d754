"""支部自评 at township scale: 30 branches each judged and exporting its 自评表, and the township's
ranking of the 30 workbooks (`merge-assessments`) beside its floor — the same workbooks read by
python-calamine and their values written into one openpyxl write-only workbook, no checks, no
styling.

The township is built once per run in a temporary database: 30 demo branches (app.demo, the
same data the window's 看看演示数据 makes, a different seed each) with the hand items scored.
The use cases are imported by name: a renamed or missing one stops the bench. The figures
(seconds unless the key says otherwise): judge_one_branch_s (assessment_of), export_30_books_s,
rank_30_branches_s (merge_assessments, of which about 0.35 s is starting the reader child that
keeps a hostile file from the program) and rank_floor_s beside it.

    .venv/bin/python -m bench.bench_assessment [--quick]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.demo import fill_demo  # noqa: E402
from app.runtime import open_database  # noqa: E402
from app.services.yearend.self_assessment import (  # noqa: E402
    assessment_of, export_assessment, merge_assessments, set_score,
)
from bench import measure_files as mf  # noqa: E402
from bench.common import FIXED_TODAY, median_seconds  # noqa: E402

BRANCHES = 30
YEAR = FIXED_TODAY.year


def township(folder: Path, members: int):
    """A database of BRANCHES demo branches, every hand item scored; (db, branch ids)."""
    db = open_database(folder / "township.sqlite3")
    ids = []
    for n in range(BRANCHES):
        fill_demo(db, f"城关镇第{n + 1:02d}党支部", members=members, seed=100 + n,
                  today=FIXED_TODAY)
    with db.session() as s:
        from app.models import Branch
        from sqlalchemy import select

        ids = list(s.scalars(select(Branch.id).order_by(Branch.id)))
        for n, bid in enumerate(ids):
            for item in assessment_of(s, bid, YEAR, FIXED_TODAY).items:
                if item.editable:
                    score = max(0, item.points - 10 * (n % 4)) / 10
                    set_score(s, bid, YEAR, item.code, str(score), "按要求落实",
                              today=FIXED_TODAY)
    return db, ids


def _floor(books: list[Path], out: Path) -> None:
    """Read each 自评表 and write all their rows into one workbook: the least a ranking costs."""
    rows: list[list] = []
    for path in books:
        for _name, sheet in mf.sheet_values(path):
            rows += sheet
    mf.write_only(out, [("排名", rows)])


def run(quick: bool = False) -> dict[str, float | int]:
    runs = 1 if quick else 3
    work = Path(tempfile.mkdtemp(prefix="bench-assessment-"))
    figures: dict[str, float | int] = {"branches": BRANCHES}
    try:
        start = time.perf_counter()
        db, ids = township(work, 20 if quick else 60)
        figures["build_township_s"] = time.perf_counter() - start
        try:
            def judge_one():
                with db.session() as s:
                    assessment_of(s, ids[0], YEAR, FIXED_TODAY)

            figures["judge_one_branch_s"] = median_seconds(judge_one, runs=max(runs, 5))
            books = [work / f"b{bid:02d}.xlsx" for bid in ids]
            start = time.perf_counter()
            for bid, path in zip(ids, books):
                with db.session() as s:
                    export_assessment(s, bid, YEAR, path, today=FIXED_TODAY)
            figures[f"export_{BRANCHES}_books_s"] = time.perf_counter() - start
        finally:
            db.dispose()
        out = work / "排名.xlsx"
        figures[f"rank_{BRANCHES}_branches_s"] = median_seconds(
            lambda: merge_assessments(books, out, unit="城关镇", authority="县委老干部局",
                                      today=FIXED_TODAY), runs=runs)
        figures["rank_floor_s"] = median_seconds(
            lambda: _floor(books, work / "floor.xlsx"), runs=runs)
        figures["ranking_file_kb"] = round(out.stat().st_size / 1024)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return figures


if __name__ == "__main__":
    for name, value in run(quick="--quick" in sys.argv).items():
        print(f"{name:30s} {value:.3f}" if isinstance(value, float) else f"{name:30s} {value}")
