"""Opening the database the way every entry point does: folder, lock, integrity, migration."""

from __future__ import annotations

import getpass
from pathlib import Path

from app import paths
from app.errors import InputError, WorkError
from app.prefs import Prefs
from app.storage import integrity, migrate
from app.storage.db import Database
from app.storage.integrity import command_prefix


class DatabaseDamaged(WorkError):
    """The database failed its start check and was set aside; `verdict` says where and what
    backup is offered (the window asks; the command line prints the message)."""

    def __init__(self, verdict):
        self.verdict = verdict
        offer = verdict.offer
        zhibu = command_prefix(verdict.report.path)
        restore = f"{zhibu} restore \"{offer.path}\"" if offer else f"{zhibu} restore 备份文件"
        super().__init__(verdict.message() + f"\n可以用命令恢复：{restore}；"
                         f"或者明确从空白开始：{zhibu} start-empty")


class DatabaseMissing(InputError):
    """No database where one was set aside as damaged (or where backups holding members sit):
    refused rather than silently created empty; `missing` says what is offered."""

    def __init__(self, missing):
        self.missing = missing
        super().__init__(missing.message() + "\n" + missing.commands())


def open_database(path: Path | str | None = None, check: bool = True, start_empty: bool = False,
                  replacing: bool = False, must_exist: bool = False) -> Database:
    """Open (creating and migrating when needed) the database at `path` or the default one.

    This process becomes the file's one writer when no other program is (else the database
    is opened read-only and writes are refused with a message: `db.read_only`). The writer
    checks the file first (`check`): a damaged one is set aside and DatabaseDamaged raised.

    A missing file is created only on a first start; after damage, or beside backups that hold
    members, DatabaseMissing is raised and nothing is created — unless the user said
    `start_empty`, or the caller is `replacing` the file (a restore: then a missing file stays
    missing until the backup is put in its place). `must_exist`: a missing file is an error
    (`zhibu check` reports it and creates nothing)."""
    db_path = Path(path) if path else paths.default_db_path()
    if must_exist and not _has_data(db_path):
        missing = integrity.missing_database(db_path)
        raise WorkError(f"找不到数据库文件 {db_path}，没有检查，也没有新建。"
                        + (f"\n{missing.message()}\n{missing.commands()}" if missing else ""))
    if start_empty:
        if _has_data(db_path):
            raise InputError(f"数据库 {db_path} 已经在了，里面的数据没有动。"
                             "“从空白开始”只用于数据库损坏或丢失之后。")
        integrity.clear_marker(db_path)
    elif check and not replacing:
        missing = integrity.missing_database(db_path)
        if missing is not None:
            raise DatabaseMissing(missing)
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
        if not db.read_only and not (replacing and not _has_data(db_path)):
            migrate.upgrade(db.engine, db_path)
    except Exception:
        db.dispose()
        raise
    db.user_name = Prefs.load().user_name or _os_user()
    return db


def _has_data(db_path: Path) -> bool:
    return db_path.exists() and db_path.stat().st_size > 0


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001
        return ""
