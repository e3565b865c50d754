"""Is the database sound? `quick_check` and `foreign_key_check` at start and on demand.

A damaged file is never deleted: it is renamed aside with the time in its name (with its WAL
files), and the newest backup that passes its own check is offered in its place.

Setting it aside also leaves a note beside it (`<name>.损坏记录.json`). While the note is there
and no database is, nothing creates a new empty database by itself: the window offers the
backup or asks in so many words to start empty, the command line refuses and names both ways
(`zhibu restore …`, `zhibu start-empty`). Otherwise the next command after the damage found no
file, made an empty one, and the records looked gone — and its empty backups then pushed the
good ones out of the rotation.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from app import paths
from app.storage import backup, restore
from app.storage.schema_check import schema_problem

log = logging.getLogger(__name__)


@dataclass
class IntegrityReport:
    path: Path
    sound: bool
    problems: list[str] = field(default_factory=list)
    damaged: bool = False  # the file itself (not just a dangling reference): set it aside

    def text(self) -> str:
        if self.sound:
            return f"数据库完好：{self.path}"
        return "数据库有问题：" + "；".join(self.problems)


def check_database(path: Path) -> IntegrityReport:
    """quick_check plus foreign_key_check; opening a file that is not a database is a problem too."""
    path = Path(path)
    if not path.exists():
        return IntegrityReport(path, False, [f"找不到数据库文件 {path}"])
    problems: list[str] = []
    damaged = False
    try:
        con = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
        try:
            rows = [r[0] for r in con.execute("PRAGMA quick_check")]
            if rows != ["ok"]:
                damaged = True
                problems.append(f"文件内部已损坏（{len(rows)} 处）：{rows[0]}")
            else:
                bad = con.execute("PRAGMA foreign_key_check").fetchall()
                if bad:
                    tables = sorted({r[0] for r in bad})
                    problems.append(f"有 {len(bad)} 条记录指向已不存在的记录（{'、'.join(tables)}）")
        finally:
            con.close()
    except sqlite3.Error as exc:
        damaged = True
        problems.append(f"无法读取：{backup.plain_reason(exc)}")
    return IntegrityReport(path, not problems, problems, damaged)


def full_check(path: Path) -> IntegrityReport:
    """What `zhibu check` and 检查数据库 report: the file check, then whether the schema is
    exactly ours — a trigger or view planted in the file (a tampered handover taken in before
    this check existed) rewrites members silently. Not part of the start check: building the
    reference schema costs 0.1–0.2 s, and a file the program made itself has ours."""

    report = check_database(path)
    if report.sound:
        problem = schema_problem(path)
        if problem:
            return IntegrityReport(report.path, False, [problem])
    return report


def set_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged database (and its WAL files) to `<name>.损坏-<time>`; never deletes."""
    path = Path(path)
    stamp = f"{now or datetime.now():%Y%m%d-%H%M%S}"
    target = path.with_name(f"{path.name}.损坏-{stamp}")
    for suffix in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(target.with_name(target.name + suffix))
    path.replace(target)
    return target


def newest_good_backup(db_path: Path, with_members: bool = False) -> backup.BackupInfo | None:
    """The newest automatic backup that passes its check and looks like our database — the
    newest one holding members when there is one (a copy of an empty database is offered only
    when no other is sound, and never when `with_members`). None when there is no backups
    folder (it is not created by asking)."""
    folder = Path(db_path).resolve().parent / "backups"
    if not folder.is_dir():
        return None
    fallback = None
    for info in backup.list_backups(db_path, folder):
        preview = restore.preview_backup(info.path)
        if preview.sound and preview.members > 0:
            return info
        if preview.sound and fallback is None:
            fallback = info
    return None if with_members else fallback


def marker_path(db_path: Path) -> Path:
    """The note left beside a database that was set aside as damaged."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".损坏记录.json")


def _write_marker(db_path: Path, moved: Path, report: IntegrityReport) -> None:
    note = {"说明": "支部工作台发现数据库损坏，已把它改名保存。请在程序里选择用备份恢复，"
                    "或明确选择从空白开始；选择之前程序不会新建空的数据库。",
            "set_aside": str(moved), "at": datetime.now().isoformat(timespec="seconds"),
            "problems": report.problems}
    try:
        marker_path(db_path).write_text(json.dumps(note, ensure_ascii=False, indent=1),
                                        encoding="utf-8")
    except OSError as exc:  # the set-aside file itself still blocks nothing; say so in the log
        log.warning("could not leave the damage note beside %s: %s", db_path, exc)


def clear_marker(db_path: Path) -> None:
    """The user chose (a restore, or to start empty): the note has done its work."""
    marker_path(db_path).unlink(missing_ok=True)


@dataclass
class MissingDatabase:
    """No database file where one is expected: set aside as damaged (`set_aside`), or gone
    while a backup holding members sits beside it. Nothing may create an empty one silently."""
    db_path: Path
    set_aside: Path | None
    offer: backup.BackupInfo | None

    def message(self) -> str:
        if self.set_aside is not None:
            lines = [f"数据库文件 {self.db_path} 上次检查时发现已损坏，",
                     f"损坏的文件没有删除，已改名保存为：{self.set_aside}"]
        else:
            lines = [f"没有找到数据库文件 {self.db_path}，但旁边的备份文件夹里有存着党员的备份。"]
        if self.offer is not None:
            lines.append(f"最近一份完好的备份是 {self.offer.made_at:%Y年%m月%d日 %H:%M} 做的："
                         f"{self.offer.path}")
        else:
            lines.append("没有找到完好的自动备份；如果在 U 盘上存有备份，可以从那里恢复。")
        return "\n".join(lines)

    def commands(self) -> str:
        """The command line's two ways on, spelled out."""
        zhibu = command_prefix(self.db_path)
        restore = (f"{zhibu} restore \"{self.offer.path}\"" if self.offer
                   else f"{zhibu} restore 备份文件")
        return ("为了不让人误以为数据丢了，程序不会自动新建空的数据库。请选择一种做法：\n"
                f"  用备份恢复：{restore}\n"
                f"  从空白开始（新建空的数据库，损坏的文件和备份都保留）：{zhibu} start-empty")


def command_prefix(db_path: Path) -> str:
    """`zhibu`, with `--db` when the database is not the default one (so the command works
    when copied)."""

    try:
        default = Path(db_path).resolve() == paths.default_db_path().resolve()
    except OSError:
        default = False
    return "zhibu" if default else f"zhibu --db \"{db_path}\""


def missing_database(db_path: Path) -> MissingDatabase | None:
    """Whether opening `db_path` must stop and ask instead of creating an empty database.

    None when the file is there (a note left from an earlier damage is then stale: removed), or
    on a first ever start (no note, no backup holding members): a new database is created."""
    db_path = Path(db_path)
    marker = marker_path(db_path)
    if db_path.exists() and db_path.stat().st_size > 0:
        if marker.exists():
            clear_marker(db_path)
        return None
    if marker.exists():
        try:
            moved = json.loads(marker.read_text(encoding="utf-8")).get("set_aside")
        except (OSError, ValueError, AttributeError):
            moved = None
        return MissingDatabase(db_path, Path(moved) if moved else marker,
                               newest_good_backup(db_path))
    offer = newest_good_backup(db_path, with_members=True)
    return MissingDatabase(db_path, None, offer) if offer else None


@dataclass
class StartupVerdict:
    sound: bool
    report: IntegrityReport | None = None
    moved_to: Path | None = None
    offer: backup.BackupInfo | None = None

    def message(self) -> str:
        """What the user is told, in plain words."""
        if self.sound:
            return ""
        lines = ["数据库文件损坏了（可能是上次突然断电或强行关机造成的）。",
                 f"损坏的文件没有删除，已改名保存为：{self.moved_to}"]
        if self.offer:
            lines.append(f"最近一份完好的备份是 {self.offer.made_at:%Y年%m月%d日 %H:%M} 做的："
                         f"{self.offer.path}")
        else:
            lines.append("没有找到完好的自动备份；如果在 U 盘上存有备份，可以从那里恢复。")
        return "\n".join(lines)


FULL_CHECK_BYTES = 256 * 2**20  # quick_check + foreign keys: 1 ms for a branch, 4.5 s for 866 MiB


def header_check(path: Path) -> IntegrityReport:
    """The cheap check: the file opens as SQLite and its schema reads."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=rw", uri=True)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    except sqlite3.Error as exc:
        return IntegrityReport(path, False, [f"无法读取：{backup.plain_reason(exc)}"], True)
    return IntegrityReport(path, True)


def startup_check(db_path: Path, closed_cleanly: bool = False) -> StartupVerdict:
    """Run at start: a missing file is fine (it will be created); a damaged one is set aside.

    The full check runs whenever the file is of ordinary size or the last program using it did
    not close (crash, power cut); a county-size file that was closed properly gets the cheap
    check (its damage would also stop the next automatic backup, whose copy is verified)."""
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return StartupVerdict(True)
    full = not closed_cleanly or db_path.stat().st_size < FULL_CHECK_BYTES
    report = check_database(db_path) if full else header_check(db_path)
    if not report.damaged:
        if not report.sound:  # a dangling reference: the file is readable, keep working on it
            log.warning("start check of %s: %s", db_path, report.text())
        return StartupVerdict(True, report)
    moved = set_aside(db_path)
    _write_marker(db_path, moved, report)
    return StartupVerdict(False, report, moved, newest_good_backup(db_path))


def restore_offer(db_path: Path, offer: backup.BackupInfo) -> Path:
    """Put the offered backup where the damaged database was (that one is already set aside)."""
    made = backup.copy_database(offer.path, Path(db_path))
    clear_marker(db_path)
    return made
