"""The dues books read back: the year at a glance, `dues show`, who is behind, a quarter."""

from datetime import date

import pytest

from app.services import dues
from tests.unit.dues_data import TODAY, member


@pytest.fixture
def book(db, branch_id):
    with db.session() as s:
        ids = {
            "张建国": member(s, branch_id, "张建国", sort_order=1),
            "李明": member(s, branch_id, "李明", sort_order=2, joined_date=date(2026, 5, 20)),
            "王芳": member(s, branch_id, "王芳", sort_order=3, status="转出",
                         status_date=date(2026, 8, 15)),
            "赵群众": member(s, branch_id, "赵群众", sort_order=4, is_party_member=False),
            "钱进": member(s, branch_id, "钱进", sort_order=5),
            "孙暂离": member(s, branch_id, "孙暂离", sort_order=6, status="暂离",
                          status_date=date(2026, 2, 1)),
        }
        for name, base in (("张建国", "5000.00"), ("李明", "6000"), ("王芳", "3000"),
                           ("孙暂离", "4000")):
            dues.set_base(s, ids[name], 2026, base, today=TODAY)
        pay = dict(today=TODAY, collector="李秀兰")
        dues.record_payment(s, ids["张建国"], "2026-01..2026-03", "75.00",
                            paid_on=date(2026, 3, 5), **pay)
        dues.record_payment(s, ids["李明"], "2026-05..2026-10", "360.00",
                            paid_on=date(2026, 5, 25), **pay)
        dues.record_payment(s, ids["李明"], "2026-11..2026-12", "130.00",
                            paid_on=date(2026, 11, 5), note="多交10元", **pay)
        dues.record_payment(s, ids["王芳"], "2026-01..2026-06", "90.00",
                            paid_on=date(2026, 1, 8), **pay)
        for month in range(1, 12):
            dues.record_payment(s, ids["孙暂离"], f"2026-{month:02d}", "20.00",
                                paid_on=date(2026, month, 5), **pay)
    return ids


def test_show_is_exactly_the_spec_json(db, branch_id, book):
    with db.session() as s:
        shown = dues.dues_show(s, branch_id, 2026, TODAY)
    assert shown["year"] == 2026 and shown["as_of"] == "2026-12-01"
    first = shown["members"][0]
    assert first == {"member_id": book["张建国"], "name": "张建国", "base": "5000.00",
                     "rate": "0.5%", "monthly": "25.00", "months_owed": 12, "owed": "300.00",
                     "paid": "75.00", "outstanding": "225.00", "months_behind": 9,
                     "reduction": None}
    names = [m["name"] for m in shown["members"]]
    assert names == ["张建国", "李明", "王芳", "钱进", "孙暂离"]  # no non-member


def test_joining_in_may_and_leaving_in_august_bound_the_months_owed(db, branch_id, book):
    with db.session() as s:
        rows = {r["name"]: r for r in dues.dues_show(s, branch_id, 2026, TODAY)["members"]}
    assert rows["李明"]["months_owed"] == 8 and rows["李明"]["owed"] == "480.00"
    assert rows["李明"]["paid"] == "490.00" and rows["李明"]["outstanding"] == "-10.00"
    assert rows["王芳"]["months_owed"] == 8 and rows["王芳"]["owed"] == "120.00"
    assert rows["王芳"]["months_behind"] == 2  # July and August
    assert rows["孙暂离"]["months_owed"] == 12 and rows["孙暂离"]["months_behind"] == 1


def test_a_member_without_a_base_shows_nothing_guessed(db, branch_id, book):
    with db.session() as s:
        row = next(r for r in dues.dues_show(s, branch_id, 2026, TODAY)["members"]
                   if r["name"] == "钱进")
    assert row["base"] is None and row["owed"] is None and row["outstanding"] is None
    assert row["months_owed"] == 12 and row["months_behind"] == 12 and row["paid"] == "0.00"


def test_the_year_table_has_twelve_months_of_owed_paid_and_days(db, branch_id, book):
    with db.session() as s:
        table = dues.dues_year(s, branch_id, 2026, date(2026, 6, 30))
    zhang = table.rows[0]
    assert table.partial and len(zhang.months) == 12
    assert [c.paid_fen for c in zhang.months[:4]] == [2500, 2500, 2500, 0]
    assert zhang.months[0].paid_on == (date(2026, 3, 5),) and zhang.months[0].covered
    assert [c.due for c in zhang.months].count(True) == 6 and zhang.months_owed == 6
    li = table.rows[1]
    assert [c.owes for c in li.months[:5]] == [False, False, False, False, True]
    assert li.paid_fen == 49000  # paid ahead for the rest of the year


def test_who_is_behind_three_months_listed_six_flagged(db, branch_id, book):
    with db.session() as s:
        behind = dues.members_behind(s, branch_id, TODAY)
    got = {b.name: (b.months, b.flagged, b.amount_fen) for b in behind}
    assert got == {"钱进": (12, True, None), "张建国": (9, True, 9 * 2500)}
    with db.session() as s:
        early = {b.name: b for b in dues.members_behind(s, branch_id, date(2026, 6, 1))}
    assert early["张建国"].months == 3 and not early["张建国"].flagged
    assert early["张建国"].to_json()["from"] == "2026-04"


def test_a_quarter_gives_the_workbook_its_figures(db, branch_id, book):
    with db.session() as s:
        q2 = dues.quarter_dues(s, branch_id, 2026, 2, TODAY)
    rows = {r.name: r for r in q2.rows}
    assert rows["张建国"].owed_fen == 7500 and rows["张建国"].paid_fen == 0
    assert rows["李明"].owed_fen == 2 * 6000 and rows["李明"].paid_fen == 12000
    assert rows["王芳"].outstanding_fen == 0
    assert q2.owed_fen == 7500 + 12000 + 4500 + 6000
    assert q2.paid_fen == 0 + 12000 + 4500 + 6000
    assert q2.rate == pytest.approx(22500 / 30000)
    assert q2.members_outstanding == 1 and q2.without_base == ["钱进"]


def test_the_quarter_and_the_year_agree(db, branch_id, book):
    with db.session() as s:
        year = dues.dues_year(s, branch_id, 2026, TODAY)
        quarters = [dues.quarter_dues(s, branch_id, 2026, q, TODAY) for q in (1, 2, 3, 4)]
    assert sum(q.owed_fen for q in quarters) == year.owed_fen
    assert sum(q.paid_fen for q in quarters) == year.paid_fen


def test_years_before_the_branch_kept_dues_here_owe_nothing(db, branch_id, book):
    with db.session() as s:
        assert dues.dues_show(s, branch_id, 2025, TODAY)["members"] == []
        assert dues.dues_year(s, branch_id, 2026, TODAY).rows[0].months_owed == 12


def test_months_behind_reach_back_across_the_new_year(db, branch_id):
    with db.session() as s:
        a = member(s, branch_id, "甲")
        b = member(s, branch_id, "乙")
        for mid in (a, b):
            dues.set_base(s, mid, 2025, "3000", today=TODAY)
            dues.set_base(s, mid, 2026, "3000", today=TODAY)
            dues.record_payment(s, mid, "2025-05..2025-10", "90", paid_on=date(2025, 5, 5),
                                today=TODAY)
        wrong = dues.record_payment(s, b, "2026-01", "15", paid_on=date(2026, 1, 5), today=TODAY)
        dues.reverse_payment(s, wrong.id, "记错了人", on=date(2026, 1, 6))
    with db.session() as s:
        rows = {r.name: r for r in dues.dues_year(s, branch_id, 2026, date(2026, 3, 10)).rows}
        behind = {x.name: x for x in dues.members_behind(s, branch_id, date(2026, 3, 10))}
    assert rows["甲"].months_behind == rows["乙"].months_behind == 5  # 2025-11 … 2026-03
    assert behind["乙"].to_json()["from"] == "2025-11" and behind["乙"].amount_fen == 5 * 1500
