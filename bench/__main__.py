"""`python3 dev.py bench` (= `python -m bench`): the whole county-scale benchmark suite.

Builds (once, then cached in bench/cache/) a county database of 200 branches and 20,000
members with ten years of records, times every measurement as a median of several runs next to
the floor the libraries allow, prints a table and writes `bench/results/latest.json`.

    python -m bench                 everything (a few minutes; building the county once: ~30 s)
    python -m bench --only search,roster_page   some sections (names as in SECTIONS, or areas)
    python -m bench --quick         fewer runs per figure, for trying things out (not saved)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench import measure_areas  # noqa: E402
from bench.county import CountyParams, build_info, count_rows, county_db  # noqa: E402
from bench.figures import Figure, dump, table  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
MEMORY_TARGET_MB = 300

# the order of a full run (bench/section.py has what each one does)
SECTIONS = ["startup", "search", "roster_page", "attendance", "event_list", "quarter_branch",
            "quarter_county", "merge", "checklists", "dues", "import", "backup", "soak"]


def run_section(name: str, quick: bool) -> dict:
    """Run one section in a fresh interpreter: its own Qt application, its own memory peak."""
    cmd = [sys.executable, "-m", "bench.section", name] + (["--quick"] if quick else [])
    proc = subprocess.run(cmd, cwd=Path(__file__).resolve().parent.parent, capture_output=True,
                          text=True, timeout=1800)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("@@")), None)
    if line is None:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"the section stopped: {tail}", "stderr": proc.stderr[-3000:]}
    return json.loads(line[2:])


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            return next((ln.split(":", 1)[1].strip() for ln in info
                         if ln.startswith("model name")), platform.processor())
    except OSError:
        return platform.processor()


def total_memory_mb() -> int | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    except (ValueError, OSError, AttributeError):
        return None


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


def _area_value(key: str, value) -> str:
    """An area benchmark's figure with its unit: sizes in MB, counts whole, times in ms or s."""
    if not isinstance(value, float):
        return str(value)
    if key.endswith(("_mb", "_mib")):  # not "…_members"
        return f"{value:.1f} MB"
    if value.is_integer():  # a count of rows, pages, warnings (a time is never exactly whole)
        return str(int(value))
    return f"{value * 1000:.0f} ms" if value < 60 else f"{value:.1f} s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated section names")
    parser.add_argument("--quick", action="store_true", help="fewer runs; results not saved")
    parser.add_argument("--no-save", action="store_true", help="do not write latest.json")
    args = parser.parse_args(argv)
    wanted = {n.strip() for n in args.only.split(",") if n.strip()}
    unknown = wanted - set(SECTIONS) - {"areas"}
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
    for name in SECTIONS:
        if wanted and name not in wanted:
            continue
        t = time.perf_counter()
        print(f"· {name} …", end=" ", flush=True)
        got = run_section(name, args.quick)
        if "error" in got or "not_measured" in got:
            skipped[name] = got.get("error") or got["not_measured"]
            print(f"not measured ({skipped[name]})", flush=True)
            if os.environ.get("BENCH_DEBUG") and got.get("stderr"):
                print(got["stderr"])
            continue
        figures.extend(Figure(**f) for f in got["figures"])
        section_memory[name] = got["peak_mb"]
        print(f"{time.perf_counter() - t:.0f} s, section peak {got['peak_mb']:.0f} MB", flush=True)

    areas: dict[str, dict] = {}
    if not wanted or "areas" in wanted:
        print("· the areas' own benchmarks (bench/bench_<area>.py) …", end=" ", flush=True)
        t = time.perf_counter()
        areas = measure_areas.area_benchmarks()
        print(f"{time.perf_counter() - t:.0f} s", flush=True)

    program_peaks = [f.extra["program_peak_mb"] for f in figures if "program_peak_mb" in f.extra]
    memory = {
        "program_peak_mb": max(program_peaks, default=0.0),
        "section_peak_mb": section_memory,
        "area_benchmark_peak_mb": {a: v.get("peak_mb") for a, v in areas.items()},
        "target_mb": MEMORY_TARGET_MB,
        "how": "each section runs in its own process; program_peak_mb is the highest VmHWM "
               "measured right after a section's program part, before its floor ran",
    }
    memory["ok"] = memory["program_peak_mb"] < MEMORY_TARGET_MB
    print()
    if figures:
        print(table(figures))
    print(f"peak memory of the program: {memory['program_peak_mb']:.0f} MB, target < "
          f"{MEMORY_TARGET_MB} MB: {'ok' if memory['ok'] else 'MISS'}; with the floors, per "
          "section: " + ", ".join(f"{k} {v:.0f}" for k, v in section_memory.items()))
    for area, values in areas.items():
        print(f"{area}: " + ", ".join(f"{k} {_area_value(k, v)}" for k, v in values.items()))
    for name, why in skipped.items():
        print(f"not measured: {name} — {why}")
    total = time.perf_counter() - started
    print(f"whole run: {total:.0f} s")

    if not (args.quick or args.no_save or wanted):
        meta = {
            "date": datetime.now().isoformat(timespec="seconds"),
            "cores": os.cpu_count(),
            "cpu": cpu_model(),
            "memory_total_mb": total_memory_mb(),
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
