"""`zhibu talks|committee|exclusions|quorum` through app.cli.run: --json as the services say it,
exit 2 with a Chinese sentence and nothing stored on bad input."""

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.cli import run
from app.committee_term import term_end
from app.models import Attendance, CommitteePost, StudyEvent, Talk
from app.runtime import open_database
from tests.unit.orglife_data import branch_of, member, members

YEAR = date.today().year


@pytest.fixture
def dbfile(tmp_path):
    path = tmp_path / "t.sqlite3"
    db = open_database(path)
    with db.session() as s:
        b = branch_of(s)
        members(s, b, 9)
        member(s, b, "赵群众", is_party_member=False, sort_order=30)
        event = StudyEvent(branch_id=b, kind="支部党员大会", date=date(YEAR, 1, 5))
        s.add(event)
        s.flush()
        for i in range(1, 9):
            s.add(Attendance(event_id=event.id, member_id=i, mark="出席" if i < 8 else "请假"))
    db.dispose()
    return str(path)


def zhibu(dbfile, *args):
    return run(["--db", dbfile, *args])


def out_json(capsys):
    return json.loads(capsys.readouterr().out)


def count(dbfile, model) -> int:
    db = open_database(dbfile)
    try:
        with db.session() as s:
            return s.scalar(select(func.count()).select_from(model))
    finally:
        db.dispose()


def test_add_a_talk_then_list_and_coverage(dbfile, capsys):
    day = f"{date.today():%Y-%m-%d}"  # never in the future, whatever day the test runs
    assert zhibu(dbfile, "talks", "add", "--with", "党员01", "--by", "党员00", "--date", day,
                 "--how", "上门", "--opinions", "希望多组织参观", "--json") == 0
    made = out_json(capsys)
    assert (made["talker_name"], made["member_name"], made["talker_id"], made["how"]) == (
        "党员00", "党员01", 1, "上门")
    assert zhibu(dbfile, "talks", "add", "--with", "党员02", "--by", "镇党委王书记",
                 "--date", day) == 0
    assert "镇党委王书记与党员02" in capsys.readouterr().out
    assert zhibu(dbfile, "talks", "list", "--year", str(YEAR), "--json") == 0
    assert [t["member_name"] for t in out_json(capsys)["talks"]] == ["党员02", "党员01"]
    assert zhibu(dbfile, "talks", "coverage", "--year", str(YEAR), "--json") == 0
    cov = out_json(capsys)
    assert (cov["members"], cov["covered"]) == (9, 2)
    assert cov["rows"][1] == {"member_id": 2, "name": "党员01", "talked": True, "by": "党员00",
                              "when": day, "times": 1, "how": "上门"}
    assert zhibu(dbfile, "talks", "coverage", "--year", str(YEAR)) == 0
    assert "应谈 9 人，已谈 2 人，还有 7 人没有谈" in capsys.readouterr().out


@pytest.mark.parametrize("args, words", [
    (("--with", "赵群众", "--by", "党员00"), "赵群众不是党员"),
    (("--with", "无此人", "--by", "党员00"), "找不到党员“无此人”"),
    (("--with", "党员01", "--by", "党员00", "--date",
      f"{date.today() + timedelta(days=1):%Y-%m-%d}"), "在今天之后"),
    (("--with", "党员01", "--by", "党员00", "--how", "微信"), "谈话方式“微信”"),
    (("--with", "党员01", "--by", "党员01"), "同一个人"),
])
def test_bad_talks_exit_2_and_store_nothing(dbfile, capsys, args, words):
    assert zhibu(dbfile, "talks", "add", *args) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert count(dbfile, Talk) == 0


def test_committee_set_show_and_end(dbfile, capsys):
    elected = date.today() - timedelta(days=400)
    assert zhibu(dbfile, "committee", "set", "--elected", f"{elected:%Y-%m-%d}",
                 "--post", "书记=党员00", "--post", "组织委员=党员01",
                 "--post", "宣传委员=党员02") == 0
    assert "已登记换届选举结果：书记党员00、组织委员党员01、宣传委员党员02" in capsys.readouterr().out
    assert zhibu(dbfile, "committee", "set", "--add", "--post", "其他委员=党员03") == 0
    capsys.readouterr()
    assert zhibu(dbfile, "committee", "show", "--json") == 0
    shown = out_json(capsys)
    assert [p["post"] for p in shown["posts"]] == ["书记", "组织委员", "宣传委员", "其他委员"]
    ends = term_end(elected)
    assert shown["term_ends"] == f"{ends:%Y-%m-%d}" and shown["full_members"] == 9
    assert shown["needs_committee"] is True
    assert zhibu(dbfile, "committee", "end", "--member", "党员03", "--until",
                 f"{date.today():%Y-%m-%d}") == 0
    assert "离任其他委员" in capsys.readouterr().out


def test_committee_bad_input_exits_2(dbfile, capsys):
    assert zhibu(dbfile, "committee", "set", "--elected", "2024-03-31",
                 "--post", "组织委员=党员01") == 2
    assert "换届要选出书记 1 名" in capsys.readouterr().err
    assert zhibu(dbfile, "committee", "set", "--elected", "2024-03-31", "--post", "书记") == 2
    assert "应写成 职务=姓名" in capsys.readouterr().err
    assert count(dbfile, CommitteePost) == 0


def test_quorum_of_a_meeting_from_its_attendance(dbfile, capsys):
    assert zhibu(dbfile, "quorum", "--event", "1", "--json") == 0
    q = out_json(capsys)
    # 9 full members, 7 present: 4/5 of 9 is 7.2, so 8 are needed
    assert (q["voting"], q["base"], q["needed"], q["present"], q["reached"]) == (9, 9, 8, 7, False)
    assert zhibu(dbfile, "exclusions", "add", "--member", "党员08", "--year", str(YEAR),
                 "--category", "年老体弱卧床不起", "--reason", "卧床多年", "--approved-by", "镇党委",
                 "--approved-on", f"{date.today():%Y-%m-%d}") == 0
    capsys.readouterr()
    assert zhibu(dbfile, "quorum", "--event", "1") == 0
    text = capsys.readouterr().out
    assert "应到会 8 人，实到会 7 人" in text and "已达到规定人数" in text
    assert "党员08（年老体弱卧床不起：卧床多年）" in text


def test_an_exclusion_without_approval_is_refused(dbfile, capsys):
    assert zhibu(dbfile, "exclusions", "add", "--member", "党员08", "--category", "其他",
                 "--reason", "外出") == 2
    err = capsys.readouterr().err
    assert "请填写批准人" in err and "请填写批准日期" in err
    assert zhibu(dbfile, "exclusions", "list", "--json") == 0
    assert out_json(capsys)["excluded"] == []


def test_the_org_life_check_parts(dbfile):
    from app.cli.talks_cmds import committee_part, talks_part

    db = open_database(dbfile)
    try:
        with db.session() as s:
            assert talks_part(s, 1, YEAR) == {"talks": {"members": 9, "covered": 0}}
            assert committee_part(s, 1) == {"committee": {"term_ends": None, "warning": None}}
    finally:
        db.dispose()
