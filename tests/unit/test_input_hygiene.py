"""Issue 16, point 9: control characters never stored or echoed, `members | head` quiet, a
read-only data folder named as such, a demo far larger than SQLite's variable limit allows in
one statement."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import WorkError
from app.importing.cleaners import clean_name, clean_text
from app.models import Member
from app.plain_text import strip_controls
from app.services import members

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "王\x1b[31m建\u202e国\u200b"


def _cli_env(home: Path) -> dict:
    temp = home.parent / "tmp"  # the start's tidying looks there, not in the machine's /tmp
    temp.mkdir(exist_ok=True)
    env = {**os.environ, "ZHIBU_HOME": str(home), "TMPDIR": str(temp)}
    env.pop("ZHIBU_DB", None)
    return env


def test_strip_controls_removes_c0_c1_bidi_and_zero_width_but_keeps_chinese():
    assert strip_controls(HOSTILE) == "王[31m建国"
    assert strip_controls("甲\x85乙\u2066丙\u2069\ufeff") == "甲乙丙"
    assert strip_controls("第一行\n第二行\t完") == "第一行 第二行 完"
    assert strip_controls("第一行\n第二行", keep_lines=True) == "第一行\n第二行"
    assert strip_controls("阿依古丽·买买提（维吾尔族）") == "阿依古丽·买买提（维吾尔族）"


def test_import_cleaners_strip_them():
    assert clean_name(HOSTILE) == "王[31m建国"
    assert clean_text("城关镇\x1b人民路\u202e88号") == "城关镇人民路88号"


def test_the_member_form_stores_none(db, branch_id):
    data = members.MemberInput(name=HOSTILE, address="人民路\u202e88号",
                               notes="腿脚不便\n\x07需上门")
    with db.session() as s:
        member_id = members.add_member(s, branch_id, data)
    with db.session() as s:
        m = s.get(Member, member_id)
        assert (m.name, m.address, m.notes) == ("王[31m建国", "人民路88号", "腿脚不便\n需上门")


def test_a_name_of_only_controls_is_refused_as_empty(db, branch_id):
    with pytest.raises(members.MemberError, match="请填写姓名"), db.session() as s:
        members.add_member(s, branch_id, members.MemberInput(name="\u202e\x1b"))


def test_any_save_through_a_session_is_cleaned(db, branch_id):
    with db.session() as s:
        s.add(Member(branch_id=branch_id, name="李\u202e秀兰", phone="139\x1b0371"))
    with db.session() as s:
        m = s.query(Member).one()
        assert (m.name, m.phone) == ("李秀兰", "1390371")


def test_the_command_line_never_echoes_them(tmp_path):
    """Even a name stored raw by an older version (or another program) prints clean."""
    home = tmp_path / "home"
    env = _cli_env(home)
    run = [sys.executable, "-m", "app"]
    assert subprocess.run([*run, "demo", "--members", "12"], cwd=ROOT, env=env,
                          capture_output=True, check=False).returncode == 0
    con = sqlite3.connect(home / "zhibu.sqlite3")
    con.execute("UPDATE member SET name = ? WHERE id = 1", (HOSTILE,))
    con.commit()
    con.close()
    for extra in ([], ["--json"]):
        out = subprocess.run([*run, "members", "--all", *extra], cwd=ROOT, env=env,
                             capture_output=True, text=True, check=False).stdout
        assert "王[31m建国" in out
        assert not any(c in out for c in "\x1b\u202e\u200b")


def test_members_piped_into_head_stops_quietly(tmp_path):
    home = tmp_path / "home"
    env = _cli_env(home)
    assert subprocess.run([sys.executable, "-m", "app", "demo", "--members", "12"], cwd=ROOT,
                          env=env, capture_output=True, check=False).returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "app", "members"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader has gone before the first line, as `head` does
    err = proc.stderr.read().decode("utf-8")
    proc.wait(60)
    log = (home / "logs" / "zhibu.log").read_text(encoding="utf-8")
    assert err == ""
    assert "BrokenPipeError" not in log and "Traceback" not in log
    assert proc.returncode == 141


def test_a_read_only_folder_is_called_read_only_not_taken(tmp_path, monkeypatch):
    from app.runtime import open_database
    from app.storage import instance_lock

    path = tmp_path / "zhibu.sqlite3"
    open_database(path).dispose()

    def refuse(*_a, **_k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(instance_lock, "open", refuse, raising=False)
    db = open_database(path)
    try:
        assert db.read_only and db.lock.unwritable
        message = instance_lock.taken_message(db.path, db.lock.holder())
        assert "不能写入" in message and "另一个窗口" not in message
        with pytest.raises(WorkError, match="不能写入"), db.session() as s:
            s.add(Member(branch_id=None, name="甲"))
    finally:
        db.dispose()


def test_the_window_says_read_only_folder_too(tmp_path, monkeypatch, said):
    from app.runtime import open_database
    from app.storage import instance_lock
    from app.ui import startup_safety

    path = tmp_path / "zhibu.sqlite3"
    open_database(path).dispose()
    monkeypatch.setattr(startup_safety, "tell_already_open",
                        lambda *a, **k: said.append(("already open", "")))
    monkeypatch.setattr(instance_lock, "open",
                        lambda *a, **k: (_ for _ in ()).throw(PermissionError(13, "denied")),
                        raising=False)
    db, status = startup_safety.open_for_window(path)
    assert db is None and status == 1
    [(kind, text)] = said
    assert kind == "error" and "不能写入" in text


def test_a_demo_beyond_the_variable_limit_is_inserted_in_chunks(db, monkeypatch):
    """SQLite allows 250,000 variables a statement; 8,000 members' year of attendance needed
    ~340,000. Scaled down: a limit of 600 variables and chunks of 250 rows."""
    from datetime import date

    import app.demo
    from app.demo import fill_demo

    monkeypatch.setattr(app.demo, "CHUNK_ROWS", 250)

    def small_limit(dbapi_connection, _record):
        dbapi_connection.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 600)

    from sqlalchemy import event

    event.listen(db.engine, "connect", small_limit)
    db.engine.dispose()
    summary = fill_demo(db, members=60, seed=1, today=date(2026, 11, 20))
    assert summary.members == 60
    with db.session() as s:
        from app.models import Attendance

        assert s.query(Attendance).count() > 600  # more rows than one statement could take
