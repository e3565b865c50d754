"""What a backup holds, and putting one back in place of the database.

- `preview_backup`: branches, members and the last change, read without writing to the file,
  after `quick_check` and the schema check (`schema_check`: only our own schema is taken in).
- `restore_backup`: the current database is backed up first; the chosen copy is checked in a
  temporary file beside the database and only then put in place by one rename, so a restore
  that fails leaves the current database, and the backups folder, exactly as they were.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app import paths
from app.errors import InputError
from app.storage import migrate
from app.storage.backup import (
    BackupError,
    _backup_name,
    _remove,
    copy_database,
    plain_reason,
    quick_check,
    rotate,
)
from app.storage.db import make_engine
from app.storage.schema_check import schema_problem


# what a backup holds ------------------------------------------------------------------------
@dataclass(frozen=True)
class BackupPreview:
    path: Path
    branches: list[str]
    members: int
    last_change: datetime | None
    sound: bool
    problem: str = ""


_CHANGE_COLUMNS = (("audit_log", "at"), ("member", "updated_at"), ("member", "created_at"),
                   ("visit", "created_at"), ("handout", "created_at"),
                   ("study_event", "updated_at"), ("material", "created_at"))


def preview_backup(path: Path) -> BackupPreview:
    """Branch names, members on file and the last change, read without writing to the file."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"找不到备份文件 {path}")
    check = quick_check(path)
    if check != "ok":
        return BackupPreview(path, [], 0, None, False, plain_reason(Exception(check)))

    problem = schema_problem(path)  # before any query: a view may stand where a table should
    if problem:
        return BackupPreview(path, [], 0, None, False, problem)
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"branch", "member"} <= tables:
                return BackupPreview(path, [], 0, None, False, "这不是支部工作台的数据库")
            names = [r[0] for r in con.execute("SELECT name FROM branch ORDER BY id")]
            members = con.execute("SELECT count(*) FROM member").fetchone()[0]
            stamps = []
            for table, column in _CHANGE_COLUMNS:
                if table in tables:
                    try:
                        value = con.execute(f"SELECT max({column}) FROM {table}").fetchone()[0]
                    except sqlite3.Error:
                        continue
                    if value:
                        stamps.append(datetime.fromisoformat(str(value)[:19]))
        finally:
            con.close()
    except (sqlite3.Error, ValueError) as exc:
        return BackupPreview(path, [], 0, None, False, plain_reason(exc))
    return BackupPreview(path, names, members, max(stamps, default=None), True)


# restore ------------------------------------------------------------------------------------
def _sidecars(db_path: Path) -> list[Path]:
    return [db_path.with_name(db_path.name + s) for s in ("-wal", "-shm", "-journal")]


def replace_database(db_path: Path, new_file: Path) -> None:
    """Put a verified file in place of the database: one rename, stale WAL files removed first.

    The caller has closed every connection (engine.dispose()). The current file is folded into
    itself first (checkpoint) so removing its WAL loses nothing even if the rename then fails."""
    db_path = Path(db_path)
    if db_path.exists():
        con = sqlite3.connect(db_path)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()
    for side in _sidecars(db_path):
        side.unlink(missing_ok=True)
    os.replace(new_file, db_path)


def _bring_to_current_schema(path: Path, made: list[Path], name: str) -> None:
    """A backup from an older version is upgraded in its temporary copy (one from a newer
    version is refused there), so the program never runs on a schema it does not know. The
    copy taken before the upgrade is added to `made`, for the caller to remove on failure."""

    problem = schema_problem(path)  # the copy again: a file on a stick can change meanwhile
    if problem:
        raise InputError(f"备份文件 {name} 不能用来恢复：{problem}。当前数据没有改动。")
    if migrate.is_current(path):
        return
    made.append(_safety_copy(path, "升级前"))
    engine = make_engine(path)
    try:
        migrate.upgrade(engine, path, backup_first=False)
    finally:
        engine.dispose()
    con = sqlite3.connect(path)  # back to one self-contained file before the rename
    try:
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()


def _safety_copy(db_path: Path, reason: str) -> Path:
    """A copy in the backups folder without rotating it: a restore that then fails removes
    its copies again, and a rotation run for them could not be undone."""
    return copy_database(db_path, paths.backup_dir(db_path) / _backup_name(datetime.now(), reason))


def restore_backup(db_path: Path, source: Path) -> tuple[Path | None, BackupPreview]:
    """Replace the database with the backup `source`. Returns (copy of the old database, preview).

    Every connection to `db_path` must be closed first (Database.engine.dispose()). Raises a
    UserError (the current database untouched) when the backup is damaged or not ours (see
    schema_check), or the disk refuses. Nothing is copied before the file has passed its checks,
    and a restore that fails later removes the copies it made, so the backups folder holds no
    trace of it (a foreign file once stayed there as "升级前" and was offered as a good backup)."""
    db_path, source = Path(db_path), Path(source)
    preview = preview_backup(source)
    if not preview.sound:
        raise InputError(f"备份文件 {source.name} 不能用来恢复：{preview.problem}。当前数据没有改动。")
    staged = db_path.with_name(db_path.name + ".restoring")
    made: list[Path] = []
    try:
        copy_database(source, staged)  # checked again in the temporary file beside the database
        _bring_to_current_schema(staged, made, source.name)
        kept = None
        if db_path.exists() and db_path.stat().st_size > 0:
            kept = _safety_copy(db_path, "恢复前")
            made.append(kept)
        replace_database(db_path, staged)
    except (OSError, sqlite3.Error) as exc:
        _discard(made)
        raise BackupError(f"恢复没有完成，当前数据保持原样：{plain_reason(exc)}") from exc
    except BaseException:
        _discard(made)
        raise
    finally:
        _remove(staged)
    rotate(db_path)
    return kept, preview


def _discard(made: list[Path]) -> None:
    for path in made:
        _remove(path)
