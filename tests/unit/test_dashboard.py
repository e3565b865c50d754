"""首页 numbers are the areas' own numbers: the quarter so far equals quarter_figures, hand-outs
pending equal the materials count, and a round birthday is marked with words."""

from datetime import date

from app.services import handouts
from app.services.dashboard import QUARTER_KEYS, dashboard, quarter_start, round_age_word
from app.services.quarter_figures import quarter_figures
from app.services.roster import default_branch_id

TODAY = date(2026, 11, 20)


def test_the_quarter_so_far_runs_from_the_first_day_of_the_quarter_to_today():
    assert quarter_start(date(2026, 11, 20)) == date(2026, 10, 1)
    assert quarter_start(date(2026, 3, 31)) == date(2026, 1, 1)
    assert quarter_start(date(2026, 7, 1)) == date(2026, 7, 1)


def test_home_shows_the_same_figures_as_the_quarterly_workbook_and_materials_page(demo_db):
    with demo_db.session() as s:
        bid = default_branch_id(s)
        board = dashboard(s, bid, TODAY)
        figures = quarter_figures(s, bid, date(2026, 10, 1), TODAY)
        pending = handouts.pending_count(s, bid)
    assert list(board.quarter) == list(QUARTER_KEYS)
    assert board.quarter == {k: figures[k] for k in QUARTER_KEYS}
    assert board.quarter["在册人数"] > 0
    assert board.pending_handouts == pending > 0


def test_an_empty_branch_has_nothing_pending_and_zero_figures(db, branch_id):
    with db.session() as s:
        board = dashboard(s, branch_id, TODAY)
    assert board.pending_handouts == 0
    assert board.quarter["在册人数"] == 0 and board.quarter["出勤率"] is None  # shown as "—"


def test_80_90_and_100_year_birthdays_are_named_in_words():
    assert round_age_word(80) == "80岁整寿"
    assert round_age_word(100) == "100岁整寿"
    assert round_age_word(81) == ""


def test_visits_and_birthdays_are_the_care_services_own(demo_db):
    from app.services import care

    with demo_db.session() as s:
        bid = default_branch_id(s)
        board = dashboard(s, bid, TODAY)
        due = care.members_due_for_visit(s, bid, TODAY)
        counts = care.visit_counts(s, bid, TODAY)
        overdue = care.overdue_by_kind(s, bid, TODAY)
        born = care.birthdays_in_month(s, bid, TODAY.year, TODAY.month)
    assert board.visits == counts
    assert (counts.overdue, counts.overdue_homebound) == overdue
    assert counts.overdue + counts.due_soon == len(due) > 5
    assert 0 < counts.overdue_homebound <= counts.overdue <= counts.on_list
    assert board.due_names == [row.name for row in due[:5]] and all(board.due_names)
    assert board.birthdays == [(b.name, b.birthday, b.age) for b in born] and board.birthdays
    assert all(day.month == TODAY.month and day.year == TODAY.year
               for _name, day, _age in board.birthdays)
