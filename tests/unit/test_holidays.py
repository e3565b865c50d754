"""顺延 knows the days off: the State Council's calendar (with its 调休 working weekends) where the
`chinesecalendar` package has it, the holiday rules (清明 as a solar term) for other years."""

from datetime import date

from app.festivals import qingming_date
from app.holidays import (
    OFFICIAL_YEARS, holiday_name, is_day_off, next_working_day, official_calendar_covers,
)
from app.services.study_events import working_day_from


def test_the_official_calendar_covers_this_year_and_not_every_year():
    assert official_calendar_covers(2026)
    assert OFFICIAL_YEARS[0] <= 2020 and not official_calendar_covers(2099)


def test_aprils_study_day_is_not_moved_onto_qingming_2026():
    """5 April 2026 is a Sunday and 清明; the notice gives 4–6 April off, so the 5th moves to
    Tuesday the 7th, not onto Monday the 6th (the bug: 清明 was not known)."""
    assert holiday_name(date(2026, 4, 6)) == "清明节"
    assert working_day_from(date(2026, 4, 5)) == date(2026, 4, 7)


def test_a_tiaoxiu_saturday_is_a_working_day():
    """Saturday 14 February 2026 is worked (调休 before 春节): a study day there stays."""
    saturday = date(2026, 2, 14)
    assert saturday.weekday() == 5
    assert not is_day_off(saturday)
    assert next_working_day(saturday) == saturday
    assert is_day_off(date(2026, 2, 21)) and holiday_name(date(2026, 2, 21)) == "春节"


def test_qingming_by_the_solar_term_formula():
    assert [qingming_date(y) for y in (2008, 2024, 2026, 2027, 2028)] == [
        date(2008, 4, 4), date(2024, 4, 4), date(2026, 4, 5), date(2027, 4, 5), date(2028, 4, 4)]
    assert qingming_date(2100) is None


def test_a_year_without_the_notice_uses_the_rules_qingming_on_a_monday_2027():
    """2027 is past the package's data: 清明 (Monday 5 April) is still a holiday by the rules."""
    assert not official_calendar_covers(2027)
    assert date(2027, 4, 5).weekday() == 0
    assert holiday_name(date(2027, 4, 5)) == "清明节"
    assert working_day_from(date(2027, 4, 5)) == date(2027, 4, 6)
    assert working_day_from(date(2027, 5, 1)) == date(2027, 5, 6)  # 劳动节 1–5 May
    assert working_day_from(date(2027, 10, 5)) == date(2027, 10, 8)  # 国庆 1–7 October
    assert not is_day_off(date(2027, 4, 7))


def test_a_one_day_holiday_on_a_weekend_gives_the_monday_off_by_the_rules():
    """清明 2028 is Tuesday 4 April; 元旦 2028 is a Saturday, so Monday 3 January is off."""
    assert holiday_name(date(2028, 1, 3)) == "元旦"
    assert working_day_from(date(2028, 1, 1)) == date(2028, 1, 4)
    assert working_day_from(date(2028, 4, 4)) == date(2028, 4, 5)
