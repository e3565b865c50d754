"""导出花名册: the printable workbook read back cell by cell — title, 宋体, borders, A4
landscape one page wide, header repeated, page numbers, masked IDs, formula-like text kept text,
full IDs logged — and an exported roster imports again unchanged."""

import json
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.cli import run
from app.errors import InputError
from app.models import AuditEntry
from app.services.members import MemberInput, add_member, set_status
from app.services.roster_export import COLUMNS, export_members
from tests.unit.import_files import LI, WANG, ZHANG, members, run_import

TODAY = date(2026, 11, 22)


@pytest.fixture
def three(db, branch_id):
    with db.session() as s:
        add_member(s, branch_id, MemberInput(
            name="张建国", gender="男", birth_date=date(1938, 5, 12), id_number=ZHANG,
            ethnicity="汉族", retire_type="退休", party_join_date=date(1965, 7, 1), former_unit="县粮食局 局长",
            phone="13812345678、13912345678", address="城关镇东街1号", community="东关社区",
            living="与子女同住", mobility="行动自如", notes="=SUM(A1:A9)"))
        add_member(s, branch_id, MemberInput(
            name="王秀英", gender="女", birth_date=date(1941, 2, 1), birth_month_only=True,
            id_number=WANG, retire_type="离休", living="独居", mobility="卧床",
            address="-3号楼", is_party_member=False))
        gone = add_member(s, branch_id, MemberInput(name="李明", id_number=LI))
        set_status(s, gone, "去世", date(2026, 3, 1))
    return db


def _export(db, branch_id, path, **kw):
    with db.session() as s:
        return export_members(s, branch_id, path, today=TODAY, **kw)


def test_the_workbook_reads_back_cell_by_cell(three, branch_id, tmp_path):
    result = _export(three, branch_id, tmp_path / "花名册.xlsx")
    assert result.count == 2  # 在册 only by default; 李明 died
    ws = load_workbook(result.path).active
    assert ws["A1"].value == "测试支部党员花名册"
    assert ws["A2"].value.startswith("导出日期：2026年11月22日") and "共 2 人" in ws["A2"].value
    header = [c.value for c in ws[3]]
    labels = [c.label for c in COLUMNS]
    # everyone 在册 and 正式: those columns are left out
    assert header == [c for c in labels if c not in ("状态", "状态日期", "正式/预备")]
    row4 = dict(zip(header, (c.value for c in ws[4]), strict=True))
    assert row4 == {
        "序号": 1, "姓名": "张建国", "性别": "男", "出生年月": "1938-05", "年龄": 88,
        "身份证号": "4101**********" + ZHANG[-4:], "民族": "汉族", "离退休": "退休",
        "党员": "是", "入党时间": "1965-07", "原单位及职务": "县粮食局 局长",
        "联系电话": "13812345678、13912345678", "家庭住址": "城关镇东街1号", "村/社区": "东关社区",
        "居住状况": "与子女同住", "身体状况": "行动自如", "备注": "=SUM(A1:A9)"}
    row5 = dict(zip(header, (c.value for c in ws[5]), strict=True))
    assert (row5["姓名"], row5["性别"], row5["出生年月"], row5["年龄"]) == ("王秀英", "女", "1941-02", 85)
    assert row5["身份证号"] == "4101**********" + WANG[-4:]
    assert (row5["党员"], row5["家庭住址"], row5["居住状况"], row5["身体状况"]) == (
        "否", "-3号楼", "独居", "卧床")
    assert ws.max_row == 5


def test_columns_nobody_filled_in_are_left_off_the_page(db, branch_id, tmp_path):
    with db.session() as s:
        add_member(s, branch_id, MemberInput(name="赵大", ethnicity=""))
    ws = load_workbook(_export(db, branch_id, tmp_path / "r.xlsx").path).active
    assert [c.value for c in ws[3]] == ["序号", "姓名", "党员", "身体状况"]


def test_formula_like_text_is_written_as_text_never_a_formula(three, branch_id, tmp_path):
    path = _export(three, branch_id, tmp_path / "r.xlsx").path
    ws = load_workbook(path).active
    assert ws["Q4"].data_type == "s" and ws["Q4"].value == "=SUM(A1:A9)"
    assert ws["M5"].data_type == "s" and ws["M5"].value == "-3号楼"
    assert ws["Q4"].quotePrefix and ws["M5"].quotePrefix  # Excel's own "text" mark
    assert not ws["B4"].quotePrefix
    import zipfile

    with zipfile.ZipFile(path) as zf:
        assert "<f>" not in zf.read("xl/worksheets/sheet1.xml").decode()


def test_print_settings_for_a4_landscape_one_page_wide(three, branch_id, tmp_path):
    ws = load_workbook(_export(three, branch_id, tmp_path / "r.xlsx").path).active
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == "landscape"
    # one page wide (fitToWidth absent means 1, the file format's default), any number long
    assert (ws.page_setup.fitToWidth or 1, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.print_title_rows == "$3:$3"
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert ws.freeze_panes == "C4"


def test_songti_font_and_borders_on_every_table_cell(three, branch_id, tmp_path):
    ws = load_workbook(_export(three, branch_id, tmp_path / "r.xlsx").path).active
    assert ws["A1"].font.name == "宋体" and ws["A1"].font.b
    for row in ws.iter_rows(min_row=3, max_row=5):
        for cell in row:
            assert cell.font.name == "宋体"
            assert all(getattr(cell.border, side).style == "thin"
                       for side in ("left", "right", "top", "bottom")), cell.coordinate
    assert ws["A3"].font.b and ws["A4"].font.b is not True


def test_full_ids_are_written_only_when_asked_and_the_export_is_logged(three, branch_id, tmp_path):
    masked = _export(three, branch_id, tmp_path / "m.xlsx")
    with three.session() as s:
        assert s.scalars(select(AuditEntry).where(AuditEntry.entity == "export")).all() == []
    full = _export(three, branch_id, tmp_path / "f.xlsx", full_ids=True, user="赵书记")
    ws = load_workbook(full.path).active
    assert ws["F4"].value == ZHANG and "隐去" not in ws["A2"].value
    assert load_workbook(masked.path).active["F4"].value != ZHANG
    with three.session() as s:
        [entry] = s.scalars(select(AuditEntry).where(AuditEntry.entity == "export")).all()
    assert (entry.action, entry.user) == ("导出", "赵书记")
    assert "2 人" in entry.new and "f.xlsx" in entry.new


def test_an_exported_roster_imports_again_into_a_new_database(three, branch_id, tmp_path):
    from app.runtime import open_database
    from app.services.roster import ensure_branch

    path = _export(three, branch_id, tmp_path / "交接.xlsx", full_ids=True).path
    other = open_database(tmp_path / "新电脑.sqlite3")
    try:
        with other.session() as s:
            bid = ensure_branch(s, "新支部").id
        report = run_import(other, bid, path)
        assert (report.added, report.header_row, report.skipped, report.warnings) == (2, 3, [], [])
        got = members(other)
        # the export shows 1941-02; the full ID gives the day back
        assert (got["王秀英"]["birth_date"], got["王秀英"]["birth_month_only"]) == (
            date(1941, 2, 3), False)
        assert got["张建国"]["phone"] == "13812345678、13912345678"
        assert got["王秀英"]["is_party_member"] is False
    finally:
        other.dispose()


def test_a_wrong_target_is_refused_plainly(three, branch_id, tmp_path):
    with pytest.raises(InputError, match=".xlsx"):
        _export(three, branch_id, tmp_path / "r.pdf")
    with pytest.raises(InputError, match="文件夹不存在"):
        _export(three, branch_id, tmp_path / "没有" / "r.xlsx")


def test_cli_export_members(three, tmp_path, capsys):
    out = tmp_path / "cli.xlsx"
    assert run(["--db", str(three.path), "export-members", "-o", str(out), "--all", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["members"], data["full_ids"]) == (3, False)
    ws = load_workbook(out).active
    assert [ws.cell(r, 2).value for r in (4, 5, 6)] == ["张建国", "王秀英", "李明"]
    assert ws["Q3"].value == "状态" and ws["Q6"].value == "去世"
    assert ws["R3"].value == "状态日期" and ws["R6"].value == "2026-03-01" and not ws["R4"].value


def test_an_export_of_everyone_imports_with_the_dead_still_dead(three, branch_id, tmp_path):
    from app.runtime import open_database
    from app.services.roster import RosterFilter, ensure_branch

    with three.session() as s:
        path = export_members(s, branch_id, tmp_path / "全部.xlsx", RosterFilter(statuses=()),
                              full_ids=True, today=TODAY).path
    other = open_database(tmp_path / "新电脑.sqlite3")
    try:
        with other.session() as s:
            bid = ensure_branch(s, "新支部").id
        report = run_import(other, bid, path)
        assert report.added == 3 and report.warnings == []
        got = members(other)
        assert (got["李明"]["status"], got["李明"]["status_date"]) == ("去世", date(2026, 3, 1))
    finally:
        other.dispose()
