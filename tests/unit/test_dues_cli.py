"""`zhibu dues …` through app.cli.run: the spec's commands, --json as written, exit 2 with a
Chinese sentence naming the option or the row."""

import json
from datetime import date

import openpyxl
import pytest

from app.cli import run
from app.runtime import open_database
from app.services import dues
from app.services.roster import ensure_branch
from tests.unit.dues_data import member

TODAY = date(2026, 12, 1)


@pytest.fixture
def dbfile(tmp_path):
    path = tmp_path / "d.sqlite3"
    db = open_database(path)
    with db.session() as s:
        branch = ensure_branch(s, "城关支部")
        branch.secretary = "李秀兰"
        zhang = member(s, branch.id, "张建国", sort_order=1)
        member(s, branch.id, "李明", sort_order=2, joined_date=date(2026, 5, 20))
        member(s, branch.id, "赵群众", sort_order=3, is_party_member=False)
        dues.set_base(s, zhang, 2026, "5000.00", today=TODAY)
    db.dispose()
    return str(path)


def zhibu(dbfile, *args):
    return run(["--db", dbfile, "dues", *args])


def out_json(capsys):
    return json.loads(capsys.readouterr().out)


def test_pay_then_show_is_the_spec_json(dbfile, capsys):
    assert zhibu(dbfile, "pay", "--member", "张建国", "--months", "2026-01..2026-03",
                 "--amount", "75.00", "--date", "2026-03-05", "--json") == 0
    paid = out_json(capsys)
    assert paid["amount"] == "75.00" and paid["collector"] == "李秀兰" and paid["how"] == "本人交"
    assert paid["months"] == "2026-01..2026-03" and paid["difference"] == "0.00"
    assert zhibu(dbfile, "show", "--year", "2026", "--as-of", "2026-12-01", "--json") == 0
    shown = out_json(capsys)
    assert shown == {"year": 2026, "as_of": "2026-12-01", "members": [
        {"member_id": 1, "name": "张建国", "base": "5000.00", "rate": "0.5%", "monthly": "25.00",
         "months_owed": 12, "owed": "300.00", "paid": "75.00", "outstanding": "225.00",
         "months_behind": 9, "reduction": None},
        {"member_id": 2, "name": "李明", "base": None, "rate": None, "monthly": None,
         "months_owed": 8, "owed": None, "paid": "0.00", "outstanding": None,
         "months_behind": 8, "reduction": None}]}


def test_pay_says_how_much_differs_from_what_is_owed(dbfile, capsys):
    assert zhibu(dbfile, "pay", "--member", "张建国", "--months", "2026-04",
                 "--amount", "30", "--date", "2026-04-05", "--how", "亲属代交",
                 "--by", "王德顺") == 0
    text = capsys.readouterr().out
    assert "应交 25.00元，多交 5.00元（照实登记，没有改动）" in text and "王德顺" in text


@pytest.mark.parametrize("args, words", [
    (("--months", "2026-01", "--amount", "25.005"), "超过两位小数"),
    (("--months", "2026-13", "--amount", "25"), "不是一个真实的月份"),
    (("--months", "2026-01", "--amount", "25", "--date", "2026-13-01"), "--date"),
    (("--months", "2026-01", "--amount", "25", "--how", "微信"), "--how"),
    (("--months", "2026-01..2026-07", "--amount", "175"), "--confirm"),
])
def test_bad_input_exits_2_with_a_chinese_sentence(dbfile, capsys, args, words):
    assert zhibu(dbfile, "pay", "--member", "张建国", *args) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_seven_months_at_once_pass_with_confirm(dbfile, capsys):
    assert zhibu(dbfile, "pay", "--member", "张建国", "--months", "2026-01..2026-07",
                 "--amount", "175", "--date", "2026-01-05", "--confirm", "--json") == 0
    assert out_json(capsys)["over_six_confirmed"] is True


def test_months_before_joining_a_non_member_and_a_twice_typed_payment(dbfile, capsys):
    assert zhibu(dbfile, "pay", "--member", "李明", "--months", "2026-04",
                 "--amount", "25", "--date", "2026-04-05") == 2
    assert "2026年05月才开始交党费" in capsys.readouterr().err
    assert zhibu(dbfile, "pay", "--member", "赵群众", "--months", "2026-04",
                 "--amount", "25", "--date", "2026-04-05") == 2
    assert "不是党员" in capsys.readouterr().err
    pay = ("pay", "--member", "张建国", "--months", "2026-04", "--amount", "25",
           "--date", "2026-04-05")
    assert zhibu(dbfile, *pay) == 0
    assert zhibu(dbfile, *pay) == 2
    assert "已经登记过了" in capsys.readouterr().err


def test_reverse_keeps_the_payment_and_cancels_it(dbfile, capsys):
    zhibu(dbfile, "pay", "--member", "张建国", "--months", "2026-01", "--amount", "25",
          "--date", "2026-01-05", "--json")
    paid = out_json(capsys)
    assert zhibu(dbfile, "reverse", str(paid["id"]), "--reason", "记错了人", "--json") == 0
    reversal = out_json(capsys)
    assert reversal["reverses"] == paid["id"] and reversal["amount"] == "-25.00"
    assert zhibu(dbfile, "reverse", str(paid["id"]), "--reason", "再冲") == 2
    assert "已经冲正过了" in capsys.readouterr().err


def test_owed_lists_who_is_behind_with_the_flag(dbfile, capsys):
    assert zhibu(dbfile, "owed", "--as-of", "2026-12-01", "--json") == 0
    data = out_json(capsys)
    assert data["as_of"] == "2026-12-01"
    assert [(m["name"], m["months_behind"], m["flagged"], m["amount"]) for m in data["members"]] \
        == [("张建国", 12, True, "300.00"), ("李明", 8, True, None)]
    assert zhibu(dbfile, "owed", "--as-of", "2026-12-01") == 0
    text = capsys.readouterr().out
    assert "欠缴党费 2 人" in text and "连续6个月以上未交" in text and "金额待定" in text


def test_import_bases_previews_then_applies_with_a_row_report(dbfile, capsys, tmp_path):
    path = tmp_path / "基数.xlsx"
    wb = openpyxl.Workbook()
    for row in (("姓名", "基本离退休费", "特殊情况"), ("李明", 6000, ""), ("赵群众", 3000, ""),
                ("孙无名", "abc", "")):
        wb.active.append(list(row))
    wb.save(path)
    assert zhibu(dbfile, "import-bases", str(path), "--year", "2026", "--dry-run",
                 "--json") == 0
    preview = out_json(capsys)
    assert preview["dry_run"] and preview["added"] == 1 and preview["year"] == 2026
    assert [(s["row"], s["reason"]) for s in preview["skipped"]] == [
        (3, "赵群众不是党员，不交党费"), (4, "基本离退休费“abc”不是金额，请写成 75.00 的样子")]
    assert zhibu(dbfile, "import-bases", str(path), "--year", "2026") == 0
    text = capsys.readouterr().out
    assert "导入完成" in text and "第 3 行：赵群众不是党员" in text
    assert zhibu(dbfile, "show", "--year", "2026", "--as-of", "2026-12-01", "--json") == 0
    li = out_json(capsys)["members"][1]
    assert li["base"] == "6000.00" and li["monthly"] == "60.00" and li["rate"] == "1%"


def test_import_bases_of_a_file_without_the_columns_exits_2(dbfile, capsys, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("姓名,性别\n李明,男\n", encoding="utf-8")
    assert zhibu(dbfile, "import-bases", str(path)) == 2
    assert "找不到表头" in capsys.readouterr().err


def test_ledger_and_notice_files(dbfile, capsys, tmp_path):
    zhibu(dbfile, "pay", "--member", "张建国", "--months", "2026-01..2026-03",
          "--amount", "75.00", "--date", "2026-03-05")
    capsys.readouterr()
    for name, extra in (("登记表.xlsx", ()), ("登记表.pdf", ()), ("公示.pdf", ("--notice",))):
        assert zhibu(dbfile, "ledger", "--year", "2026", "-o", str(tmp_path / name),
                     "--as-of", "2026-12-01", *extra, "--json") == 0
        result = out_json(capsys)
        assert (tmp_path / name).stat().st_size > 1000 and result["members"] == 2
    assert zhibu(dbfile, "ledger", "--year", "2026", "-o", str(tmp_path / "公示.xlsx"),
                 "--notice") == 2
    assert "公示只能保存为 .pdf" in capsys.readouterr().err


def test_base_sets_and_corrects_with_a_note(dbfile, capsys):
    assert zhibu(dbfile, "base", "--member", "李明", "--year", "2026", "--base", "4380",
                 "--json") == 0
    assert out_json(capsys)["monthly"] == "21.90"
    assert zhibu(dbfile, "base", "--member", "李明", "--year", "2026", "--base", "4400") == 2
    assert "请写明更正的原因" in capsys.readouterr().err
    assert zhibu(dbfile, "base", "--member", "李明", "--year", "2026", "--special", "抚恤",
                 "--note", "民政抚恤对象") == 0
    assert "0.20元" in capsys.readouterr().out


def test_a_name_two_members_share_a_member_who_left_and_a_base_of_nothing_exit_2(dbfile,
                                                                                capsys):
    db = open_database(dbfile)
    with db.session() as s:
        branch_id = ensure_branch(s, "城关支部").id
        twin = member(s, branch_id, "张建国", sort_order=4, community="东关社区")
        gone = member(s, branch_id, "王芳", sort_order=5, status="去世",
                      status_date=date(2026, 8, 15))
    db.dispose()
    pay = ("--months", "2026-04", "--amount", "25", "--date", "2026-04-05")
    assert zhibu(dbfile, "pay", "--member", "张建国", *pay) == 2
    err = capsys.readouterr().err
    assert "有 2 位党员叫“张建国”" in err and f"编号 {twin}" in err
    assert zhibu(dbfile, "pay", "--member", "王芳", "--months", "2026-08..2026-09",
                 "--amount", "50", "--date", "2026-08-05") == 2
    assert "已于2026年08月去世，不能交这之后的党费" in capsys.readouterr().err
    assert zhibu(dbfile, "pay", "--member", str(gone), "--months", "2026-08",
                 "--amount", "25", "--date", "2026-08-05") == 0  # through August is owed
    capsys.readouterr()
    for base in ("0", "0.00", "-100", "4380.005"):
        assert zhibu(dbfile, "base", "--member", "李明", "--year", "2026", "--base", base) == 2
        err = capsys.readouterr().err
        assert ("应大于 0" in err or "超过两位小数" in err) and "Traceback" not in err


def test_the_branch_rounding_is_shown_and_set_from_the_command_line(dbfile, capsys):
    assert zhibu(dbfile, "rounding", "--json") == 0
    assert out_json(capsys) == {"rounding": "分", "label": "四舍五入到分"}
    assert zhibu(dbfile, "rounding", "角") == 0
    assert "向上取整到角（已保存）" in capsys.readouterr().out
    assert zhibu(dbfile, "base", "--member", "李明", "--year", "2026", "--base", "3123.00",
                 "--json") == 0
    assert out_json(capsys)["monthly"] == "15.70"  # 15.615 → up to the 角
    assert zhibu(dbfile, "rounding", "毛") == 2
    assert "党费取整方式“毛”应为" in capsys.readouterr().err
