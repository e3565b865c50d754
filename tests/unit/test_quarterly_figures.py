"""The quarter's figures, counted by hand: joiners and deaths mid-quarter, a cancelled event,
a homebound member visited twice, one never visited, pairings active and ended."""

from datetime import date

import pytest

from app.services.quarter_figures import quarter_figures
from app.quarter_labels import LABELS, RATE_LABELS
from tests.unit.quarterly_data import EXPECTED, Q3, build_branch


@pytest.fixture
def story(db):
    with db.session() as s:
        return build_branch(s)


def test_every_label_of_the_quarter_matches_the_hand_count(db, story):
    with db.session() as s:
        fig = quarter_figures(s, story, *Q3)
    assert list(fig.values) == list(LABELS)
    for label in LABELS:
        assert fig[label] == pytest.approx(EXPECTED[label]), label


def test_counts_are_whole_numbers_and_rates_fractions(db, story):
    with db.session() as s:
        fig = quarter_figures(s, story, *Q3)
    assert isinstance(fig["在册人数"], int) and not isinstance(fig["在册人数"], bool)
    assert 0 < fig["出勤率"] < 1 and isinstance(fig["出勤率"], float)


def test_quarter_so_far_stops_at_today(db, story):
    """The home page asks with end = today: only what happened by then counts."""
    with db.session() as s:
        fig = quarter_figures(s, story, date(2026, 7, 1), date(2026, 8, 1))
    assert fig["学习活动次数"] == 1
    assert fig["新增人数"] == 0 and fig["减少人数"] == 0
    assert fig["在册人数"] == 7  # 钱五 still on the roster, 赵四 not yet, 周七 away but 在册
    assert fig["走访人次"] == 2


def test_an_empty_branch_gives_zeros_and_no_rates(db, branch_id):
    """Nothing to divide by is not "nobody came": the rates are None (the workbook's "—")."""
    with db.session() as s:
        fig = quarter_figures(s, branch_id, *Q3)
    assert all(v == 0 for k, v in fig.items() if k not in RATE_LABELS)
    assert all(fig[k] is None for k in RATE_LABELS)
