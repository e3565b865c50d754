"""The frequency check of spec/org-life.md: each kind held against required, and what is still
missing in the quarter now running — at the edges of months, quarters and years, with kinds
switched off, the study day standing in for the 主题党日, cancelled meetings and the 组织生活会
held together with the 民主评议党员."""

from datetime import date

import pytest

from app.services import study
from app.services.orglife.frequency import (
    check_report, frequency_check, kind_status, missing_this_quarter,
)
from app.services.orglife.kinds import meeting_settings, set_meeting_settings
from app.vocab import MEETING_KINDS


def meet(s, branch_id, kind, day, **extra) -> int:
    return study.create_event(s, branch_id, study.EventInput(kind=kind, date=day, **extra),
                              allow_duplicate=True)


def status(s, branch_id, kind, year, as_of):
    return next(k for k in frequency_check(s, branch_id, year, as_of) if k.kind == kind)


def own(*days):
    """kind_status's input for meetings of the kind itself."""
    return [(d, "支委会") for d in days]


def test_a_month_of_the_quarter_already_over_without_one_is_missing_for_good():
    st = kind_status("支委会", own(date(2026, 5, 8)), 2026, date(2026, 5, 20))
    assert st.missing_this_quarter and st.sentence == "本季度4月没有召开支委会"
    assert st.gaps == ["4月"] and st.held == 1 and st.required == 12
    assert st.required_so_far == 5  # January to May, May running
    assert st.missed == ["1月", "2月", "3月", "4月"]


def test_the_running_month_is_missing_from_its_first_day_until_one_is_held_or_planned():
    st = kind_status("支委会", own(date(2026, 4, 9)), 2026, date(2026, 5, 1))
    assert st.sentence == "本月还没有召开支委会" and st.gaps == ["本月"]
    planned = kind_status("支委会", own(date(2026, 4, 9), date(2026, 5, 28)), 2026,
                          date(2026, 5, 1))
    assert not planned.missing_this_quarter and planned.sentence == ""
    assert (planned.held, planned.planned) == (1, 1)
    both = kind_status("支委会", own(date(2026, 3, 3)), 2026, date(2026, 6, 2))
    assert both.sentence == "本季度4月、5月没有召开支委会，本月也还没有召开"
    assert both.gaps == ["4月", "5月", "本月"]


def test_a_meeting_on_the_day_itself_is_held_and_the_last_day_of_a_month_still_counts():
    st = kind_status("支委会", own(date(2026, 3, 31)), 2026, date(2026, 3, 31))
    assert st.held == 1 and st.planned == 0
    late = kind_status("支委会", own(date(2026, 1, 9), date(2026, 2, 9)), 2026, date(2026, 3, 31))
    assert late.sentence == "本月还没有召开支委会" and late.missed == []  # March not over yet


def test_a_new_quarter_forgets_the_last_ones_gaps_but_keeps_them_as_missed():
    st = kind_status("支委会", own(date(2026, 4, 1)), 2026, date(2026, 4, 1))
    assert not st.missing_this_quarter
    assert st.missed == ["1月", "2月", "3月"]


@pytest.mark.parametrize("as_of, missing", [
    (date(2026, 4, 1), True),  # nothing in Q2 yet
    (date(2026, 6, 30), True),
    (date(2026, 7, 1), True),  # Q3: the Q2 meeting is history
])
def test_a_quarterly_kind_needs_one_in_the_running_quarter(as_of, missing):
    st = kind_status("支部党员大会", [(date(2026, 1, 18), "支部党员大会")], 2026, as_of)
    assert st.missing_this_quarter is missing
    assert st.sentence == "本季度还没有召开支部党员大会"


def test_a_quarterly_kind_held_or_planned_in_the_quarter_is_not_missing():
    held = kind_status("党课", [(date(2026, 6, 28), "党课")], 2026, date(2026, 6, 30))
    planned = kind_status("党课", [(date(2026, 6, 28), "党课")], 2026, date(2026, 4, 2))
    assert not held.missing_this_quarter and not planned.missing_this_quarter
    assert held.required == 4 and held.required_so_far == 2
    assert kind_status("党课", [], 2026, date(2026, 4, 2)).sentence == "本季度还没有上党课"


def test_a_yearly_kind_is_missing_only_in_the_years_last_quarter():
    assert not kind_status("组织生活会", [], 2026, date(2026, 9, 30)).missing_this_quarter
    last = kind_status("组织生活会", [], 2026, date(2026, 10, 1))
    assert last.sentence == "今年还没有召开组织生活会" and last.gaps == ["今年"]
    held = kind_status("组织生活会", [(date(2026, 2, 10), "组织生活会")], 2026, date(2026, 12, 31))
    assert not held.missing_this_quarter and (held.held, held.required) == (1, 1)
    assert kind_status("民主评议党员", [], 2026, date(2026, 11, 1)).sentence == \
        "今年还没有开展民主评议党员"


def test_a_past_year_has_no_running_quarter_and_a_future_one_nothing_required_yet():
    past = kind_status("支委会", own(date(2025, 3, 3)), 2025, date(2026, 1, 10))
    assert not past.missing_this_quarter and past.required_so_far == 12
    assert len(past.missed) == 11 and "3月" not in past.missed
    future = kind_status("支委会", [], 2027, date(2026, 12, 20))
    assert (future.required, future.required_so_far, future.missed) == (12, 0, [])
    assert not future.missing_this_quarter


def test_a_switched_off_kind_is_never_missing_and_requires_nothing(db, branch_id):
    with db.session() as s:
        set_meeting_settings(s, branch_id, ["党小组会"], True)
        st = status(s, branch_id, "党小组会", 2026, date(2026, 5, 20))
        sentences = missing_this_quarter(s, branch_id, date(2026, 5, 20))
        assert meeting_settings(s, branch_id).not_held == ("党小组会",)
    assert st.off and st.required == 0 and not st.missing_this_quarter and st.sentence == ""
    assert not any("党小组会" in line for line in sentences)
    assert "本季度4月没有召开支委会，本月也还没有召开" in sentences


def test_unknown_kinds_cannot_be_switched_off(db, branch_id):
    from app.errors import InputError

    with db.session() as s, pytest.raises(InputError, match="座谈会"):
        set_meeting_settings(s, branch_id, ["座谈会"], True)


def test_the_study_day_counts_as_the_months_theme_day_unless_the_branch_says_no(db, branch_id):
    with db.session() as s:
        meet(s, branch_id, "集中学习日", date(2026, 4, 5))
        meet(s, branch_id, "集中学习日", date(2026, 5, 5))
        meet(s, branch_id, "主题党日", date(2026, 5, 20))  # its own: May counts once
        st = status(s, branch_id, "主题党日", 2026, date(2026, 5, 25))
        assert st.held == 2 and not st.missing_this_quarter
        assert st.note == "其中集中学习日 1 次"
        set_meeting_settings(s, branch_id, [], False)
        off = status(s, branch_id, "主题党日", 2026, date(2026, 5, 25))
    assert off.held == 1 and off.note == ""
    assert off.sentence == "本季度4月没有开展主题党日"


def test_a_planned_study_day_is_not_yet_held_nor_in_the_note(db, branch_id):
    with db.session() as s:
        meet(s, branch_id, "集中学习日", date(2026, 4, 5))
        st = status(s, branch_id, "主题党日", 2026, date(2026, 4, 1))
    assert (st.held, st.planned, st.note) == (0, 1, "")
    assert not st.missing_this_quarter  # it is in the calendar


def test_cancelled_meetings_do_not_count(db, branch_id):
    with db.session() as s:
        event_id = meet(s, branch_id, "支部党员大会", date(2026, 4, 20))
        assert status(s, branch_id, "支部党员大会", 2026, date(2026, 5, 1)).held == 1
        study.cancel_event(s, event_id)
        st = status(s, branch_id, "支部党员大会", 2026, date(2026, 5, 1))
    assert st.held == 0 and st.sentence == "本季度还没有召开支部党员大会"


def test_a_life_meeting_held_with_the_appraisal_counts_for_both(db, branch_id):
    with db.session() as s:
        meet(s, branch_id, "组织生活会", date(2026, 1, 20), with_appraisal=True)
        meet(s, branch_id, "组织生活会", date(2026, 2, 20))  # a second one, without
        check = {k.kind: k for k in frequency_check(s, branch_id, 2026, date(2026, 10, 1))}
    assert check["组织生活会"].held == 2
    appraisal = check["民主评议党员"]
    assert appraisal.held == 1 and not appraisal.missing_this_quarter
    assert appraisal.note == "其中与组织生活会同时进行 1 次"


def test_only_a_life_meeting_can_be_marked_with_the_appraisal(db, branch_id):
    with db.session() as s:
        event_id = meet(s, branch_id, "支委会", date(2026, 1, 20), with_appraisal=True)
        assert study.event_input(s, event_id).with_appraisal is False
        check = {k.kind: k for k in frequency_check(s, branch_id, 2026, date(2026, 12, 1))}
    assert check["民主评议党员"].held == 0


def test_other_branches_and_other_years_do_not_count(db, branch_id):
    from app.services.roster import ensure_branch

    with db.session() as s:
        other = ensure_branch(s, "另一个支部").id
        meet(s, other, "支委会", date(2026, 5, 3))
        meet(s, branch_id, "支委会", date(2025, 5, 3))
        st = status(s, branch_id, "支委会", 2026, date(2026, 5, 20))
    assert st.held == 0 and st.sentence == "本季度4月没有召开支委会，本月也还没有召开"


def test_the_check_report_is_the_specs_year_and_kinds(db, branch_id):
    with db.session() as s:
        meet(s, branch_id, "支部党员大会", date(2026, 1, 18))
        data = check_report(s, branch_id, 2026, date(2026, 5, 20))
    assert data["year"] == 2026 and data["as_of"] == "2026-05-20"
    assert [k["kind"] for k in data["kinds"]] == list(MEETING_KINDS)
    first = data["kinds"][0]
    assert {k: first[k] for k in ("kind", "held", "required", "missing_this_quarter")} == \
        {"kind": "支部党员大会", "held": 1, "required": 4, "missing_this_quarter": True}
    assert first["missed"] == [] and first["sentence"] == "本季度还没有召开支部党员大会"


def test_the_home_page_gets_the_same_sentences_while_the_quarter_runs(db, branch_id):
    from app.services.dashboard import dashboard

    with db.session() as s:
        meet(s, branch_id, "支部党员大会", date(2026, 4, 20))
        board = dashboard(s, branch_id, date(2026, 5, 20))
        assert board.orglife_missing == missing_this_quarter(s, branch_id, date(2026, 5, 20))
    assert "本季度还没有召开支部党员大会" not in board.orglife_missing
    assert "本季度还没有上党课" in board.orglife_missing
