"""Opening the database the way every entry point does: folder, lock, integrity, migration."""

from __future__ import annotations

from pathlib import Path

from app import migrate, paths
from app.db import Database
from app.errors import WorkError


class DatabaseDamaged(WorkError):
    """The database failed its start check and was set aside; `verdict` says where and what
    backup is offered (the window asks; the command line prints the message)."""

    def __init__(self, verdict):
        self.verdict = verdict
        offer = verdict.offer
        hint = (f"\n可以用命令恢复：zhibu restore \"{offer.path}\"" if offer else "")
        super().__init__(verdict.message() + hint)


def open_database(path: Path | str | None = None, check: bool = True) -> Database:
    """Open (creating and migrating when needed) the database at `path` or the default one.

    This process becomes the file's one writer when no other program is (else the database
    is opened read-only and writes are refused with a message: `db.read_only`). The writer
    checks the file first (`check`): a damaged one is set aside and DatabaseDamaged raised."""
    from app.prefs import Prefs
    from app.services import integrity

    db_path = Path(path) if path else paths.default_db_path()
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkError(f"无法创建数据文件夹 {db_path.parent}：{exc.strerror or exc}") from exc
    db = Database(db_path)
    try:
        if db.take_lock() and check:
            verdict = integrity.startup_check(db_path, db.lock.closed_cleanly)
            if not verdict.sound:
                raise DatabaseDamaged(verdict)
        if not db.read_only:
            migrate.upgrade(db.engine, db_path)
    except Exception:
        db.dispose()
        raise
    db.user_name = Prefs.load().user_name or _os_user()
    return db


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001
        return ""
