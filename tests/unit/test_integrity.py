"""A damaged database is found at start, set aside (never deleted), and a good backup offered."""

import os
import sqlite3
import subprocess
import sys

import pytest

from app.runtime import DatabaseDamaged, open_database
from app.storage import backup, integrity
from app.services.members import MemberInput, add_member

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def _fill(db, branch_id, n=300):
    with db.session() as s:
        for i in range(n):
            add_member(s, branch_id, MemberInput(name=f"党员{i:03d}", address="某某街道" * 20))


def _corrupt(path, pages=(3, 4, 5, 6, 7, 8)):
    """Overwrite whole pages in the middle of the file with garbage bytes."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with open(path, "r+b") as f:
        for n in pages:
            f.seek((n - 1) * page)
            f.write(os.urandom(page))


def test_a_sound_database_passes_both_checks(db, branch_id):
    _fill(db, branch_id, 5)
    report = integrity.check_database(db.path)
    assert report.sound and report.problems == []


def test_garbage_pages_are_found_and_the_file_is_set_aside_with_the_newest_good_backup(
        db, branch_id):
    _fill(db, branch_id)
    good = backup.make_backup(db.path)
    db.dispose()
    _corrupt(db.path)
    report = integrity.check_database(db.path)
    assert not report.sound and report.problems
    with pytest.raises(DatabaseDamaged) as caught:
        open_database(db.path)
    verdict = caught.value.verdict
    assert not db.path.exists()
    assert verdict.moved_to.exists() and "损坏" in verdict.moved_to.name
    assert verdict.offer.path == good
    assert "没有删除" in str(caught.value) and str(good) in str(caught.value)
    integrity.restore_offer(db.path, verdict.offer)
    again = open_database(db.path)
    try:
        with again.session() as s:
            assert s.execute(__import__("sqlalchemy").text("select count(*) from member")).scalar() == 300
    finally:
        again.dispose()


def test_a_damaged_backup_is_never_offered(db, branch_id):
    _fill(db, branch_id, 50)
    older = backup.make_backup(db.path, reason="旧")
    newer = backup.make_backup(db.path, reason="新")
    _corrupt(newer, pages=(2, 3))
    offer = integrity.newest_good_backup(db.path)
    assert offer.path == older


def test_a_broken_foreign_key_is_reported(db, branch_id):
    _fill(db, branch_id, 2)
    con = sqlite3.connect(db.path)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("UPDATE member SET branch_id = 999")
    con.commit()
    con.close()
    report = integrity.check_database(db.path)
    assert not report.sound and "member" in report.problems[0] and not report.damaged
    verdict = integrity.startup_check(db.path)  # readable: kept in place, work goes on
    assert verdict.sound and db.path.exists() and not verdict.report.sound


def test_zhibu_check_reports_a_corrupted_file_with_exit_1_and_keeps_it(tmp_path):
    path = tmp_path / "z.sqlite3"
    db = open_database(path)
    from app.services.roster import ensure_branch

    with db.session() as s:
        bid = ensure_branch(s, "一支部").id
    _fill(db, bid)
    db.dispose()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    ok = subprocess.run(check=False, args=[sys.executable, "-m", "app", "--db", str(path), "check"], cwd=ROOT,
                        env=env, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    _corrupt(path)
    bad = subprocess.run(check=False, args=[sys.executable, "-m", "app", "--db", str(path), "check"], cwd=ROOT,
                         env=env, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    assert "损坏" in bad.stderr and "Traceback" not in bad.stderr
    assert list(tmp_path.glob("z.sqlite3.损坏-*"))


def test_a_big_file_closed_properly_gets_the_cheap_check_and_after_a_crash_the_full_one(
        db, branch_id, monkeypatch):
    _fill(db, branch_id)
    db.dispose()
    _corrupt(db.path)
    monkeypatch.setattr(integrity, "FULL_CHECK_BYTES", 1)  # as if it were county-size
    assert integrity.startup_check(db.path, closed_cleanly=True).sound  # header reads fine
    verdict = integrity.startup_check(db.path, closed_cleanly=False)
    assert not verdict.sound and verdict.moved_to.exists()
