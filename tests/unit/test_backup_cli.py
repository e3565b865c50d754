"""`zhibu backup`, `zhibu restore`, `zhibu check` as spec/cli.md says, and handing over."""

import json
import sqlite3

from app.cli import run
from app.storage import backup
from app.services.members import MemberInput, add_member


def _names(path):
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT name FROM member"))
    finally:
        con.close()


def test_backup_restore_check_round_trip(db, branch_id, tmp_path, capsys):
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="张建国"))
    db.dispose()
    out = tmp_path / "copy.sqlite3"
    assert run(["--db", str(db.path), "backup", "-o", str(out), "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["file"] == str(out) and said["check"] == "ok" and _names(out) == ["张建国"]
    assert run(["--db", str(db.path), "backup"]) == 0
    assert "已备份并校验" in capsys.readouterr().out
    assert len(backup.list_backups(db.path)) == 1

    from app.runtime import open_database

    again = open_database(db.path)
    with again.session() as s:
        add_member(s, branch_id, MemberInput(name="李桂兰"))
    again.dispose()
    assert run(["--db", str(db.path), "restore", str(out)]) == 0
    text = capsys.readouterr().out
    assert "1 名党员" in text and "恢复前的数据已另存为" in text
    assert _names(db.path) == ["张建国"]
    assert run(["--db", str(db.path), "check", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True


def test_restore_of_a_missing_file_is_bad_input(db, tmp_path, capsys):
    db.dispose()
    assert run(["--db", str(db.path), "restore", str(tmp_path / "无.sqlite3")]) == 2
    assert "找不到备份文件" in capsys.readouterr().err


def test_handover_and_take_over_commands(db, branch_id, tmp_path, capsys):
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="张建国"))
    db.dispose()
    assert run(["--db", str(db.path), "handover", "-o", str(tmp_path / "交接")]) == 0
    assert (tmp_path / "交接.zhibu").exists()
    other = tmp_path / "新电脑" / "zhibu.sqlite3"
    assert run(["--db", str(other), "take-over", str(tmp_path / "交接.zhibu")]) == 0
    assert "1 名党员" in capsys.readouterr().out and _names(other) == ["张建国"]
