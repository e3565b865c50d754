"""Issue 16, point 7: no personal data in errors or logs, a write that waits for another
program's lock (BEGIN IMMEDIATE), and files that only their owner can read."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from app.errors import WorkError
from app.models import Member

ROOT = Path(__file__).resolve().parents[2]
ID_NUMBER = "41012219380512001X"
PHONE = "13903711234"
ROSTER = ("姓名,性别,身份证号,联系电话,家庭住址\n"
          f"王建国,男,{ID_NUMBER},{PHONE},城关镇人民路88号\n"
          "李秀英,女,410122194001020028,13803719876,城关镇解放街12号\n")


def _cli(home: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    temp = home.parent / "tmp"  # the start's tidying looks there, not in the machine's /tmp
    temp.mkdir(exist_ok=True)
    env = {**os.environ, "ZHIBU_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
           "TMPDIR": str(temp)}
    env.pop("ZHIBU_DB", None)
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout, check=False)


def _members(db_path: Path) -> int:
    con = sqlite3.connect(db_path)
    try:
        return con.execute("SELECT count(*) FROM member").fetchone()[0]
    finally:
        con.close()


def _hold_write_lock(db_path: Path, seconds: float) -> threading.Thread:
    """Another program's write transaction on the file, held for `seconds`."""
    ready = threading.Event()

    def hold():
        con = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
        con.execute("BEGIN IMMEDIATE")
        ready.set()
        time.sleep(seconds)
        con.execute("ROLLBACK")
        con.close()

    t = threading.Thread(target=hold, daemon=True)
    t.start()
    assert ready.wait(5)
    return t


def test_an_integrity_error_names_no_id_number_or_phone(db, branch_id, caplog):
    from app.storage.db import short_reason

    with db.session() as s:
        s.add(Member(branch_id=branch_id, name="王建国", id_number=ID_NUMBER, phone=PHONE))
    with pytest.raises(IntegrityError) as info, db.session() as s:
        s.add(Member(branch_id=branch_id, name="王建国", id_number=ID_NUMBER, phone=PHONE))
    text = str(info.value)
    assert "hidden" in text  # SQLAlchemy's own note that it left them out
    assert ID_NUMBER not in text and PHONE not in text
    reason = short_reason(info.value)
    assert "UNIQUE" in reason and "member.id_number" in reason and ID_NUMBER not in reason


def test_the_log_masks_id_numbers_and_cuts_a_statement_of_megabytes(tmp_path):
    from app.logsetup import ScrubbingFormatter

    record = logging.LogRecord("x", logging.ERROR, __file__, 1,
                               f"row {ID_NUMBER} phone {PHONE} " + "(?, ?), " * 200_000,
                               None, None)
    out = ScrubbingFormatter("%(message)s").format(record)
    assert ID_NUMBER not in out and PHONE not in out
    assert "410122********001X" in out and "139****1234" in out
    assert len(out) < 25_000 and "未记" in out


def test_a_write_waits_for_another_programs_lock_and_then_succeeds(db, branch_id):
    """A session that reads first and writes later: with a deferred BEGIN it failed at once
    (SQLite does not wait on that upgrade); BEGIN IMMEDIATE waits for the lock instead."""
    holder = _hold_write_lock(db.path, 2.0)
    started = time.monotonic()
    with db.session() as s:
        s.get(Member, 1)  # a read first, as most services do
        s.add(Member(branch_id=branch_id, name="张德顺"))
    waited = time.monotonic() - started
    holder.join()
    assert 1.5 < waited < 8
    assert _members(db.path) == 1


def test_a_lock_held_past_the_timeout_is_a_sentence_and_nothing_is_half_written(
        db, branch_id, monkeypatch):
    import app.storage.db

    monkeypatch.setattr(app.storage.db, "BUSY_TIMEOUT_MS", 1000)
    db.engine.dispose()  # new connections get the shorter timeout
    with db.session() as s:
        s.add(Member(branch_id=branch_id, name="甲"))
    holder = _hold_write_lock(db.path, 3.0)
    with pytest.raises(WorkError) as info, db.session() as s:
        s.add(Member(branch_id=branch_id, name="乙"))
        s.add(Member(branch_id=branch_id, name="丙"))
    holder.join()
    assert "数据库正被另一个程序占用" in str(info.value)
    assert _members(db.path) == 1


def test_reads_on_one_thread_do_not_wait_for_a_write_on_another(db, branch_id):
    """The window reads on its own thread while a task writes: the reader begins deferred
    (WAL lets it read) instead of queueing behind the writer."""
    entered, release = threading.Event(), threading.Event()

    def writer():
        with db.session() as s:
            s.add(Member(branch_id=branch_id, name="赵振华"))
            s.flush()
            entered.set()
            release.wait(10)

    t = threading.Thread(target=writer)
    t.start()
    assert entered.wait(5)
    started = time.monotonic()
    with db.session() as s:
        assert s.query(Member).count() == 0  # the writer has not committed yet
    assert time.monotonic() - started < 1
    release.set()
    t.join()
    assert _members(db.path) == 1


def test_cli_import_while_another_program_writes_shows_no_personal_data(tmp_path):
    home = tmp_path / "home"
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    assert _cli(home, "demo", "--members", "3").returncode == 0
    db_path = home / "zhibu.sqlite3"
    before = _members(db_path)
    holder = _hold_write_lock(db_path, 14.0)  # longer than the 10 s busy timeout
    result = _cli(home, "import-members", str(roster))
    holder.join()
    log = (home / "logs" / "zhibu.log").read_text(encoding="utf-8")
    assert result.returncode != 0
    assert "数据库正被另一个程序占用" in result.stderr
    for secret in (ID_NUMBER, PHONE, "人民路88号"):
        assert secret not in result.stderr and secret not in result.stdout and secret not in log
    assert _members(db_path) == before


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_files_with_personal_data_are_owner_only(tmp_path):
    home = tmp_path / "home"
    out = tmp_path / "exports"
    out.mkdir()
    assert _cli(home, "demo", "--members", "5").returncode == 0
    assert _cli(home, "backup").returncode == 0
    assert _cli(home, "export-members", "-o", str(out / "花名册.xlsx")).returncode == 0
    made = [p for p in [*home.rglob("*"), *out.iterdir()]]
    files = [p for p in made if p.is_file()]
    names = {p.name for p in files}
    assert {"zhibu.sqlite3", "zhibu.log", "花名册.xlsx"} <= names
    assert any(p.parent.name == "backups" for p in files)
    for p in made:
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode & 0o077 == 0, f"{p} is {oct(mode)}"


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_database_made_readable_by_an_older_version_becomes_private(tmp_path):
    from app.runtime import open_database

    path = tmp_path / "old.sqlite3"
    open_database(path).dispose()
    os.chmod(path, 0o644)
    open_database(path).dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
