"""Every part of a .zhibu is checked and capped before anything is read into memory or changed:
the members, the manifest and the settings (a 1 GB manifest once took 2.1 GB to refuse)."""

import json
import struct
import tracemalloc
import zipfile

import pytest

from app.errors import UserError
from app.prefs import Prefs
from app.services import handover
from app.storage import backup
from app.services.members import MemberInput, add_member


@pytest.fixture
def made(db, branch_id, tmp_path):
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="张建国"))
    (tmp_path / "stick").mkdir()
    return handover.pack(db, tmp_path / "stick" / "交接.zhibu")


def _parts(file):
    with zipfile.ZipFile(file) as z:
        return {n: z.read(n) for n in z.namelist()}


def _rewrite(file, parts, extra=()):
    with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in list(parts.items()) + list(extra):
            z.writestr(name, data)
    return file


def _refused(db, file, match):
    db.engine.dispose()
    before = db.path.read_bytes()
    with pytest.raises(UserError, match=match):
        handover.read_manifest(file)
    with pytest.raises(UserError, match=match):
        handover.open_handover(db, file)
    assert db.path.read_bytes() == before
    assert backup.list_backups(db.path) == []
    assert not list(db.path.parent.glob("*.handover"))


def test_a_manifest_that_is_a_json_list_is_refused_in_chinese(db, made):
    parts = _parts(made)
    parts["manifest.json"] = json.dumps([json.loads(parts["manifest.json"])]).encode()
    _refused(db, _rewrite(made, parts), "交接.zhibu 不是支部工作台的移交文件")


@pytest.mark.parametrize("field,value", [("branches", "一支部"), ("members", "80"),
                                         ("branches", [1, 2]), ("made_by", None),
                                         ("db_sha256", 0), ("db_bytes", 1)])
def test_a_manifest_with_fields_of_the_wrong_kind_is_refused(db, made, field, value):
    parts = _parts(made)
    manifest = json.loads(parts["manifest.json"])
    manifest[field] = value
    parts["manifest.json"] = json.dumps(manifest).encode()
    _refused(db, _rewrite(made, parts), "说明部分不完整或被改动过")


def test_a_deeply_nested_manifest_is_refused_not_a_recursion_error(db, made):
    parts = _parts(made)
    parts["manifest.json"] = b"[" * 200_000 + b"]" * 200_000
    _refused(db, _rewrite(made, parts), "不是支部工作台的移交文件")


def test_settings_that_are_not_an_object_are_refused_before_anything_changes(db, made):
    parts = _parts(made)
    parts["prefs.json"] = b"[150]"
    _refused(db, _rewrite(made, parts), "设置部分不正常")


def test_a_member_of_its_own_or_a_second_copy_of_one_is_refused(db, made):
    parts = _parts(made)
    _refused(db, _rewrite(made, parts, [("run.bat", b"del *")]), "不属于移交文件的内容")
    with pytest.warns(UserWarning):  # zipfile warns about the duplicate name
        _rewrite(made, parts, [("zhibu.sqlite3", b"x")])
    _refused(db, made, "不属于移交文件的内容")


def test_a_large_manifest_is_refused_from_its_header_with_flat_memory(db, made):
    """An honest 64 MB manifest of spaces (64 KB inside the zip): refused from the size it
    declares, without inflating it."""
    parts = _parts(made)
    manifest = json.loads(parts["manifest.json"])
    parts["manifest.json"] = json.dumps(manifest).encode() + b" " * (64 * 2**20)
    big = _rewrite(made, parts)
    assert big.stat().st_size < 2**20
    tracemalloc.start()
    with pytest.raises(UserError, match="manifest.json 大得不正常"):
        handover.read_manifest(big)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 8 * 2**20
    _refused(db, big, "manifest.json 大得不正常")


def _lie_about_size(file, name, size):
    """Make the zip's headers declare `size` bytes for `name` (the data stays what it is)."""
    data = bytearray(file.read_bytes())
    with zipfile.ZipFile(file) as z:
        info = z.getinfo(name)
    struct.pack_into("<I", data, info.header_offset + 22, size)  # local header
    offset = data.find(b"PK\x01\x02")
    while offset != -1:  # the central directory's entry for it
        name_len = struct.unpack_from("<H", data, offset + 28)[0]
        if data[offset + 46: offset + 46 + name_len].decode() == name:
            struct.pack_into("<I", data, offset + 24, size)
        offset = data.find(b"PK\x01\x02", offset + 4)
    file.write_bytes(bytes(data))


def test_a_large_manifest_declared_small_is_read_no_further_than_declared(db, made):
    parts = _parts(made)
    parts["manifest.json"] = parts["manifest.json"] + b" " * (64 * 2**20)
    _lie_about_size(_rewrite(made, parts), "manifest.json", 100)
    tracemalloc.start()
    with pytest.raises(UserError, match="不是支部工作台的移交文件或已损坏"):
        handover.read_manifest(made)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 8 * 2**20
    _refused(db, made, "不是支部工作台的移交文件或已损坏")


def test_large_settings_are_refused(db, made):
    parts = _parts(made)
    parts["prefs.json"] = b"{" + b" " * (handover.MAX_PREFS_BYTES + 1) + b"}"
    _refused(db, _rewrite(made, parts), "prefs.json 大得不正常")


def test_a_database_declared_larger_than_the_cap_is_refused(db, made, monkeypatch):
    monkeypatch.setattr(handover, "MAX_DB_BYTES", 4096)  # 8 GB would need a zip64 header
    _refused(db, made, "数据库大得不正常")


def test_a_database_larger_than_declared_is_refused_as_damaged(db, made):
    _lie_about_size(made, "zhibu.sqlite3", 4096)
    parts_manifest = json.loads(_parts_manifest(made))
    assert parts_manifest["db_bytes"] != 4096
    _refused(db, made, "说明部分不完整或被改动过")


def _parts_manifest(file):
    with zipfile.ZipFile(file) as z:
        return z.read("manifest.json")


def test_a_good_file_still_opens_and_its_settings_are_taken(db, made):
    parts = _parts(made)
    settings = json.loads(parts["prefs.json"])
    settings["font_scale"] = 150
    parts["prefs.json"] = json.dumps(settings).encode()
    _rewrite(made, parts)
    db.engine.dispose()
    result = handover.open_handover(db, made)
    assert result.members == 1 and Prefs.load().font_scale == 150


def test_a_font_size_out_of_range_is_not_taken(db, made):
    parts = _parts(made)
    parts["prefs.json"] = json.dumps({"font_scale": 10**9, "branch_id": True}).encode()
    _rewrite(made, parts)
    db.engine.dispose()
    handover.open_handover(db, made)
    assert Prefs.load().font_scale == 100


def test_a_file_declaring_sixty_thousand_parts_is_refused_before_zipfile_lists_them(
        db, made, monkeypatch):
    from tests.hostile_files import zhibu_declaring_many_entries

    zhibu_declaring_many_entries(made)

    def never(*_a, **_k):
        raise AssertionError("zipfile must not list a directory that declares 60,000 entries")

    monkeypatch.setattr(handover.zipfile, "ZipFile", never)
    _refused(db, made, "60000 个部件")
