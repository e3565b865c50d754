"""The areas' long tasks at county scale, each beside its floor (see bench/measure_files.py).

Each area is measured through its use case — the function the window and the command line
call — imported by name: a renamed or missing use case stops the bench with an ImportError.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

from app.services.importing import apply_import, preview_import
from app.services.care import print_visits
from app.services.dues import dues_year
from app.services.dues.printing import export_ledger
from app.services.quarterly import export_quarter
from app.services.township import merge_quarters
from bench import measure_files as mf
from bench.common import FIXED_TODAY
from bench.figures import Figure, NotMeasured, timed
from bench.memory import peak_mb


def _ro(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)


def _export_quarter(db, branch_id: int, out: Path) -> None:
    year, quarter = mf.QUARTER
    with db.session() as s:
        export_quarter(s, branch_id, year, quarter, out, today=FIXED_TODAY)


def quarter_branch(db_path: Path, work: Path, quick: bool) -> list[Figure]:
    """One branch's quarterly workbook vs the same cells in a write-only workbook."""
    from app.storage.db import Database

    runs = 2 if quick else 5
    out, floor_out = work / "quarter-branch.xlsx", work / "quarter-branch-floor.xlsx"
    name = "quarterly export, one branch"
    db = Database(db_path)
    try:
        seconds, _ = timed(lambda: _export_quarter(db, 1, out), runs)
    finally:
        db.dispose()
    program_peak = peak_mb()
    sheets = mf.sheet_values(out)
    floor, _ = timed(lambda: mf.write_only(floor_out, sheets), runs)
    return [Figure(name, seconds, floor, max_seconds=1.0, runs=runs,
                   extra={"rows": {n: len(r) for n, r in sheets}, "program_peak_mb": program_peak})]


def quarter_county(db_path: Path, work: Path, quick: bool) -> list[Figure]:
    """Every branch's quarterly workbook (200 files) vs the same cells written write-only."""
    from app.storage.db import Database

    folder, floor_folder = work / "quarter", work / "quarter-floor"
    for f in (folder, floor_folder):
        shutil.rmtree(f, ignore_errors=True)
        f.mkdir(parents=True)
    with _ro(db_path) as con:
        branches = [r[0] for r in con.execute("SELECT id FROM branch ORDER BY id")]
    name = f"quarterly export, whole county ({len(branches)} workbooks)"
    runs = 1 if quick else 3
    db = Database(db_path)
    times = []
    try:
        for _ in range(runs):
            start = time.perf_counter()
            for b in branches:
                _export_quarter(db, b, folder / f"branch-{b:03d}.xlsx")
            times.append(time.perf_counter() - start)
            if times[-1] > 45:  # one slow run says enough and keeps the suite within its time
                break
    finally:
        db.dispose()
    program_peak = peak_mb()
    floor = _time_floor_books(lambda b: mf.sheet_values(folder / f"branch-{b:03d}.xlsx"),
                              branches, floor_folder, len(times))
    return [Figure(name, sorted(times)[len(times) // 2], floor, max_ratio=1.5, runs=len(times),
                   extra={"program_peak_mb": program_peak})]


def _time_floor_books(sheets_of, branches: list[int], folder: Path, runs: int) -> float:
    """Writing every branch's cells write-only; only the writing is timed, one book at a time
    (holding all 200 books' cells at once would measure the benchmark's memory, not the floor)."""
    totals = []
    for _ in range(runs):
        total = 0.0
        for b in branches:
            sheets = sheets_of(b)
            start = time.perf_counter()
            mf.write_only(folder / f"branch-{b:03d}.xlsx", sheets)
            total += time.perf_counter() - start
        totals.append(total)
    return sorted(totals)[len(totals) // 2]


def township_merge(db_path: Path, work: Path, quick: bool) -> list[Figure]:
    """Merging the 200 branch workbooks vs reading them (calamine) and writing one write-only."""
    runs = 1 if quick else 3
    program_books = sorted((work / "quarter").glob("branch-*.xlsx"))
    floor_books = program_books or sorted((work / "quarter-floor").glob("branch-*.xlsx"))
    if not floor_books:
        raise NotMeasured("run the quarter_county section first (it writes the 200 workbooks)")
    out, floor_out = work / "merged.xlsx", work / "merged-floor.xlsx"

    def floor_merge():  # read each book and write its cells at once: one book in memory
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        summary = book.create_sheet("汇总")
        for path in floor_books:
            sheets = mf.sheet_values(path)
            summary.append([path.stem] + [row[1] for row in sheets[0][1][1:] if len(row) > 1])
            for sheet, rows in sheets[1:]:
                target = book.create_sheet(f"{path.stem[-3:]}{sheet}"[:31])
                for row in rows:
                    target.append([None if v == "" else v for v in row])
        book.save(floor_out)

    name = f"township merge of {len(floor_books)} workbooks"
    if not program_books:
        raise NotMeasured("run the quarter_county section first (it writes the 200 workbooks)")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        merge_quarters(program_books, out, unit="", authority="县委老干部局")
        times.append(time.perf_counter() - start)
        if times[-1] > 45:  # one slow run says enough and keeps the suite within its time
            break
    seconds, runs = sorted(times)[len(times) // 2], len(times)
    program_peak = peak_mb()
    floor, _ = timed(floor_merge, runs)
    return [Figure(name, seconds, floor, runs=runs, extra={"program_peak_mb": program_peak})]


def checklists(db_path: Path, work: Path, quick: bool) -> list[Figure]:
    """500 visit checklists vs the same text drawn page by page on a bare reportlab canvas."""
    from app.storage.db import Database

    runs = 1 if quick else 3
    out, floor_out = work / "checklists.pdf", work / "checklists-floor.pdf"
    with _ro(db_path) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM member WHERE mobility != '行动自如'"
                                         " ORDER BY branch_id, sort_order LIMIT 500")]
    name = "500 visit checklists (PDF)"
    db = Database(db_path)

    def program():
        with db.session() as s:
            print_visits(s, ids, out, FIXED_TODAY)

    try:
        seconds, _ = timed(program, runs)
    finally:
        db.dispose()
    program_peak = peak_mb()
    pages = mf.pdf_page_texts(out)
    floor, _ = timed(lambda: mf.draw_pages(floor_out, pages), runs)
    return [Figure(name, seconds, floor, max_ratio=1.5, runs=runs,
                   extra={"pages": len(pages), "program_peak_mb": program_peak})]


def roster_import(db_path: Path, work: Path, quick: bool) -> list[Figure]:
    """Importing a 20,000-row roster into an empty database vs calamine + executemany: the
    preview (read once, matched, nothing written) plus 确认导入 (the previewed records written),
    as the window and the command line do it (app.services.importing)."""
    from sqlalchemy import text

    from app.storage.db import Database
    from app.services.roster import ensure_branch

    runs = 1 if quick else 3
    xlsx = mf.roster_workbook(db_path, work)
    target = work / "import.sqlite3"

    def floor_run():
        mf.raw_import(xlsx, mf.empty_database(target))

    times, previews, applies = [], [], []
    for _ in range(runs):
        db = Database(mf.empty_database(target))
        try:
            with db.session() as s:
                branch_id = ensure_branch(s, "导入支部").id
            start = time.perf_counter()
            with db.session() as s:
                preview = preview_import(s, xlsx, branch_id)
            middle = time.perf_counter()
            with db.session() as s:
                apply_import(s, preview)
            end = time.perf_counter()
            times.append(end - start)
            previews.append(middle - start)
            applies.append(end - middle)
            with db.session() as s:
                imported = s.scalar(text("SELECT count(*) FROM member"))
        finally:
            db.dispose()
    program_peak = peak_mb()
    floor, _ = timed(floor_run, runs)
    order = sorted(range(runs), key=times.__getitem__)
    mid = order[runs // 2]
    return [Figure("import of a 20,000-row roster (preview + 确认导入)", times[mid], floor,
                   max_ratio=3.0, runs=runs,
                   extra={"members_imported": imported, "preview_s": previews[mid],
                          "apply_s": applies[mid], "program_peak_mb": program_peak})]


def attendance_screen(db_path: Path, work: Path, quick: bool) -> list[Figure]:
    """Opening one event's attendance list on the study page vs a bare table of the same size."""
    import importlib

    from app.storage.db import Database
    from app.prefs import Prefs
    from app.ui.app import make_application
    from app.ui.context import AppContext
    from app.ui.pages import PAGES
    from bench.measure_ui import _TrivialModel

    runs = 2 if quick else 5
    with _ro(db_path) as con:
        event_id = con.execute("SELECT id FROM study_event WHERE branch_id = 1 AND kind ="
                               " '集中学习日' ORDER BY date DESC LIMIT 1").fetchone()[0]
    target = next(t for k, _title, t in PAGES if k == "study")
    module_name, class_name = target.split(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    app = make_application()
    db = Database(db_path)
    ctx = AppContext(db, Prefs(), 1)
    ctx.tasks.synchronous = True
    keep = []

    def program():
        page = cls(ctx)
        page.resize(1400, 900)
        page.show()
        if hasattr(page, "refresh"):
            page.refresh()
        page.open_with(event_id=event_id)
        app.processEvents()
        keep.append(page)

    def bare():
        from PySide6.QtWidgets import QTableView

        view = QTableView()
        view.setModel(_TrivialModel.make(100, 6))
        view.resize(1400, 900)
        view.show()
        app.processEvents()
        keep.append(view)

    try:
        seconds, _ = timed(program, runs)
        program_peak = peak_mb()
        floor, _ = timed(bare, runs)
    finally:
        for w in keep:
            w.close()
            w.deleteLater()
        app.processEvents()
        db.dispose()
    return [Figure("study page opened on one event's attendance", seconds, floor, runs=runs,
                   extra={"program_peak_mb": program_peak})]


def dues_county(db_path: Path, work: Path, quick: bool) -> list[Figure]:
    """A county's dues year — 200 branches, 20,000 members × 12 months of last year, paid by the
    month, the quarter or the half-year — shown (`dues.dues_year`, what the 党费 page and `zhibu
    dues show` read) and exported (`printing.export_ledger`: 200 登记表 .xlsx), each beside its
    floor: the same payments and bases read with bare sqlite3, the same cells written
    write-only."""
    from app.storage.db import Database

    runs = 1 if quick else 3
    year = FIXED_TODAY.year - 1  # a whole year: every month due
    with _ro(db_path) as con:
        branches = [r[0] for r in con.execute("SELECT id FROM branch ORDER BY id")]
    folder, floor_folder = work / "dues", work / "dues-floor"
    for f in (folder, floor_folder):
        shutil.rmtree(f, ignore_errors=True)
        f.mkdir(parents=True)
    db = Database(db_path)
    counted: dict[str, int] = {}

    def show_county():
        with db.session() as s:
            tables = [dues_year(s, b, year, FIXED_TODAY) for b in branches]
        counted["members"] = sum(len(t.rows) for t in tables)
        counted["paid_fen"] = sum(t.paid_fen for t in tables)

    def show_branch():
        with db.session() as s:
            dues_year(s, branches[0], year, FIXED_TODAY)

    def ledgers():
        with db.session() as s:
            for b in branches:
                export_ledger(s, b, year, folder / f"branch-{b:03d}.xlsx", today=FIXED_TODAY)

    try:
        county_s, _ = timed(show_county, runs)
        branch_s, _ = timed(show_branch, max(runs, 5))
        ledgers_s, _ = timed(ledgers, runs)
    finally:
        db.dispose()
    program_peak = peak_mb()

    def read_floor():  # the year's payments and bases, branch by branch, summed per member
        with _ro(db_path) as con:
            for b in branches:
                paid: dict[int, int] = {}
                for member, amount in con.execute(
                        "SELECT p.member_id, p.amount_fen FROM dues_payment p JOIN member m"
                        " ON m.id = p.member_id WHERE m.branch_id = ? AND p.first_month <= ?"
                        " AND p.last_month >= ?", (b, f"{year}-12", f"{year}-01")):
                    paid[member] = paid.get(member, 0) + amount
                con.execute("SELECT b.member_id, b.base_fen FROM dues_base b JOIN member m ON"
                            " m.id = b.member_id WHERE m.branch_id = ? AND b.year = ?",
                            (b, year)).fetchall()

    floor_read, _ = timed(read_floor, runs)
    floor_write = _time_floor_books(lambda b: mf.sheet_values(folder / f"branch-{b:03d}.xlsx"),
                                    branches, floor_folder, runs)
    members = counted["members"]
    figures = [
        # the floor only reads; the program also works out every member's twelve months (owed,
        # paid, spread, behind) in Python: its target is absolute, 50 ms a branch
        Figure(f"dues year of the county shown ({members:,} members × 12 months)", county_s,
               floor_read, max_seconds=10, runs=runs,
               extra={"paid_yuan": counted["paid_fen"] // 100, "program_peak_mb": program_peak}),
        Figure("dues year of one branch (the 党费 page)", branch_s, max_seconds=0.5,
               runs=max(runs, 5)),
        Figure(f"党费收缴登记表 .xlsx, whole county ({len(branches)} ledgers)", ledgers_s,
               floor_write, max_ratio=2.5, runs=runs, extra={"program_peak_mb": program_peak}),
    ]
    if not quick:  # `--only dues` saves nothing else: keep the figures beside latest.json
        from datetime import datetime

        from bench.figures import dump

        dump(DUES_RESULT, {"date": datetime.now().isoformat(timespec="seconds"), "year": year,
                           "branches": len(branches), "members": members}, figures)
    return figures


DUES_RESULT = Path(__file__).resolve().parent / "results" / "dues.json"


def backup(db_path: Path, work: Path, quick: bool) -> list[Figure]:
    return mf.backup(db_path, work, quick)


# bench_roster and bench_quarterly measure what the sections above already measure on the county
def area_benchmarks(skip: tuple[str, ...] = ("bench_roster", "bench_quarterly")
                    ) -> dict[str, dict[str, float]]:
    """The figures each area's own `bench/bench_<area>.py` reports, each run in a child process
    (its own Qt application and memory; the child's peak still counts in the run's peak)."""
    import json
    import subprocess
    import sys

    root = Path(__file__).resolve().parent
    found: dict[str, dict[str, float]] = {}
    for script in sorted(root.glob("bench_*.py")):
        if script.stem in skip:
            continue
        code = (f"import json, bench.{script.stem} as m; "
                "from bench.memory import peak_mb; r = m.run(); r['peak_mb'] = peak_mb(); "
                "print('@@' + json.dumps(r))")
        proc = subprocess.run([sys.executable, "-c", code], cwd=root.parent, capture_output=True,
                              text=True, timeout=600)
        line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("@@")), None)
        found[script.stem] = json.loads(line[2:]) if line else {
            "error": (proc.stderr.strip().splitlines() or ["no output"])[-1]}
    return found
