"""After damage the program never carries on with a new empty database by itself; `check` on a
missing file creates nothing; rotation keeps the newest copy that holds members (issue 16)."""

import os
import sqlite3

import pytest

from app.cli import run
from app.runtime import DatabaseMissing, open_database
from app.storage import backup, integrity
from app.services.members import MemberInput, add_member
from tests.db_helpers import member_count


def _fill(db, branch_id, n=120):
    with db.session() as s:
        for i in range(n):
            add_member(s, branch_id, MemberInput(name=f"党员{i:03d}", address="某某街道" * 20))


def _flip_bytes(path):
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    with open(path, "r+b") as f:
        for n in (3, 4, 5, 6):
            f.seek((n - 1) * page)
            f.write(os.urandom(page))


def _listing(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.fixture
def damaged(db, branch_id, capsys):
    """A database with 120 members and a backup, then bytes flipped and the first command run."""
    _fill(db, branch_id)
    good = backup.make_backup(db.path)
    db.dispose()
    _flip_bytes(db.path)
    assert run(["--db", str(db.path), "members"]) == 1  # the first command finds the damage
    err = capsys.readouterr().err
    assert "损坏" in err and f'zhibu --db "{db.path}" start-empty' in err and str(good) in err
    assert not db.path.exists() and integrity.marker_path(db.path).exists()
    return db.path, good


def test_the_next_command_refuses_and_creates_nothing(damaged, capsys):
    path, good = damaged
    before = _listing(path.parent)
    for argv in (["members"], ["backup"], ["demo"], ["export-members", "-o", "x.xlsx"]):
        assert run(["--db", str(path), *argv]) == 2, argv
        err = capsys.readouterr().err
        moved = next(path.parent.glob(path.name + ".损坏-*"))
        assert str(moved) in err and str(good) in err, err
        assert f'zhibu --db "{path}" restore "{good}"' in err and "start-empty" in err
    assert _listing(path.parent) == before  # not a file more: no database, no lock, no backup
    with pytest.raises(DatabaseMissing):
        open_database(path)


def test_restore_after_the_refusal_brings_the_members_back(damaged, capsys):
    path, good = damaged
    assert run(["--db", str(path), "restore", str(good)]) == 0, capsys.readouterr().err
    assert member_count(path) == 120 and not integrity.marker_path(path).exists()
    assert run(["--db", str(path), "members"]) == 0


def test_start_empty_is_an_explicit_choice_and_keeps_the_damaged_file(damaged, capsys):
    path, good = damaged
    assert run(["--db", str(path), "start-empty"]) == 0
    out = capsys.readouterr().out
    assert "已新建一个空的数据库" in out and "损坏的文件仍保存在" in out
    assert member_count(path) == 0 and not integrity.marker_path(path).exists()
    assert good.exists() and list(path.parent.glob(path.name + ".损坏-*"))
    assert run(["--db", str(path), "members"]) == 0
    assert run(["--db", str(path), "start-empty"]) == 2  # never over a database that is there
    assert "已经在了" in capsys.readouterr().err


def test_a_missing_database_beside_backups_with_members_is_not_recreated(db, branch_id, capsys):
    _fill(db, branch_id, 3)
    backup.make_backup(db.path)
    db.dispose()
    db.path.unlink()
    assert run(["--db", str(db.path), "members"]) == 2
    assert "没有找到数据库文件" in capsys.readouterr().err and not db.path.exists()


def test_a_first_start_still_creates_the_database(tmp_path, capsys):
    path = tmp_path / "新" / "zhibu.sqlite3"
    assert run(["--db", str(path), "members"]) == 0
    assert path.exists() and not (path.parent / "backups").exists()


def test_check_on_a_missing_file_says_so_and_creates_nothing(tmp_path, capsys):
    folder = tmp_path / "数据"
    folder.mkdir()
    path = folder / "zhibu.sqlite3"
    assert run(["--db", str(path), "check"]) == 1  # spec/cli.md: reported as missing, exit 1
    err = capsys.readouterr().err
    assert "找不到数据库文件" in err and "数据库完好" not in err
    assert _listing(folder) == []


def test_check_after_damage_names_the_set_aside_file(damaged, capsys):
    path, _good = damaged
    assert run(["--db", str(path), "check"]) == 1
    err = capsys.readouterr().err
    assert "找不到数据库文件" in err and "损坏的文件没有删除" in err and not path.exists()


def test_rotation_keeps_the_good_backup_across_many_empty_ones(db, branch_id, capsys):
    _fill(db, branch_id, 5)
    assert run(["--db", str(db.path), "backup"]) == 0
    [good] = backup.list_backups(db.path)
    assert good.members == 5
    con = sqlite3.connect(db.path)  # the members gone (as after an empty start)
    con.execute("DELETE FROM member")
    con.commit()
    con.close()
    for _ in range(12):
        assert run(["--db", str(db.path), "backup"]) == 0
    kept = backup.list_backups(db.path)
    assert good.path in [b.path for b in kept] and member_count(good.path) == 5
    assert [b.members for b in kept] == [0, 5]  # one copy of the empty database, the newest
    assert integrity.newest_good_backup(db.path).path == good.path


def test_legacy_backups_without_an_index_are_counted_before_rotation(db, branch_id):
    _fill(db, branch_id, 2)
    good = backup.make_backup(db.path, reason="旧")
    (good.parent / "index.json").unlink()  # as made by an earlier version
    con = sqlite3.connect(db.path)
    con.execute("DELETE FROM member")
    con.commit()
    con.close()
    for _ in range(10):
        backup.make_backup(db.path)
    assert good.exists() and len(backup.list_backups(db.path)) == 2
