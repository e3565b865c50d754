"""The 自评表 a branch hands upward, read back; the township's ranking (order, ties and their
rule, refusals naming the file: another year, a foreign file, the same branch twice, a
hand-edited total); and the commands, --json exactly as the spec writes it."""

import json
import shutil
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from app.cli import run
from app.errors import InputError
from app.export.assessment_merge import TIE_RULE
from app.runtime import open_database
from app.services.roster import ensure_branch
from app.services.yearend.self_assessment import (
    assessment_of, export_assessment, merge_assessments, set_score,
)
from tests.unit.assessment_data import TODAY, YEAR, meet

HAND = ("1.1", "1.3", "2.1", "2.3", "4.5", "5.1", "5.3", "6.3")


def branch(db, name: str, hand: dict[str, str], theme_days: bool = False) -> int:
    with db.session() as s:
        b = ensure_branch(s, name)
        b.secretary, b.phone = "李秀兰", "0371-62301234"
        for code, score in hand.items():
            set_score(s, b.id, YEAR, code, score, "按要求落实", today=TODAY)
        if theme_days:
            for m in range(1, 13):
                meet(s, b.id, "主题党日", date(YEAR, m, 10))
        return b.id


@pytest.fixture
def books(db, tmp_path):
    """甲 45 points; 乙 and 丙 16 each — 乙 with 11 of them judged by the program, 丙 with 5."""
    ids = {"甲支部": branch(db, "甲支部", dict.fromkeys(HAND, "5")),
           "乙支部": branch(db, "乙支部", {"1.1": "5"}, theme_days=True),
           "丙支部": branch(db, "丙支部", {"1.1": "5", "1.3": "5", "2.1": "1"})}
    paths = {}
    with db.session() as s:
        for name, bid in ids.items():
            paths[name] = tmp_path / f"{name}_{YEAR}年自评表.xlsx"
            export_assessment(s, bid, YEAR, paths[name], head="张书记", checker="王审核",
                              today=TODAY)
    return ids, paths


def test_the_branch_workbook_reads_back_with_its_mark_and_form(db, books):
    ids, paths = books
    wb = load_workbook(paths["甲支部"])
    props = {p.name: p.value for p in wb.custom_doc_props}
    assert props["zhibu-assessment"] == 1 and props["zhibu-kind"] == "branch"
    assert (props["zhibu-branch"], props["zhibu-year"], props["zhibu-max"]) == ("甲支部", YEAR, "100")
    cells = [v for r in wb["自评表"].iter_rows(values_only=True) for v in r if v is not None]
    assert "表　　号：老干自评1表" in cells and "填报单位（盖章）：甲支部" in cells
    assert any(str(c).startswith("单位负责人：张书记") and "填表人：李秀兰" in str(c) for c in cells)
    assert any("报出日期：2026年02月01日" in str(c) for c in cells)
    rows = list(wb["自评表"].iter_rows(values_only=True))
    total = next(r for r in rows if r[0] == "合计")
    with db.session() as s:
        a = assessment_of(s, ids["甲支部"], YEAR, TODAY)
    assert total[3:5] == (100, a.total / 10) and a.total == 450
    first = next(r for r in rows if r[1] == "1.1")
    assert first[4] == 5 and first[5] == "按要求落实" and first[6] == "书记"


def test_the_ranking_is_highest_first_and_explains_ties(books, tmp_path):
    _ids, paths = books
    out = tmp_path / "排名.xlsx"
    data = merge_assessments(list(paths.values())[::-1], out, unit="城关镇老干部服务站",
                             today=TODAY)
    ranking = data["ranking"]
    assert [(r["branch"], r["rank"], r["total"]) for r in ranking] == [
        ("甲支部", 1, 45), ("乙支部", 2, 16), ("丙支部", 2, 16)]
    assert "与丙支部总分相同，并列第 2 名" in ranking[1]["note"]
    rows = list(load_workbook(out)["排名"].iter_rows(values_only=True))
    body = [r for r in rows if r[1] in ("甲支部", "乙支部", "丙支部")]
    assert [r[0] for r in body] == [1, 2, 2] and body[1][2] == 16
    texts = [v for r in rows for v in r if isinstance(v, str)]
    assert "填报单位（盖章）：城关镇老干部服务站" in texts
    assert any(TIE_RULE in t for t in texts)
    details = list(load_workbook(out)["明细"].iter_rows(values_only=True))
    assert sum(r[0] == "乙支部" for r in details) == 20


def test_another_year_is_refused_naming_both_files(db, books, tmp_path):
    ids, paths = books
    old = tmp_path / "甲支部_2024.xlsx"
    with db.session() as s:
        export_assessment(s, ids["甲支部"], 2024, old, today=TODAY)
    out = tmp_path / "排名.xlsx"
    with pytest.raises(InputError, match=r"“甲支部_2024.xlsx”是 2024 年度的自评表，而“乙支部"):
        merge_assessments([paths["乙支部"], old], out)
    assert not out.exists()


def test_a_foreign_file_is_refused(books, tmp_path):
    _ids, paths = books
    foreign = tmp_path / "别的表.xlsx"
    wb = Workbook()
    wb.active.title = "自评表"
    wb.active.append(["考评领域", "编号", "考评内容", "分值", "得分", "评分依据", "评分人"])
    wb.save(foreign)
    with pytest.raises(InputError, match="“别的表.xlsx”不是本程序生成的支部自评表"):
        merge_assessments([paths["甲支部"], foreign], tmp_path / "排名.xlsx")


def test_the_same_branch_twice_is_refused_naming_the_files(books, tmp_path):
    _ids, paths = books
    copy = tmp_path / "甲支部副本.xlsx"
    shutil.copy(paths["甲支部"], copy)
    with pytest.raises(InputError, match="“甲支部副本.xlsx”和“甲支部_.*都是“甲支部”的自评表"):
        merge_assessments([paths["甲支部"], copy], tmp_path / "排名.xlsx")


def test_a_hand_edited_total_is_refused(books, tmp_path):
    _ids, paths = books
    wb = load_workbook(paths["丙支部"])
    ws = wb["自评表"]
    for row in ws.iter_rows():
        if row[0].value == "合计":
            row[4].value = 96
    wb.save(paths["丙支部"])
    with pytest.raises(InputError, match="合计得分是 96，而各项得分加起来是 16"):
        merge_assessments(list(paths.values()), tmp_path / "排名.xlsx")


def test_the_output_may_not_be_an_input(books):
    _ids, paths = books
    with pytest.raises(InputError, match="正是要汇总的自评表之一"):
        merge_assessments(list(paths.values()), paths["甲支部"])


@pytest.fixture
def dbfile(tmp_path):
    path = tmp_path / "a.sqlite3"
    db = open_database(path)
    with db.session() as s:
        ensure_branch(s, "城关支部").secretary = "李秀兰"
    db.dispose()
    return str(path)


def test_cli_json_is_the_spec_json_and_scores_and_exports(dbfile, tmp_path, capsys):
    year = str(date.today().year - 1)
    assert run(["--db", dbfile, "self-assess", "score", "--year", year, "--item", "1.1",
                "--score", "4.5", "--note", "按期换届"]) == 0
    capsys.readouterr()
    assert run(["--db", dbfile, "self-assess", "--year", year, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == ["branch", "year", "total", "max", "stars", "items"]
    assert data["branch"] == "城关支部" and data["max"] == 100 and data["year"] == int(year)
    first = data["items"][0]
    assert first == {"area": "组织设置好", "item": "支部设置规范，按期换届，支委会分工明确",
                     "points": 5, "score": 4.5, "evidence": "按期换届", "by": "书记"}
    assert data["total"] == sum(i["score"] or 0 for i in data["items"])
    out = tmp_path / "自评.xlsx"
    assert run(["--db", dbfile, "self-assess", "--year", year, "-o", str(out)]) == 0
    assert run(["--db", dbfile, "checklist", "export", str(tmp_path / "细则.xlsx")]) == 0
    assert run(["--db", dbfile, "checklist", "load", str(tmp_path / "细则.xlsx")]) == 0
    capsys.readouterr()
    assert run(["--db", dbfile, "merge-assessments", str(out), "-o", str(tmp_path / "排名.xlsx"),
                "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ranking"][0]["branch"] == "城关支部"
    assert run(["--db", dbfile, "self-assess", "score", "--year", year, "--item", "4.1",
                "--score", "6"]) == 2
    assert "由程序按数据评分" in capsys.readouterr().err


def test_a_quarterly_workbook_or_a_ranking_is_named_and_refused(books, tmp_path):
    from app.export import xlsx_table as xt
    from app.export.quarterly_xlsx import set_mark

    _ids, paths = books
    quarterly = tmp_path / "城关支部_2025年第4季度.xlsx"
    with xt.TableBook(quarterly) as book:
        book.add(xt.TableSheet("汇总", "汇总", ("项目", "数值"), [("在册人数", 3)]))
        set_mark(book, "城关支部", YEAR, 4)
    with pytest.raises(InputError, match="“城关支部_2025年第4季度.xlsx”是本程序的季度报表，不是"):
        merge_assessments([paths["甲支部"], quarterly], tmp_path / "排名.xlsx")
    ranking = tmp_path / "排名.xlsx"
    merge_assessments([paths["甲支部"]], ranking)
    with pytest.raises(InputError, match="“排名.xlsx”是乡镇的自评排名表"):
        merge_assessments([paths["乙支部"], ranking], tmp_path / "排名2.xlsx")


def test_branches_rated_against_different_checklists_are_refused(db, books, tmp_path):
    from dataclasses import replace

    from app.services.yearend.assessment_checklist import default_checklist, store_checklist

    ids, paths = books
    with db.session() as s:
        store_checklist(s, ids["丙支部"], replace(default_checklist(), name="河口镇考评细则"),
                        "河口镇.xlsx")
        export_assessment(s, ids["丙支部"], YEAR, paths["丙支部"], today=TODAY)
    with pytest.raises(InputError, match="用的考评细则是“河口镇考评细则”.*请各支部用同一份考评细则"):
        merge_assessments([paths["甲支部"], paths["丙支部"]], tmp_path / "排名.xlsx")
