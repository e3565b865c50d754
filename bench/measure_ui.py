"""What the secretary waits for on screen: start-up, search, the roster page, the event list.

Each figure is paired with a floor measured the same way: a bare PySide6 window started in its
own process, the same search as one raw SQLite query, a bare QTableView over a trivial model.
"""

from __future__ import annotations

import compileall
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.figures import Figure, timed
from bench.memory import peak_mb

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
KEYS = ("z", "zj", "zjg", "王", "王建", "1380")


def _start_once(args: list[str]) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bench.startup_child", *args], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    if args[0] == "app":  # painted (its frame) → ready (the window usable) → counted
        _PAINTED.append(elapsed if line.startswith("painted") else float("nan"))
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - start
        counted_line = proc.stdout.readline()
        _COUNTED.append(time.perf_counter() - start if counted_line.startswith("counted")
                        else float("nan"))
    _out, err = proc.communicate(timeout=60)
    if not line.startswith("ready"):
        raise RuntimeError(f"start-up child {args} failed: {err[-2000:]}")
    return elapsed, float(line.split()[1])


_COUNTED: list[float] = []
_PAINTED: list[float] = []


def startup(db_path: Path, runs: int = 5) -> list[Figure]:
    """Process start to a painted main window, the program vs a bare window (interleaved)."""
    # as installed: the program's modules already compiled to bytecode (pip and the bundle do
    # this; a checkout run with PYTHONDONTWRITEBYTECODE would compile ~100 modules every start)
    for package in ("app", "bench"):
        compileall.compile_dir(ROOT / package, quiet=1)
    times: dict[str, list[float]] = {"bare": [], "libs": [], "app": []}
    modes = {"bare": ["bare"], "libs": ["libs"], "app": ["app", str(db_path)]}
    peak = 0.0
    for args in modes.values():  # warm the file cache for all before timing
        _start_once(args)
    for _ in range(runs):
        for key, args in modes.items():
            seconds, memory = _start_once(args)
            times[key].append(seconds)
            if key == "app":
                peak = max(peak, memory)
    med = {key: sorted(values)[runs // 2] for key, values in times.items()}
    counted = sorted(_COUNTED[-runs:])[runs // 2]
    painted = sorted(_PAINTED[-runs:])[runs // 2]
    return [
        Figure("start-up to first paint vs bare window + SQLAlchemy import", painted,
               med["libs"], max_ratio=1.3, runs=runs,
               extra={**{f"{k}_runs": v for k, v in times.items()},
                      "painted_runs": _PAINTED[-runs:], "program_peak_mb": peak},
               note="the window's frame (app/ui/start_frame.py), before the data opens"),
        Figure("start-up until the window is usable", med["app"], med["libs"], runs=runs,
               note="information: the main window shown and its first events processed"),
        Figure("start-up until the home page's counts are shown", counted, med["libs"],
               runs=runs, note="information: counted in the worker after the first paint"),
        Figure("start-up to main window vs a bare Qt window", med["app"], med["bare"], runs=runs,
               note="information: the floor imports neither SQLAlchemy nor any data layer"),
    ]


def _raw_search(con: sqlite3.Connection, text: str, branch_id: int | None) -> None:
    like = f"%{text}%"
    if text.isascii() and text.isalpha():
        where, args = "(search_key LIKE ? OR name LIKE ?)", [like, like]
    elif text.isdigit():
        where, args = "(phone LIKE ? OR id_number LIKE ?)", [like, like]
    else:
        where, args = "(name LIKE ? OR address LIKE ? OR community LIKE ?)", [like, like, like]
    if branch_id is not None:
        where += " AND branch_id = ?"
        args.append(branch_id)
    ids = [r[0] for r in con.execute(
        f"SELECT id FROM member WHERE status = '在册' AND {where} ORDER BY sort_order, id", args)]
    first = ids[:40]
    con.execute(f"SELECT * FROM member WHERE id IN ({','.join('?' * len(first))})",
                first).fetchall()


def search(db_path: Path, runs: int = 7) -> list[Figure]:
    """Search per keystroke over the whole county (显示全部支部: 20,000 members), worst key."""
    from app.storage.db import Database
    from app.services import roster

    db = Database(db_path)
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    worst_app, worst_raw, per_key = 0.0, 0.0, {}
    try:
        for key in KEYS:
            def app_search(k=key):
                with db.session() as s:
                    ids = roster.member_ids(s, roster.RosterFilter(branch_id=None, text=k))
                    roster.roster_rows(s, ids[:40])

            app_t, _ = timed(app_search, runs)
            raw_t, _ = timed(lambda k=key: _raw_search(con, k, None), runs)
            per_key[key] = [app_t, raw_t]
            if app_t > worst_app:
                worst_app, worst_raw = app_t, raw_t
    finally:
        con.close()
        db.dispose()
    return [Figure("roster search per keystroke (worst key)", worst_app, worst_raw,
                   max_seconds=0.05, runs=runs,
                   extra={"per_key_app_raw": per_key, "program_peak_mb": peak_mb()})]


class _TrivialModel:
    """A QAbstractTableModel that makes up its cells: the floor for showing a big table."""

    @staticmethod
    def make(rows: int, cols: int):
        from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

        class Model(QAbstractTableModel):
            def rowCount(self, parent=QModelIndex()):  # noqa: N802
                return 0 if parent.isValid() else rows

            def columnCount(self, parent=QModelIndex()):  # noqa: N802
                return 0 if parent.isValid() else cols

            def data(self, index, role=Qt.ItemDataRole.DisplayRole):
                if role == Qt.ItemDataRole.DisplayRole:
                    return f"{index.row()}-{index.column()}"
                return None

        return Model()


def _scroll(app, table) -> tuple[float, float]:
    """Scroll to the end in 50 steps: total and the slowest single step."""
    bar = table.verticalScrollBar()
    steps = list(range(0, bar.maximum() + 1, max(1, bar.maximum() // 50))) + [bar.maximum()]
    worst, start = 0.0, time.perf_counter()
    for value in steps:
        t = time.perf_counter()
        bar.setValue(value)
        app.processEvents()
        worst = max(worst, time.perf_counter() - t)
    return time.perf_counter() - start, worst


def roster_page(db_path: Path, runs: int = 5) -> list[Figure]:
    """The roster page with 显示全部支部 (20,000 members) shown, then scrolled to the end."""
    from PySide6.QtWidgets import QTableView

    from app.storage.db import Database
    from app.prefs import Prefs
    from app.services import roster
    from app.ui import style
    from app.ui.app import make_application
    from app.ui.context import AppContext
    from app.ui.pages.roster import RosterPage

    app = make_application()
    style.apply(app, 100)
    db = Database(db_path)
    with db.session() as s:
        branch_id = roster.default_branch_id(s)
    ctx = AppContext(db, Prefs(), branch_id)
    pages = []

    def show_page():
        page = RosterPage(ctx)
        page.all_branches.blockSignals(True)  # one reload, as when the window shows the page
        page.all_branches.setChecked(True)
        page.all_branches.blockSignals(False)
        page.resize(1400, 900)
        page.show()
        page.refresh()
        app.processEvents()
        pages.append(page)
        return page

    def show_bare():
        view = QTableView()
        view.setModel(_TrivialModel.make(rows, len(roster.ROSTER_COLUMNS)))
        view.resize(1400, 900)
        view.show()
        app.processEvents()
        pages.append(view)
        return view

    page = show_page()
    rows = page.model.rowCount()
    shown, _ = timed(show_page, runs)
    scroll_total, scroll_worst = _scroll(app, show_page().table)
    program_peak = peak_mb()
    bare_shown, _ = timed(show_bare, runs)
    bare_total, bare_worst = _scroll(app, show_bare())
    for widget in pages:
        widget.close()
        widget.deleteLater()
    app.processEvents()
    db.dispose()
    extra = {"rows": rows, "program_peak_mb": program_peak}
    return [
        Figure("roster page shown (20,000, 全部支部)", shown, bare_shown, max_seconds=0.3,
               runs=runs, extra=extra),
        Figure("roster scrolled to end (50 steps)", scroll_total, bare_total, extra=extra),
        Figure("roster scroll: slowest single step", scroll_worst, bare_worst, max_seconds=0.1,
               extra=extra),
    ]


def event_list(db_path: Path, runs: int = 5) -> list[Figure]:
    """The 学习活动 list switched to 全部年份 (read again and shown, its marks counted): for a
    branch of the county database (100 members, 220 events over ten years), and for all
    20,000 of a county's members in one branch — 220 events, 4.4 million attendance records
    (bench.bench_study.study_db) — each vs a bare table of as many rows."""
    from bench.bench_study import study_db

    figures = []
    for name, path, branch in (
            ("event list, 全部年份: a county branch (100 members, ten years)", db_path, 1),
            ("event list, 全部年份: 20,000 members in one branch (4.4 M records)", study_db(),
             None)):
        seconds, floor, rows, peak = _event_page(path, branch, runs)
        figures.append(Figure(name, seconds, floor, max_seconds=0.3, runs=runs,
                              extra={"events": rows, "program_peak_mb": peak}))
    return figures


def _event_page(db_path: Path, branch_id: int | None, runs: int
                ) -> tuple[float, float, int, float]:
    from PySide6.QtWidgets import QTableView
    from sqlalchemy import select

    from app.storage.db import Database
    from app.models import StudyEvent
    from app.prefs import Prefs
    from app.ui import style
    from app.ui.app import make_application
    from app.ui.context import AppContext
    from app.ui.pages.study import StudyPage

    app = make_application()
    style.apply(app, 100)
    db = Database(db_path)
    with db.session() as s:
        branch_id = branch_id or s.scalar(select(StudyEvent.branch_id).limit(1))
    ctx = AppContext(db, Prefs(), branch_id)
    ctx.tasks.synchronous = True
    keep = []
    page = StudyPage(ctx)
    page.events._first = False  # 全部年份, not this year's events first
    page.resize(1400, 900)
    page.show()
    keep.append(page)

    def show_list():
        page.events.refresh()  # the events read again, the rows in view counted and painted
        app.processEvents()

    def show_bare():
        view = QTableView()
        view.setModel(_TrivialModel.make(rows, 11))
        view.resize(1400, 900)
        view.show()
        app.processEvents()
        keep.append(view)

    try:
        show_list()  # warm: Qt's first table, the file cache
        rows = page.events.model.rowCount()
        seconds, _ = timed(show_list, runs)
        peak = peak_mb()
        floor, _ = timed(show_bare, runs)
    finally:
        for w in keep:
            w.close()
            w.deleteLater()
        app.processEvents()
        db.dispose()
    return seconds, floor, rows, peak
