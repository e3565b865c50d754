"""Bring a database file to the current schema: backup first, one transaction, refuse newer files.

Called at every start (window and command line). A database written by a newer version of the
program is refused with a message instead of being damaged by an older one.

Alembic is imported inside the functions that use it, for start-up time: a database already
at the head revision (every start but the first after an update) is recognised from the
version table and the migration files' names (`is_current`) without loading Alembic.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from app import paths
from app.errors import WorkError
from app.storage import backup

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

# Alembic is imported only when a database actually needs upgrading: importing it costs about
# 0.2 s, paid at every start of the window for a check that nearly always finds nothing to do.

log = logging.getLogger(__name__)


class MigrationError(WorkError):
    """A database that cannot be brought to this version's schema; the message is for the user."""


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(paths.migrations_path()))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


_REVISION = re.compile(r"^(down_)?revision\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


def _head_from_files() -> str | None:
    """The head revision read from the version files without Alembic; None when unsure
    (a merge, an unusual file): the caller then asks Alembic."""
    revisions, parents = set(), set()
    for file in paths.migrations_path().joinpath("versions").glob("*.py"):
        found = dict((bool(down), value) for down, value in
                     _REVISION.findall(file.read_text(encoding="utf-8")))
        if not found:
            continue
        rev, down = found.get(False, ""), found.get(True, "None")
        quoted = r"['\"][\w-]+['\"]"
        if not re.fullmatch(quoted, rev) or not re.fullmatch(f"None|{quoted}", down):
            return None
        revisions.add(rev.strip("'\""))
        if down != "None":
            parents.add(down.strip("'\""))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _stored_revision(path: Path) -> str | None:
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def is_current(db_path: Path) -> bool:
    """True when the file is already at the head revision (checked without importing Alembic)."""
    stored = _stored_revision(Path(db_path))
    return stored is not None and stored == _head_from_files()


def _has_tables(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return False
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0] > 0
    finally:
        con.close()


def upgrade(engine: Engine, db_path: Path, backup_first: bool = True) -> bool:
    """Upgrade to head. Returns True when anything was applied.

    A non-empty database is backed up (SQLite online backup) before any change, unless the
    caller already holds an untouched original (`backup_first=False`: a restore upgrades a
    temporary copy); the whole upgrade runs in one transaction, so a failure leaves the file
    exactly as it was.
    """
    if is_current(db_path):
        return False
    from alembic.script import ScriptDirectory

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
    if backup_first and _has_tables(db_path):

        backup.make_backup(db_path, reason="升级前")
    apply_migrations(engine, "head")
    log.info("database %s migrated %s → %s", db_path, current, head)
    return True


def _dangling(conn) -> set[tuple]:
    """Rows whose foreign key points at nothing, as (table, rowid, parent table)."""
    return {(row[0], row[1], row[2])
            for row in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()}


def apply_migrations(engine: Engine, target: str = "head") -> None:
    """Run the migrations up to `target` in one transaction with foreign keys off.

    A migration that rebuilds a table (SQLite's copy, drop, rename) must not have foreign keys
    on: dropping `member` with them on fails (or would cascade). SQLite ignores
    `PRAGMA foreign_keys` inside a transaction, so it is sent on the bare connection before
    our BEGIN, and put back on afterwards whatever happened. Before the commit
    `foreign_key_check` must find no broken reference the migration made; references that were
    already broken before it are left to the start check (refusing to upgrade over them would
    stop the program from starting at all).
    """
    from alembic import command

    cfg = alembic_config()
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection  # not through `conn`: that would BEGIN first
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                before = _dangling(conn)
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
                made = _dangling(conn) - before
                if made:
                    tables = "、".join(sorted({row[0] for row in made}))
                    raise MigrationError(
                        f"升级数据库结构时有 {len(made)} 条记录会指向已不存在的记录（{tables}），"
                        "升级已撤销，数据保持原样。请把这个情况告诉软件的维护人员。")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
