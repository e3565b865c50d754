"""Handing over: one file with the branch's database and settings, opened by the next secretary."""

import json
import sqlite3
import zipfile

import pytest

from app.errors import UserError
from app.prefs import Prefs
from app.runtime import open_database
from app.services import handover
from app.storage import backup
from app.services.members import MemberInput, add_member


def _names(path):
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT name FROM member"))
    finally:
        con.close()


def test_pack_and_open_on_another_pc(db, branch_id, tmp_path):
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="张建国"))
        add_member(s, branch_id, MemberInput(name="李桂兰"))
    db.user_name = "老书记"
    prefs = Prefs(font_scale=150, user_name="老书记")
    made = handover.pack(db, tmp_path / "交接", prefs)
    assert made.name == "交接.zhibu"
    manifest = handover.read_manifest(made)
    assert manifest["branches"] == ["测试支部"] and manifest["members"] == 2
    assert manifest["made_by"] == "老书记"
    with zipfile.ZipFile(made) as z:
        assert "老书记" not in z.read("prefs.json").decode()  # the next secretary's own name

    new_pc = open_database(tmp_path / "new" / "zhibu.sqlite3")
    from app.services.roster import ensure_branch

    with new_pc.session() as s:
        ensure_branch(s, "空支部")
    new_pc.engine.dispose()
    result = handover.open_handover(new_pc, made)
    assert (result.branches, result.members) == (["测试支部"], 2)
    assert _names(new_pc.path) == ["张建国", "李桂兰"]
    assert result.previous is not None and result.previous.exists()  # the empty one, kept
    assert Prefs.load().font_scale == 150
    new_pc.dispose()


def test_a_damaged_or_foreign_file_changes_nothing(db, branch_id, tmp_path):
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="张建国"))
    made = handover.pack(db, tmp_path / "a.zhibu")
    broken = tmp_path / "broken.zhibu"
    data = bytearray(made.read_bytes())
    with zipfile.ZipFile(made) as z:  # flip bytes inside the database member
        info = z.getinfo("zhibu.sqlite3")
    start = info.header_offset + 200
    data[start:start + 64] = bytes(64)
    broken.write_bytes(bytes(data))
    text = tmp_path / "note.zhibu"
    text.write_text("不是压缩包")
    foreign = tmp_path / "foreign.zhibu"
    with zipfile.ZipFile(foreign, "w") as z:
        z.writestr("manifest.json", json.dumps({"format": "other"}))
        z.writestr("zhibu.sqlite3", b"x")
    db.engine.dispose()
    for bad in (broken, text, foreign):
        with pytest.raises(UserError):
            handover.open_handover(db, bad)
    assert _names(db.path) == ["张建国"]
    assert backup.list_backups(db.path) == []
    assert not list(db.path.parent.glob("*.handover"))
