"""A backup or a handover file is taken in only with exactly our schema; a refused one changes
nothing — the database and the backups folder stay as they were, byte for byte."""

import hashlib
import json
import shutil
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pytest

from app import paths
from app.storage import migrate
from app.errors import UserError
from app.services import handover
from app.storage import backup, schema_check
from app.storage import restore
from app.services.members import MemberInput, add_member

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"
TAMPER = ("CREATE TRIGGER t_tamper AFTER INSERT ON member BEGIN "
          "UPDATE member SET address='被篡改', phone='' WHERE id = NEW.id; END")
HOSTILE = {
    "触发器": TAMPER,
    "视图": "CREATE VIEW v_all AS SELECT * FROM member",
    "数据表": "CREATE TABLE stash (x TEXT)",
    "索引": "CREATE INDEX ix_member_phone ON member (phone)",
    "缺少": "DROP TABLE suggestion",
    "结构": "ALTER TABLE member ADD COLUMN note2 TEXT",
    "更新版本": "UPDATE alembic_version SET version_num = '9999_future'",
    "不认识": "UPDATE alembic_version SET version_num = 'abc123'",
}


def _with_member(db, branch_id, name="张建国"):
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name=name))


def _state(db_path: Path) -> dict:
    """Every file beside the database and in its backups folder, with its bytes' digest."""
    found = {}
    for folder in (db_path.parent, paths.backup_dir(db_path)):
        for p in sorted(folder.iterdir()):
            if p.is_file():
                found[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return found


def _hostile_backup(db, folder: Path, name: str, sql: str) -> Path:
    folder.mkdir(exist_ok=True)
    made = backup.copy_database(db.path, folder / f"{name}.sqlite3")
    con = sqlite3.connect(made)
    con.executescript(sql)
    con.close()
    return made


def _foreign_database(folder: Path) -> Path:
    """Another program's SQLite file with tables of the same names (it once failed the
    upgrade with "table branch already exists" and stayed among the backups)."""
    folder.mkdir(exist_ok=True)
    path = folder / "other.sqlite3"
    con = sqlite3.connect(path)
    con.executescript("CREATE TABLE branch (id INTEGER PRIMARY KEY, name TEXT);"
                      "CREATE TABLE member (id INTEGER PRIMARY KEY, name TEXT);"
                      "INSERT INTO branch VALUES (1, '别的'); INSERT INTO member VALUES (1, '某人');")
    con.close()
    return path


def _as_handover(db, source: Path, target: Path) -> Path:
    """A .zhibu carrying `source` as its database, manifest and checksum made to match."""
    made = handover.pack(db, target)
    with zipfile.ZipFile(made) as z:
        manifest = json.loads(z.read("manifest.json"))
        prefs = z.read("prefs.json")
    data = source.read_bytes()
    manifest.update(db_sha256=hashlib.sha256(data).hexdigest(), db_bytes=len(data))
    with zipfile.ZipFile(made, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("manifest.json", json.dumps(manifest))
        z.writestr("prefs.json", prefs)
        z.writestr("zhibu.sqlite3", data)
    return made


def test_our_own_backup_passes_at_head_and_at_every_released_revision(db, branch_id):
    _with_member(db, branch_id)
    assert schema_check.schema_problem(backup.make_backup(db.path)) == ""
    for fixture in sorted(FIXTURES.glob("*.sqlite3")):
        assert schema_check.schema_problem(fixture) == "", fixture.name


@pytest.mark.parametrize("what", sorted(HOSTILE))
def test_a_backup_with_anything_of_its_own_is_refused_and_nothing_changes(
        db, branch_id, tmp_path, what):
    _with_member(db, branch_id)
    backup.make_backup(db.path)
    hostile = _hostile_backup(db, tmp_path / "stick", "hostile", HOSTILE[what])
    db.engine.dispose()
    before = _state(db.path)
    with pytest.raises(UserError, match="hostile.sqlite3 不能用来恢复") as refused:
        restore.restore_backup(db.path, hostile)
    assert what in str(refused.value)
    assert not restore.preview_backup(hostile).sound
    assert _state(db.path) == before


def test_a_foreign_database_leaves_nothing_among_the_backups(db, branch_id, tmp_path):
    _with_member(db, branch_id)
    db.engine.dispose()
    before = _state(db.path)
    with pytest.raises(UserError, match="other.sqlite3 不能用来恢复.*不是支部工作台的数据库"):
        restore.restore_backup(db.path, _foreign_database(tmp_path / "stick"))
    assert _state(db.path) == before
    assert backup.list_backups(db.path) == []


def test_a_backup_that_changes_between_its_check_and_its_copy_is_still_refused(
        db, branch_id, tmp_path, monkeypatch):
    _with_member(db, branch_id)
    clean = backup.copy_database(db.path, tmp_path / "stick" / "swap.sqlite3")
    db.engine.dispose()
    before = _state(db.path)
    real_copy = backup.copy_database

    def copy_then_tamper(source, target):  # the file on the stick changed after its preview
        made = real_copy(source, target)
        if str(target).endswith(".restoring"):
            con = sqlite3.connect(made)
            con.executescript(TAMPER)
            con.close()
        return made

    monkeypatch.setattr(restore, "copy_database", copy_then_tamper)
    with pytest.raises(UserError, match="swap.sqlite3 不能用来恢复.*触发器"):
        restore.restore_backup(db.path, clean)
    assert _state(db.path) == before


def test_an_older_revision_is_upgraded_and_a_failed_upgrade_leaves_no_copy(
        db, branch_id, monkeypatch):
    _with_member(db, branch_id)
    db.engine.dispose()
    before = _state(db.path)

    def broken(engine, target="head"):
        raise migrate.MigrationError("升级失败")

    built = {rev: schema_check.reference(rev) for rev in schema_check.known_revisions()}
    monkeypatch.setattr(schema_check, "_references", built)  # before migrations break
    monkeypatch.setattr(migrate, "apply_migrations", broken)
    with pytest.raises(UserError, match="升级失败"):
        restore.restore_backup(db.path, FIXTURES / "0001.sqlite3")
    assert _state(db.path) == before  # neither 升级前 nor 恢复前 stays
    monkeypatch.undo()
    kept, preview = restore.restore_backup(db.path, FIXTURES / "0001.sqlite3")
    assert preview.sound and "恢复前" in kept.name
    assert [b.reason for b in backup.list_backups(db.path)] == ["恢复前", "升级前"]
    assert migrate.is_current(db.path) and schema_check.schema_problem(db.path) == ""


@pytest.mark.parametrize("what", ["触发器", "视图", "数据表", "缺少", "更新版本"])
def test_a_handover_file_with_anything_of_its_own_is_refused_and_nothing_changes(
        db, branch_id, tmp_path, what):
    _with_member(db, branch_id)
    hostile = _hostile_backup(db, tmp_path / "stick", "hostile", HOSTILE[what])
    made = _as_handover(db, hostile, tmp_path / "stick" / "交接.zhibu")
    db.engine.dispose()
    before = _state(db.path)
    with pytest.raises(UserError, match="移交文件 交接.zhibu 不能打开") as refused:
        handover.open_handover(db, made)
    assert what in str(refused.value)
    assert _state(db.path) == before


def test_a_handover_file_carrying_another_programs_database_is_refused(db, branch_id, tmp_path):
    _with_member(db, branch_id)
    made = _as_handover(db, _foreign_database(tmp_path / "stick"), tmp_path / "stick" / "x.zhibu")
    db.engine.dispose()
    before = _state(db.path)
    with pytest.raises(UserError, match="x.zhibu 不能打开.*不是支部工作台的数据库"):
        handover.open_handover(db, made)
    assert _state(db.path) == before


def test_the_trigger_of_the_issue_never_reaches_an_import(db, branch_id, tmp_path):
    """The attack as reported: take-over passed, and the next change rewrote every member."""
    _with_member(db, branch_id)
    hostile = _hostile_backup(db, tmp_path / "stick", "t", TAMPER)
    made = _as_handover(db, hostile, tmp_path / "stick" / "t.zhibu")
    db.engine.dispose()
    with pytest.raises(UserError):
        handover.open_handover(db, made)
    _with_member(db, branch_id, "李桂兰")
    con = sqlite3.connect(db.path)
    try:
        assert con.execute("SELECT count(*) FROM sqlite_master WHERE type='trigger'").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM member WHERE address='被篡改'").fetchone()[0] == 0
    finally:
        con.close()


def test_the_reference_is_built_once_per_revision_and_leaves_no_file(monkeypatch, tmp_path):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    calls = []
    real = migrate.apply_migrations
    monkeypatch.setattr(schema_check, "_references", {})
    monkeypatch.setattr(migrate, "apply_migrations",
                        lambda engine, target="head": calls.append(target) or real(engine, target))
    for _ in range(3):
        schema_check.reference("0001")
        schema_check.reference("0002")
    assert calls == ["0001", "0002"]
    assert list(temp.iterdir()) == []


def test_a_restore_failing_at_the_rename_removes_its_copies_and_rotates_nothing(
        db, branch_id, monkeypatch):
    _with_member(db, branch_id)
    made = backup.make_backup(db.path)
    _with_member(db, branch_id, "李桂兰")
    db.engine.dispose()
    before = _state(db.path)
    rotated = []
    monkeypatch.setattr(restore, "rotate", lambda *a, **k: rotated.append(a) or [])
    real_replace = backup.os.replace

    def full_disk(src, dst):
        if str(dst) == str(db.path):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(backup.os, "replace", full_disk)
    with pytest.raises(UserError, match="当前数据保持原样"):
        restore.restore_backup(db.path, made)
    assert _state(db.path) == before and rotated == []


def test_a_foreign_file_among_the_backups_is_never_offered_as_the_newest_good_one(db, branch_id):
    from app.storage import integrity

    _with_member(db, branch_id)
    good = backup.make_backup(db.path)
    folder = paths.backup_dir(db.path)
    _hostile_backup(db, folder, "zhibu-29991231-235959-000000-升级前", TAMPER)
    shutil.copy(_foreign_database(folder / "x"), folder / "zhibu-29991231-235958-000000-升级前.sqlite3")
    assert integrity.newest_good_backup(db.path).path == good
