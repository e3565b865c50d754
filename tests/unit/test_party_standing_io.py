"""正式 / 预备 on the roster: the import reads it from a column of its own (正式/预备, 党员类别 …)
or from what 政治面貌 says (中共预备党员), the exported roster writes it when anyone is 预备 and
reads back, and the roster page's 党员 column says 预备."""

from datetime import date

from openpyxl import load_workbook

from app.importing import cleaners
from app.services import roster
from app.services.members import MemberInput, add_member
from app.services.roster_export import export_members
from tests.unit.import_files import HEADER, members, person, run_import, write_csv, write_xlsx


def test_the_standing_cleaner_knows_the_words_rosters_use():
    assert cleaners.clean_standing("预备") == ("预备", None)
    assert cleaners.clean_standing("中共预备党员") == ("预备", None)
    assert cleaners.clean_standing("正式党员") == ("正式", None)
    assert cleaners.clean_standing("中共党员") == ("正式", None)
    assert cleaners.clean_standing("") == (None, None)
    value, note = cleaners.clean_standing("积极分子")
    assert value is None and note.reason == "正式/预备无法识别，已留空"
    assert cleaners.standing_in_party("中共预备党员") == "预备"
    assert cleaners.standing_in_party("中共党员") == "正式"
    assert cleaners.standing_in_party("是") is None  # a 是否党员 column says nothing of it
    assert cleaners.standing_in_party("群众") is None


def test_political_status_column_marks_probationary_members(db, branch_id, tmp_path):
    header = [("政治面貌" if h == "是否党员" else h) for h in HEADER]
    rows = [person(1, "张建国", party="中共党员"), person(2, "王秀英", "女", party="中共预备党员"),
            person(3, "李明", party="群众", joined="")]
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows, header=header))
    assert report.added == 3 and report.warnings == []
    got = members(db)
    assert {n: (got[n]["is_party_member"], got[n]["party_standing"]) for n in got} == {
        "张建国": (True, "正式"), "王秀英": (True, "预备"), "李明": (False, "正式")}


def test_a_standing_column_wins_and_a_later_file_updates_it(db, branch_id, tmp_path):
    header = [*HEADER, "党员类别"]
    rows = [[*person(1, "张建国"), "预备党员"], [*person(2, "王秀英", "女"), "正式"],
            [*person(3, "李明"), "不知道"]]
    report = run_import(db, branch_id, write_csv(tmp_path / "a.csv", rows, header=header))
    assert [(w.row, w.field, w.reason) for w in report.warnings] == [
        (4, "正式/预备", "正式/预备无法识别，已留空")]
    got = members(db)
    assert [got[n]["party_standing"] for n in ("张建国", "王秀英", "李明")] == ["预备", "正式", "正式"]
    # a year on, 张建国 became a full member: the next roster says so
    rows[0][-1] = "正式"
    report = run_import(db, branch_id, write_csv(tmp_path / "b.csv", rows, header=header))
    assert report.updated == 1 and "正式/预备：预备 → 正式" in report.changes[0].fields
    assert members(db)["张建国"]["party_standing"] == "正式"


def test_a_file_without_the_standing_never_changes_it(db, branch_id, tmp_path):
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="张建国", birth_date=date(1938, 5, 1),
                                             birth_month_only=True, party_standing="预备"))
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", [person(1, "张建国")]))
    assert report.updated == 0 or all("正式/预备" not in c.fields for c in report.changes)
    assert members(db)["张建国"]["party_standing"] == "预备"


def test_the_exported_roster_writes_the_standing_and_reads_back(db, branch_id, tmp_path):
    from app.runtime import open_database

    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="张建国"))
        add_member(s, branch_id, MemberInput(name="王秀英", party_standing="预备"))
        path = export_members(s, branch_id, tmp_path / "r.xlsx", today=date(2026, 12, 1)).path
    ws = load_workbook(path).active
    header = [c.value for c in ws[3]]
    col = header.index("正式/预备") + 1
    assert [ws.cell(r, col).value for r in (4, 5)] == ["正式", "预备"]
    other = open_database(tmp_path / "other.sqlite3")
    try:
        with other.session() as s:
            bid = roster.ensure_branch(s, "新支部").id
        assert run_import(other, bid, path).added == 2
        got = members(other)
        assert (got["张建国"]["party_standing"], got["王秀英"]["party_standing"]) == ("正式", "预备")
    finally:
        other.dispose()


def test_a_roster_of_full_members_prints_no_standing_column(db, branch_id, tmp_path):
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="张建国"))
        path = export_members(s, branch_id, tmp_path / "r.xlsx", today=date(2026, 12, 1)).path
    assert "正式/预备" not in [c.value for c in load_workbook(path).active[3]]


def test_the_roster_page_says_probationary_in_the_party_column(db, branch_id):
    with db.session() as s:
        a = add_member(s, branch_id, MemberInput(name="张建国"))
        b = add_member(s, branch_id, MemberInput(name="王秀英", party_standing="预备"))
        c = add_member(s, branch_id, MemberInput(name="李明", is_party_member=False))
        rows = roster.roster_rows(s, [a, b, c])
    party = roster.ROSTER_COLUMNS.index("党员")
    assert [rows[i][party] for i in (a, b, c)] == ["是", "预备", "否"]
