"""What is still to be taken to members' doors, marking several delivered at once, quiz papers
returned with scores, one member's record and the quarter's figures."""

from datetime import date

import pytest
from sqlalchemy import select

from app.errors import InputError
from app.models import Handout, Member, Visit
from app.services import issuing, materials
from app.services.issuing import Recipients
from app.services.materials import MaterialInput


@pytest.fixture
def issued(db, branch_id):
    """Three homebound members in two villages, one able member; a book (March) and a DVD (May)
    issued to all by 集中领取, so the homebound copies wait for the door."""
    ids = {}
    with db.session() as s:
        for i, (name, place, mob) in enumerate([
            ("张德顺", "河湾村", "卧床"), ("王建国", "东关社区", "行动自如"),
            ("赵桂兰", "东关社区", "行动不便"), ("孙玉珍", "河湾村", "住院"),
        ], 1):
            m = Member(branch_id=branch_id, name=name, sort_order=i, community=place, mobility=mob)
            s.add(m)
            s.flush()
            ids[name] = m.id
        for key, title, kind, period, day in [
            ("book", "老干部政治理论学习读本", "读本", "2026年", date(2026, 3, 5)),
            ("dvd", "党课辅导光盘", "光盘", "2026年第2季度", date(2026, 5, 5)),
        ]:
            ids[key] = materials.add_material(s, branch_id, MaterialInput(
                title=title, kind=kind, period=period, quantity=10))
            issuing.issue_material(s, branch_id, ids[key], Recipients(), issued_date=day,
                                   handled_by="李秀兰")
    return ids


def test_pending_list_by_member_keeps_roster_order_and_oldest_first(db, branch_id, issued):
    with db.session() as s:
        rows = materials.pending_handouts(s, branch_id)
    assert [(r.member_name, r.material_title) for r in rows] == [
        ("张德顺", "老干部政治理论学习读本"), ("张德顺", "党课辅导光盘"),
        ("赵桂兰", "老干部政治理论学习读本"), ("赵桂兰", "党课辅导光盘"),
        ("孙玉珍", "老干部政治理论学习读本"), ("孙玉珍", "党课辅导光盘"),
    ]
    first = rows[0]
    assert (first.community, first.period, first.issued_date, first.method) == \
        ("河湾村", "2026年", date(2026, 3, 5), "送学上门")
    assert first.material_label == "《老干部政治理论学习读本》2026年"
    groups = materials.group_pending(rows, by="member")
    assert [(g.title, len(g.rows)) for g in groups] == [
        ("张德顺（河湾村）", 2), ("赵桂兰（东关社区）", 2), ("孙玉珍（河湾村）", 2)]
    with db.session() as s:
        assert materials.pending_count(s, branch_id) == 6


def test_pending_list_by_village_gathers_each_village(db, branch_id, issued):
    with db.session() as s:
        rows = materials.pending_handouts(s, branch_id, order="village")
    groups = materials.group_pending(rows, by="village")
    assert [(g.title, [r.member_name for r in g.rows]) for g in groups] == [
        ("东关社区", ["赵桂兰", "赵桂兰"]),
        ("河湾村", ["张德顺", "张德顺", "孙玉珍", "孙玉珍"]),
    ]


def test_pending_for_chosen_members_follows_the_order_asked(db, branch_id, issued):
    with db.session() as s:
        rows = materials.pending_handouts(s, branch_id, [issued["孙玉珍"], issued["张德顺"],
                                                         issued["王建国"]])
    assert [r.member_name for r in rows] == ["孙玉珍", "孙玉珍", "张德顺", "张德顺"]


def test_marking_several_delivered_at_once_by_a_visit(db, branch_id, issued):
    with db.session() as s:
        visit = Visit(member_id=issued["张德顺"], date=date(2026, 6, 1), purposes="送学上门")
        s.add(visit)
        s.flush()
        visit_id = visit.id
        ids = [r.handout_id for r in materials.pending_handouts(s, branch_id, [issued["张德顺"]])]
        assert materials.mark_delivered(s, ids, date(2026, 6, 1), visit_id=visit_id) == 2
        # marking again changes nothing: the first delivery date stands
        assert materials.mark_delivered(s, ids, date(2026, 6, 9)) == 0
    with db.session() as s:
        done = s.scalars(select(Handout).where(Handout.id.in_(ids))).all()
        assert {(h.status, h.delivered_date, h.visit_id) for h in done} == \
            {("已送达", date(2026, 6, 1), visit_id)}
        assert materials.pending_count(s, branch_id) == 4
        assert issued["张德顺"] not in {r.member_id for r in materials.pending_handouts(s, branch_id)}


def test_a_delivery_date_before_the_issue_is_refused_and_changes_nothing(db, branch_id, issued):
    with db.session() as s:
        ids = [r.handout_id for r in materials.pending_handouts(s, branch_id)]
    with db.session() as s, pytest.raises(InputError, match="早于发放日期"):
        materials.mark_delivered(s, ids, date(2026, 4, 1))
    with db.session() as s:
        assert materials.pending_count(s, branch_id) == 6


def test_someone_who_died_drops_out_of_the_pending_list(db, branch_id, issued):
    with db.session() as s:
        m = s.get(Member, issued["孙玉珍"])
        m.status, m.status_date = "去世", date(2026, 7, 1)
    with db.session() as s:
        assert materials.pending_count(s, branch_id) == 4
        assert len(materials.member_handouts(s, issued["孙玉珍"])) == 2  # history kept


@pytest.fixture
def quiz(db, branch_id, issued):
    with db.session() as s:
        qid = materials.add_material(s, branch_id, MaterialInput(
            title="知识竞答试题", kind="试题", period="2026年", full_marks=50))
        issuing.issue_material(s, branch_id, qid, Recipients(), issued_date=date(2026, 7, 1))
        return qid, {r.member_name: r.handout_id for r in materials.quiz_handouts(s, qid)}


def test_quiz_score_outside_full_marks_is_refused_in_chinese(db, quiz):
    _qid, by_name = quiz
    with db.session() as s:
        for score in (51, -1):
            with pytest.raises(InputError, match="满分 50 分，成绩应在 0 到 50 之间"):
                materials.record_quiz_return(s, by_name["王建国"], date(2026, 7, 20), score)
        with pytest.raises(InputError, match="早于发放日期"):
            materials.record_quiz_return(s, by_name["王建国"], date(2026, 6, 20), 40)
    with db.session() as s:
        assert s.get(Handout, by_name["王建国"]).score is None


def test_a_returned_quiz_paper_counts_as_delivered(db, branch_id, quiz):
    _qid, by_name = quiz
    with db.session() as s:
        materials.record_quiz_return(s, by_name["张德顺"], date(2026, 7, 25), 48.5)
        h = s.get(Handout, by_name["张德顺"])
        assert (h.status, h.delivered_date, h.score) == ("已送达", date(2026, 7, 25), 48.5)


def test_best_scores_are_listed_highest_first_with_shared_ranks(db, quiz):
    qid, by_name = quiz
    with db.session() as s:
        for name, day, score in [("王建国", 20, 45), ("赵桂兰", 18, 50), ("孙玉珍", 19, 45),
                                 ("张德顺", 21, 30)]:
            materials.record_quiz_return(s, by_name[name], date(2026, 7, day), score)
        best = materials.best_quiz_scores(s, qid, top=3)
    assert [(b.rank, b.member_name, b.score) for b in best] == [
        (1, "赵桂兰", 50), (2, "孙玉珍", 45), (2, "王建国", 45)]


def test_a_book_is_not_a_quiz(db, issued):
    with db.session() as s:
        hid = s.scalar(select(Handout.id).where(Handout.material_id == issued["book"]))
        with pytest.raises(InputError, match="不是试题"):
            materials.record_quiz_return(s, hid, date(2026, 7, 1), 90)


def test_a_member_sees_everything_they_were_issued_newest_first(db, issued):
    with db.session() as s:
        rows = materials.member_handouts(s, issued["赵桂兰"])
    assert [(r.label, r.status, r.method, r.handled_by) for r in rows] == [
        ("《党课辅导光盘》2026年第2季度", "待送达", "送学上门", "李秀兰"),
        ("《老干部政治理论学习读本》2026年", "待送达", "送学上门", "李秀兰"),
    ]


def test_quarter_figures_count_issued_copies_and_door_deliveries(db, branch_id, issued):
    with db.session() as s:
        assert materials.handout_counts(s, branch_id, date(2026, 1, 1), date(2026, 3, 31)) == (4, 3)
        assert materials.handout_counts(s, branch_id, date(2026, 4, 1), date(2026, 6, 30)) == (4, 3)
        assert materials.handout_counts(s, branch_id, date(2026, 7, 1), date(2026, 9, 30)) == (0, 0)


def test_quarter_sheet_rows_list_each_copy_issued_in_the_period(db, branch_id, issued):
    with db.session() as s:
        rows = materials.handout_rows(s, branch_id, date(2026, 4, 1), date(2026, 6, 30))
    assert [(r.member_name, r.material, r.method) for r in rows] == [
        ("张德顺", "《党课辅导光盘》2026年第2季度", "送学上门"),
        ("王建国", "《党课辅导光盘》2026年第2季度", "集中领取"),
        ("赵桂兰", "《党课辅导光盘》2026年第2季度", "送学上门"),
        ("孙玉珍", "《党课辅导光盘》2026年第2季度", "送学上门"),
    ]
    assert {(r.issued_date, r.kind, r.handled_by) for r in rows} == \
        {(date(2026, 5, 5), "光盘", "李秀兰")}
