"""Study events: the form's rules, same kind on the same day asks, the year's study days,
copying for next time, cancel and undo, the next study day for the home page."""

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import InputError
from app.models import Branch, StudyEvent
from app.services import study
from app.services.study import EventInput
from tests.unit.study_data import build


@pytest.fixture
def story(db):
    with db.session() as s:
        return build(s)


def count(db):
    with db.session() as s:
        return s.scalar(select(func.count(StudyEvent.id)))


def test_same_kind_on_the_same_day_asks_before_saving(db, story):
    form = EventInput("集中学习日", date(2026, 5, 5), "09:00", "再学一次")
    with db.session() as s, pytest.raises(study.DuplicateEvent, match="2026-05-05 已经有一个“集中学习日”"):
        study.create_event(s, story["branch"], form)
    assert count(db) == 4
    with db.session() as s:  # the user said yes
        study.create_event(s, story["branch"], form, allow_duplicate=True)
    assert count(db) == 5


def test_another_kind_on_the_same_day_needs_no_question(db, story):
    with db.session() as s:
        study.create_event(s, story["branch"], EventInput("座谈会", date(2026, 5, 5)))
    assert count(db) == 5


def test_moving_an_event_onto_a_day_with_the_same_kind_asks_too(db, story):
    with db.session() as s:
        form = study.event_input(s, story["events"]["E2"])
        form.date = date(2026, 5, 5)
        with pytest.raises(study.DuplicateEvent):
            study.update_event(s, story["events"]["E2"], form)
        study.update_event(s, story["events"]["E2"], form, allow_duplicate=True)
        assert study.event_input(s, story["events"]["E2"]).date == date(2026, 5, 5)


def test_a_cancelled_event_does_not_count_as_a_duplicate(db, story):
    with db.session() as s:
        study.cancel_event(s, story["events"]["E3"])
        study.create_event(s, story["branch"], EventInput("集中学习日", date(2026, 5, 5)))
    assert count(db) == 5


@pytest.mark.parametrize("form,message", [
    (EventInput("读书会", date(2026, 6, 5)), "活动类别：“读书会”不在可选类别中"),
    (EventInput("党课", None), "日期：请填写活动日期"),
    (EventInput("党课", date(2026, 6, 5), "9点半"), "时间：“9点半”不是时间"),
    (EventInput("党课", date(2026, 6, 5), hours=30), "学时：应在 0 到 24 之间"),
    (EventInput("党课", date(2026, 6, 5), topic="长" * 201), "主题：最多 200 个字"),
])
def test_bad_form_values_are_named_and_nothing_is_saved(db, story, form, message):
    with db.session() as s, pytest.raises(InputError, match=message):
        study.create_event(s, story["branch"], form)
    assert count(db) == 4


def test_time_is_written_the_same_way(db, story):
    with db.session() as s:
        eid = study.create_event(s, story["branch"], EventInput("党课", date(2026, 6, 9), "9：30"))
        assert study.event_input(s, eid).start_time == "09:30"


def test_the_year_of_study_days_on_the_fifth_leaving_existing_months(db, story):
    with db.session() as s:
        result = study.create_year_study_days(s, story["branch"], 2026)
        days = sorted(s.scalars(select(StudyEvent.date).where(StudyEvent.kind == "集中学习日")))
    assert result.skipped_months == [2, 3, 5]
    assert len(result.created) == 9
    assert days == [date(2026, m, 5) for m in range(1, 13)]  # weekends kept: not asked


def test_the_year_moved_off_weekends_and_holidays_when_asked(db):
    with db.session() as s:
        b = Branch(name="周末支部", study_day=5)
        s.add(b)
        s.flush()
        study.create_year_study_days(s, b.id, 2026, skip_weekends=True)
        days = sorted(s.scalars(select(StudyEvent.date).where(StudyEvent.branch_id == b.id)))
    # 5 April (Sunday) is 清明 and the 6th its day off; 1–5 May is 劳动节 (State Council 2026)
    assert days == [date(2026, 1, 5), date(2026, 2, 5), date(2026, 3, 5), date(2026, 4, 7),
                    date(2026, 5, 6), date(2026, 6, 5), date(2026, 7, 6), date(2026, 8, 5),
                    date(2026, 9, 7), date(2026, 10, 8), date(2026, 11, 5), date(2026, 12, 7)]


def test_lunar_holidays_move_a_study_day_too(db):
    """端午 2026-06-19 and 中秋 2026-09-25 are holidays; 春节 2027 runs 除夕 (02-05) to 初六."""
    from app.holidays import is_holiday
    from app.services.study_events import working_day_from

    assert is_holiday(date(2026, 6, 19)) and is_holiday(date(2026, 9, 25))
    assert not is_holiday(date(2026, 6, 18))
    assert working_day_from(date(2027, 2, 5)) == date(2027, 2, 12)  # 除夕 Fri → after 初六
    with db.session() as s:
        b = Branch(name="十九号支部", study_day=19)
        s.add(b)
        s.flush()
        june = study.year_study_days(s, b.id, 2026, skip_weekends=True)[5]
    assert june == date(2026, 6, 22)  # 端午 (Fri) and the weekend skipped


def test_the_branch_study_day_is_used(db):
    with db.session() as s:
        b = Branch(name="十号支部", study_day=10)
        s.add(b)
        s.flush()
        assert study.year_study_days(s, b.id, 2027)[0] == date(2027, 1, 10)


def test_copy_for_next_time_keeps_the_details_and_moves_a_month(db, story):
    with db.session() as s:
        e = s.get(StudyEvent, story["events"]["E3"])
        e.place, e.speaker, e.start_time, e.minutes_text = "活动室", "王老师", "09:00", "记录"
        s.flush()
        form = study.next_copy(s, story["events"]["E3"])
        assert (form.kind, form.date, form.place, form.speaker, form.start_time, form.hours,
                form.minutes_text) == ("集中学习日", date(2026, 6, 5), "活动室", "王老师",
                                       "09:00", 2.0, "")
        new_id = study.copy_event(s, story["events"]["E3"])
        assert study.event_input(s, new_id).date == date(2026, 6, 5)
        with pytest.raises(study.DuplicateEvent):  # copying twice lands on the same day
            study.copy_event(s, story["events"]["E3"])


def test_cancel_keeps_the_event_and_its_records_and_can_be_undone(db, story):
    e2 = story["events"]["E2"]
    with db.session() as s:
        assert study.cancel_event(s, e2) == 5
    with db.session() as s:
        row = study.event_row(s, e2)
        assert row.cancelled and row.status == "已取消" and row.present == 2
    with db.session() as s:
        study.restore_event(s, e2)
        assert not study.event_row(s, e2).cancelled
    assert count(db) == 4


def test_next_study_day_for_the_home_page(db, story):
    with db.session() as s:
        b = story["branch"]
        assert study.next_study_day(s, b, date(2026, 4, 20)) == (date(2026, 5, 5),
                                                                 story["events"]["E3"])
        assert study.next_study_day(s, b, date(2026, 5, 6)) == (date(2026, 6, 5), None)
        assert study.next_study_day(s, b, date(2026, 2, 5)) == (date(2026, 2, 5),
                                                                story["events"]["E1"])
        study.cancel_event(s, story["events"]["E3"])
        assert study.next_study_day(s, b, date(2026, 4, 20)) == (date(2026, 5, 5), None)
        moved = study.create_event(s, b, EventInput("集中学习日", date(2026, 5, 8)))
        assert study.next_study_day(s, b, date(2026, 4, 20)) == (date(2026, 5, 8), moved)
