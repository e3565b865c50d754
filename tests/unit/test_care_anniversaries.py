"""政治生日, 光荣在党50年 and the birthdays the branch marks: the rules at their edges (1 July,
month-only dates, 29 February, the turn of the year) and the lists read from the roster."""

from datetime import date

import pytest

from app import anniversaries as rules
from app.services.care_calendar import anniversaries
from tests.unit.care_data import member


@pytest.mark.parametrize("joined, year, expected", [
    (date(1976, 7, 1), 2026, rules.THIS_YEAR),  # 50 years on 1 July itself: this year
    (date(1976, 7, 2), 2026, None),  # a day short on 1 July 2026
    (date(1976, 7, 2), 2027, rules.THIS_YEAR),  # … so on the 2027 list
    (date(1975, 7, 2), 2026, rules.THIS_YEAR),  # reached on 2 July 2025, after that 1 July
    (date(1975, 7, 1), 2026, rules.ALREADY),  # on the 2025 list
    (date(1976, 12, 31), 2026, None),  # the turn of the year: the next list
    (date(1976, 12, 31), 2027, rules.THIS_YEAR),
    (date(1977, 1, 1), 2027, rules.THIS_YEAR),
    (date(1976, 2, 29), 2026, rules.THIS_YEAR),  # reached on 28 February 2026
    (date(1956, 4, 1), 2026, rules.ALREADY),
])
def test_fifty_years_are_counted_to_the_first_of_july(joined, year, expected):
    assert rules.fifty_years(joined, year) == expected


def test_each_member_is_on_the_list_of_one_year_only():
    for joined in (date(1976, 7, 1), date(1976, 7, 2), date(1976, 2, 29), date(1975, 12, 31)):
        years = [y for y in range(2020, 2032) if rules.fifty_years(joined, y) == rules.THIS_YEAR]
        assert years == [rules.medal_year(joined)], joined
    assert rules.medal_year(date(1976, 7, 1)) == 2026 and rules.medal_year(date(1976, 7, 2)) == 2027


def test_a_month_only_date_counts_from_the_first_and_july_asks_to_be_checked():
    # "1976.07" is stored as 1976-07-01: on the 2026 list, marked to check the file
    assert rules.fifty_years(date(1976, 7, 1), 2026) == rules.THIS_YEAR
    assert rules.day_to_check(date(1976, 7, 1), month_only=True)
    assert not rules.day_to_check(date(1976, 7, 1), month_only=False)
    assert not rules.day_to_check(date(1976, 6, 1), month_only=True)  # any June day is in time
    assert rules.fifty_years(date(1976, 8, 1), 2026) is None  # any August day is too late


def test_the_twenty_ninth_of_february_falls_on_the_twenty_eighth_in_a_common_year():
    assert rules.anniversary(date(1944, 2, 29), 2026) == date(2026, 2, 28)
    assert rules.anniversary(date(1944, 2, 29), 2028) == date(2028, 2, 29)
    assert rules.anniversary(date(1944, 3, 1), 2026) == date(2026, 3, 1)


@pytest.mark.parametrize("age, word", [
    (70, "70岁整寿"), (79, ""), (80, "80岁整寿"), (84, ""), (85, "85岁寿辰"), (86, ""), (89, ""),
    (90, "90岁整寿"), (91, "91岁高寿"), (99, "99岁高寿"), (100, "100岁整寿"), (101, "101岁高寿"),
])
def test_the_birthdays_the_branch_marks(age, word):
    assert rules.birthday_word(age) == word


def test_political_birthdays_of_a_month_in_day_order_month_only_last(db, branch_id):
    with db.session() as s:
        member(s, branch_id, "月份", party_join_date=date(1960, 7, 1), party_join_month_only=True)
        member(s, branch_id, "月末", party_join_date=date(1980, 7, 31))
        member(s, branch_id, "七一", party_join_date=date(1956, 7, 1))
        member(s, branch_id, "今年", party_join_date=date(2026, 7, 1))  # none yet
        member(s, branch_id, "群众", party_join_date=date(1950, 7, 3), is_party_member=False)
        member(s, branch_id, "去世", party_join_date=date(1950, 7, 4), status="去世",
               status_date=date(2026, 3, 1))
        member(s, branch_id, "八月", party_join_date=date(1966, 8, 1))
        rows = anniversaries.political_birthdays(s, branch_id, 2026, 7)
        year = anniversaries.political_birthdays(s, branch_id, 2026)
    assert [(r.name, r.day, r.years, r.day_text) for r in rows] == [
        ("七一", date(2026, 7, 1), 70, "07月01日"), ("月末", date(2026, 7, 31), 46, "07月31日"),
        ("月份", None, 66, "7月（日不详）")]
    assert [r.name for r in year] == ["七一", "月末", "月份", "八月"]


def test_political_birthdays_at_the_turn_of_the_year_and_on_29_february(db, branch_id):
    with db.session() as s:
        member(s, branch_id, "除夕", party_join_date=date(1970, 12, 31))
        member(s, branch_id, "元旦", party_join_date=date(1971, 1, 1))
        member(s, branch_id, "闰日", party_join_date=date(1976, 2, 29))
        dec = anniversaries.political_birthdays(s, branch_id, 2026, 12)
        jan = anniversaries.political_birthdays(s, branch_id, 2027, 1)
        feb = anniversaries.political_birthdays(s, branch_id, 2026, 2)
        feb_leap = anniversaries.political_birthdays(s, branch_id, 2028, 2)
    assert [(r.name, r.day, r.years) for r in dec] == [("除夕", date(2026, 12, 31), 56)]
    assert [(r.name, r.day, r.years) for r in jan] == [("元旦", date(2027, 1, 1), 56)]
    assert [(r.name, r.day) for r in feb] == [("闰日", date(2026, 2, 28))]
    assert [(r.name, r.day) for r in feb_leap] == [("闰日", date(2028, 2, 29))]


def test_the_fifty_year_list_splits_this_year_from_those_already_past(db, branch_id):
    with db.session() as s:
        member(s, branch_id, "正好", party_join_date=date(1976, 7, 1), sort_order=1)
        member(s, branch_id, "差一天", party_join_date=date(1976, 7, 2), sort_order=2)
        member(s, branch_id, "只知年月", party_join_date=date(1976, 7, 1),
               party_join_month_only=True, sort_order=3)
        member(s, branch_id, "闰日", party_join_date=date(1976, 2, 29), sort_order=4)
        member(s, branch_id, "去年", party_join_date=date(1975, 7, 1), sort_order=5)
        member(s, branch_id, "暂离", party_join_date=date(1960, 3, 1), status="暂离",
               status_date=date(2026, 5, 1), sort_order=6)
        member(s, branch_id, "已故", party_join_date=date(1950, 3, 1), status="去世",
               status_date=date(2026, 5, 1), sort_order=7)
        this_year, already = anniversaries.fifty_year_list(s, branch_id, 2026, date(2026, 6, 1))
        next_year, _ = anniversaries.fifty_year_list(s, branch_id, 2027, date(2026, 6, 1))
    assert [(r.name, r.to_check, r.years) for r in this_year] == [
        ("闰日", False, 50), ("正好", False, 50), ("只知年月", True, 50)]
    assert this_year[0].reached == date(2026, 2, 28)
    assert "请核对档案" in this_year[2].note and this_year[2].joined_text == "1976年07月"
    assert [(r.name, r.note) for r in already] == [("暂离", "暂离"), ("去年", "")]
    assert [r.name for r in next_year] == ["差一天"]


def test_marked_birthdays_89_to_90_85_and_80(db, branch_id):
    with db.session() as s:
        member(s, branch_id, "九十", birth_date=date(1936, 12, 31))
        member(s, branch_id, "八五", birth_date=date(1941, 12, 10))
        member(s, branch_id, "八十", birth_date=date(1946, 12, 1))
        member(s, branch_id, "八四", birth_date=date(1942, 12, 2))
        member(s, branch_id, "九三", birth_date=date(1933, 12, 1), birth_month_only=True)
        member(s, branch_id, "闰日九十", birth_date=date(1936, 2, 29))
        dec_2025 = anniversaries.marked_birthdays(s, branch_id, 2025, 12)
        dec_2026 = anniversaries.marked_birthdays(s, branch_id, 2026, 12)
        feb_2026 = anniversaries.marked_birthdays(s, branch_id, 2026, 2)
    # 2025: 九十 turns 89 (not marked), 八四 83, 八十 79, 八五 84: only the 92-year-old
    assert [(b.name, b.age, b.word) for b in dec_2025] == [("九三", 92, "92岁高寿")]
    assert [(b.name, b.day_text, b.age, b.word) for b in dec_2026] == [
        ("八十", "12月01日", 80, "80岁整寿"), ("八五", "12月10日", 85, "85岁寿辰"),
        ("九十", "12月31日", 90, "90岁整寿"), ("九三", "12月（日不详）", 93, "93岁高寿")]
    assert [(b.name, b.birthday, b.word) for b in feb_2026] == [
        ("闰日九十", date(2026, 2, 28), "90岁整寿")]
