"""Consistent, verified copies of the database (SQLite online backup API, never a file copy)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from app import paths
from app.errors import WorkError


class BackupError(WorkError):
    """A backup that could not be made or verified; the message is for the user."""


def _verify(path: Path) -> None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = con.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        con.close()
    if result != "ok":
        raise BackupError(f"备份文件 {path} 校验未通过：{result}")


def copy_database(source: Path, target: Path) -> Path:
    """Copy a live database to `target` through SQLite's backup API, then verify the copy.

    Written to a temporary name first and renamed, so a failed copy never leaves a file that
    looks like a good backup.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        _verify(tmp)
        tmp.replace(target)
    except (OSError, sqlite3.Error) as exc:
        tmp.unlink(missing_ok=True)
        raise BackupError(f"无法写入备份 {target}：{exc}") from exc
    except BackupError:
        tmp.unlink(missing_ok=True)
        raise
    return target


def make_backup(db_path: Path, reason: str = "", dest: Path | None = None) -> Path:
    """Back `db_path` up into its backups folder (or to `dest`) and return the new file."""
    db_path = Path(db_path)
    if dest is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        label = f"-{reason}" if reason else ""
        dest = paths.backup_dir(db_path) / f"zhibu-{stamp}{label}.sqlite3"
    return copy_database(db_path, Path(dest))
