"""Opening the database the way every entry point does: folder, engine, migration."""

from __future__ import annotations

from pathlib import Path

from app import migrate, paths
from app.db import Database
from app.errors import WorkError


def open_database(path: Path | str | None = None) -> Database:
    """Open (creating and migrating when needed) the database at `path` or the default one."""
    db_path = Path(path) if path else paths.default_db_path()
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkError(f"无法创建数据文件夹 {db_path.parent}：{exc.strerror or exc}") from exc
    db = Database(db_path)
    try:
        migrate.upgrade(db.engine, db_path)
    except Exception:
        db.dispose()
        raise
    return db
