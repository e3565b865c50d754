"""Disk full and read-only places: a plain Chinese message, nothing half-written, data unchanged.

Two ways of making a disk full: a write that raises OSError(ENOSPC) (monkeypatched, runs
everywhere) and a real 64 KiB tmpfs — a USB stick with no room left — that bubblewrap mounts for
a child process in its own mount namespace (no root needed, nothing mounted on the host; CI
installs bubblewrap for the monkey test too, and a missing one fails there). SQLite's own "database or disk is full" comes from
`PRAGMA max_page_count`, which makes SQLite hit the same SQLITE_FULL error a full disk gives.
Read-only: CI runs as root, which chmod does not stop, so a read-only place is simulated by
OSError(EROFS) and, for the database, by `PRAGMA query_only` (SQLite's read-only error).
"""

import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import event

from app.errors import WorkError
from app.storage import backup
from app.services.members import MemberInput, add_member

ROOT = Path(__file__).resolve().parents[2]


def _add(db, branch_id, name="张建国", **kw):
    with db.session() as s:
        return add_member(s, branch_id, MemberInput(name=name, **kw))


def _names(path):
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT name FROM member"))
    finally:
        con.close()


ON_THE_STICK = """
import json, os, sys
from pathlib import Path
from app.errors import WorkError
from app.runtime import open_database
db, usb, branch_id = open_database(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
said = None
try:
    exec(sys.argv[4])
except WorkError as exc:
    said = str(exc)
fds = [f"/proc/self/fd/{fd}" for fd in os.listdir("/proc/self/fd")]
held = [os.readlink(fd) for fd in fds if os.path.exists(fd)]
print(json.dumps({"said": said, "left": sorted(os.listdir(usb)),
                  "held": [path for path in held if path.startswith(str(usb))]}))
"""


def on_a_tiny_disk(db, branch_id, usb, work, size=64 * 1024) -> dict:
    """Run `work` (Python, with `db`, `usb` and `branch_id` at hand) in a child process that
    sees a `size`-byte tmpfs at `usb`; what it said (a WorkError's text, or None), the files
    left on the stick and the files on it the child still held open."""
    if not sys.platform.startswith("linux"):
        pytest.skip("a small tmpfs is mounted with bubblewrap, on Linux")
    usable = shutil.which("bwrap") and subprocess.run(
        ["bwrap", "--dev-bind", "/", "/", "true"], capture_output=True, check=False).returncode == 0
    if not usable:
        message = "needs bubblewrap (bwrap) to mount a small tmpfs for the child"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    usb.mkdir()
    db.dispose()  # the child becomes the file's writer
    done = subprocess.run(
        ["bwrap", "--dev-bind", "/", "/", "--size", str(size), "--tmpfs", str(usb),
         sys.executable, "-c", ON_THE_STICK, str(db.path), str(usb), str(branch_id), work],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "磁盘已满"), (errno.EROFS, "不能写入")])
def test_backup_on_a_full_or_read_only_disk_says_so_and_leaves_nothing(
        db, branch_id, monkeypatch, code, words):
    _add(db, branch_id)

    def refuse(src, dst):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(backup.os, "replace", refuse)
    with pytest.raises(WorkError, match=words):
        backup.make_backup(db.path)
    folder = db.path.parent / "backups"
    assert list(folder.iterdir()) == []  # no .part, no half copy


def test_backup_to_a_real_full_usb_stick(db, branch_id, tmp_path):
    for i in range(200):
        _add(db, branch_id, f"党员{i}", address="很长的地址" * 40)
    result = on_a_tiny_disk(db, branch_id, tmp_path / "usb", """
from app.storage import backup
backup.backup_to_folder(db.path, usb)
""")
    assert "磁盘已满" in (result["said"] or "没有出错")
    assert result["left"] == [] and result["held"] == []


def test_roster_export_on_a_full_disk_leaves_no_file(db, branch_id, tmp_path):
    for i in range(300):
        _add(db, branch_id, f"党员{i}", address="很长的地址" * 40)
    result = on_a_tiny_disk(db, branch_id, tmp_path / "usb", """
from app.services.roster_export import export_members
with db.session() as s:
    export_members(s, branch_id, usb / "花名册.xlsx")
""", size=8 * 1024)
    assert "磁盘已满" in (result["said"] or "没有出错")
    assert result["left"] == []
    # nothing still holds the half-written file open (on Windows that would keep it there)
    assert result["held"] == []


def test_export_write_refused_leaves_no_file(db, branch_id, tmp_path, monkeypatch):
    from xlsxwriter.workbook import Workbook

    from app.services.roster_export import export_members

    _add(db, branch_id)

    def full(self):
        with open(self.filename, "wb") as f:
            f.write(b"PK half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Workbook, "_store_workbook", full)
    with pytest.raises(WorkError, match="磁盘已满"), db.session() as s:
        export_members(s, branch_id, tmp_path / "花名册.xlsx")
    assert list(tmp_path.glob("*.xlsx")) == [] and list(tmp_path.glob(".~*")) == []


def test_database_full_keeps_the_data_as_it_was(db, branch_id):
    _add(db, branch_id, "张建国")

    @event.listens_for(db.engine, "connect")
    def cap(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    db.engine.dispose()
    with pytest.raises(WorkError, match="磁盘已满.*没有保存"):
        for i in range(500):
            _add(db, branch_id, f"党员{i}", address="很长的地址" * 200)
    event.remove(db.engine, "connect", cap)
    db.engine.dispose()
    assert backup.quick_check(db.path) == "ok"
    names = _names(db.path)
    assert "张建国" in names and len(names) < 501


def test_database_in_a_read_only_place_says_so(db, branch_id):
    @event.listens_for(db.engine, "connect")
    def ro(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA query_only=ON")

    db.engine.dispose()
    with pytest.raises(WorkError, match="不能写入"):
        _add(db, branch_id, "张建国")
    event.remove(db.engine, "connect", ro)
    db.engine.dispose()
    assert _names(db.path) == []


def test_exported_text_starting_with_formula_signs_stays_text(db, branch_id, tmp_path):
    from app.services.roster_export import export_members

    hostile = ["=HYPERLINK(\"http://x\",\"点我\")", "+8613800000000", "-1+2", "@SUM(A1)"]
    for i, text in enumerate(hostile):
        _add(db, branch_id, f"党员{i}", notes=text, address=text)
    out = tmp_path / "花名册.xlsx"
    with db.session() as s:
        export_members(s, branch_id, out)
    ws = openpyxl.load_workbook(out).active
    found = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value in hostile:
                found.setdefault(cell.value, []).append(cell.data_type)
    assert set(found) == set(hostile)
    assert all(t == "s" for types in found.values() for t in types)
    import zipfile

    with zipfile.ZipFile(out) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml  # no formula anywhere


def test_handover_file_on_a_full_usb_stick_leaves_nothing(db, branch_id, tmp_path):
    for i in range(200):
        _add(db, branch_id, f"党员{i}", address=os.urandom(300).hex())
    result = on_a_tiny_disk(db, branch_id, tmp_path / "usb", """
from app.services import handover
handover.pack(db, usb / "移交")
""")
    assert "磁盘已满" in (result["said"] or "没有出错")
    assert result["left"] == [] and result["held"] == []
