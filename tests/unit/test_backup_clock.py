"""A backup dated in the future (the clock ran ahead once) neither stops automatic backups nor
makes rotation delete history, and the user is told the clock looks wrong (issue 16)."""

import os
from datetime import datetime, timedelta

from app.cli import run
from app.storage import backup
from app.storage.backup_rotation import backups_to_keep
from app.services.members import MemberInput, add_member

REAL = datetime(2026, 12, 1, 9, 0)
AHEAD = datetime(2027, 12, 15, 10, 0)  # a wrong BIOS date


def _add(db, branch_id, name):
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name=name))


def _touch(path, when):
    for p in (path, path.with_name(path.name + "-wal")):
        if p.exists():
            os.utime(p, (when.timestamp(), when.timestamp()))


def _history(db, branch_id, days=60):
    """A backup each morning for `days` days before REAL, each after a change."""
    for i in range(days, 0, -1):
        at = REAL - timedelta(days=i)
        _add(db, branch_id, f"党员{i}")
        _touch(db.path, at - timedelta(minutes=5))
        assert backup.maybe_backup(db.path, now=at) is not None


def test_the_forward_jump_deletes_no_history(db, branch_id):
    _history(db, branch_id)
    before = {b.path for b in backup.list_backups(db.path)}
    _add(db, branch_id, "钟快了")
    _touch(db.path, AHEAD - timedelta(minutes=5))
    ahead = backup.maybe_backup(db.path, now=AHEAD)
    assert ahead is not None
    after = {b.path for b in backup.list_backups(db.path)}
    # the jump counts as one more day and one more week, like any new day: at most the oldest
    # day's and the oldest week's copy make room (the old rule, counting back from "today",
    # kept only the seven newest of these 20)
    gone = before - after
    assert len(gone) <= 2, sorted(p.name for p in gone)
    assert len(before) == 20 and len(after) == len(before) - len(gone) + 1
    assert all(p.name < "zhibu-20261118" for p in gone)  # never one of the newest two weeks


def test_back_at_the_real_date_automatic_backups_go_on(db, branch_id):
    _history(db, branch_id, days=3)
    _add(db, branch_id, "钟快了")
    _touch(db.path, AHEAD - timedelta(minutes=5))
    assert backup.maybe_backup(db.path, now=AHEAD) is not None
    count = len(backup.list_backups(db.path))
    # the clock is put right; a change today is backed up, the future copy notwithstanding
    _add(db, branch_id, "今天")
    _touch(db.path, REAL + timedelta(minutes=1))
    made = backup.maybe_backup(db.path, now=REAL + timedelta(minutes=2))
    assert made is not None
    assert backup.list_backups(db.path)[0].path == made  # the newest by the order made
    assert backup.maybe_backup(db.path, now=REAL + timedelta(minutes=10)) is None  # 30 minutes
    # on exit (interval 0) nothing changed: no copy
    assert backup.maybe_backup(db.path, now=REAL + timedelta(hours=1),
                               interval=timedelta(0)) is None
    assert len(backup.list_backups(db.path)) == count + 1
    assert any(b.made_at == AHEAD for b in backup.list_backups(db.path))  # never thrown away


def test_a_database_written_while_the_clock_ran_ahead_is_copied_once(db, branch_id):
    _history(db, branch_id, days=2)
    _add(db, branch_id, "钟快了")
    _touch(db.path, AHEAD - timedelta(minutes=5))  # its last write is dated in the future
    first = backup.maybe_backup(db.path, now=REAL)
    assert first is not None
    assert backup.maybe_backup(db.path, now=REAL + timedelta(hours=1)) is None  # unchanged
    _add(db, branch_id, "又改了")
    _touch(db.path, AHEAD + timedelta(minutes=1))
    assert backup.maybe_backup(db.path, now=REAL + timedelta(hours=2)) is not None


def test_the_user_is_told_the_clock_looks_wrong(db, branch_id):
    _add(db, branch_id, "张建国")
    backup.make_backup(db.path, now=AHEAD)
    said = backup.clock_warning(db.path, now=REAL)
    assert "电脑的日期可能不对：有一份备份的日期是 2027年12月15日" in said
    assert backup.clock_warning(db.path, now=AHEAD) == ""


def test_zhibu_backup_prints_the_clock_warning(db, branch_id, capsys):
    _add(db, branch_id, "张建国")
    ahead = datetime.now() + timedelta(days=400)
    backup.make_backup(db.path, now=ahead)
    db.dispose()
    assert run(["--db", str(db.path), "backup"]) == 0
    out = capsys.readouterr().out
    assert "已备份并校验" in out
    assert f"电脑的日期可能不对：有一份备份的日期是 {ahead.year}年{ahead.month}月{ahead.day}日" in out


def test_rotation_by_order_made_never_deletes_because_of_a_gap():
    """A year without the program (or a clock jump) deletes nothing by itself."""
    old = [datetime(2025, 1, 1) + timedelta(days=i) for i in range(20)]
    later = datetime(2026, 6, 1)
    kept = backups_to_keep([(d, d) for d in [*old, later]], later)
    assert len(old) + 1 - len(kept) <= 6 and later in kept
    assert old[-1] in kept and old[-13] in kept  # the fourteen latest days that have copies
