"""The dues rule at its edges (spec/dues.md): whole 分, the 5,000 line, 0.20, rounding,
reductions, and which months a member owes."""

from datetime import date
from decimal import Decimal

import pytest

from app.money import AmountError, fen_of, yuan
from app.services.dues.rule import (
    Reduction, Span, month_number, months_behind, monthly_fen, owed_in_month, owing_span,
    parse_month, parse_months, rate_text, reduction_in, spread,
)


def monthly(base: str, special=None, rounding="分") -> str:
    return yuan(monthly_fen(fen_of(base) if base else None, special, rounding))


@pytest.mark.parametrize("base, expected", [
    ("4999.99", "25.00"), ("5000.00", "25.00"), ("5000.01", "50.00"), ("1.00", "0.01"),
    ("3000", "15.00"), ("3123.00", "15.62"), ("3123.10", "15.62"), ("0.99", "0.00"),
    ("0.01", "0.00"), ("6000", "60.00"), ("12345.67", "123.46"),
])
def test_the_rate_applies_to_the_whole_base_rounded_half_up_to_the_fen(base, expected):
    assert monthly(base) == expected


def test_the_jump_at_5000_is_the_rule_not_a_bug():
    assert monthly("5000.00") == "25.00" and monthly("5000.01") == "50.00"
    assert rate_text(500_000, None) == "0.5%" and rate_text(500_001, None) == "1%"


@pytest.mark.parametrize("special", ["低保", "救济", "抚恤"])
def test_members_on_welfare_pay_twenty_fen_whatever_the_base_or_rounding(special):
    assert monthly("8000", special) == "0.20"
    assert monthly("", special, "元") == "0.20"
    assert rate_text(None, special) == special


def test_a_branch_may_round_up_to_the_jiao_or_the_yuan():
    assert monthly("3123.00", rounding="角") == "15.70"
    assert monthly("3123.00", rounding="元") == "16.00"
    assert monthly("3000.01", rounding="角") == "15.00"  # 15.00005 → 15.00 first, not 15.10
    assert monthly("4999.99", rounding="元") == "25.00"


def test_no_base_means_no_amount_yet_and_nonsense_is_refused():
    assert monthly_fen(None) is None
    with pytest.raises(ValueError, match="大于 0"):
        monthly_fen(0)
    with pytest.raises(ValueError, match="特殊情况"):
        monthly_fen(100, "困难")


def test_a_reduction_replaces_the_amount_and_a_waiver_makes_it_nothing():
    reductions = [Reduction(month_number(2026, 3), month_number(2026, 6), 1000),
                  Reduction(month_number(2026, 10), None, None)]
    normal = 2500
    owed = {m: owed_in_month(normal, reduction_in(month_number(2026, m), reductions))
            for m in range(1, 13)}
    assert owed[2] == 2500 and owed[3] == owed[6] == 1000 and owed[7] == 2500
    assert owed[10] == owed[12] == 0


def test_a_member_joining_in_may_owes_from_may_and_one_leaving_in_august_through_august():
    joined = owing_span(True, "在册", None, date(2026, 5, 20), date(1960, 7, 1))
    assert list(joined.months_in(month_number(2026, 1), month_number(2026, 12))) == \
        list(range(month_number(2026, 5), month_number(2026, 12) + 1))
    left = owing_span(True, "转出", date(2026, 8, 31), None, date(1960, 7, 1))
    months = left.months_in(month_number(2026, 1), month_number(2026, 12))
    assert months[0] == month_number(2026, 1) and months[-1] == month_number(2026, 8)
    died = owing_span(True, "去世", date(2026, 8, 1), None, None)
    assert month_number(2026, 8) in died and month_number(2026, 9) not in died


def test_away_still_owes_non_members_owe_nothing_and_an_unknown_leaving_date_guesses_nothing():
    assert owing_span(True, "暂离", date(2026, 3, 1), None, None) == Span(None, None)
    assert owing_span(False, "在册", None, None, None) is None
    assert owing_span(True, "去世", None, None, None) is None


def test_a_probationary_member_owes_from_the_month_they_joined_the_party():
    span = owing_span(True, "在册", None, date(2010, 1, 1), date(2026, 7, 1))
    assert span.first == month_number(2026, 7)


def test_months_are_typed_many_ways_and_ranges_are_checked():
    assert parse_month("2026-03") == parse_month("2026.3") == parse_month("2026年3月") == \
        parse_month("202603") == month_number(2026, 3)
    assert parse_months("2026-01..2026-03") == (month_number(2026, 1), month_number(2026, 3))
    assert parse_months("2026-01至2026-03") == parse_months("2026-01~2026-03")
    assert parse_months("2026-05") == (month_number(2026, 5),) * 2
    with pytest.raises(ValueError, match="早于"):
        parse_months("2026-03..2026-01")
    with pytest.raises(ValueError, match="真实"):
        parse_month("2026-13")


def test_a_payment_spreads_to_the_fen_and_its_reversal_cancels_it_month_by_month():
    assert spread(10000, 3) == [3334, 3333, 3333]
    assert [a + b for a, b in zip(spread(10000, 3), spread(-10000, 3))] == [0, 0, 0]
    assert sum(spread(7501, 6)) == 7501


def test_months_behind_counts_back_to_the_last_covered_month():
    nov = month_number(2026, 11)
    covered = {month_number(2026, m) for m in (1, 2, 3)}
    assert months_behind(nov, Span(), covered, set(), month_number(2026, 1)) == 8
    assert months_behind(nov, Span(month_number(2026, 9)), set(), set(),
                         month_number(2026, 1)) == 3
    waived = {month_number(2026, m) for m in (10, 11)}
    assert months_behind(nov, Span(), covered, waived, month_number(2026, 1)) == 6
    assert months_behind(nov, Span(), {nov}, set(), month_number(2026, 1)) == 0


@pytest.mark.parametrize("typed, fen", [
    ("75", 7500), ("75.5", 7550), ("75.00", 7500), ("￥1,234.50", 123450), ("75元", 7500),
    ("７５．００", 7500), (4999.99, 499999), (3456.7800000000002, 345678), (Decimal("0.20"), 20),
    (5000, 500000),
])
def test_amounts_are_read_to_the_fen(typed, fen):
    assert fen_of(typed) == fen


@pytest.mark.parametrize("typed, words", [
    ("75.005", "两位小数"), (75.005, "两位小数"), ("abc", "不是金额"), ("", "没有填写"),
    (None, "没有填写"), ("1e3", "不是金额"),
])
def test_an_amount_with_three_decimals_or_no_amount_is_refused(typed, words):
    with pytest.raises(AmountError, match=words):
        fen_of(typed)


def test_yuan_text_has_two_decimals():
    assert yuan(2500) == "25.00" and yuan(1) == "0.01" and yuan(-150) == "-1.50"
    assert yuan(None) == ""
