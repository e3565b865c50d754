"""spec/import.md, "Cleaning values": each messy shape a real roster has, and its warning."""

from datetime import date, datetime

from app.idcard import check_digit
from tests.unit.import_files import (
    HEADER, LI, WANG, ZHANG, members, person, run_import, write_xlsx,
)


def _warnings(report, field=None):
    return [(w.row, w.field, w.reason, w.detail) for w in report.warnings
            if field is None or w.field == field]


def test_names_lose_alignment_spaces_of_every_width(db, branch_id, tmp_path):
    rows = [person(1, "张\u3000三"), person(2, " 李  四 ", birth="1939.01"),
            person(3, "王\xa0五", birth="1940.01")]
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows))
    assert report.added == 3
    assert set(members(db)) == {"张三", "李四", "王五"}


def test_a_month_that_agrees_with_the_id_takes_the_day_from_the_id(db, branch_id, tmp_path):
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", [
        person(1, "张建国", birth="1938.05", idn=ZHANG), person(2, "无证人", birth="1939.06")]))
    got = members(db)
    assert (got["张建国"]["birth_date"], got["张建国"]["birth_month_only"]) == (date(1938, 5, 12),
                                                                          False)
    assert (got["无证人"]["birth_date"], got["无证人"]["birth_month_only"]) == (date(1939, 6, 1), True)
    assert report.warnings == []


def test_full_width_digits_and_letters_become_half_width(db, branch_id, tmp_path):
    wide = LI.translate(str.maketrans("0123456789X", "０１２３４５６７８９ｘ"))
    rows = [person(1, "李明", birth="１９４５．０７", idn=wide, phone="１３９００００１１１１")]
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows))
    m = members(db)["李明"]
    assert (m["id_number"], m["phone"], m["birth_date"]) == (LI, "13900001111", date(1945, 7, 15))
    assert _warnings(report) == []


def test_id_spaces_removed_and_lower_case_x_upper_cased(db, branch_id, tmp_path):
    spaced = f" {LI[:6]} {LI[6:14]} {LI[14:].lower()} "
    run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", [person(1, "李明", "男", "1945.07",
                                                                      spaced)]))
    assert members(db)["李明"]["id_number"] == LI


def test_fifteen_digit_id_becomes_eighteen_digits_with_a_warning(db, branch_id, tmp_path):
    old = "410102380512123"  # 1938-05-12, sequence 123 (odd: 男)
    new = "41010219380512123" + check_digit("41010219380512123")
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx",
                                                  [person(1, "张建国", idn=old)]))
    assert members(db)["张建国"]["id_number"] == new
    assert _warnings(report, "身份证号") == [
        (3, "身份证号", "15 位旧身份证号已转为 18 位", f"{old} → {new}")]


def test_fifteen_digit_id_stored_as_a_number_is_still_exact(db, branch_id, tmp_path):
    run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx",
                                         [person(1, "张建国", idn=410102380512123)]))
    assert members(db)["张建国"]["id_number"].startswith("41010219380512123")


def test_id_stored_as_a_number_is_not_stored_and_its_value_is_shown(db, branch_id, tmp_path):
    rows = [person(1, "张建国", idn=float(ZHANG)), person(2, "王秀英", "女", "1941.02", "4.10102E+17")]
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows))
    assert report.added == 2
    got = members(db)
    assert got["张建国"]["id_number"] is None and got["王秀英"]["id_number"] is None
    (r1, _f1, reason1, detail1), (r2, _f2, reason2, detail2) = _warnings(report, "身份证号")
    assert (r1, r2) == (3, 4)
    assert "数字形式" in reason1 and "41010219380512" in detail1
    assert "科学计数法" in reason2 and "4.10102E+17" in detail2


def test_id_with_a_wrong_check_digit_is_not_stored_but_the_member_is(db, branch_id, tmp_path):
    wrong = ZHANG[:17] + ("0" if ZHANG[17] != "0" else "1")
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx",
                                                  [person(1, "张建国", idn=wrong)]))
    assert members(db)["张建国"]["id_number"] is None
    [(row, field, reason, detail)] = _warnings(report)
    assert (row, field, reason) == (3, "身份证号", "身份证号有误，未导入")
    assert wrong in detail and "校验位" in detail


def test_an_area_code_unknown_today_is_not_an_error(db, branch_id, tmp_path):
    # 110102 was 北京市西城区 until 2010; 412702 an old county code; neither needs to be current
    retired = "99990019380512123"
    number = retired + check_digit(retired)
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx",
                                                  [person(1, "张建国", idn=number)]))
    assert members(db)["张建国"]["id_number"] == number
    assert report.skipped == [] and _warnings(report) == []


def test_gender_and_birth_come_from_the_id_when_blank_and_disagreement_is_warned(
        db, branch_id, tmp_path):
    rows = [person(1, "王秀英", gender="", birth="", idn=WANG),
            person(2, "张建国", gender="女", birth="1938.06", idn=ZHANG)]
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows))
    got = members(db)
    assert (got["王秀英"]["gender"], got["王秀英"]["birth_date"]) == ("女", date(1941, 2, 3))
    assert got["王秀英"]["birth_month_only"] is False
    # the cell's value is kept when it disagrees with the ID
    assert (got["张建国"]["gender"], got["张建国"]["birth_date"]) == ("女", date(1938, 6, 1))
    reasons = {(w[0], w[1]): w[2] for w in _warnings(report)}
    assert reasons[(3, "性别")] == "性别空白，已由身份证号补全"
    assert reasons[(3, "出生年月")] == "出生年月空白，已由身份证号补全"
    assert reasons[(4, "性别")] == "性别与身份证号不一致，保留表格中的值"
    assert reasons[(4, "出生年月")] == "出生年月与身份证号不一致，保留表格中的值"


def test_dates_in_every_shape_a_roster_writes_them(db, branch_id, tmp_path):
    shapes = [
        (datetime(1938, 5, 12), date(1938, 5, 12), False),  # an Excel date cell
        ("1938.05", date(1938, 5, 1), True),
        ("1938年5月", date(1938, 5, 1), True),
        ("1938-05-12", date(1938, 5, 12), False),
        ("19380512", date(1938, 5, 12), False),
        ("1938/5", date(1938, 5, 1), True),
        ("1938年5月12日", date(1938, 5, 12), False),
        (1938.05, date(1938, 5, 1), True),  # typed into a number cell
        (1938.1, date(1938, 10, 1), True),  # 1938.10 in a number cell: October, with a warning
        ("一九三八年五月", date(1938, 5, 1), True),  # older hands write the numerals
        ("一九三八年十二月二十三日", date(1938, 12, 23), False),
    ]
    rows = [person(i, f"党员{i}", birth=value) for i, (value, _d, _m) in enumerate(shapes, 1)]
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows))
    got = members(db)
    for i, (value, expected, month_only) in enumerate(shapes, 1):
        m = got[f"党员{i}"]
        assert (m["birth_date"], m["birth_month_only"]) == (expected, month_only), value
    assert [w[0] for w in _warnings(report, "出生年月")] == [11]


def test_a_date_that_is_not_a_date_is_dropped_with_a_warning(db, branch_id, tmp_path):
    rows = [person(1, "张建国", birth="解放前", joined="1938.13")]
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows))
    m = members(db)["张建国"]
    assert m["birth_date"] is None and m["party_join_date"] is None
    assert {w[1]: w[2] for w in _warnings(report)} == {
        "出生年月": "出生年月无法识别，已留空", "入党时间": "入党时间无法识别，已留空"}


def test_several_phone_numbers_in_one_cell_are_all_kept(db, branch_id, tmp_path):
    rows = [person(1, "甲", phone="13812345678/13998765432"),
            person(2, "乙", birth="1939.01", phone="13812345679、0371-63211234"),
            person(3, "丙", birth="1940.01", phone="13812345670,13812345671，13812345672"),
            person(4, "丁", birth="1941.01", phone=13812345673)]
    run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows))
    got = members(db)
    assert got["甲"]["phone"] == "13812345678、13998765432"
    assert got["乙"]["phone"] == "13812345679、0371-63211234"
    assert got["丙"]["phone"] == "13812345670、13812345671、13812345672"
    assert got["丁"]["phone"] == "13812345673"


def test_party_membership_from_the_party_column(db, branch_id, tmp_path):
    rows = [person(1, "甲", party="是"), person(2, "乙", birth="1939.01", party="否"),
            person(3, "丙", birth="1940.01", party="群众", joined="")]
    run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows))
    got = members(db)
    assert [got[n]["is_party_member"] for n in "甲乙丙"] == [True, False, False]


def test_party_membership_from_join_date_when_there_is_no_party_column(db, branch_id, tmp_path):
    header = ["姓名", "性别", "出生年月", "入党时间"]
    rows = [["甲", "男", "1938.05", "1960.07"], ["乙", "男", "1939.05", ""]]
    run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows, header=header))
    got = members(db)
    assert (got["甲"]["is_party_member"], got["乙"]["is_party_member"]) == (True, False)


def test_everyone_on_a_party_roster_is_a_member_when_neither_column_exists(
        db, branch_id, tmp_path):
    rows = [["甲", "男", "1938.05"], ["乙", "女", "1939.05"]]
    run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows, header=["姓名", "性别", "出生年月"]))
    assert all(m["is_party_member"] for m in members(db).values())


def test_retirement_words_map_to_li_and_tui(db, branch_id, tmp_path):
    rows = [person(1, "甲", retire="离休干部"), person(2, "乙", birth="1939.01", retire="离休"),
            person(3, "丙", birth="1940.01", retire="退休干部"),
            person(4, "丁", birth="1941.01", retire="退休"),
            person(5, "戊", birth="1942.01", retire="在职")]
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows))
    got = members(db)
    assert [got[n]["retire_type"] for n in "甲乙丙丁戊"] == ["离休", "离休", "退休", "退休", None]
    assert _warnings(report, "离退休")[0][:3] == (7, "离退休", "离退休类别无法识别，已留空")


def test_health_words_map_to_mobility_and_living_words_to_living(db, branch_id, tmp_path):
    cases = [("行动不便", "与子女同住", "行动不便", "与子女同住"),
             ("卧床", "独居", "卧床", "独居"), ("住院", "空巢", "住院", "空巢"),
             ("长期住院", "老两口同住", "住院", "空巢"), ("良好", "养老院", "行动自如", "养老机构"),
             ("高血压，能自理", "一人居住", "行动自如", "独居")]
    rows = [person(i, f"党员{i}", birth=f"19{30 + i}.01", health=h, living=lv)
            for i, (h, lv, _m, _l) in enumerate(cases, 1)]
    run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows))
    got = members(db)
    for i, (_h, _lv, mobility, living) in enumerate(cases, 1):
        assert (got[f"党员{i}"]["mobility"], got[f"党员{i}"]["living"]) == (mobility, living)
    assert got["党员6"]["health_notes"] == "高血压，能自理"  # words not about moving are kept


def test_formula_cells_give_their_cached_value_and_a_warning(db, branch_id, tmp_path):
    import zipfile

    rows = [person(1, "张建国", idn=ZHANG, phone="=\"138\"&\"12345678\""),
            person(2, "王秀英", "女", "1941.02", WANG, notes="=1/0")]
    path = write_xlsx(tmp_path / "plain.xlsx", rows)
    # openpyxl writes no cached values; give the first formula one, as Excel would have
    fixed = tmp_path / "formulas.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = text.replace("</f><v></v>", "</f><v>13812345678</v>", 1)
                text = text.replace("</f><v /></c>", "</f><v>13812345678</v></c>", 1)
                data = text.encode()
            dst.writestr(item, data)
    report = run_import(db, branch_id, fixed)
    got = members(db)
    assert got["张建国"]["phone"] == "13812345678"
    assert got["王秀英"]["notes"] == ""
    by_row = {w[0]: w for w in _warnings(report)}
    assert by_row[3][1:3] == ("联系电话", "单元格是公式，已取其计算结果")
    assert "&" in by_row[3][3] and "13812345678" in by_row[3][3]
    assert by_row[4][1:3] == ("备注", "单元格是公式且没有计算结果，已当作空白")


def test_header_constant_is_the_one_the_helpers_write():
    assert HEADER[1] == "姓　名"  # the full-width space is part of the test's realism


def test_chinese_punctuation_in_text_is_kept_as_written(db, branch_id, tmp_path):
    rows = [person(1, "张建国", unit="县粮食局（原城关粮站）站长", address="城关镇东街１号（西院）")]
    run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows))
    m = members(db)["张建国"]
    assert (m["former_unit"], m["address"]) == ("县粮食局（原城关粮站）站长", "城关镇东街1号（西院）")


def test_a_two_digit_year_is_read_as_19xx_with_a_warning(db, branch_id, tmp_path):
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", [
        person(1, "张建国", birth="38.05", joined="65.7")]))
    m = members(db)["张建国"]
    assert (m["birth_date"], m["birth_month_only"], m["party_join_date"]) == (
        date(1938, 5, 1), True, date(1965, 7, 1))
    assert [(w.field, w.reason) for w in report.warnings] == [
        ("出生年月", "出生年月只写了两位年份"), ("入党时间", "入党时间只写了两位年份")]


def test_status_words_with_a_date_mark_the_member_and_without_one_only_warn(
        db, branch_id, tmp_path):
    header = ["姓名", "性别", "出生年月", "人员状态", "去世/转出时间", "备注"]
    rows = [["甲", "男", "1930.01", "已故", "2025.03", ""],
            ["乙", "男", "1931.01", "调出", "2024-06-01", ""],
            ["丙", "女", "1932.01", "去世", "", ""],
            ["丁", "女", "1933.01", "外出", "", ""],
            ["戊", "男", "1934.01", "在册", "", "2026年1月病故"]]
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows, header=header))
    got = members(db)
    assert (got["甲"]["status"], got["甲"]["status_date"]) == ("去世", date(2025, 3, 1))
    assert (got["乙"]["status"], got["乙"]["status_date"]) == ("转出", date(2024, 6, 1))
    assert (got["丙"]["status"], got["丙"]["status_date"]) == ("在册", None)  # no date: unchanged
    assert (got["丁"]["status"], got["丁"]["status_date"]) == ("暂离", None)
    assert got["戊"]["status"] == "在册"
    reasons = {(w.row, w.field): w.reason for w in report.warnings}
    assert reasons[(5, "状态")] == "写着“去世”但没有日期，状态未改"
    assert reasons[(7, "备注")] == "备注中写着已故，状态未改"
    again = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", rows, header=header))
    assert (again.updated, again.unchanged) == (0, 5)


def test_an_old_file_saying_zaice_does_not_bring_anyone_back(db, branch_id, tmp_path):
    from app.services.members import MemberInput, add_member, set_status

    with db.session() as s:
        mid = add_member(s, branch_id, MemberInput(name="甲", birth_date=date(1930, 1, 1)))
        set_status(s, mid, "去世", date(2025, 3, 1))
    header = ["姓名", "性别", "出生年月", "状态"]
    report = run_import(db, branch_id, write_xlsx(tmp_path / "r.xlsx", [["甲", "男", "1930.01", "在册"]],
                                                  header=header))
    assert members(db)["甲"]["status"] == "去世" and report.updated == 1  # gender filled in only
