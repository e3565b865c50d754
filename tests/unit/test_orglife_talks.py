"""谈心谈话: a talk is recorded, corrected and refused in Chinese with nothing stored; the year's
coverage counts every party member on the roster — a 谈心谈话 visit counts, a member who left
does not, and the year's edges hold."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.models import Talk
from app.services.orglife import talks
from app.services.orglife.coverage import talks_coverage
from tests.unit.orglife_data import TODAY, branch_of, member, talk, visit


@pytest.fixture
def branch(db):
    with db.session() as s:
        b = branch_of(s)
        ids = {n: member(s, b, n, sort_order=i) for i, n in
               enumerate(("李秀兰", "张建国", "王芳", "刘德"))}
        ids["赵群众"] = member(s, b, "赵群众", is_party_member=False, sort_order=9)
        ids["陈去世"] = member(s, b, "陈去世", sort_order=10, status="去世",
                            status_date=date(2026, 6, 30))
        ids["周新来"] = member(s, b, "周新来", sort_order=11, joined_date=date(2026, 9, 1))
    return b, ids


def count_talks(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Talk))


def test_a_talk_by_a_member_is_stored_with_the_talkers_name(db, branch):
    b, ids = branch
    with db.session() as s:
        tid = talk(s, b, ids["张建国"], date(2026, 3, 5), by="", talker_id=ids["李秀兰"],
                   opinions="希望多组织参观", how="上门")
    with db.session() as s:
        row = talks.talks_in_year(s, b, 2026)[0]
        assert (row.talk_id, row.talker_name, row.member_name, row.how, row.opinions) == (
            tid, "李秀兰", "张建国", "上门", "希望多组织参观")
        talks.update_talk(s, tid, talks.TalkInput(ids["王芳"], date(2026, 3, 6), None, "镇党委王书记",
                                                  "电话"), today=TODAY)
    with db.session() as s:
        row = talks.talks_in_year(s, b, 2026)[0]
        assert (row.member_name, row.talker_id, row.talker_name, row.how) == (
            "王芳", None, "镇党委王书记", "电话")


@pytest.mark.parametrize("change, words", [
    (dict(member_id="赵群众"), "赵群众不是党员"),
    (dict(member_id="陈去世", date=date(2026, 7, 1)), "陈去世在 2026-07-01 不在本支部名册上（已于 2026-06-30 去世）"),
    (dict(member_id="周新来", date=date(2026, 8, 31)), "2026-09-01 才转入本支部"),
    (dict(date=date(2026, 12, 2)), "在今天之后"),
    (dict(date=None), "请填写谈话日期"),
    (dict(member_id=None), "请选择谈话对象"),
    (dict(talker_name="  "), "请填写谈话人"),
    (dict(talker_id="张建国"), "谈话人和谈话对象是同一个人"),
    (dict(how="微信"), "谈话方式“微信”应为：当面、电话、上门"),
])
def test_bad_talks_are_refused_in_chinese_and_nothing_is_stored(db, branch, change, words):
    b, ids = branch
    data = dict(member_id="张建国", date=date(2026, 5, 1), talker_id=None, talker_name="李秀兰",
                how="当面")
    data.update(change)
    for key in ("member_id", "talker_id"):
        if isinstance(data[key], str):
            data[key] = ids[data[key]]
    with pytest.raises(InputError, match=words.replace("（", "\\（").replace("）", "\\）")):
        with db.session() as s:
            talks.record_talk(s, b, talks.TalkInput(**data), today=TODAY)
    assert count_talks(db) == 0


def test_a_member_of_another_branch_is_no_partner(db, branch):
    b, ids = branch
    with db.session() as s:
        other = member(s, branch_of(s, "东关支部"), "外支部")
    with pytest.raises(InputError, match="谈话对象不是本支部的党员"):
        with db.session() as s:
            talk(s, b, other, date(2026, 5, 1))
    assert count_talks(db) == 0


def test_coverage_counts_talks_and_heart_to_heart_visits(db, branch):
    b, ids = branch
    with db.session() as s:
        talk(s, b, ids["张建国"], date(2026, 3, 5), by="李秀兰")
        talk(s, b, ids["张建国"], date(2026, 10, 5), by="王芳", how="电话")
        visit(s, ids["王芳"], date(2026, 4, 2))
        visit(s, ids["刘德"], date(2026, 4, 3), purposes=("送学上门", "节日慰问"))
        cov = talks_coverage(s, b, 2026, TODAY)
    rows = {r.name: r for r in cov.rows}
    assert (cov.members, cov.covered) == (5, 2)  # 李秀兰 张建国 王芳 刘德 周新来
    assert (rows["张建国"].by, rows["张建国"].when, rows["张建国"].times, rows["张建国"].how) == (
        "王芳", date(2026, 10, 5), 2, "电话")
    assert rows["王芳"].talked and rows["王芳"].by == "王助老" and rows["王芳"].how == "上门（走访）"
    assert not rows["刘德"].talked  # a visit for other purposes is no talk
    assert [r.name for r in cov.missing] == ["李秀兰", "刘德", "周新来"]


def test_members_who_left_are_not_counted_nor_non_members(db, branch):
    b, ids = branch
    with db.session() as s:
        talk(s, b, ids["陈去世"], date(2026, 3, 5))
        cov = talks_coverage(s, b, 2026, TODAY)
        names = [r.name for r in cov.rows]
        assert "陈去世" not in names and "赵群众" not in names
        assert cov.covered == 0
        early = talks_coverage(s, b, 2026, date(2026, 5, 1))  # before she died, before he came
        assert {r.name for r in early.rows} == {"李秀兰", "张建国", "王芳", "刘德", "陈去世"}
        assert [r.name for r in early.rows if r.talked] == ["陈去世"]


def test_the_years_edges(db, branch):
    b, ids = branch
    with db.session() as s:
        talk(s, b, ids["张建国"], date(2025, 12, 31))
        talk(s, b, ids["王芳"], date(2026, 1, 1))
        visit(s, ids["刘德"], date(2025, 12, 31))
        y25 = talks_coverage(s, b, 2025, TODAY)
        y26 = talks_coverage(s, b, 2026, TODAY)
    assert {r.name for r in y25.rows if r.talked} == {"张建国", "刘德"}
    assert {r.name for r in y26.rows if r.talked} == {"王芳"}
    assert y25.as_of == date(2025, 12, 31) and y26.as_of == TODAY


def test_coverage_json_is_plain(db, branch):
    b, ids = branch
    with db.session() as s:
        talk(s, b, ids["张建国"], date(2026, 3, 5))
        data = talks_coverage(s, b, 2026, TODAY).to_json()
    assert data["members"] == 5 and data["covered"] == 1 and data["as_of"] == "2026-12-01"
    assert data["rows"][1] == {"member_id": ids["张建国"], "name": "张建国", "talked": True,
                               "by": "李秀兰", "when": "2026-03-05", "times": 1, "how": "当面"}


def test_a_talk_deleted_is_gone(db, branch):
    b, ids = branch
    with db.session() as s:
        tid = talk(s, b, ids["张建国"], date(2026, 3, 5))
    with db.session() as s:
        talks.delete_talk(s, tid)
    assert count_talks(db) == 0


def test_talks_are_in_the_change_log_with_their_member(db, branch):
    from app.models import AuditEntry

    b, ids = branch
    with db.session() as s:
        tid = talk(s, b, ids["张建国"], date(2026, 3, 5), opinions="希望多组织参观")
    with db.session() as s:
        talks.delete_talk(s, tid)
    with db.session() as s:
        rows = s.execute(select(AuditEntry.entity, AuditEntry.action, AuditEntry.member_id,
                                AuditEntry.new, AuditEntry.old)
                         .where(AuditEntry.entity == "talk").order_by(AuditEntry.id)).all()
    assert [(r.action, r.member_id) for r in rows] == [("新增", ids["张建国"]), ("删除", ids["张建国"])]
    assert "意见建议：希望多组织参观" in rows[0].new and "谈话人：李秀兰" in rows[1].old
