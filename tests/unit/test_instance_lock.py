"""One writer: a second program on the same database may look but not change anything."""

import os
import subprocess
import sys
import textwrap

import pytest

from app.errors import UserError
from app.runtime import open_database
from app.storage.instance_lock import InstanceLock
from app.services.members import MemberInput, add_member

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]

HOLDER = textwrap.dedent("""
    import sys, time
    from app.storage.instance_lock import InstanceLock
    lock = InstanceLock(sys.argv[1])
    print("held" if lock.acquire() else "taken", flush=True)
    time.sleep(60)
""")


def _holder(db_path):
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db_path)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_program_opens_read_only_and_is_told_why(db, branch_id):
    db.dispose()  # this test process is the second program
    proc = _holder(db.path)
    try:
        second = open_database(db.path)
        try:
            assert second.read_only
            with pytest.raises(UserError, match="正在被.*使用"), second.session() as s:
                add_member(s, branch_id, MemberInput(name="张建国"))
            with second.session() as s:  # looking is fine
                assert s.execute(__import__("sqlalchemy").text("select count(*) from member")
                                 ).scalar() == 0
        finally:
            second.dispose()
    finally:
        proc.kill()
        proc.wait()


def test_a_lock_left_by_a_killed_program_needs_no_manual_step(db, branch_id):
    db.dispose()
    proc = _holder(db.path)
    proc.kill()  # SIGKILL: no chance to clean up; the lock file stays on disk
    proc.wait()
    assert db.path.with_name(db.path.name + ".lock").exists()
    again = open_database(db.path)
    try:
        assert not again.read_only
        assert not again.lock.closed_cleanly  # so the start check was the full one
        with again.session() as s:
            add_member(s, branch_id, MemberInput(name="张建国"))
    finally:
        again.dispose()


def test_the_same_program_may_open_its_database_twice(tmp_path):
    a, b = InstanceLock(tmp_path / "x.sqlite3"), InstanceLock(tmp_path / "x.sqlite3")
    assert a.acquire() and b.acquire()
    a.release()
    b.release()
    c = InstanceLock(tmp_path / "x.sqlite3")
    assert c.acquire() and c.closed_cleanly
    c.release()


def test_cli_writing_command_refuses_while_the_window_holds_the_lock_but_check_runs(db):
    db.dispose()
    proc = _holder(db.path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        write = subprocess.run(check=False, args=[sys.executable, "-m", "app", "--db", str(db.path), "demo",
                                "--members", "5"], cwd=ROOT, env=env, capture_output=True,
                               text=True, timeout=120)
        assert write.returncode == 1 and "只能查看" in write.stderr, write.stderr
        check = subprocess.run(check=False, args=[sys.executable, "-m", "app", "--db", str(db.path), "check"],
                               cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        assert check.returncode == 0, check.stderr
    finally:
        proc.kill()
        proc.wait()


def test_a_folder_without_file_locks_still_lets_one_program_write(tmp_path, monkeypatch):
    import errno
    import fcntl

    def no_locks(*_a):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    lock = InstanceLock(tmp_path / "share.sqlite3")
    assert lock.acquire()
    lock.release()


def test_who_holds_the_lock_is_read_past_the_locked_first_byte(tmp_path):
    """On Windows the holder locks byte 0, so a second program reads from byte 1 on."""
    from app.storage import instance_lock

    path = tmp_path / "zhibu.sqlite3.lock"
    path.write_text("\x00\t王书记\t办公室电脑\t4242\t2026-11-29 09:00\topen\n", encoding="utf-8")
    holder = instance_lock._read_holder(path)
    assert (holder.user, holder.host, holder.pid) == ("王书记", "办公室电脑", 4242)
    assert instance_lock._read_state(path) == "open"
