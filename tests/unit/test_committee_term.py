"""The committee's dates and counts at their edges: the term 3 years from the election, the
warnings from exactly 6 months and exactly 1 month before its end, "more than 4/5" (exactly 4/5
is not enough), and 7 full members for a committee."""

from datetime import date, timedelta

import pytest

from app import committee_term as ct

END = date(2027, 3, 31)


def test_the_term_ends_three_years_after_the_election():
    assert ct.term_end(date(2024, 3, 31)) == END
    assert ct.term_end(date(2024, 2, 29)) == date(2027, 2, 28)  # no 29 February in 2027


def test_months_shift_to_the_last_day_a_month_has():
    assert ct.shift_months(date(2027, 3, 31), -1) == date(2027, 2, 28)
    assert ct.shift_months(date(2027, 3, 31), -6) == date(2026, 9, 30)
    assert ct.shift_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_no_warning_the_day_before_six_months():
    assert ct.term_warning(END, date(2026, 9, 29)) is None


def test_the_six_month_warning_starts_exactly_six_months_before():
    words = ct.term_warning(END, date(2026, 9, 30))
    assert words == "支委会任期将于2027年03月31日届满（还剩 182 天），请着手准备换届选举。"


def test_the_one_month_warning_starts_exactly_one_month_before():
    assert "着手准备" in ct.term_warning(END, date(2027, 2, 27))
    words = ct.term_warning(END, date(2027, 2, 28))
    assert "还剩 31 天" in words and "抓紧召开党员大会" in words


def test_the_last_day_and_after():
    assert ct.term_warning(END, END).startswith("支委会任期今天（2027年03月31日）届满")
    assert ct.term_warning(END, END + timedelta(days=1)).startswith("支委会任期已于2027年03月31日届满")
    assert ct.term_warning(None, END) is None


@pytest.mark.parametrize("base, needed", [(10, 9), (5, 5), (4, 4), (1, 1), (20, 17), (79, 64),
                                          (0, 0)])
def test_more_than_four_fifths(base, needed):
    assert ct.needed_for_quorum(base) == needed
    assert ct.quorum_reached(needed, base) == (base > 0)
    assert not ct.quorum_reached(needed - 1, base)


def test_exactly_four_fifths_is_not_enough():
    assert not ct.quorum_reached(8, 10)
    assert ct.quorum_reached(9, 10)


def test_seven_full_members_make_a_committee_six_a_secretary():
    assert ct.needs_committee(7) and not ct.needs_committee(6)
    assert "应当设立支部委员会" in ct.committee_rule(7)
    assert "只设书记" in ct.committee_rule(6)
