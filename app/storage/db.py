"""The SQLite engine and short sessions.

Every connection gets foreign keys on, WAL and a busy timeout. The pysqlite driver's own
transaction handling is switched off and we send BEGIN ourselves, so DDL in a migration is
transactional too (a migration that fails half-way leaves nothing behind).

The writer's sessions begin with BEGIN IMMEDIATE: a deferred BEGIN that reads first and
writes later cannot wait for another program's write lock (SQLite does not call the busy
handler on that upgrade and fails at once), so the busy timeout would not work. Reads in a
read-only window, and sessions opened while another thread of this program holds the lock,
begin deferred: in WAL they read without waiting for it.

Statement parameters (ID numbers, phones, addresses) never appear in an error's text
(`hide_parameters`), so no log line and no message shows them.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, sessionmaker

from app import plain_text
from app.errors import WorkError
from app.storage import audit
from app.storage.instance_lock import InstanceLock, taken_message

BUSY_TIMEOUT_MS = 10_000
DISK_FULL = "磁盘已满，刚才的修改没有保存（数据仍是修改前的样子）。请清理磁盘后再试。"
READ_ONLY_PLACE = "数据库所在的位置不能写入（只读或没有权限），刚才的修改没有保存。"
BUSY = ("数据库正被另一个程序占用（等了 {seconds} 秒仍未让出），刚才的修改没有保存，数据仍是修改前的"
        "样子。请关闭可能打开着这个数据库的其他程序后再试。")


def _on_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see module doc)
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


class _Begin:
    """Sends BEGIN IMMEDIATE, or a deferred BEGIN when `immediate()` says no or another
    connection of this engine is inside an IMMEDIATE transaction right now (another thread of
    ours: waiting for it would freeze the window behind a long import)."""

    def __init__(self, immediate=lambda: True):
        self.immediate = immediate
        self._writers: dict[int, object] = {}  # id → DB-API connection that began IMMEDIATE
        self._guard = threading.Lock()

    def __call__(self, conn) -> None:
        raw = conn.connection.dbapi_connection
        with self._guard:
            for key, other in list(self._writers.items()):
                if _in_transaction(other) is None:
                    del self._writers[key]  # closed: forget it
            busy_here = any(c is not raw and _in_transaction(c) for c in self._writers.values())
            if self.immediate() and not busy_here:
                self._writers[id(raw)] = raw
                mode = "BEGIN IMMEDIATE"
            else:
                self._writers.pop(id(raw), None)
                mode = "BEGIN"
        conn.exec_driver_sql(mode)


def _in_transaction(dbapi_connection) -> bool | None:
    """Whether the connection is inside a transaction; None when it is closed."""
    try:
        return bool(dbapi_connection.in_transaction)
    except sqlite3.Error:  # closed: it holds nothing
        return None


def make_engine(path: Path | str, immediate=lambda: True) -> Engine:
    """An engine on the SQLite file at `path` with our pragmas on every connection; its
    transactions begin IMMEDIATE while `immediate()` is true (see module doc)."""
    engine = create_engine(f"sqlite:///{Path(path)}", future=True, hide_parameters=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _Begin(immediate))
    return engine


def short_reason(exc: BaseException) -> str:
    """An error's text without the SQL statement and its parameters: for a database error,
    SQLite's own sentence (it names the table and column, never the values)."""
    if isinstance(exc, sa_exc.StatementError) and exc.orig is not None:
        text = str(exc.orig)
    else:
        text = str(exc)
    return text if len(text) <= 300 else text[:300] + "…"


def _make_private(db_path: Path) -> None:
    """A database made by an older version was readable by every user of the PC: make it
    and its companions the owner's alone (new ones are, through the umask: app/main.py)."""
    if os.name != "posix":
        return
    for suffix in ("", "-wal", "-shm", ".lock"):
        try:
            os.chmod(db_path.with_name(db_path.name + suffix), 0o600)
        except OSError:
            pass


class Database:
    """One database file: its path, engine and a factory for short sessions.

    `user_name` goes into the audit log of every change. `take_lock()` makes this process the
    file's one writer; when another program holds it the database is opened read-only and
    any write is refused with a Chinese sentence (see app/services/instance_lock.py)."""

    def __init__(self, path: Path | str):

        self.path = Path(path)
        self.user_name = ""
        self.read_only = False
        self.lock = None
        self._local = threading.local()  # .reading: this thread is inside reading()
        self.engine = make_engine(
            self.path,
            immediate=lambda: not self.read_only and not getattr(self._local, "reading", False))
        event.listen(self.engine, "connect", self._on_connect)
        event.listen(self.engine, "handle_error", self._on_error)
        self._factory = sessionmaker(self.engine, expire_on_commit=False)
        plain_text.install(self._factory)  # first: the audit log then records the clean text
        audit.install(self._factory)

    def _on_connect(self, dbapi_connection, _record) -> None:
        if self.read_only:
            dbapi_connection.execute("PRAGMA query_only=ON")

    def _on_error(self, context) -> None:
        """SQLite's English for a refused write, as a sentence for the user (nothing was saved:
        the session rolls back)."""
        text = str(context.original_exception)
        if self.read_only and "readonly" in text:

            raise WorkError(taken_message(self.path, self.lock.holder())) from None
        if "database or disk is full" in text:
            raise WorkError(DISK_FULL) from None
        if "readonly database" in text:
            raise WorkError(READ_ONLY_PLACE) from None
        if "database is locked" in text or "database is busy" in text:
            raise WorkError(BUSY.format(seconds=BUSY_TIMEOUT_MS // 1000)) from None

    def take_lock(self) -> bool:
        """Become the one writer of this file; False (and read-only from now on) when another
        program already is."""

        if self.lock is None:
            self.lock = InstanceLock(self.path)
        if self.lock.acquire():
            self.read_only = False
            _make_private(self.path)
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

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session that only reads: its transaction begins deferred, never IMMEDIATE, so a
        count made in the worker (the home page's) never holds the write lock that a key press
        on the window needs at the same moment."""
        self._local.reading = True
        try:
            with self.session() as session:
                yield session
        finally:
            self._local.reading = False

    def dispose(self) -> None:
        """Close every connection and give up the writer's lock."""
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()
