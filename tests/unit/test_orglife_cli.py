"""`zhibu events`, `zhibu print-minutes` and `zhibu org-life …` through app.cli.run: the spec's
JSON, the PDF written, and exit 2 with a Chinese sentence for what cannot be done."""

import json
from datetime import date

import pytest
from pypdf import PdfReader

from app.cli import run
from app.runtime import open_database
from app.services import study
from app.services.orglife import minutes as mn
from app.services.roster import ensure_branch
from tests.unit.dues_data import member


@pytest.fixture
def dbfile(tmp_path):
    path = tmp_path / "o.sqlite3"
    db = open_database(path)
    with db.session() as s:
        branch = ensure_branch(s, "城关支部")
        branch.secretary = "李秀兰"
        zhang = member(s, branch.id, "张建国", sort_order=1)
        member(s, branch.id, "王秀英", sort_order=2)
        ids = {}
        for key, kind, day in (("dahui", "支部党员大会", date(2026, 1, 18)),
                               ("zhiwei", "支委会", date(2026, 4, 10)),
                               ("xuexi", "集中学习日", date(2026, 4, 5)),
                               ("shenghuo", "组织生活会", date(2026, 2, 20))):
            ids[key] = study.create_event(s, branch.id, study.EventInput(
                kind=kind, date=day, topic=f"{kind}主题",
                with_appraisal=kind == "组织生活会"))
        study.record_attendance(s, ids["zhiwei"], zhang, "出席")
        mn.save_minutes(s, ids["zhiwei"], mn.MinutesInput(topic="研究走访安排", host="李秀兰",
                                                          recorder="王秀英", content="议定走访。"))
    db.dispose()
    return str(path), ids


def zhibu(dbfile, *args):
    return run(["--db", dbfile[0], *args])


def out_json(capsys):
    return json.loads(capsys.readouterr().out)


def test_events_lists_the_year_with_ids_and_the_state_of_the_minutes(dbfile, capsys):
    assert zhibu(dbfile, "events", "--year", "2026", "--json") == 0
    data = out_json(capsys)
    assert data["year"] == 2026
    assert [e["kind"] for e in data["events"]] == ["支部党员大会", "组织生活会", "集中学习日", "支委会"]
    zhiwei = data["events"][-1]
    assert zhiwei["id"] == dbfile[1]["zhiwei"] and zhiwei["date"] == "2026-04-10"
    assert (zhiwei["host"], zhiwei["recorder"], zhiwei["minutes"]) == ("李秀兰", "王秀英", "已填写")
    assert (zhiwei["expected"], zhiwei["present"]) == (2, 1)
    assert data["events"][0]["minutes"] == "未填写"
    assert data["events"][1]["with_appraisal"] is True
    assert zhibu(dbfile, "events", "--year", "2026", "--meetings-only", "--json") == 0
    assert "集中学习日" not in [e["kind"] for e in out_json(capsys)["events"]]
    assert zhibu(dbfile, "events", "--year", "2026") == 0
    assert f"编号 {dbfile[1]['zhiwei']}" in capsys.readouterr().out


def test_org_life_check_json_is_the_specs_year_and_kinds(dbfile, capsys):
    assert zhibu(dbfile, "org-life", "check", "--year", "2026", "--as-of", "2026-05-20",
                 "--json") == 0
    data = out_json(capsys)
    assert data["year"] == 2026 and data["as_of"] == "2026-05-20"
    kinds = {k["kind"]: k for k in data["kinds"]}
    assert len(kinds) == 7
    assert {k: kinds["支部党员大会"][k] for k in ("held", "required", "missing_this_quarter")} == \
        {"held": 1, "required": 4, "missing_this_quarter": True}
    assert kinds["支委会"]["sentence"] == "本月还没有召开支委会"
    assert kinds["民主评议党员"]["held"] == 1  # with the 组织生活会
    assert kinds["主题党日"]["held"] == 1  # the April study day


def test_org_life_check_in_words(dbfile, capsys):
    assert zhibu(dbfile, "org-life", "check", "--year", "2026", "--as-of", "2026-05-20") == 0
    out = capsys.readouterr().out
    assert "支部党员大会（每季度）：已开 1 次，全年应开 4 次" in out
    assert "【本季度还没有召开支部党员大会】" in out


def test_kinds_switch_one_off_and_the_check_leaves_it_out(dbfile, capsys):
    assert zhibu(dbfile, "org-life", "kinds", "--not-held", "党小组会", "--json") == 0
    assert out_json(capsys) == {"not_held": ["党小组会"], "study_day_counts": True}
    assert zhibu(dbfile, "org-life", "kinds", "--study-day-counts", "no", "--json") == 0
    assert out_json(capsys) == {"not_held": ["党小组会"], "study_day_counts": False}
    assert zhibu(dbfile, "org-life", "check", "--year", "2026", "--as-of", "2026-05-20",
                 "--json") == 0
    kinds = {k["kind"]: k for k in out_json(capsys)["kinds"]}
    assert kinds["党小组会"]["off"] and not kinds["党小组会"]["missing_this_quarter"]
    assert kinds["主题党日"]["held"] == 0
    assert zhibu(dbfile, "org-life", "kinds", "--not-held", "--json") == 0  # all held again
    assert out_json(capsys)["not_held"] == []


def test_print_minutes_writes_the_minutes_and_the_sign_in_sheet(dbfile, tmp_path, capsys):
    out = tmp_path / "会议记录.pdf"
    assert zhibu(dbfile, "print-minutes", "--event", str(dbfile[1]["zhiwei"]), "-o", str(out),
                 "--json") == 0
    data = out_json(capsys)
    assert data["pages"] == 1 and data["signin_pages"] == 1 and data["kind"] == "支委会"
    pages = [p.extract_text() for p in PdfReader(out).pages]
    assert pages[0].startswith("城关支部\n支委会会议记录") and "议定走访。" in pages[0]
    assert "学习活动签到表" in pages[1]


@pytest.mark.parametrize("args, words", [
    (("print-minutes", "--event", "999", "-o", "x.pdf"), "编号 999"),
    (("print-minutes", "--event", "1", "-o", "x.txt"), ".pdf 结尾"),
    (("org-life", "check", "--year", "2026", "--as-of", "2026-05"), "要写到哪一天"),
    (("org-life", "check", "--year", "1900"), "2000 到 2100"),
    (("org-life", "kinds", "--not-held", "座谈会"), "不是组织生活的会议种类"),
])
def test_what_cannot_be_done_exits_2_with_a_sentence(dbfile, tmp_path, capsys, args, words):
    args = tuple(str(tmp_path / a) if a.endswith((".pdf", ".txt")) else a for a in args)
    assert zhibu(dbfile, *args) == 2
    assert words in capsys.readouterr().err
