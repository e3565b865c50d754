"""spec/import.md, "Finding the table": header anywhere in the first 15 rows, the usual wordings,
unknown columns named, totals and notes not taken for members."""

from datetime import date

import pytest
from openpyxl import Workbook

from app.errors import InputError
from tests.unit.import_files import (
    HEADER, LI, WANG, ZHANG, members, person, run_import, write_xlsx,
)


def test_header_below_title_unit_line_and_blank_rows_is_found(db, branch_id, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [person(1, "张建国", idn=ZHANG)],
                      extra_top=[["填报单位：城关镇老干部服务站", None, None, "填报日期：2026年11月"],
                                 [], [None]])
    report = run_import(db, branch_id, path)
    assert report.header_row == 5
    assert report.sheet == "花名册"
    assert (report.added, report.rows_read) == (1, 1)
    assert members(db)["张建国"]["id_number"] == ZHANG


def test_header_with_spaces_of_every_width_is_recognised(db, branch_id, tmp_path):
    header = ["序 号", "姓\u3000\u3000名", " 性 别 ", "出生\xa0年月", "身份证号"]
    path = write_xlsx(tmp_path / "r.xlsx", [[1, "王秀英", "女", "1941.02", WANG]], header=header)
    report = run_import(db, branch_id, path)
    assert report.added == 1
    got = members(db)["王秀英"]
    assert (got["gender"], got["birth_date"], got["birth_month_only"]) == (
        "女", date(1941, 2, 3), False)


def test_other_usual_wordings_are_recognised(db, branch_id, tmp_path):
    header = ["编号", "姓名", "性别", "出生日期", "公民身份号码", "民族", "离退休类别", "政治面貌",
              "入党年月", "原单位及职务", "手机", "现住址", "居住情况", "健康状况", "备注"]
    row = [1, "李明", "男", "1945-07-15", LI, "汉", "离休干部", "中共党员", "1966年3月",
           "县供销社 主任", "139 0000 1111", "河湾村3组", "独自居住", "长期卧床", "老伴已故"]
    path = write_xlsx(tmp_path / "r.xlsx", [row], header=header, title=None)
    report = run_import(db, branch_id, path)
    assert report.added == 1 and report.ignored_columns == []
    m = members(db)["李明"]
    assert m["ethnicity"] == "汉族"
    assert m["retire_type"] == "离休"
    assert m["is_party_member"] is True
    assert m["party_join_date"] == date(1966, 3, 1)
    assert m["former_unit"] == "县供销社 主任"
    assert m["phone"] == "13900001111"
    assert m["address"] == "河湾村3组"
    assert m["living"] == "独居"
    assert m["mobility"] == "卧床"
    assert m["notes"] == "老伴已故"


def test_unknown_columns_are_ignored_and_named_in_the_report(db, branch_id, tmp_path):
    header = ["姓名", "性别", "出生年月", "爱好", "党费缴纳（元）"]
    path = write_xlsx(tmp_path / "r.xlsx", [["张建国", "男", "1938.05", "书法", 30]], header=header)
    report = run_import(db, branch_id, path, dry_run=True)
    assert report.ignored_columns == ["爱好", "党费缴纳（元）"]
    assert "爱好" in report.summary()


def test_totals_and_notes_after_the_table_are_not_members(db, branch_id, tmp_path):
    rows = [person(1, "张建国", idn=ZHANG), person(2, "王秀英", "女", "1941.02", WANG), [],
            ["合计", None, None, None, None], [None, "共 2 人"],
            ["注：1. 出生年月按身份证填写；2. 电话写手机号。"], ["填表人：赵红", None, "审核人：钱亮"]]
    path = write_xlsx(tmp_path / "r.xlsx", rows)
    report = run_import(db, branch_id, path)
    assert (report.rows_read, report.added, report.skipped) == (2, 2, [])
    assert set(members(db)) == {"张建国", "王秀英"}


def test_first_sheet_with_a_header_is_used_and_a_named_sheet_is_honoured(db, branch_id, tmp_path):
    book = Workbook()
    notes = book.active
    notes.title = "填表说明"
    notes.append(["请按以下格式填写花名册"])
    for name, who in (("在职", "赵一"), ("离退休", "钱二")):
        sheet = book.create_sheet(name)
        sheet.append(["姓名", "性别", "出生年月"])
        sheet.append([who, "男", "1940.01"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    assert run_import(db, branch_id, path, dry_run=True).sheet == "在职"
    report = run_import(db, branch_id, path, sheet="离退休")
    assert report.sheet == "离退休" and set(members(db)) == {"钱二"}
    with pytest.raises(InputError, match="没有名为“退休”的工作表"):
        run_import(db, branch_id, path, sheet="退休")


def test_a_sheet_without_a_recognisable_header_is_refused_naming_file_and_sheet(
        db, branch_id, tmp_path):
    book = Workbook()
    book.active.title = "工资表"
    for r in range(20):
        book.active.append(["月份", "金额", r])
    path = tmp_path / "工资.xlsx"
    book.save(path)
    with pytest.raises(InputError) as err:
        run_import(db, branch_id, path)
    assert "工资.xlsx" in str(err.value) and "工资表" in str(err.value) and "表头" in str(err.value)
    assert members(db) == {}


def test_a_repeated_header_row_in_the_middle_is_reported_as_skipped(db, branch_id, tmp_path):
    rows = [person(1, "张建国", idn=ZHANG), HEADER, person(2, "王秀英", "女", "1941.02", WANG)]
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows))
    assert report.added == 2
    assert [(s.row, s.reason) for s in report.skipped] == [(4, "重复的表头行")]


def test_a_two_row_header_under_merged_group_headings_is_read(db, branch_id, tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(["城关镇老干部党支部花名册"])
    ws.append(["序号", "姓名", "性别", "基本情况", None, None, "联系方式", None])
    ws.append([None, None, None, "出生年月", "民族", "身份证号", "联系电话", "家庭住址"])
    ws.append([1, 2, 3, 4, 5, 6, 7, 8])  # the 栏次 row some forms have
    ws.append([1, "张建国", "男", "1938.05", "汉", ZHANG, "13812345678", "东街1号"])
    for rng in ("A2:A3", "B2:B3", "C2:C3", "D2:F2", "G2:H2"):
        ws.merge_cells(rng)
    path = tmp_path / "两行表头.xlsx"
    book.save(path)
    report = run_import(db, branch_id, path)
    assert (report.header_row, report.rows_read, report.added) == (2, 1, 1)
    assert report.ignored_columns == []  # group headings over known columns are not unknown
    m = members(db)["张建国"]
    assert (m["birth_date"], m["ethnicity"], m["id_number"], m["phone"], m["address"]) == (
        date(1938, 5, 12), "汉族", ZHANG, "13812345678", "东街1号")


def test_a_community_cell_merged_over_a_block_of_members_belongs_to_each(db, branch_id, tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(["姓名", "性别", "出生年月", "村/社区"])
    ws.append(["张建国", "男", "1938.05", "东关社区"])
    ws.append(["王秀英", "女", "1941.02", None])
    ws.append(["李明", "男", "1945.07", "河湾村"])
    ws.merge_cells("D2:D3")
    path = tmp_path / "合并单元格.xlsx"
    book.save(path)
    run_import(db, branch_id, path)
    got = members(db)
    assert [got[n]["community"] for n in ("张建国", "王秀英", "李明")] == ["东关社区", "东关社区",
                                                                       "河湾村"]


def test_a_hidden_sheet_is_not_taken_before_the_visible_roster(db, branch_id, tmp_path):
    book = Workbook()
    old = book.active
    old.title = "2019年旧表"
    old.sheet_state = "hidden"
    old.append(["姓名", "性别", "出生年月"])
    old.append(["旧人", "男", "1930.01"])
    current = book.create_sheet("花名册")
    current.append(["姓名", "性别", "出生年月"])
    current.append(["新人", "女", "1940.01"])
    current.append(["以上人员共计 1 人"])
    path = tmp_path / "隐藏.xlsx"
    book.save(path)
    report = run_import(db, branch_id, path)
    assert (report.sheet, report.added, report.rows_read) == ("花名册", 1, 1)
    assert set(members(db)) == {"新人"}
    assert report.sheets == ["2019年旧表", "花名册"]  # still offered in the chooser


def test_every_wording_of_the_name_column_holds_a_mark_the_quick_check_looks_for():
    """The repeated-header check skips a name cell without 名 (or a character folding to it):
    every wording of the name column must hold one, before and after folding."""
    import unicodedata

    from app.importing.headers import NAME_MARKS, WORDINGS, _key

    assert all(any(m in w for m in NAME_MARKS) and "名" in _key(w) for w in WORDINGS["name"])
    folding = {chr(cp) for cp in range(0x3000, 0x3400) if "名" in unicodedata.normalize(
        "NFKC", chr(cp))} | {chr(cp) for cp in range(0xF900, 0xFB00) if "名" in
                             unicodedata.normalize("NFKC", chr(cp))}
    assert folding <= set(NAME_MARKS), folding  # (all of Unicode: only ㈴ and ㊔ fold to 名)
