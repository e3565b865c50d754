"""spec/import.md, "Matching and safety": updated never duplicated, re-import changes nothing,
duplicates and nameless rows reported by Excel row, one transaction, dry-run, backup first."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.models import AuditEntry, Member
from app.services.members import MemberInput, add_member
from tests.unit.import_files import LI, WANG, ZHANG, members, person, run_import, write_xlsx


def _three(tmp_path, name="r.xlsx", zhang_phone="13812345678"):
    rows = [person(1, "张建国", idn=ZHANG, phone=zhang_phone),
            person(2, "王秀英", "女", "1941.02", WANG), person(3, "李明", "男", "1945.07", LI.lower())]
    return write_xlsx(tmp_path / name, rows)


def _count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Member.id)))


def test_a_member_is_matched_by_id_number_and_updated_not_duplicated(db, branch_id, tmp_path):
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="张建国", id_number=ZHANG, phone="13000000000",
                                             address="旧址"))
    report = run_import(db, branch_id, _three(tmp_path))
    assert (report.added, report.updated, report.unchanged) == (2, 1, 0)
    assert _count(db) == 3
    m = members(db)["张建国"]
    assert (m["phone"], m["address"], m["birth_date"]) == ("13812345678", "城关镇东街1号",
                                                           date(1938, 5, 12))
    [change] = [c for c in report.changes if c.action == "更新"]
    assert change.row == 3 and "联系电话：13000000000 → 13812345678" in change.fields
    with db.session() as s:  # each changed field is in the audit log, old → new
        logged = set(s.execute(select(AuditEntry.field, AuditEntry.old, AuditEntry.new)
                               .where(AuditEntry.action == "修改")))
    assert ("联系电话", "13000000000", "13812345678") in logged


def test_without_id_a_member_is_matched_by_name_and_birth_date(db, branch_id, tmp_path):
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="赵大", birth_date=date(1936, 3, 1),
                                             birth_month_only=True))
        add_member(s, branch_id, MemberInput(name="赵大", birth_date=date(1950, 1, 1)))
    rows = [person(1, "赵大", birth="1936.03", phone="13911112222", idn="")]
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows))
    assert (report.added, report.updated) == (0, 1)
    with db.session() as s:
        phones = {b: p for b, p in s.execute(select(Member.birth_date, Member.phone))}
    assert phones == {date(1936, 3, 1): "13911112222", date(1950, 1, 1): ""}


def test_importing_the_same_file_twice_changes_nothing_the_second_time(db, branch_id, tmp_path):
    path = _three(tmp_path)
    first = run_import(db, branch_id, path)
    with db.session() as s:
        before = [tuple(r) for r in s.execute(select(Member.__table__)).all()]
        audits = s.scalar(select(func.count(AuditEntry.id)))
    second = run_import(db, branch_id, path)
    assert (first.added, second.added, second.updated, second.unchanged) == (3, 0, 0, 3)
    with db.session() as s:
        assert [tuple(r) for r in s.execute(select(Member.__table__)).all()] == before
        assert s.scalar(select(func.count(AuditEntry.id))) == audits
    assert second.backup == ""  # nothing to write, no backup needed


def test_a_blank_cell_never_erases_what_is_stored(db, branch_id, tmp_path):
    run_import(db, branch_id, _three(tmp_path))
    blanked = write_xlsx(tmp_path / "b.xlsx", [person(1, "张建国", idn=ZHANG, phone="", address="")])
    report = run_import(db, branch_id, blanked)
    assert report.unchanged == 1
    assert members(db)["张建国"]["phone"] == "13812345678"


def test_a_second_row_for_the_same_person_is_skipped_naming_the_first(db, branch_id, tmp_path):
    rows = [person(1, "张建国", idn=ZHANG), person(2, "王秀英", "女", "1941.02", WANG),
            person(3, "张建国", idn=ZHANG, phone="13900000000"),
            person(4, "王秀英", "女", "1941.02", "")]
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows))
    assert report.added == 2 and _count(db) == 2
    assert [(s.row, s.detail) for s in report.skipped] == [
        (5, "与第 3 行重复（张建国）"), (6, "与第 4 行重复（王秀英）")]
    assert members(db)["张建国"]["phone"] == "13812345678"


def test_a_row_without_a_name_is_skipped_and_no_row_is_silently_dropped(db, branch_id, tmp_path):
    rows = [person(1, "张建国", idn=ZHANG), person(2, "", "女", "1941.02", WANG), [],
            person(3, "　", "男", "1945.07", LI)]
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows))
    assert [(s.row, s.reason) for s in report.skipped] == [(4, "没有姓名"), (6, "没有姓名")]
    assert WANG in report.skipped[0].detail
    total = report.added + report.updated + report.unchanged + len(report.skipped)
    assert total == report.rows_read == 3


def test_an_id_registered_to_someone_else_is_not_given_to_this_row(db, branch_id, tmp_path):
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="张建国", id_number=ZHANG))
    rows = [person(1, "张建华", idn=ZHANG)]
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows))
    assert report.added == 0 and report.skipped[0].reason == "身份证号已登记在另一人名下"
    assert "张建国" in report.skipped[0].detail and _count(db) == 1


def test_a_person_on_another_branch_roster_is_not_copied_here(db, branch_id, tmp_path):
    from app.services.roster import ensure_branch

    with db.session() as s:
        other = ensure_branch(s, "东关社区支部").id
        add_member(s, other, MemberInput(name="张建国", id_number=ZHANG))
    path = write_xlsx(tmp_path / "r.xlsx", [person(1, "张建国", idn=ZHANG)])
    report = run_import(db, branch_id, path)
    assert report.skipped[0].reason == "此人已在其他支部的花名册上"
    assert "东关社区支部" in report.skipped[0].detail


def test_dry_run_reports_the_same_counts_and_writes_nothing(db, branch_id, tmp_path, _private_home):
    path = _three(tmp_path)
    preview = run_import(db, branch_id, path, dry_run=True)
    assert (preview.added, preview.dry_run) == (3, True)
    assert _count(db) == 0 and preview.backup == ""
    backups = _private_home / "backups"
    assert not backups.exists() or not list(backups.iterdir())
    real = run_import(db, branch_id, path)
    assert (real.added, real.updated, len(real.skipped)) == (preview.added, preview.updated,
                                                            len(preview.skipped))


def test_a_real_import_backs_the_database_up_first(db, branch_id, tmp_path):
    import sqlite3
    from pathlib import Path

    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="老党员"))
    report = run_import(db, branch_id, _three(tmp_path))
    backup = Path(report.backup)
    assert backup.exists() and "导入前" in backup.name
    con = sqlite3.connect(backup)
    try:  # the copy holds the database as it was before the import
        assert con.execute("SELECT name FROM member").fetchall() == [("老党员",)]
    finally:
        con.close()


def test_the_whole_import_is_one_transaction(db, branch_id, tmp_path, monkeypatch):
    from app.importing import apply

    run_import(db, branch_id, write_xlsx(tmp_path / "a.xlsx", [person(1, "张建国", idn=ZHANG)]))
    real_execute = apply.Session.execute

    def fail_on_audit(session, statement, *args, **kwargs):
        if str(statement).startswith("UPDATE member"):  # after the new members were inserted
            raise RuntimeError("磁盘在写入时出错")
        return real_execute(session, statement, *args, **kwargs)

    monkeypatch.setattr(apply.Session, "execute", fail_on_audit)
    with pytest.raises(RuntimeError):
        run_import(db, branch_id, _three(tmp_path, "b.xlsx", zhang_phone="13900000000"))
    monkeypatch.undo()
    assert set(members(db)) == {"张建国"}  # neither the two new members nor the update stayed
    assert members(db)["张建国"]["phone"] == "13812345678"


def test_a_branch_that_does_not_exist_is_refused(db, tmp_path):
    with pytest.raises(InputError, match="支部"):
        run_import(db, 999, _three(tmp_path))


def test_two_people_with_the_same_name_and_birthday_but_different_ids_are_both_kept(
        db, branch_id, tmp_path):
    from app.idcard import check_digit

    other = ZHANG[:14] + "567"
    other += check_digit(other)
    rows = [person(1, "张建国", idn=ZHANG), person(2, "张建国", idn=other)]
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows))
    assert (report.added, report.skipped) == (2, [])


def test_the_same_id_on_two_different_names_in_the_file_is_reported(db, branch_id, tmp_path):
    rows = [person(1, "张建国", idn=ZHANG), person(2, "张建华", idn=ZHANG)]
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows))
    assert report.added == 1
    [skipped] = report.skipped
    assert (skipped.row, skipped.reason) == (4, "身份证号与前面一行相同，但姓名不同")
    assert "张建国" in skipped.detail and "张建华" in skipped.detail


def test_each_imported_member_has_a_history_entry_of_its_own(db, branch_id, tmp_path):
    db.user_name = "赵书记"
    run_import(db, branch_id, _three(tmp_path))
    with db.session() as s:
        ids = {name: i for i, name in s.execute(select(Member.id, Member.name))}
        added = {(e.member_id, e.new, e.user) for e in s.scalars(
            select(AuditEntry).where(AuditEntry.action == "新增", AuditEntry.entity == "member"))}
    assert added == {(ids[n], n, "赵书记") for n in ("张建国", "王秀英", "李明")}


def test_a_backup_that_cannot_be_made_stops_the_import(db, branch_id, tmp_path, monkeypatch):
    from app.storage import backup

    def full_disk(_path, _reason):
        raise backup.BackupError("无法写入备份：磁盘已满")

    monkeypatch.setattr(backup, "backup_before", full_disk)
    with pytest.raises(backup.BackupError, match="磁盘已满"):
        run_import(db, branch_id, _three(tmp_path))
    assert _count(db) == 0
