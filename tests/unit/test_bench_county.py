"""The benchmark's county generator still writes what its parameters say into today's schema."""

import sqlite3

from bench.county import CountyParams, count_rows, county_db, expected_counts


def test_tiny_county_has_the_rows_its_parameters_promise_and_a_sound_database(tmp_path):
    params = CountyParams(branches=3, members_per_branch=10, years=1)
    path = county_db(params, tmp_path, log=lambda _text: None)

    counts = count_rows(path)
    assert counts == expected_counts(params)
    assert counts["member"] == 30 and counts["study_event"] == 3 * 22
    assert counts["attendance"] == 3 * 22 * 10 and counts["handout"] == 3 * 12 * 10
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        # the indexes dropped while loading are all back
        indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert {"ix_attendance_member", "ix_handout_member_status", "ix_visit_member_date"} <= indexes
    finally:
        con.close()


def test_the_same_parameters_build_the_same_county(tmp_path):
    params = CountyParams(branches=2, members_per_branch=8, years=1)
    first = county_db(params, tmp_path / "a", log=lambda _text: None)
    second = county_db(params, tmp_path / "b", log=lambda _text: None)

    def dump(path):
        con = sqlite3.connect(path)
        try:
            return (con.execute("SELECT * FROM member ORDER BY id").fetchall(),
                    con.execute("SELECT * FROM attendance ORDER BY id").fetchall(),
                    con.execute("SELECT * FROM visit ORDER BY id").fetchall())
        finally:
            con.close()

    assert dump(first) == dump(second)
