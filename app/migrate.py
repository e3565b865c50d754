"""Bring a database file to the current schema: backup first, one transaction, refuse newer files.

Called at every start (window and command line). A database written by a newer version of the
program is refused with a message instead of being damaged by an older one.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from alembic import command
from app import paths
from app.errors import WorkError

log = logging.getLogger(__name__)


class MigrationError(WorkError):
    """A database that cannot be brought to this version's schema; the message is for the user."""


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(paths.migrations_path()))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _has_tables(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0] > 0
    finally:
        con.close()


def upgrade(engine: Engine, db_path: Path) -> bool:
    """Upgrade to head. Returns True when anything was applied.

    A non-empty database is backed up (SQLite online backup) before any change; the whole
    upgrade runs in one transaction, so a failure leaves the file exactly as it was.
    """
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    current = current_revision(engine)
    if current == head:
        return False
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise MigrationError(
            f"数据库文件 {db_path} 是由更新版本的支部工作台写入的（结构版本 {current}），"
            "本程序无法安全打开它。请安装最新版本的支部工作台后再打开。"
        )
    if _has_tables(db_path):
        from app.services import backup  # late import: backup imports db helpers

        backup.make_backup(db_path, reason="升级前")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    log.info("database %s migrated %s → %s", db_path, current, head)
    return True
