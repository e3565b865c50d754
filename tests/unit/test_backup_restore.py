"""Backups by themselves, to a USB stick, and restoring one without ever losing the current data."""

import os
import sqlite3
from datetime import datetime, timedelta

import pytest

from app.errors import UserError
from app.runtime import open_database
from app.storage import backup
from app.storage import restore
from app.services.members import MemberInput, add_member


def _add(db, branch_id, name):
    with db.session() as s:
        return add_member(s, branch_id, MemberInput(name=name))


def _names(path):
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT name FROM member"))
    finally:
        con.close()


def _touch(db_path, when):
    for p in (db_path, db_path.with_name(db_path.name + "-wal")):
        if p.exists():
            os.utime(p, (when.timestamp(), when.timestamp()))


def test_backup_is_one_verified_file_beside_the_database(db, branch_id):
    _add(db, branch_id, "张建国")
    made = backup.make_backup(db.path, reason="测试")
    assert made.parent == db.path.parent / "backups"
    assert backup.quick_check(made) == "ok"
    assert _names(made) == ["张建国"]
    assert not made.with_name(made.name + "-wal").exists()  # self-contained (not WAL)
    [info] = backup.list_backups(db.path)
    assert info.path == made and info.reason == "测试"


def test_automatic_backup_waits_30_minutes_and_only_after_a_change(db, branch_id):
    _add(db, branch_id, "张建国")
    t0 = datetime.now() + timedelta(seconds=1)
    first = backup.maybe_backup(db.path, now=t0)
    assert first is not None
    _add(db, branch_id, "李桂兰")
    _touch(db.path, t0 + timedelta(minutes=5))  # written five minutes after the first copy
    assert backup.maybe_backup(db.path, now=t0 + timedelta(minutes=10)) is None  # too soon
    second = backup.maybe_backup(db.path, now=t0 + timedelta(minutes=31))
    assert second is not None and _names(second) == ["张建国", "李桂兰"]
    _touch(db.path, t0 + timedelta(minutes=20))  # nothing written since the last copy
    assert backup.maybe_backup(db.path, now=t0 + timedelta(hours=3)) is None
    assert len(backup.list_backups(db.path)) == 2


def test_opening_and_closing_without_a_change_makes_no_backup(db, branch_id):
    """SQLite creates an empty -wal at every open: that alone is not a change."""
    import sqlite3

    _add(db, branch_id, "张建国")
    db.dispose()
    with sqlite3.connect(db.path) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    t0 = datetime.now() + timedelta(seconds=1)
    assert backup.maybe_backup(db.path, now=t0) is not None
    wal = db.path.with_name(db.path.name + "-wal")
    wal.write_bytes(b"")  # the next session opens: an empty log, written after the copy
    _touch(wal, t0 + timedelta(minutes=5))
    assert backup.maybe_backup(db.path, now=t0 + timedelta(hours=1), interval=timedelta(0)) is None
    _add(db, branch_id, "李桂兰")  # a real change fills the log
    _touch(wal, t0 + timedelta(minutes=70))
    made = backup.maybe_backup(db.path, now=t0 + timedelta(hours=2), interval=timedelta(0))
    assert made is not None and _names(made) == ["张建国", "李桂兰"]


def test_backup_to_a_chosen_folder_and_a_missing_usb_stick(db, branch_id, tmp_path):
    _add(db, branch_id, "张建国")
    usb = tmp_path / "U盘"
    usb.mkdir()
    made = backup.backup_to_folder(db.path, usb)
    assert made.parent == usb and _names(made) == ["张建国"]
    with pytest.raises(UserError, match="找不到文件夹"):
        backup.backup_to_folder(db.path, tmp_path / "没插")


def test_preview_shows_branch_members_and_last_change_without_writing(db, branch_id):
    for name in ("张建国", "李桂兰", "王德顺"):
        _add(db, branch_id, name)
    made = backup.make_backup(db.path)
    before = made.stat().st_mtime_ns, made.read_bytes()
    p = restore.preview_backup(made)
    assert p.sound and p.branches == ["测试支部"] and p.members == 3
    assert p.last_change is not None and abs(p.last_change - datetime.now()) < timedelta(minutes=5)
    assert (made.stat().st_mtime_ns, made.read_bytes()) == before


def test_restore_brings_back_the_backup_and_keeps_the_current_data_as_a_backup(db, branch_id):
    _add(db, branch_id, "张建国")
    made = backup.make_backup(db.path)
    _add(db, branch_id, "后来加的")
    db.engine.dispose()
    kept, preview = restore.restore_backup(db.path, made)
    assert preview.members == 1
    assert _names(db.path) == ["张建国"]
    assert _names(kept) == ["后来加的", "张建国"] and "恢复前" in kept.name
    with db.session() as s:  # the open program carries on over the restored file
        assert add_member(s, branch_id, MemberInput(name="恢复后加的"))
    assert _names(db.path) == ["张建国", "恢复后加的"]


def test_a_restore_that_fails_at_the_last_step_leaves_the_current_database_as_it_was(
        db, branch_id, monkeypatch):
    _add(db, branch_id, "张建国")
    made = backup.make_backup(db.path)
    _add(db, branch_id, "李桂兰")
    db.engine.dispose()
    real_replace = os.replace

    def failing(src, dst):
        if str(dst) == str(db.path):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(backup.os, "replace", failing)
    with pytest.raises(UserError, match="当前数据保持原样"):
        restore.restore_backup(db.path, made)
    monkeypatch.setattr(backup.os, "replace", real_replace)
    assert _names(db.path) == ["张建国", "李桂兰"]
    assert backup.quick_check(db.path) == "ok"
    assert not list(db.path.parent.glob("*.restoring*"))


def test_a_damaged_or_foreign_file_is_refused_before_anything_changes(db, branch_id, tmp_path):
    _add(db, branch_id, "张建国")
    junk = tmp_path / "zhibu-20250101-000000-坏.sqlite3"
    junk.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    db.engine.dispose()
    for bad in (junk, other):
        with pytest.raises(UserError, match="不能用来恢复"):
            restore.restore_backup(db.path, bad)
    assert _names(db.path) == ["张建国"]
    assert backup.list_backups(db.path) == []  # refused before even the safety copy


def test_reopening_after_restore_migrates_nothing_and_reads_the_backup(tmp_path):
    first = open_database(tmp_path / "a.sqlite3")
    from app.services.roster import ensure_branch

    with first.session() as s:
        bid = ensure_branch(s, "一支部").id
        add_member(s, bid, MemberInput(name="张建国"))
    made = backup.make_backup(first.path)
    first.dispose()
    target = tmp_path / "b.sqlite3"
    restore.restore_backup(target, made)
    again = open_database(target)
    try:
        assert _names(target) == ["张建国"]
    finally:
        again.dispose()


def test_a_backup_written_by_a_newer_program_is_refused_and_nothing_changes(db, branch_id):
    _add(db, branch_id, "张建国")
    made = backup.make_backup(db.path)
    con = sqlite3.connect(made)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    _add(db, branch_id, "李桂兰")
    db.engine.dispose()
    with pytest.raises(UserError, match="更新版本"):
        restore.restore_backup(db.path, made)
    assert _names(db.path) == ["张建国", "李桂兰"]
    assert not list(db.path.parent.glob("*.restoring*"))


def test_the_released_schema_fixture_restores(db, branch_id):
    from pathlib import Path

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "schemas" / "0001.sqlite3"
    db.engine.dispose()
    restore.restore_backup(db.path, fixture)
    assert "旧版党员" in _names(db.path)
