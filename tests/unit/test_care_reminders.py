"""Reminders: birthdays of the month with 80/90/100 marked, and the festival rounds."""

from datetime import date

from app.services import care, reminders
from tests.unit.care_data import member, visit


def test_birthdays_this_month_mark_round_ages_and_skip_those_who_left(db, branch_id):
    with db.session() as s:
        member(s, branch_id, "八十", birth_date=date(1946, 11, 3))
        member(s, branch_id, "九十", birth_date=date(1936, 11, 1))
        member(s, branch_id, "七十九", birth_date=date(1947, 11, 30))
        member(s, branch_id, "十月", birth_date=date(1940, 10, 30))
        member(s, branch_id, "去世", birth_date=date(1926, 11, 5), status="去世",
               status_date=date(2026, 1, 1))
        member(s, branch_id, "闰日", birth_date=date(1944, 2, 29))
        rows = care.birthdays_in_month(s, branch_id, 2026, 11)
        feb = care.birthdays_in_month(s, branch_id, 2026, 2)
    assert [(r.name, r.birthday.day, r.age, r.round_word) for r in rows] == [
        ("九十", 1, 90, "90岁整寿"), ("八十", 3, 80, "80岁整寿"), ("七十九", 30, 79, "")]
    assert [(r.name, r.birthday) for r in feb] == [("闰日", date(2026, 2, 28))]


def test_festival_dates_come_from_the_lunar_calendar():
    assert reminders.festival_date("春节", 2026) == date(2026, 2, 17)
    assert reminders.festival_date("重阳节", 2026) == date(2026, 10, 18)
    assert reminders.festival_date("春节", 2033) == date(2033, 1, 31)
    assert reminders.festival_date("重阳节", 2040) == date(2040, 10, 14)
    assert reminders.festival_date("春节", 2041) == date(2041, 2, 1)
    assert reminders.festival_date("春节", 2100) is None  # beyond the calendar: no round shown


def test_the_double_ninth_round_counts_festival_visits(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "甲")
        member(s, branch_id, "乙")
        visit(s, a, date(2026, 10, 10), purposes="节日慰问、送学上门")
        rounds = care.festival_rounds(s, branch_id, date(2026, 10, 12))
    assert [(r.name, r.day, r.days_until, r.members, r.visited) for r in rounds] == [
        ("重阳节", date(2026, 10, 18), 6, 2, 1)]
    assert "还差 1 人" in rounds[0].text
