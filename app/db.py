"""The SQLite engine and short sessions.

Every connection gets foreign keys on, WAL and a busy timeout. The pysqlite driver's own
transaction handling is switched off and we send BEGIN ourselves, so DDL in a migration is
transactional too (a migration that fails half-way leaves nothing behind).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from app.errors import WorkError

BUSY_TIMEOUT_MS = 10_000
DISK_FULL = "磁盘已满，刚才的修改没有保存（数据仍是修改前的样子）。请清理磁盘后再试。"
READ_ONLY_PLACE = "数据库所在的位置不能写入（只读或没有权限），刚才的修改没有保存。"


def _on_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see module doc)
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _on_begin(conn) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(path: Path | str) -> Engine:
    """An engine on the SQLite file at `path` with our pragmas on every connection."""
    engine = create_engine(f"sqlite:///{Path(path)}", future=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Database:
    """One database file: its path, engine and a factory for short sessions.

    `user_name` goes into the audit log of every change. `take_lock()` makes this process the
    file's one writer; when another program holds it the database is opened read-only and
    any write is refused with a Chinese sentence (see app/services/instance_lock.py)."""

    def __init__(self, path: Path | str):
        from app.services import audit

        self.path = Path(path)
        self.user_name = ""
        self.read_only = False
        self.lock = None
        self.engine = make_engine(self.path)
        event.listen(self.engine, "connect", self._on_connect)
        event.listen(self.engine, "handle_error", self._on_error)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        audit.install(self._factory)

    def _on_connect(self, dbapi_connection, _record) -> None:
        if self.read_only:
            dbapi_connection.execute("PRAGMA query_only=ON")

    def _on_error(self, context) -> None:
        """SQLite's English for a refused write, as a sentence for the user (nothing was saved:
        the session rolls back)."""
        text = str(context.original_exception)
        if self.read_only and "readonly" in text:
            from app.services.instance_lock import taken_message

            raise WorkError(taken_message(self.path, self.lock.holder())) from None
        if "database or disk is full" in text:
            raise WorkError(DISK_FULL) from None
        if "readonly database" in text:
            raise WorkError(READ_ONLY_PLACE) from None

    def take_lock(self) -> bool:
        """Become the one writer of this file; False (and read-only from now on) when another
        program already is."""
        from app.services.instance_lock import InstanceLock

        if self.lock is None:
            self.lock = InstanceLock(self.path)
        if self.lock.acquire():
            self.read_only = False
            return True
        self.read_only = True
        self.engine.dispose()  # connections made before now get query_only on reconnect
        return False

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits at the end, rolls everything back on any error."""
        session = self._factory()
        session.info["user"] = self.user_name
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        """Close every connection and give up the writer's lock."""
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()
