"""What the secretary waits for behind a progress bar: exports, merge, checklists, import, backup.

Each program figure is set against a floor that does the same file work with the bare library:
the same cell values written by openpyxl's write-only mode, the same text drawn by reportlab's
canvas, the same rows read by python-calamine and inserted with sqlite3, SQLite's own backup.
The program's modules are imported inside each function: an area still being built is reported
as "not measured" without stopping the rest.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from bench.figures import Figure, timed


def _fresh(path: Path) -> Path:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
    return path


def backup(db_path: Path, work: Path, quick: bool) -> list[Figure]:
    """Backing the county database up (online backup + verification) vs SQLite's backup alone."""
    from app.services import backup as backup_service

    runs = 1 if quick else 3
    target = work / "backup.sqlite3"

    def program():
        _fresh(target)
        backup_service.make_backup(db_path, dest=target)

    def raw():
        _fresh(target)
        src = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()

    seconds, _ = timed(program, runs)
    floor, _ = timed(raw, runs)
    _fresh(target)
    return [Figure("backup of the county database", seconds, floor, runs=runs,
                   extra={"file_mib": round(db_path.stat().st_size / 2**20)})]
