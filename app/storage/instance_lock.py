"""One writer per database: a lock file beside it, held with an operating-system lock.

The lock is the OS's (flock on Linux/macOS, msvcrt.locking on Windows), not the file's presence,
so a program that crashed or lost power leaves nothing to clean up: the lock ends with the
process. Within one process the lock is shared (counted), so the window, its tasks and the
tests may open the same file more than once.
"""

from __future__ import annotations

import errno
import getpass
import os
import socket
import sys
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

_held: dict[Path, list] = {}  # resolved lock path → [file object, count]
_guard = threading.Lock()


def lock_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


def _try_os_lock(f) -> bool:
    if sys.platform == "win32":
        import msvcrt  # Windows only

        try:
            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl  # POSIX only

    try:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as exc:
        # a folder whose file system has no locks (some network shares): better one writer
        # unguarded than nobody able to work
        return exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS)


def _os_unlock(f) -> None:
    try:
        if sys.platform == "win32":
            import msvcrt  # Windows only

            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl  # POSIX only

            fcntl.flock(f.fileno(), fcntl.LOCK_UN)
    except OSError:
        pass


@dataclass(frozen=True)
class Holder:
    """Who holds the lock, as written in the lock file (for the message)."""

    user: str = ""
    host: str = ""
    pid: int = 0
    since: str = ""
    unwritable: bool = False  # nobody holds it: the folder refused us the lock file

    def text(self) -> str:
        who = f"{self.user}（电脑 {self.host}）" if self.user else "另一个窗口"
        when = f"，从 {self.since} 起" if self.since else ""
        return f"{who}{when}"


def _read_after_first_byte(path: Path) -> str:
    """The lock file's text from its second byte: on Windows the first byte is locked by the
    holder, and another program reading it gets a lock violation."""
    with open(path, "rb") as f:
        f.seek(1)
        return f.read().decode("utf-8")


def _read_holder(path: Path) -> Holder:
    try:
        parts = _read_after_first_byte(path).split("\t")
        return Holder(parts[1], parts[2], int(parts[3]), parts[4].strip())
    except (OSError, ValueError, IndexError):
        return Holder()


def nobody_holds(db_path: Path) -> bool:
    """True when no program (this one included) holds the database's lock right now. Tried
    without writing the lock's state, so the next real open still learns whether the last
    program on this file closed cleanly."""
    path = lock_path(db_path).resolve()
    with _guard:
        if path in _held:
            return False
    if not path.exists():
        return True
    try:
        f = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError:
        return False
    try:
        if not _try_os_lock(f):
            return False
        _os_unlock(f)
        return True
    finally:
        f.close()


class InstanceLock:
    """The lock of one database file. `acquire()` → True when this process now holds it."""

    def __init__(self, db_path: Path):
        self.path = lock_path(db_path).resolve()
        self.held = False
        self.closed_cleanly = True  # False when the last program on this file ended without closing
        self.unwritable = False  # the folder refused the lock file: read-only, not "taken"

    def acquire(self) -> bool:
        with _guard:
            if self.held:
                return True
            entry = _held.get(self.path)
            if entry is not None:
                entry[1] += 1
                self.held = True
                return True
            try:
                f = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held while open
            except OSError:
                self.unwritable = True  # a folder we cannot write to: nobody can be the writer
                return False
            if not _try_os_lock(f):
                f.close()
                return False
            self.closed_cleanly = _read_state(self.path) != "open"
            _write_state(f, "open")
            _held[self.path] = [f, 1]
            self.held = True
            return True

    def holder(self) -> Holder:
        if self.unwritable:
            return Holder(unwritable=True)
        return _read_holder(self.path)

    def release(self) -> None:
        with _guard:
            if not self.held:
                return
            self.held = False
            entry = _held.get(self.path)
            if entry is None:
                return
            entry[1] -= 1
            if entry[1] <= 0:
                del _held[self.path]
                _write_state(entry[0], "closed")
                _os_unlock(entry[0])
                entry[0].close()


def _write_state(f, state: str) -> None:
    """Who holds it and whether it is open, after the first byte (the locked one on Windows)."""
    try:
        f.seek(0)
        f.truncate()
        f.write(f" \t{_user()}\t{socket.gethostname()}\t{os.getpid()}\t"
                f"{datetime.now():%Y-%m-%d %H:%M}\t{state}\n")
        f.flush()
    except OSError:
        pass


def _read_state(path: Path) -> str:
    try:
        parts = _read_after_first_byte(path).rstrip("\n").split("\t")
    except (OSError, ValueError):
        return ""
    return parts[5] if len(parts) > 5 else ""


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in some service accounts
        return ""


def unwritable_message(db_path: Path) -> str:
    return (f"数据文件夹 {Path(db_path).parent} 不能写入（只读，或没有权限），所以不能修改数据。\n"
            "请把数据放到可以写入的文件夹，或请人检查这个文件夹的权限。")


def taken_message(db_path: Path, holder: Holder) -> str:
    """Why writes are refused: another program is the writer, or the folder is read-only."""
    if holder.unwritable:
        return unwritable_message(db_path)
    return (f"这个数据库正在被 {holder.text()} 使用（支部工作台已经打开）。\n"
            "为了不让两处同时修改把数据弄乱，这里只能查看、不能修改。"
            f"\n请先关闭那个窗口再试。数据库：{db_path}")
