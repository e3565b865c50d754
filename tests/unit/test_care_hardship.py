"""The 困难党员 register: one entry per member and year, the roster's fields never typed twice,
the print as an A4 landscape PDF and an .xlsx read back, and `zhibu hardship …`."""

import json
from datetime import date

import openpyxl
import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.cli import run
from app.errors import InputError
from app.models import AuditEntry, Member
from app.runtime import open_database
from app.services.care_calendar import hardship, ledger_part
from app.services.roster import ensure_branch
from tests.unit.care_data import member

TODAY = date(2026, 12, 1)


def entry(member_id, **kw) -> hardship.HardshipInput:
    return hardship.HardshipInput(member_id, kw.pop("year", 2026), kw.pop("situation", "老伴卧床"),
                                  **kw)


@pytest.fixture
def two(db, branch_id):
    with db.session() as s:
        s.get_one(type(ensure_branch(s, "x")), branch_id).secretary = "李秀兰"
        a = member(s, branch_id, "张德顺", "卧床", gender="男", birth_date=date(1936, 12, 31),
                   party_join_date=date(1956, 4, 1), party_join_month_only=True,
                   address="城关镇东街12号", sort_order=1)
        b = member(s, branch_id, "赵桂兰", "行动自如", gender="女", birth_date=date(1941, 3, 8),
                   party_join_date=date(1965, 7, 12), address="河湾村3组", sort_order=2)
    return a, b


def test_the_register_reads_name_age_and_address_from_the_roster(db, branch_id, two):
    a, b = two
    with db.session() as s:
        hardship.add_hardship(s, branch_id, entry(b, measures="送慰问金500元",
                                                  posted_on=date(2026, 11, 20)), TODAY)
        hardship.add_hardship(s, branch_id, entry(a, situation="医药费负担重"), TODAY)
        s.get_one(Member, a).address = "城关镇东街14号"  # moved: the register follows
    with db.session() as s:
        rows = hardship.hardship_rows(s, branch_id, 2026, TODAY)
        past = hardship.hardship_rows(s, branch_id, 2026, date(2027, 3, 1))
    assert [(r.name, r.gender, r.age, r.joined_text, r.address, r.posted_text) for r in rows] == [
        ("张德顺", "男", 89, "1956年04月", "城关镇东街14号", ""),
        ("赵桂兰", "女", 85, "1965年07月12日", "河湾村3组", "2026年11月20日")]
    assert past[0].age == 90  # a past year's register: the age on its 31 December
    with db.session() as s:
        assert s.scalar(select(AuditEntry.entity).where(AuditEntry.entity == "hardship")) == \
            "hardship"  # the audit log keeps who entered what


def test_refusals_are_sentences_and_nothing_is_written(db, branch_id, two):
    a, _b = two
    with db.session() as s:
        hardship.add_hardship(s, branch_id, entry(a), TODAY)
    cases = [
        (entry(a), "已在2026年的困难党员登记里"),
        (entry(a, year=2027, situation="  "), "请填写困难状况及原因"),
        (entry(a, year=1800), "年度应在"),
        (entry(a, year=2027, posted_on=date(2026, 12, 2)), "在今天之后"),
        (entry(None), "请选择党员"),
        (entry(99999), "本支部没有编号为 99999 的党员"),
    ]
    for data, words in cases:
        with pytest.raises(InputError, match=words):
            with db.session() as s:
                hardship.add_hardship(s, branch_id, data, TODAY)
    with db.session() as s:
        s.get_one(Member, a).status = "去世"
        s.get_one(Member, a).status_date = date(2026, 11, 1)
    with pytest.raises(InputError, match="已去世"):
        with db.session() as s:
            hardship.add_hardship(s, branch_id, entry(a, year=2027), TODAY)
    with db.session() as s:
        assert len(hardship.hardship_rows(s, branch_id, 2026, TODAY)) == 1
        assert hardship.hardship_rows(s, branch_id, 2027, TODAY) == []


def test_editing_keeps_member_and_year(db, branch_id, two):
    a, b = two
    with db.session() as s:
        rid = hardship.add_hardship(s, branch_id, entry(a), TODAY)
    with db.session() as s:
        hardship.update_hardship(s, branch_id, rid, entry(b, year=2020, situation="改过的",
                                                          measures="协调低保"), TODAY)
        got = hardship.hardship_input(s, rid)
    assert (got.member_id, got.year, got.situation, got.measures) == (a, 2026, "改过的", "协调低保")
    with db.session() as s:
        hardship.remove_hardship(s, branch_id, rid)
        assert hardship.hardship_rows(s, branch_id, 2026, TODAY) == []


def _long_register(db, branch_id, count=14):
    with db.session() as s:
        for i in range(count):
            m = member(s, branch_id, f"党员{i:02d}", "卧床", gender="男",
                       birth_date=date(1935 + i, 5, 1), party_join_date=date(1958, 3, 1),
                       party_join_month_only=True, address=f"城关镇东街{i + 1}号", sort_order=i)
            hardship.add_hardship(s, branch_id, entry(
                m, situation="老伴长期卧床，本人患糖尿病，医药费开支大，" * (1 + i % 3),
                measures="春节、七一上门慰问并送慰问金500元；协调社区办理长期护理保险",
                posted_on=date(2026, 11, 20)), TODAY)


def test_the_register_prints_as_an_a4_landscape_pdf_read_back(db, branch_id, tmp_path):
    _long_register(db, branch_id)
    with db.session() as s:
        s.get_one(type(ensure_branch(s, "x")), branch_id).secretary = "李秀兰"
        result = hardship.print_hardship(s, branch_id, 2026, tmp_path / "困难.pdf", TODAY)
    reader = PdfReader(tmp_path / "困难.pdf")
    assert result["members"] == 14 and result["pages"] == len(reader.pages) >= 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # landscape
    first = reader.pages[0].extract_text()
    last = reader.pages[-1].extract_text()
    for words in ("表号：老干关怀1表", "测试支部2026年困难党员登记表", "填报单位（盖章）：测试支部",
                  "困难状况及原因", "帮扶措施", "公示日期", "党员00", "1958年03月",
                  "2026年11月20日", f"第 1 页　共 {result['pages']} 页"):
        assert words in first, words
    assert "（续）" in reader.pages[1].extract_text() and "入党时间" in reader.pages[1].extract_text()
    for words in ("填表人：李秀兰", "填表日期：2026年12月01日", "审核人", "党员13"):
        assert words in last, words


def test_the_register_as_xlsx_read_back(db, branch_id, tmp_path):
    _long_register(db, branch_id, count=3)
    with db.session() as s:
        hardship.print_hardship(s, branch_id, 2026, tmp_path / "困难.xlsx", TODAY, maker="王振华")
    ws = openpyxl.load_workbook(tmp_path / "困难.xlsx").active
    assert ws.title == "困难党员登记表"
    assert ws["A1"].value == "表号：老干关怀1表" and ws["A2"].value == "测试支部2026年困难党员登记表"
    assert [c.value for c in ws[4]] == ["序号", "姓名", "性别", "年龄", "入党时间", "困难状况及原因",
                                        "住址", "帮扶措施", "公示日期"]
    assert [c.value for c in ws[5]][:5] == ["1", "党员00", "男", "91", "1958年03月"]
    assert ws["I5"].value == "2026年11月20日" and ws["G7"].value == "城关镇东街3号"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$4:$4"
    signs = [c.value for c in ws[9] if c.value]
    assert signs[2:] == ["填表人：王振华", "填表日期：2026年12月01日"] and signs[1].startswith("审核人")


def test_printing_an_empty_register_or_a_wrong_kind_of_file_is_refused(db, branch_id, tmp_path):
    with db.session() as s:
        with pytest.raises(InputError, match="还是空的"):
            hardship.print_hardship(s, branch_id, 2026, tmp_path / "x.pdf", TODAY)
        with pytest.raises(InputError, match=".pdf 或 .xlsx"):
            hardship.print_hardship(s, branch_id, 2026, tmp_path / "x.docx", TODAY)
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.docx").exists()


def test_the_ledger_book_gets_the_years_hardship_help(db, branch_id, two):
    a, _b = two
    with db.session() as s:
        hardship.add_hardship(s, branch_id, entry(a, measures="送慰问金",
                                                  posted_on=date(2026, 11, 20)), TODAY)
        rows = ledger_part.hardship_help_of_year(s, branch_id, 2026, TODAY)
    assert len(ledger_part.HARDSHIP_HEADERS) == len(rows[0])
    assert rows == [("张德顺", "男", "89", "1956年04月", "老伴卧床", "城关镇东街12号", "送慰问金",
                     "2026年11月20日")]


# the command line ---------------------------------------------------------------------------
@pytest.fixture
def dbfile(tmp_path):
    path = tmp_path / "c.sqlite3"
    db = open_database(path)
    with db.session() as s:
        branch = ensure_branch(s, "城关支部")
        branch.secretary = "李秀兰"
        member(s, branch.id, "张德顺", "卧床", birth_date=date(1936, 7, 1),
               party_join_date=date(1976, 7, 1), party_join_month_only=True, sort_order=1)
        member(s, branch.id, "赵桂兰", "行动自如", birth_date=date(1960, 7, 8),
               party_join_date=date(1985, 7, 12), sort_order=2)
    db.dispose()
    return str(path)


def test_hardship_add_list_edit_print_by_command(dbfile, capsys, tmp_path):
    assert run(["--db", dbfile, "hardship", "add", "--member", "张德顺", "--year", "2026",
                "--situation", "医药费负担重", "--posted", "2026-11-20", "--json"]) == 0
    added = json.loads(capsys.readouterr().out)
    assert (added["name"], added["posted_on"], added["joined"]) == ("张德顺", "2026-11-20",
                                                                      "1976年07月")
    assert run(["--db", dbfile, "hardship", "edit", str(added["record_id"]), "--measures",
                "送慰问金"]) == 0
    assert "已修改" in capsys.readouterr().out
    assert run(["--db", dbfile, "hardship", "list", "--year", "2026", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["measures"]) for r in listed["rows"]] == [("张德顺", "送慰问金")]
    out = tmp_path / "困难党员.xlsx"
    assert run(["--db", dbfile, "hardship", "print", "--year", "2026", "-o", str(out)]) == 0
    assert out.exists() and "1 人" in capsys.readouterr().out


def test_hardship_refusals_exit_2_with_a_sentence(dbfile, capsys):
    assert run(["--db", dbfile, "hardship", "add", "--member", "无此人", "--year", "2026",
                "--situation", "x"]) == 2
    assert "找不到党员“无此人”" in capsys.readouterr().err
    assert run(["--db", dbfile, "hardship", "add", "--member", "张德顺", "--year", "2026",
                "--situation", "x", "--posted", "2026.11"]) == 2
    assert "要写到哪一天" in capsys.readouterr().err
    assert run(["--db", dbfile, "hardship", "print", "--year", "2026", "-o", "x.pdf"]) == 2
    assert "还是空的" in capsys.readouterr().err


def test_care_calendar_by_command(dbfile, capsys):
    assert run(["--db", dbfile, "care-calendar", "--year", "2026", "--month", "7",
                "--json"]) == 0
    cal = json.loads(capsys.readouterr().out)
    assert [(p["name"], p["day"], p["years"]) for p in cal["party_birthdays"]] == [
        ("赵桂兰", "2026-07-12", 41), ("张德顺", None, 50)]
    assert [(b["name"], b["word"]) for b in cal["birthdays"]] == [("张德顺", "90岁整寿")]
    assert [(f["name"], f["to_check"]) for f in cal["fifty_years"]["this_year"]] == [
        ("张德顺", True)]
    qiyi = next(f for f in cal["festivals"] if f["festival"] == "七一")
    assert qiyi["window"] == ["2026-06-15", "2026-07-15"] and qiyi["not_visited"] == 1
    assert run(["--db", dbfile, "care-calendar", "--year", "2026"]) == 0
    text = capsys.readouterr().out
    assert "【光荣在党50年】" in text and "入党时间只知年月" in text
    assert run(["--db", dbfile, "care-calendar", "--year", "2026", "--month", "13"]) == 2
    assert "--month 应为 1 到 12" in capsys.readouterr().err
