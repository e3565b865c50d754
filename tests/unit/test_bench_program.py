"""The benchmark finds an area's function and hands it what it asks for, or says what is missing."""

import pytest

from bench.program import NotMeasured, call, find


def test_arguments_are_matched_by_their_usual_names():
    def export(session, branch_id, year, quarter, out, full_id=False):
        return session, branch_id, year, quarter, out, full_id

    got = call(export, session="S", branch_id=7, year=2026, quarter=3, path="x.xlsx",
               today="ignored")
    assert got == ("S", 7, 2026, 3, "x.xlsx", False)


def test_a_parameter_the_benchmark_cannot_fill_is_reported_not_guessed():
    def export(session, template):
        return template

    with pytest.raises(NotMeasured, match="template"):
        call(export, session="S")


def test_missing_modules_are_reported_with_every_name_tried():
    with pytest.raises(NotMeasured, match="app.services.nowhere.export_quarter"):
        find([("app.services.nowhere", "export_quarter")])
    assert find([("app.services.nowhere", "x"), ("app.services.roster", "member_ids")])
