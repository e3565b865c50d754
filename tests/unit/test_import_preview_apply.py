"""确认导入 writes what the preview showed: the file is read once, the previewed records are
written, and a file changed after the preview is refused with nothing written."""

import os

import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.models import AuditEntry, Member
from app.services import importing
from tests.unit.import_files import LI, WANG, ZHANG, members, person, write_xlsx


def _roster(path, phone="13812345678"):
    rows = [person(1, "张建国", idn=ZHANG, phone=phone), person(2, "王秀英", "女", "1941.02", WANG),
            person(3, "李明", birth="1945.07", idn=LI)]
    return write_xlsx(path, rows)


def _count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Member.id)))


def _preview(db, branch_id, path):
    with db.session() as s:
        return importing.preview_import(s, path, branch_id)


def _apply(db, preview, **kw):
    with db.session() as s:
        return importing.apply_import(s, preview, **kw)


def test_the_preview_writes_nothing_and_says_what_would_happen(db, branch_id, tmp_path):
    preview = _preview(db, branch_id, _roster(tmp_path / "r.xlsx"))
    assert _count(db) == 0
    assert preview.report.dry_run and preview.report.added == 3
    assert [r.values["name"] for r in preview.records] == ["张建国", "王秀英", "李明"]


def test_confirm_writes_the_previewed_records_without_reading_the_file_again(
        db, branch_id, tmp_path, monkeypatch):
    reads = []
    real_read = importing.read_roster
    monkeypatch.setattr(importing, "read_roster",
                        lambda *a, **k: reads.append(a) or real_read(*a, **k))
    preview = _preview(db, branch_id, _roster(tmp_path / "r.xlsx"))
    report = _apply(db, preview)
    assert len(reads) == 1  # the preview's read; 确认导入 used its records
    assert (report.added, report.updated, report.dry_run) == (3, 0, False)
    stored = members(db)
    for record in preview.records:
        row = stored[record.values["name"]]
        assert {k: row[k] for k in record.values} == record.values
    assert report.changes == preview.report.changes


def test_the_command_line_reads_the_file_once_too(db, branch_id, tmp_path, monkeypatch):
    reads = []
    real_read = importing.read_roster
    monkeypatch.setattr(importing, "read_roster",
                        lambda *a, **k: reads.append(a) or real_read(*a, **k))
    with db.session() as s:
        report = importing.import_roster(s, _roster(tmp_path / "r.xlsx"), branch_id)
    assert len(reads) == 1 and report.added == 3 and _count(db) == 3


def test_a_file_changed_after_the_preview_is_refused_and_nothing_is_written(
        db, branch_id, tmp_path):
    path = _roster(tmp_path / "r.xlsx")
    preview = _preview(db, branch_id, path)
    _roster(path, phone="13900000000")  # saved again in Excel while the report was open
    with pytest.raises(InputError, match="文件在预览之后被改动过，请重新预览"):
        _apply(db, preview)
    assert _count(db) == 0
    with db.session() as s:
        assert s.scalar(select(func.count(AuditEntry.id))) == 0
    assert not list((tmp_path / "home").rglob("*导入前*"))  # not even a backup was made


def test_a_change_that_keeps_the_size_and_time_is_caught_by_the_hash(db, branch_id, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("姓名,性别,联系电话\n张建国,男,13812345678\n", encoding="utf-8")
    stat = path.stat()
    preview = _preview(db, branch_id, path)
    path.write_text("姓名,性别,联系电话\n张建华,男,13812345678\n", encoding="utf-8")  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    with pytest.raises(InputError, match="请重新预览"):
        _apply(db, preview)
    assert _count(db) == 0


def test_a_file_removed_after_the_preview_is_refused(db, branch_id, tmp_path):
    path = _roster(tmp_path / "r.xlsx")
    preview = _preview(db, branch_id, path)
    path.unlink()
    with pytest.raises(InputError, match="请重新预览"):
        _apply(db, preview)
    assert _count(db) == 0


def test_confirm_matches_with_the_members_as_they_are_at_confirm_time(db, branch_id, tmp_path):
    """Someone added in between is matched, not added twice."""
    path = _roster(tmp_path / "r.xlsx")
    preview = _preview(db, branch_id, path)
    assert preview.report.added == 3
    with db.session() as s:
        importing.import_roster(s, write_xlsx(tmp_path / "one.xlsx",
                                              [person(1, "张建国", idn=ZHANG)]), branch_id)
    report = _apply(db, preview)
    assert (report.added, report.unchanged) == (2, 1)
    assert _count(db) == 3


def test_confirm_takes_the_preview_s_matches_while_the_members_are_unchanged(
        db, branch_id, tmp_path, monkeypatch):
    with db.session() as s:  # someone already there: the file updates him
        importing.import_roster(s, write_xlsx(tmp_path / "one.xlsx",
                                              [person(1, "张建国", idn=ZHANG)]), branch_id)
    matched = []
    real_match = importing.match_records
    monkeypatch.setattr(importing, "match_records",
                        lambda *a, **k: matched.append(a) or real_match(*a, **k))
    preview = _preview(db, branch_id, _roster(tmp_path / "r.xlsx", phone="13900000000"))
    report = _apply(db, preview)
    assert len(matched) == 1  # the preview's; 确认导入 found the members as they were
    assert (report.added, report.updated) == (2, 1) and not report.dry_run
    assert members(db)["张建国"]["phone"] == "13900000000"
    assert members(db)["王秀英"]["created_at"] > preview.writes.inserts[0]["created_at"]
