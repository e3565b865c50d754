"""What the backups folder remembers about each automatic copy, beyond its file name.

A backup's name carries the time the computer's clock showed, and office PCs' clocks are wrong
often enough (a flat BIOS battery) that time alone cannot order copies or decide that one is
old. So each copy made into the folder gets an entry in `index.json` beside it:

- `seq`: a counter that only goes up — the true order in which copies were made, whatever the
  clock said (rotation keeps the newest by `seq`, never deletes because of a date gap);
- `members`: how many members the copy holds (rotation never deletes the newest copy that holds
  any, and keeps only one copy of an empty database);
- `db_stamp`: the database's last-write time when it was copied, so "has anything changed since
  the last copy?" can be answered even when that time lies in the future.

The index is a cache of facts that can be recomputed (members) or safely forgotten (a copy with
no entry sorts by its date, before every numbered one): losing it never loses a backup.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

INDEX_NAME = "index.json"
FUTURE_SLACK = timedelta(days=1)  # a copy dated later than now + this: the clock was wrong


def load(folder: Path) -> dict[str, dict]:
    """`{file name: entry}`; an unreadable or foreign index counts as none (never an error)."""
    try:
        data = json.loads((Path(folder) / INDEX_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or not isinstance(data.get("backups"), dict):
        return {}
    return {k: v for k, v in data["backups"].items() if isinstance(v, dict)}


def save(folder: Path, entries: dict[str, dict]) -> None:
    """Write the index for the files that still exist (temporary name, then one rename)."""
    folder = Path(folder)
    kept = {name: e for name, e in entries.items() if (folder / name).exists()}
    target = folder / INDEX_NAME
    tmp = target.with_name(target.name + ".part")
    try:
        tmp.write_text(json.dumps({"backups": kept}, ensure_ascii=False, indent=1),
                       encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        tmp.unlink(missing_ok=True)  # the index is a cache: the backup itself is already safe


def record(folder: Path, name: str, members: int | None, db_stamp: float) -> int:
    """Add the copy `name` just made; returns its sequence number."""
    entries = load(folder)
    seq = 1 + max((e.get("seq", 0) for e in entries.values()
                   if isinstance(e.get("seq"), int)), default=0)
    entries[name] = {"seq": seq, "members": members, "db_stamp": db_stamp}
    save(folder, entries)
    return seq


def count_members(path: Path) -> int | None:
    """Members in the database file `path`; 0 when it has no member table, None if unreadable."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            has = con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='member'"
                              ).fetchone()
            return con.execute("SELECT count(*) FROM member").fetchone()[0] if has else 0
        finally:
            con.close()
    except sqlite3.Error:
        return None


def with_members(backups: list) -> list:
    """`backups` (BackupInfo, one folder) with the member counts the index lacks filled in —
    copies made before the index existed — and remembered for next time."""
    missing = [b for b in backups if b.members is None]
    if not missing:
        return backups
    folder = missing[0].path.parent
    entries = load(folder)
    counted = {}
    for b in missing:
        n = count_members(b.path)
        if n is not None:
            counted[b.path] = n
            entries.setdefault(b.path.name, {})["members"] = n
    save(folder, entries)
    return [replace(b, members=counted.get(b.path, b.members)) for b in backups]


def is_future(made_at: datetime, now: datetime) -> bool:
    return made_at > now + FUTURE_SLACK


def clock_warning(dates: list[datetime], now: datetime | None = None) -> str:
    """A sentence when a backup is dated well after today (the clock is, or was, wrong)."""
    now = now or datetime.now()
    future = [d for d in dates if is_future(d, now)]
    if not future:
        return ""
    d = max(future)
    return (f"电脑的日期可能不对：有一份备份的日期是 {d.year}年{d.month}月{d.day}日"
            f"（今天按电脑算是 {now.year}年{now.month}月{now.day}日）。"
            "请核对电脑右下角的日期和时间；备份照常进行，哪一份也不会因此被删除。")
