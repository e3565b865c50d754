"""Issue 16, point 8: what an interrupted run left behind is removed at the next start — only
the program's own names, only older than an hour, never the database's hot journal."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from app import leftovers

ROOT = Path(__file__).resolve().parents[2]
HOURS_AGO = time.time() - 3 * 3600


def _make(path: Path, old: bool = True, folder: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if folder:
        path.mkdir()
        (path / "zhibu.sqlite3").write_bytes(b"a full copy of the database")
    else:
        path.write_bytes(b"personal data")
    if old:
        for p in [path, *(path.iterdir() if folder else [])]:
            os.utime(p, (HOURS_AGO, HOURS_AGO))
    return path


def _layout(tmp_path: Path, old: bool) -> tuple[Path, Path, Path, list[Path]]:
    data, exports, temp = tmp_path / "data", tmp_path / "exports", tmp_path / "tmp"
    db = data / "zhibu.sqlite3"
    made = [
        _make(data / "backups" / "zhibu-20261120-0930-自动.sqlite3.part", old),
        _make(data / "backups" / "zhibu-20261120-0930-自动.sqlite3.part-journal", old),
        _make(data / "zhibu.sqlite3.handover", old),
        _make(data / "zhibu.sqlite3.restoring.part", old),
        _make(data / "prefs.tmp", old),
        _make(exports / ".~2026年第三季度报表k3j_x9a2.xlsx", old),
        _make(exports / ".~走访登记表abcd1234.pdf", old),
        _make(exports / ".移交-第一支部.zhibu.part", old),
        _make(temp / "zhibu-pack-8f2k1m0q", old, folder=True),
        _make(temp / "zhibu-print-ab12cd34", old, folder=True),
        _make(temp / "zhibu" / "走访登记表-20261120-093000.pdf", old),
    ]
    return db, exports, temp, made


def test_old_leftovers_are_removed(tmp_path):
    db, exports, temp, made = _layout(tmp_path, old=True)
    removed = leftovers.clean(db, [exports], temp=temp)
    assert sorted(removed) == sorted(made)
    assert not any(p.exists() for p in made)
    assert not (temp / "zhibu").exists()  # the old shared folder, now empty


def test_fresh_ones_belong_to_a_window_at_work_and_stay(tmp_path):
    db, exports, temp, made = _layout(tmp_path, old=False)
    assert leftovers.clean(db, [exports], temp=temp) == []
    assert all(p.exists() for p in made)


def test_nothing_else_is_touched(tmp_path):
    data, exports, temp = tmp_path / "data", tmp_path / "exports", tmp_path / "tmp"
    keep = [
        _make(data / "zhibu.sqlite3"),
        _make(data / "zhibu.sqlite3-journal"),  # SQLite's hot journal: needed to undo a write
        _make(data / "zhibu.sqlite3-wal"),
        _make(data / "backups" / "zhibu-20261120-0930-自动.sqlite3"),
        _make(exports / "2026年第三季度报表.xlsx"),
        _make(exports / "~$2026年第三季度报表.xlsx"),  # Excel's own lock file
        _make(exports / "notes.part"),
        _make(temp / "other-program-12345", folder=True),
        _make(temp / "zhibu" / "别人的文件.pdf"),
    ]
    assert leftovers.clean(data / "zhibu.sqlite3", [exports], temp=temp) == []
    assert all(p.exists() for p in keep)


def test_a_clock_set_back_does_not_make_fresh_files_old(tmp_path):
    db, exports, temp, _made = _layout(tmp_path, old=False)
    assert leftovers.clean(db, [exports], temp=temp, now=time.time() - 86_400) == []


def test_the_command_line_cleans_at_start(tmp_path):
    home = tmp_path / "home"
    old = _make(home / "backups" / "zhibu-20261120-0930-手动.sqlite3.part")
    # killed a moment ago (the kill table found one left): nobody holds the database, so no
    # program of ours can be making it — removed whatever its age
    fresh = _make(home / "backups" / "zhibu-20261201-0930-导入前.sqlite3.part", old=False)
    temp = _make(tmp_path / "tmp" / "zhibu-pack-old", folder=True)
    fresh_temp = _make(tmp_path / "tmp" / "zhibu-pack-new", old=False, folder=True)
    env = {**os.environ, "ZHIBU_HOME": str(home), "TMPDIR": str(temp.parent)}
    env.pop("ZHIBU_DB", None)
    result = subprocess.run([sys.executable, "-m", "app", "members"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert not old.exists() and not fresh.exists() and not temp.exists()
    assert fresh_temp.exists()  # the temporary folder is shared by every database: age decides


def test_while_a_program_holds_the_database_its_fresh_backup_stays(tmp_path):
    db, exports, temp, made = _layout(tmp_path, old=False)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from app.storage.instance_lock import "
         "InstanceLock; assert InstanceLock(sys.argv[1]).acquire(); print('held', flush=True); "
         "time.sleep(60)", str(db)], cwd=ROOT, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout.readline().strip() == "held"
        from app.storage.instance_lock import nobody_holds

        assert not nobody_holds(db)
        assert leftovers.clean(db, [exports], temp=temp, database_free=nobody_holds(db)) == []
        assert all(p.exists() for p in made)
    finally:
        holder.kill()
        holder.wait()
    assert nobody_holds(db)
    removed = leftovers.clean(db, [exports], temp=temp, database_free=True)
    assert {p.name for p in removed} == {
        "zhibu-20261120-0930-自动.sqlite3.part", "zhibu-20261120-0930-自动.sqlite3.part-journal",
        "zhibu.sqlite3.handover", "zhibu.sqlite3.restoring.part"}  # beside the database only


def test_a_killed_export_leaves_a_note_and_the_next_start_removes_its_files(tmp_path):
    """The kill table found `.out.zhibu.part` on the stick after a handover was killed."""
    home, stick = tmp_path / "data", tmp_path / "stick"
    home.mkdir()
    part = _make(stick / ".交接.zhibu.part", old=False)
    theirs = _make(stick / "季度报表.xlsx", old=False)  # a finished file: never removed
    env = {**os.environ, "ZHIBU_HOME": str(home), "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from app import "
         "leftovers; leftovers.note_writing(*map(Path, sys.argv[1:])); print('noted', "
         "flush=True); time.sleep(60)", str(part), str(theirs)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "noted"
    assert leftovers.clean_notes(home) == []  # the writer is still at work
    assert part.exists()
    writer.kill()
    writer.wait()
    assert leftovers.clean_notes(home) == [part]
    assert not part.exists() and theirs.exists()
    assert list((home / leftovers.NOTES_DIR).glob("*.txt")) == []


def test_a_note_of_this_process_is_kept_until_done(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHIBU_HOME", str(tmp_path))
    temp = _make(tmp_path / "out" / ".~花名册k3j_x9a2.xlsx", old=False)
    note = leftovers.note_writing(temp)
    assert note is not None and note.exists()
    assert leftovers.clean_notes(tmp_path) == [] and temp.exists()
    leftovers.done_writing(note)
    assert not note.exists()
