"""The file formats a roster comes in (.xlsx, .xls, .csv in UTF-8 or GBK), the shared sample
roster read back field by field, and `zhibu import-members` on the command line."""

import json
from datetime import date

import pytest

from app.cli import run
from tests.unit.import_files import (
    LI, THREE_ODS, THREE_ROWS, THREE_XLS, ZHANG, members, person, run_import, write_csv,
    write_xlsx,
)

ROWS = THREE_ROWS


def _check_three(db):
    got = members(db)
    assert set(got) == {"张建国", "王秀英", "李明"}
    assert got["张建国"]["phone"] == "13812345678、13912345678"
    assert (got["王秀英"]["retire_type"], got["王秀英"]["living"], got["王秀英"]["mobility"]) == (
        "离休", "独居", "卧床")
    assert (got["李明"]["id_number"], got["李明"]["birth_date"], got["李明"]["is_party_member"]) == (
        LI, date(1945, 7, 15), False)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_utf8_with_or_without_bom_and_in_gbk(db, branch_id, tmp_path, encoding):
    path = write_csv(tmp_path / f"花名册-{encoding}.csv", ROWS, encoding=encoding)
    report = run_import(db, branch_id, path)
    assert (report.added, report.header_row, report.skipped) == (3, 1, [])
    _check_three(db)


def test_csv_written_for_excel_with_ids_in_equals_quotes(db, branch_id, tmp_path):
    rows = [person(1, "张建国", idn=f'="{ZHANG}"')]
    run_import(db, branch_id, write_csv(tmp_path / "r.csv", rows))
    assert members(db)["张建国"]["id_number"] == ZHANG


def test_csv_formula_text_is_not_taken_as_a_value(db, branch_id, tmp_path):
    rows = [person(1, "张建国", idn=ZHANG, notes='=HYPERLINK("http://x","点我")')]
    report = run_import(db, branch_id, write_csv(tmp_path / "r.csv", rows))
    assert members(db)["张建国"]["notes"] == ""
    assert [(w.row, w.field, w.reason) for w in report.warnings] == [
        (2, "备注", "单元格是公式文本，已当作空白")]


def test_xls_from_excel_97_2003_is_read(db, branch_id):
    report = run_import(db, branch_id, THREE_XLS)  # LibreOffice's .xls of ROWS (import_files)
    assert (report.added, report.header_row, report.sheet) == (3, 2, "花名册")
    _check_three(db)


def test_an_ods_sheet_from_libreoffice_or_wps_is_read(db, branch_id):
    report = run_import(db, branch_id, THREE_ODS)
    assert (report.added, report.header_row) == (3, 2)
    _check_three(db)


def test_tab_separated_text_is_read_like_csv(db, branch_id, tmp_path):
    path = tmp_path / "导出.txt"
    lines = ["\t".join(str(v) for v in row) for row in [
        ["姓名", "性别", "出生年月", "身份证号"], ["张建国", "男", "1938.05", ZHANG]]]
    path.write_text("\n".join(lines), encoding="gbk")
    report = run_import(db, branch_id, path)
    assert report.added == 1 and members(db)["张建国"]["id_number"] == ZHANG


def test_the_shared_sample_roster_imports_all_sixty(db, branch_id, sample_roster):
    report = run_import(db, branch_id, sample_roster)
    assert (report.sheet, report.header_row, report.rows_read) == ("党员名册", 2, 60)
    assert (report.added, report.updated, len(report.skipped)) == (60, 0, 0)
    got = members(db)
    m = got["华桂珍"]  # row 3: '1928.07' typed as text; the ID 1301021928072116… gives the day
    assert (m["gender"], m["birth_date"], m["birth_month_only"]) == ("男", date(1928, 7, 21), False)
    assert (m["id_number"], m["retire_type"], m["former_unit"]) == (
        "130102192807211615", "离休", "市审计局教师")
    assert (m["party_join_date"], m["phone"], m["address"]) == (
        date(1956, 4, 1), "15501815908", "红旗街道哈尔滨街5号")
    assert (m["living"], m["mobility"], m["is_party_member"]) == ("与子女同住", "行动自如", True)
    m = got["周秀英"]  # row 4: a real date cell
    assert (m["birth_date"], m["birth_month_only"], m["living"]) == (date(1927, 9, 14), False, "空巢")
    assert got["廖建国"]["is_party_member"] is False  # 是否党员 = 否
    assert got["宁鹏"]["retire_type"] == "退休" and got["宁鹏"]["party_join_date"] == date(1974, 10, 1)
    # the one ID with a wrong check digit is reported with its row and not stored
    [warning] = report.warnings
    assert (warning.row, warning.field) == (10, "身份证号") and "130102195111199771" in warning.detail
    again = run_import(db, branch_id, sample_roster)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 60)


def test_cli_import_members_json_report(db, tmp_path, capsys, sample_roster):
    code = run(["--db", str(db.path), "import-members", str(sample_roster), "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert {k: out[k] for k in ("file", "sheet", "header_row", "rows_read", "added", "updated",
                                "unchanged")} == {
        "file": "roster_sample.xlsx", "sheet": "党员名册", "header_row": 2, "rows_read": 60,
        "added": 60, "updated": 0, "unchanged": 0}
    assert out["skipped"] == []
    assert out["warnings"][0]["row"] == 10 and out["warnings"][0]["field"] == "身份证号"
    assert set(out["warnings"][0]) == {"row", "field", "reason", "detail"}


def test_cli_dry_run_writes_nothing(db, tmp_path, capsys):
    path = write_xlsx(tmp_path / "r.xlsx", ROWS)
    assert run(["--db", str(db.path), "import-members", str(path), "--dry-run",
                "--branch", "新支部"]) == 0
    assert "预览（尚未写入）" in capsys.readouterr().out and members(db) == {}
    from sqlalchemy import select

    from app.models import Branch

    with db.session() as s:
        assert s.scalar(select(Branch.id).where(Branch.name == "新支部")) is None


def test_cli_bad_file_exits_2_with_a_chinese_message(db, tmp_path, capsys):
    bad = tmp_path / "花名册.xlsx"
    bad.write_bytes(b"%PDF-1.4 not a roster")
    assert run(["--db", str(db.path), "import-members", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "花名册.xlsx" in err and "PDF" in err and "Traceback" not in err
