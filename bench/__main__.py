"""`python3 dev.py bench` (= `python -m bench`): the whole county-scale benchmark suite.

Builds (once, then cached in bench/cache/) a county database of 200 branches and 20,000
members with ten years of records, times every measurement as a median of several runs next to
the floor the libraries allow, prints a table and writes `bench/results/latest.json`.

    python -m bench                 everything (about 10–15 minutes on 2 cores, first build + ~1 min)
    python -m bench --only search,roster_page   some sections (names as in SECTIONS, or areas)
    python -m bench --quick         fewer runs per figure, for trying things out (not saved)
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sqlite3
import sys
import time
import traceback
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import measure_areas, measure_ui  # noqa: E402
from bench.county import CountyParams, build_info, count_rows, county_db  # noqa: E402
from bench.figures import Figure, dump, table  # noqa: E402
from bench.program import NotMeasured  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
MEMORY_TARGET_MB = 300

# (name, function(county_path, workdir, quick) -> list[Figure]); order = cheap to expensive
SECTIONS = [
    ("startup", lambda db, work, quick: measure_ui.startup(db, runs=3 if quick else 5)),
    ("search", lambda db, work, quick: measure_ui.search(db, runs=3 if quick else 7)),
    ("roster_page", lambda db, work, quick: measure_ui.roster_page(db, runs=2 if quick else 5)),
    ("attendance", lambda db, work, quick: measure_areas.attendance_screen(db, work, quick)),
    ("quarter_branch", lambda db, work, quick: measure_areas.quarter_branch(db, work, quick)),
    ("quarter_county", lambda db, work, quick: measure_areas.quarter_county(db, work, quick)),
    ("merge", lambda db, work, quick: measure_areas.township_merge(db, work, quick)),
    ("checklists", lambda db, work, quick: measure_areas.checklists(db, work, quick)),
    ("import", lambda db, work, quick: measure_areas.roster_import(db, work, quick)),
    ("backup", lambda db, work, quick: measure_areas.backup(db, work, quick)),
]


def peak_memory_mb() -> dict[str, float]:
    """Peak resident memory of this process and of the largest child (Linux: KiB)."""
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024 / 1024
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    return {"self_mb": round(own, 1), "largest_child_mb": round(child, 1),
            "peak_mb": round(max(own, child), 1)}


def versions() -> dict[str, str]:
    import PySide6
    import sqlalchemy
    from PySide6.QtCore import qVersion

    out = {"python": platform.python_version(), "pyside6": PySide6.__version__, "qt": qVersion(),
           "sqlalchemy": sqlalchemy.__version__, "sqlite": sqlite3.sqlite_version,
           "platform": platform.platform()}
    for name in ("openpyxl", "reportlab"):
        try:
            out[name] = __import__(name).__version__
        except ImportError:
            pass
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated section names")
    parser.add_argument("--quick", action="store_true", help="fewer runs; results not saved")
    parser.add_argument("--no-save", action="store_true", help="do not write latest.json")
    args = parser.parse_args(argv)
    wanted = {n.strip() for n in args.only.split(",") if n.strip()}
    unknown = wanted - {name for name, _ in SECTIONS} - {"areas"}
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")

    started = time.perf_counter()
    params = CountyParams()
    db_path = county_db(params)
    work = db_path.parent / "work"
    work.mkdir(exist_ok=True)
    sizes = count_rows(db_path)
    print(f"county database: {db_path.name}, {db_path.stat().st_size / 2**20:.0f} MiB, "
          + ", ".join(f"{k} {v:,}" for k, v in sizes.items()), flush=True)

    figures: list[Figure] = []
    skipped: dict[str, str] = {}
    section_memory: dict[str, float] = {}
    for name, fn in SECTIONS:
        if wanted and name not in wanted:
            continue
        t = time.perf_counter()
        print(f"· {name} …", end=" ", flush=True)
        try:
            got = fn(db_path, work, args.quick)
        except NotMeasured as exc:
            skipped[name] = str(exc)
            print(f"not measured ({exc})", flush=True)
            continue
        except Exception as exc:  # one broken area must not hide the others' figures
            skipped[name] = f"{type(exc).__name__}: {exc}"
            print(f"not measured ({skipped[name]})", flush=True)
            if os.environ.get("BENCH_DEBUG"):
                traceback.print_exc()
            continue
        figures.extend(got)
        section_memory[name] = peak_memory_mb()["peak_mb"]
        print(f"{time.perf_counter() - t:.0f} s, peak memory so far {section_memory[name]:.0f} MB",
              flush=True)

    areas: dict[str, dict] = {}
    if not wanted or "areas" in wanted:
        print("· the areas' own benchmarks (bench/bench_<area>.py) …", end=" ", flush=True)
        t = time.perf_counter()
        areas = measure_areas.area_benchmarks()
        print(f"{time.perf_counter() - t:.0f} s", flush=True)

    memory = peak_memory_mb()
    memory["target_mb"] = MEMORY_TARGET_MB
    memory["ok"] = memory["peak_mb"] < MEMORY_TARGET_MB
    memory["peak_after_section_mb"] = section_memory
    print()
    if figures:
        print(table(figures))
    print(f"peak memory: {memory['peak_mb']:.0f} MB (this process {memory['self_mb']:.0f} MB, "
          f"largest child {memory['largest_child_mb']:.0f} MB), target < {MEMORY_TARGET_MB} MB: "
          f"{'ok' if memory['ok'] else 'MISS'}")
    for area, values in areas.items():
        print(f"{area}: " + ", ".join(
            f"{k} {v * 1000:.0f} ms" if isinstance(v, float) and v < 60 and "rows" not in k
            and "in_database" not in k else f"{k} {v}" for k, v in values.items()))
    for name, why in skipped.items():
        print(f"not measured: {name} — {why}")
    total = time.perf_counter() - started
    print(f"whole run: {total:.0f} s")

    if not (args.quick or args.no_save or wanted):
        meta = {
            "date": datetime.now().isoformat(timespec="seconds"),
            "cores": os.cpu_count(),
            "versions": versions(),
            "county": {"params": {"branches": params.branches,
                                  "members_per_branch": params.members_per_branch,
                                  "years": params.years, "seed": params.seed,
                                  "today": params.today.isoformat()},
                       "rows": sizes, "file_mib": round(db_path.stat().st_size / 2**20),
                       "build": build_info(db_path).get("timings", {})},
            "memory": memory,
            "not_measured": skipped,
            "area_benchmarks": areas,
            "run_seconds": round(total),
        }
        dump(RESULTS, meta, figures)
        print(f"written: {RESULTS}")
    return 0 if all(f.ok is not False for f in figures) and memory["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
