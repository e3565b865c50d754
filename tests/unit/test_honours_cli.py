"""`zhibu honours …` and `zhibu contest …` through app.cli.run: --json as written, the PDF, and
exit 2 with a Chinese sentence (nothing stored) for each refusal the brief names."""

import json
from datetime import date

import pytest
from pypdf import PdfReader

from app.cli import run
from app.runtime import open_database
from app.services.roster import ensure_branch
from tests.unit.dues_data import member

YEAR = date.today().year - 1  # a whole year behind us, whatever day the tests run


@pytest.fixture
def dbfile(tmp_path):
    path = tmp_path / "h.sqlite3"
    db = open_database(path)
    with db.session() as s:
        branch = ensure_branch(s, "城关支部")
        branch.secretary = "李秀兰"
        member(s, branch.id, "张建国", sort_order=1)
        member(s, branch.id, "李明", sort_order=2)
        member(s, branch.id, "赵群众", sort_order=3, is_party_member=False)
        member(s, branch.id, "钱新来", sort_order=4, joined_date=date(YEAR + 1, 1, 2))
    db.dispose()
    return str(path)


def zhibu(dbfile, *args):
    return run(["--db", dbfile, *args])


def listed(dbfile, capsys) -> dict:
    capsys.readouterr()
    assert zhibu(dbfile, "honours", "list", "--year", str(YEAR), "--json") == 0
    return json.loads(capsys.readouterr().out)


def test_the_year_is_recorded_listed_and_printed(dbfile, capsys, tmp_path):
    y = str(YEAR)
    for args in (("honours", "add", "--year", y, "--name", "学习先进", "--member", "李明",
                  "--note", "坚持学习"),
                 ("honours", "add", "--year", y, "--name", "学习先进", "--member", "张建国"),
                 ("honours", "add", "--year", y, "--for-branch", "--name", "五好支部", "--level", "县",
                  "--by", "县委老干部局", "--date", f"{YEAR}-12-20"),
                 ("honours", "recommend", "--year", y, "--member", "李明", "--reason", "带头学习"),
                 ("contest", "add", "--name", "党史竞答", "--kind", "知识竞答", "--date", f"{YEAR}-07-18"),
                 ("contest", "entry", "--contest", "党史竞答", "--member", "李明", "--score", "95.5",
                  "--result", "一等奖")):
        assert zhibu(dbfile, *args) == 0, args
    data = listed(dbfile, capsys)
    assert data["study_models"] == ["张建国", "李明"]
    assert data["recommended"]["name"] == "李明" and data["recommended"]["deeds"] == "带头学习"
    assert [(h["holder"], h["name"], h["level"]) for h in data["honours"]] == [
        ("城关支部", "五好支部", "县"), ("张建国", "学习先进", "支部"), ("李明", "学习先进", "支部")]
    assert data["honours"][2]["conferred_by"] == "城关支部"
    entry = data["contests"][0]["entries"][0]
    assert (entry["name"], entry["score"], entry["result"]) == ("李明", 95.5, "一等奖")
    assert data["counts"]["prized"] == 1
    assert zhibu(dbfile, "honours", "list", "--year", y) == 0
    assert "推荐参评市“十佳学习型老干部”：李明（待评）" in capsys.readouterr().out
    assert zhibu(dbfile, "honours", "print", "--year", y, "-o", str(tmp_path / "h.pdf")) == 0
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "h.pdf").pages)
    assert "学习先进推荐表" in text and "95.5" in text and "填表人：李秀兰" in text


REFUSALS = [
    (("honours", "add", "--name", "优秀共产党员", "--level", "县", "--member", "赵群众"), "不是党员"),
    (("honours", "add", "--name", "优秀共产党员", "--level", "县", "--member", "钱新来"),
     "年不在本支部花名册上"),
    (("honours", "add", "--name", "优秀共产党员", "--level", "县", "--member", "王不在"),
     "找不到党员“王不在”"),
    (("honours", "add", "--name", "优秀共产党员", "--member", "李明"), "请写 --level"),
    (("honours", "add", "--name", "优秀共产党员", "--level", "县", "--member", "李明",
      "--date", f"{YEAR}-02-30"), "不是一个真实的日期"),
    (("honours", "add", "--name", "五好支部", "--level", "县"), "二者选一"),
    (("honours", "recommend", "--member", "张建国"), "张建国不是本支部.*学习先进"),
]


@pytest.mark.parametrize("args, words", REFUSALS, ids=[w for _a, w in REFUSALS])
def test_bad_input_exits_2_and_stores_nothing(dbfile, capsys, args, words):
    assert zhibu(dbfile, *args, "--year", str(YEAR)) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and __import__("re").search(words, err), err
    data = listed(dbfile, capsys)
    assert data["honours"] == [] and data["recommended"] is None


def test_a_second_recommendation_and_a_bad_score_exit_2(dbfile, capsys):
    y = str(YEAR)
    for who in ("李明", "张建国"):
        assert zhibu(dbfile, "honours", "add", "--year", y, "--name", "学习先进", "--member", who) == 0
    assert zhibu(dbfile, "honours", "recommend", "--year", y, "--member", "李明") == 0
    assert zhibu(dbfile, "honours", "recommend", "--year", y, "--member", "张建国") == 2
    assert "每年只能推荐一人" in capsys.readouterr().err
    assert zhibu(dbfile, "contest", "add", "--name", "竞答", "--kind", "知识竞答", "--year", y) == 0
    for score, words in (("101", "应在 0 到 100 分之间"), ("88.25", "最多一位小数")):
        assert zhibu(dbfile, "contest", "entry", "--contest", "竞答", "--member", "李明",
                     "--score", score) == 2
        assert words in capsys.readouterr().err
    data = listed(dbfile, capsys)
    assert data["recommended"]["name"] == "李明" and data["contests"][0]["entries"] == []
