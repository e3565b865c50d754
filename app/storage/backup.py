"""Consistent, verified copies of the database (SQLite online backup API, never a file copy).

- `make_backup` / `backup_before(db_path, reason)`: a copy in the `backups` folder beside the
  database, verified with `quick_check` before it counts, recorded in the folder's index
  (order made, members held: `backup_meta`), then the folder is rotated
  (`backup_rotation.backups_to_keep`; the newest copy holding members is always kept, and only
  one copy of an empty database).
- `maybe_backup`: the automatic copy after changes, at most every 30 minutes, and on exit;
  a copy dated in the future (a clock that ran ahead) never makes it wait.
- `backup_to_folder`: one click to a chosen folder or a USB stick.
- `list_backups`: the copies in the backups folder, newest first.
What a backup holds and putting one back are in `app.storage.restore`.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app import paths
from app.errors import InputError, WorkError, write_failure
from app.storage import backup_meta
from app.storage.backup_rotation import backups_to_keep

AUTO_INTERVAL = timedelta(minutes=30)
_NAME = re.compile(r"^zhibu-(\d{8}-\d{6})(?:-(\d{6}))?(?:-(.+))?\.sqlite3$")


class BackupError(WorkError):
    """A backup that could not be made or verified; the message is for the user."""


def plain_reason(exc: BaseException) -> str:
    """Why a write failed, in the words a secretary uses (disk full, read-only, busy)."""
    if isinstance(exc, OSError):
        advice = {errno.ENOSPC: "，请清理磁盘或换一个有空间的 U 盘", errno.EACCES: "，请换一个文件夹",
                  errno.EPERM: "，请换一个文件夹", errno.EROFS: "，请换一个文件夹"}
        return write_failure(exc) + advice.get(exc.errno, "")
    text = str(exc)
    if "disk is full" in text:
        return "磁盘已满，请清理磁盘或换一个有空间的 U 盘"
    if "readonly" in text or "read-only" in text:
        return "这个位置不能写入（只读或没有权限），请换一个文件夹"
    if "not a database" in text or "malformed" in text:
        return "文件已损坏或不是支部工作台的数据库"
    return text


def quick_check(path: Path) -> str:
    """'ok' or SQLite's first complaint (also for a file that is not a database at all)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return con.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error as exc:
        return str(exc)


def _verify(path: Path) -> None:
    result = quick_check(path)
    if result != "ok":
        raise BackupError(f"备份文件 {path} 校验未通过：{plain_reason(Exception(result))}")


def copy_database(source: Path, target: Path) -> Path:
    """Copy a live database to `target` through SQLite's backup API, then verify the copy.

    Written to a temporary name first and renamed, so a failed copy never leaves a file that
    looks like a good backup. The copy is a single self-contained file (rollback journal, not
    WAL), so it can be carried on a USB stick or opened read-only.
    """
    target = Path(target)
    tmp = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
            src.close()
        _verify(tmp)
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as exc:
        _remove(tmp)
        raise BackupError(f"无法写入备份 {target}：{plain_reason(exc)}") from exc
    except BaseException:  # a failed check, Ctrl+C: no half-made copy stays behind
        _remove(tmp)
        raise
    return target


def _remove(path: Path) -> None:
    for p in (path, path.with_name(path.name + "-journal")):
        try:
            p.unlink(missing_ok=True)
        except OSError:
            pass


# the backups folder ---------------------------------------------------------------------------
@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: datetime
    reason: str
    size: int
    seq: int | None = None  # order made (backup_meta); None for copies older than the index
    members: int | None = None  # members held, when known
    db_stamp: float | None = None  # the database's last write when it was copied


def _parse_name(name: str) -> tuple[datetime, str] | None:
    m = _NAME.match(name)
    if not m:
        return None
    at = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S")
    if m.group(2):
        at = at.replace(microsecond=int(m.group(2)))
    return at, m.group(3) or ""


def list_backups(db_path: Path, folder: Path | None = None) -> list[BackupInfo]:
    """The finished backups of `db_path` (or in `folder`), newest first: in the order they were
    made where the folder's index knows it (clocks go wrong), else by the time in their names."""
    folder = Path(folder) if folder else paths.backup_dir(Path(db_path))
    index = backup_meta.load(folder)
    found = []
    for p in folder.glob("zhibu-*.sqlite3"):
        parsed = _parse_name(p.name)
        if parsed:
            try:
                size = p.stat().st_size
            except OSError:
                continue
            e = index.get(p.name, {})
            seq, members, stamp = e.get("seq"), e.get("members"), e.get("db_stamp")
            found.append(BackupInfo(p, parsed[0], parsed[1], size,
                                    seq if isinstance(seq, int) else None,
                                    members if isinstance(members, int) else None,
                                    stamp if isinstance(stamp, (int, float)) else None))
    return sorted(found, key=lambda b: (b.seq is not None, b.seq or 0, b.made_at), reverse=True)


def _backup_name(now: datetime, reason: str) -> str:
    label = f"-{reason}" if reason else ""
    return f"zhibu-{now:%Y%m%d-%H%M%S}-{now:%f}{label}.sqlite3"


def rotate(db_path: Path, now: datetime | None = None) -> list[Path]:
    """Delete the automatic copies the rotation no longer keeps; returns what was removed.

    Copies of an empty database (no members) are not history worth a slot: only the newest is
    kept (it holds the latest branch settings), so a run of them can never push the copies that
    hold members out. The newest copy that holds members is kept whatever else happens."""
    now = now or datetime.now()
    backups = backup_meta.with_members(list_backups(db_path))
    empty = [b for b in backups if b.members == 0]
    candidates = [b for b in backups if b not in empty[1:]]
    keep = backups_to_keep([(b.path, b.made_at) for b in candidates], now, newest_first=True)
    keep |= {b.path for b in empty[:1]}
    with_data = next((b for b in backups if b.members), None)
    if with_data is not None:
        keep.add(with_data.path)
    removed = []
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
                removed.append(b.path)
            except OSError:
                pass  # a copy we cannot delete stays; it is still a good copy
    return removed


def make_backup(db_path: Path, reason: str = "", dest: Path | None = None,
                now: datetime | None = None) -> Path:
    """Back `db_path` up into its backups folder (or to `dest`) and return the new file."""
    db_path = Path(db_path)
    if dest is None:
        try:
            folder = paths.backup_dir(db_path)
        except OSError as exc:
            raise BackupError(f"无法建立备份文件夹：{plain_reason(exc)}") from exc
        dest = folder / _backup_name(now or datetime.now(), reason)
        stamp = _last_write(db_path)  # before the copy: a write during it counts as a change
        made = copy_database(db_path, dest)
        backup_meta.record(folder, made.name, backup_meta.count_members(made), stamp)
        rotate(db_path, now)
        return made
    return copy_database(db_path, Path(dest))


def backup_before(db_path: Path, reason: str) -> Path | None:
    """The copy taken before an import, restore, merge or migration ("导入前", "恢复前" …).

    None when there is nothing to protect yet (no file, or an empty one)."""
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    return make_backup(db_path, reason=reason)


def _last_write(db_path: Path) -> float:
    """When the database was last written. An empty -wal file does not count: SQLite creates
    it whenever a connection opens, so counting it made every open-look-close a "change" and
    cost a full backup on exit (7–8 s on a county file)."""
    stamps = []
    for p in (db_path, db_path.with_name(db_path.name + "-wal")):
        try:
            st = p.stat()
        except OSError:
            continue
        if st.st_size > 0 or p == db_path:
            stamps.append(st.st_mtime)
    return max(stamps, default=0.0)


def maybe_backup(db_path: Path, now: datetime | None = None,
                 interval: timedelta = AUTO_INTERVAL) -> Path | None:
    """The automatic backup: made when the database changed since the newest backup and that
    backup is at least `interval` old (pass `timedelta(0)` on exit). None when not needed.

    Only dates that can be trusted count: a copy dated after tomorrow was made while the clock
    ran ahead, and waiting for "30 minutes after" it would stop backups until that date. A
    database last written under such a clock is compared with the stamp recorded at the last
    copy instead of with a date."""
    db_path = Path(db_path)
    if not db_path.exists():
        return None
    now = now or datetime.now()
    backups = list_backups(db_path)
    trusted = [b for b in backups if not backup_meta.is_future(b.made_at, now)]
    newest = max(trusted, key=lambda b: b.made_at, default=None)
    if newest is not None and now - newest.made_at < interval:
        return None
    stamp = _last_write(db_path)
    last = backups[0] if backups else None  # the last copy made, whatever its date
    if (last is not None and last.db_stamp is not None
            and backup_meta.is_future(datetime.fromtimestamp(stamp), now)):
        if stamp == last.db_stamp:
            return None  # written while the clock ran ahead, and copied since
    elif newest is not None and datetime.fromtimestamp(stamp) <= newest.made_at:
        return None  # nothing changed since
    return make_backup(db_path, reason="自动", now=now)


def clock_warning(db_path: Path, now: datetime | None = None) -> str:
    """A sentence when a backup is dated well after today: the computer's clock is wrong (or
    was when that copy was made). Empty when all is well."""
    return backup_meta.clock_warning([b.made_at for b in list_backups(db_path)], now)


def backup_to_folder(db_path: Path, folder: Path, now: datetime | None = None) -> Path:
    """One click: a verified copy in a folder the user chose (a USB stick)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"找不到文件夹 {folder}，请确认 U 盘已插好")
    now = now or datetime.now()
    return copy_database(Path(db_path), folder / f"支部工作台备份-{now:%Y%m%d-%H%M%S}.sqlite3")
