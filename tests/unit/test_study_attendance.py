"""One event's attendance: who is listed, marks saved and refused, all present, the counts —
checked against the hand-counted story in study_data.py."""

from datetime import date

import pytest
from sqlalchemy import select

from app.errors import InputError
from app.models import Attendance
from app.services import study
from tests.unit.study_data import build


@pytest.fixture
def story(db):
    with db.session() as s:
        return build(s)


def marks(db, event_id):
    with db.session() as s:
        return {r.name: (r.mark, r.reason) for r in study.attendance_rows(s, event_id)}


def test_list_is_the_roster_of_that_day_in_roster_order(db, story):
    with db.session() as s:
        e1 = [r.name for r in study.attendance_rows(s, story["events"]["E1"])]
        e2 = [r.name for r in study.attendance_rows(s, story["events"]["E2"])]
        e3 = [r.name for r in study.attendance_rows(s, story["events"]["E3"])]
    # 李秀英 joined 03-01: not in February; 陈玉珍 moved out in January: never listed
    assert e1 == ["张德顺", "王建国", "赵桂兰", "刘振华"]
    assert e2 == ["张德顺", "王建国", "赵桂兰", "李秀英", "刘振华"]
    # 刘振华 died 04-20: gone from May, but still in February and March (above)
    assert e3 == ["张德顺", "王建国", "赵桂兰", "李秀英"]


def test_rows_carry_mark_reason_and_a_door_suggestion_for_the_homebound(db, story):
    with db.session() as s:
        rows = {r.name: r for r in study.attendance_rows(s, story["events"]["E3"])}
    assert rows["张德顺"].mark is None and rows["张德顺"].suggested == "送学上门"
    assert rows["张德顺"].shown == "送学上门"
    assert (rows["李秀英"].mark, rows["李秀英"].reason, rows["李秀英"].suggested) == \
        ("请假", "外出", None)
    assert rows["王建国"].suggested is None


def test_counts_per_event_match_the_hand_count(db, story):
    ev = story["events"]
    with db.session() as s:
        got = {k: study.event_counts(s, ev[k]).as_dict() for k in ("E1", "E2", "E3", "E4")}
    assert got["E1"] == {"应到": 4, "出席": 2, "请假": 1, "缺席": 0, "送学上门": 1, "未登记": 0}
    assert got["E2"] == {"应到": 5, "出席": 2, "请假": 1, "缺席": 1, "送学上门": 1, "未登记": 0}
    assert got["E3"] == {"应到": 4, "出席": 1, "请假": 1, "缺席": 1, "送学上门": 0, "未登记": 1}
    assert got["E4"] == {"应到": 4, "出席": 0, "请假": 0, "缺席": 0, "送学上门": 0, "未登记": 4}


def test_event_list_shows_the_same_counts(db, story):
    with db.session() as s:
        rows = {r.id: r for r in study.list_events(s, story["branch"], year=2026)}
        assert [r.date for r in study.list_events(s, story["branch"])] == [
            date(2026, 5, 5), date(2026, 5, 5), date(2026, 3, 5), date(2026, 2, 5)]
    e2 = rows[story["events"]["E2"]]
    assert (e2.expected, e2.present, e2.leave, e2.absent, e2.delivered) == (5, 2, 1, 1, 1)
    assert rows[story["events"]["E4"]].status == "未登记"


def test_a_click_saves_and_a_second_click_changes_it(db, story):
    e3, zhao = story["events"]["E3"], story["members"]["赵桂兰"]
    with db.session() as s:
        study.record_attendance(s, e3, zhao, "请假", "住院")
    assert marks(db, e3)["赵桂兰"] == ("请假", "住院")
    with db.session() as s:
        study.record_attendance(s, e3, zhao, "出席", "住院")
    assert marks(db, e3)["赵桂兰"] == ("出席", "")  # a reason is kept only for 请假
    with db.session() as s:
        assert s.scalar(select(Attendance.id).where(Attendance.event_id == e3,
                                                    Attendance.member_id == zhao)) is not None
        study.record_attendance(s, e3, zhao, None)
    assert marks(db, e3)["赵桂兰"] == (None, "")


@pytest.mark.parametrize("event,name,why", [
    ("E1", "李秀英", "2026-03-01 才转入本支部"),
    ("E2", "陈玉珍", "已于 2026-01-10 转出"),
    ("E3", "刘振华", "已于 2026-04-20 去世"),
])
def test_a_mark_for_someone_not_on_the_roster_that_day_is_refused(db, story, event, name, why):
    with db.session() as s:
        before = s.scalar(select(Attendance.id).order_by(Attendance.id.desc()).limit(1))
        with pytest.raises(InputError, match=why):
            study.record_attendance(s, story["events"][event], story["members"][name], "出席")
        assert s.scalar(select(Attendance.id).order_by(Attendance.id.desc()).limit(1)) == before


def test_someone_who_died_since_can_still_be_marked_for_an_earlier_event(db, story):
    with db.session() as s:
        study.record_attendance(s, story["events"]["E2"], story["members"]["刘振华"], "出席")
    assert marks(db, story["events"]["E2"])["刘振华"] == ("出席", "")


def test_a_mark_that_is_not_one_of_the_four_is_refused(db, story):
    with db.session() as s, pytest.raises(InputError, match="出勤情况只能是"):
        study.record_attendance(s, story["events"]["E3"], story["members"]["王建国"], "迟到")


def test_all_present_fills_only_the_unmarked_and_the_homebound_get_door(db, story):
    e4 = story["events"]["E4"]
    with db.session() as s:
        study.record_attendance(s, e4, story["members"]["赵桂兰"], "请假", "生病")
        assert study.mark_all_present(s, e4) == 3
        assert study.mark_all_present(s, e4) == 0
    assert marks(db, e4) == {"张德顺": ("送学上门", ""), "王建国": ("出席", ""),
                             "赵桂兰": ("请假", "生病"), "李秀英": ("出席", "")}


def test_a_cancelled_event_takes_no_marks_until_restored(db, story):
    e3, wang = story["events"]["E3"], story["members"]["王建国"]
    with db.session() as s:
        assert study.cancel_event(s, e3) == 3  # its three records are kept
    with db.session() as s, pytest.raises(InputError, match="已取消"):
        study.record_attendance(s, e3, wang, "缺席")
    with db.session() as s:
        study.restore_event(s, e3)
        study.record_attendance(s, e3, wang, "缺席")
    assert marks(db, e3)["王建国"] == ("缺席", "")


def test_member_record_lists_events_while_on_the_roster(db, story):
    with db.session() as s:
        li = study.member_attendance(s, story["members"]["李秀英"])
        liu = study.member_attendance(s, story["members"]["刘振华"])
    assert [(r.date, r.kind, r.mark) for r in li] == [
        (date(2026, 5, 5), "党课", None), (date(2026, 5, 5), "集中学习日", "请假"),
        (date(2026, 3, 5), "集中学习日", "出席")]
    assert [r.mark for r in liu] == ["请假", "出席"]


def test_a_member_of_another_branch_is_refused(db, story):
    from app.models import Branch, Member

    with db.session() as s:
        other = Branch(name="别的支部")
        s.add(other)
        s.flush()
        stranger = Member(branch_id=other.id, name="外支部党员")
        s.add(stranger)
        s.flush()
        with pytest.raises(InputError, match="外支部党员 在 2026-05-05 不在本支部名册上（不是本支部的党员）"):
            study.record_attendance(s, story["events"]["E3"], stranger.id, "出席")
