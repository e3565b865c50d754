"""Each member's attendance over a period and the members who missed the last N events —
hand-counted from the story in study_data.py."""

from datetime import date

import pytest

from app.errors import InputError
from app.models import Member
from app.services import study
from tests.unit.study_data import build

YEAR = (date(2026, 1, 1), date(2026, 12, 31))


@pytest.fixture
def story(db):
    with db.session() as s:
        return build(s)


def figures(db, branch, start=YEAR[0], end=YEAR[1]):
    with db.session() as s:
        return {f.name: f for f in study.member_figures(s, branch, start, end)}


def test_per_member_figures_over_the_year(db, story):
    got = figures(db, story["branch"])
    table = {n: (f.expected, f.present, f.leave, f.absent, f.delivered, f.last_attended)
             for n, f in got.items()}
    assert table == {
        "张德顺": (4, 0, 0, 0, 2, None),
        "王建国": (4, 3, 0, 0, 0, date(2026, 5, 5)),
        "赵桂兰": (4, 0, 1, 2, 0, None),
        "李秀英": (3, 1, 1, 0, 0, date(2026, 3, 5)),  # joined 03-01: E2, E3, E4
        "刘振华": (2, 1, 1, 0, 0, date(2026, 2, 5)),  # died 04-20: E1, E2
        "陈玉珍": (0, 0, 0, 0, 0, None),  # on the roster in January only, no event then
    }
    assert list(got) == ["张德顺", "王建国", "赵桂兰", "李秀英", "刘振华", "陈玉珍"]
    assert got["王建国"].rate == 0.75
    assert got["张德顺"].rate == 0.0 and got["张德顺"].study_rate == 0.5
    assert got["张德顺"].unmarked == 2
    assert got["陈玉珍"].rate is None and got["陈玉珍"].study_rate is None  # nothing expected


def test_a_member_away_is_expected_before_going_and_where_marked_anyway(db, story):
    """王建国 goes away (暂离) on 03-01: E1 is expected; of E2, E3, E4 only the two he was
    marked at anyway (出席 at E2 and E3) — the quarterly report's 应参学."""
    with db.session() as s:
        m = s.get(Member, story["members"]["王建国"])
        m.status, m.status_date = "暂离", date(2026, 3, 1)
    got = figures(db, story["branch"])["王建国"]
    assert (got.expected, got.present, got.unmarked) == (3, 3, 0)
    with db.session() as s:
        s.get(Member, story["members"]["赵桂兰"]).status = "暂离"  # away since always
        s.get(Member, story["members"]["赵桂兰"]).status_date = None
    zhao = figures(db, story["branch"])["赵桂兰"]
    assert (zhao.expected, zhao.leave, zhao.absent) == (3, 1, 2)  # her three marks only


def test_a_cancelled_event_is_not_expected(db, story):
    with db.session() as s:
        study.cancel_event(s, story["events"]["E4"])
    got = figures(db, story["branch"])
    assert (got["王建国"].expected, got["王建国"].rate) == (3, 1.0)


def test_a_shorter_period(db, story):
    got = figures(db, story["branch"], date(2026, 3, 1), date(2026, 3, 31))
    assert {n: (f.expected, f.present) for n, f in got.items()} == {
        "张德顺": (1, 0), "王建国": (1, 1), "赵桂兰": (1, 0), "李秀英": (1, 1), "刘振华": (1, 0)}


def test_a_period_ending_before_it_starts_is_refused(db, story):
    with db.session() as s, pytest.raises(InputError, match="晚于"):
        study.member_figures(s, story["branch"], YEAR[1], YEAR[0])


def test_members_who_missed_the_last_two_events(db, story):
    with db.session() as s:
        rows = study.members_missing_last(s, story["branch"], 2, date(2026, 6, 1))
        # E4 has no marks: the last two recorded events are E3 and E2
        assert study.last_recorded_events(s, story["branch"], 2, date(2026, 6, 1)) == [
            story["events"]["E3"], story["events"]["E2"]]
    assert [(r.name, r.missed, r.on_leave, r.last_attended) for r in rows] == [
        ("赵桂兰", 2, 0, None)]


def test_missing_the_last_three_counts_leave_and_skips_newcomers(db, story):
    with db.session() as s:
        rows = study.members_missing_last(s, story["branch"], 3, date(2026, 6, 1))
    # 李秀英 joined after E1: she cannot have missed three; 赵桂兰 was on leave at E1
    assert [(r.name, r.on_leave) for r in rows] == [("赵桂兰", 1)]


def test_too_few_events_lists_nobody_and_bad_n_is_refused(db, story):
    with db.session() as s:
        assert study.members_missing_last(s, story["branch"], 4, date(2026, 6, 1)) == []
        with pytest.raises(InputError, match="连续缺席次数"):
            study.members_missing_last(s, story["branch"], 0, date(2026, 6, 1))


def test_putting_a_member_on_the_visit_list_records_the_need(db, story):
    zhao = story["members"]["赵桂兰"]
    with db.session() as s:
        assert study.put_on_visit_list(s, zhao, study.missing_reason(2)) is True
    with db.session() as s:
        m = s.get(Member, zhao)
        assert (m.needs_care, m.care_reason) == (True, "连续缺席学习2次")
        assert study.put_on_visit_list(s, zhao, "连续缺席学习2次") is False
        m.care_reason = "独居"
        s.flush()
        study.put_on_visit_list(s, zhao, "连续缺席学习3次")
        assert m.care_reason == "独居；连续缺席学习3次"
    with db.session() as s:
        rows = study.members_missing_last(s, story["branch"], 2, date(2026, 6, 1))
    assert rows[0].needs_care


def test_a_record_left_behind_by_a_changed_join_date_is_not_counted(db, story):
    """Saving refuses it, but a joined date edited later can leave such a record behind."""
    from app.models import Attendance

    with db.session() as s:
        s.add(Attendance(event_id=story["events"]["E1"], member_id=story["members"]["李秀英"],
                         mark="出席"))
        s.add(Attendance(event_id=story["events"]["E3"], member_id=story["members"]["刘振华"],
                         mark="出席"))
    got = figures(db, story["branch"])
    assert (got["李秀英"].present, got["李秀英"].last_attended) == (1, date(2026, 3, 5))
    assert (got["刘振华"].present, got["刘振华"].last_attended) == (1, date(2026, 2, 5))
    with db.session() as s:
        rows = {r.id: r for r in study.list_events(s, story["branch"])}
        e1 = rows[story["events"]["E1"]]
        assert (e1.expected, e1.present) == (4, 2)
        assert study.event_counts(s, story["events"]["E1"]).present == 2
        assert rows[story["events"]["E3"]].present == 1
