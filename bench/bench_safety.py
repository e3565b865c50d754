"""数据安全 at county scale: backing up the county database (online backup + quick_check of the
copy), the integrity check the program runs at start (quick_check + foreign_key_check), the
restore preview, and a branch-size database for comparison.

    .venv/bin/python -m bench.bench_safety
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import CACHE, roster_db


def _once(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _pragma(path: Path, pragma: str) -> None:
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        con.execute(f"PRAGMA {pragma}").fetchall()
    finally:
        con.close()


def run() -> dict[str, float]:
    from app.storage import backup, integrity
    from app.storage import restore
    from bench.county import county_db

    results: dict[str, float] = {}
    county = county_db()
    results["county_db_mib"] = county.stat().st_size / 2**20
    with tempfile.TemporaryDirectory(dir=CACHE) as work:
        target = Path(work) / "county-backup.sqlite3"
        results["backup_county_verified_s"] = _once(
            lambda: backup.make_backup(county, dest=target))
        results["quick_check_county_s"] = _once(lambda: _pragma(county, "quick_check"))
        results["foreign_key_check_county_s"] = _once(lambda: _pragma(county, "foreign_key_check"))
        results["start_check_county_s"] = _once(lambda: integrity.check_database(target))
        results["start_check_county_closed_cleanly_s"] = _once(
            lambda: integrity.startup_check(target, closed_cleanly=True))
        results["restore_preview_county_s"] = _once(lambda: restore.preview_backup(target))
    branch = roster_db(500)
    with tempfile.TemporaryDirectory(dir=CACHE) as work:
        target = Path(work) / "branch-backup.sqlite3"
        results["backup_branch_500_verified_s"] = _once(
            lambda: backup.make_backup(branch, dest=target))
        results["start_check_branch_500_s"] = _once(lambda: integrity.check_database(target))
    return results


if __name__ == "__main__":
    for name, value in run().items():
        print(f"{name:36s} {value:10.0f}" if name.endswith("mib") else f"{name:36s} {value:10.3f} s")
    sys.exit(0)
