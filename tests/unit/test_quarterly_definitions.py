"""Each definition of 汇总 (shared/spec/quarterly-report.md) on a small case counted by hand,
and the balance 上季末在册 + 新增 − 减少 = 本季末在册 over every quarter of several years."""

import random
from datetime import date, timedelta

import pytest

from app.dates import quarter_bounds
from app.errors import InputError
from app.models import Attendance, Branch, Handout, Material, Member, StudyEvent, Visit
from app.services.quarter_figures import quarter_figures
from app.services.quarterly import build_report

Q3 = quarter_bounds(2026, 3)


def _branch(s, name="定义支部") -> int:
    b = Branch(name=name)
    s.add(b)
    s.flush()
    return b.id


def _member(s, bid, name, **kw) -> Member:
    m = Member(branch_id=bid, name=name, **kw)
    s.add(m)
    s.flush()
    return m


def _event(s, bid, day, marks=(), kind="集中学习日", cancelled=False) -> StudyEvent:
    e = StudyEvent(branch_id=bid, kind=kind, date=day, cancelled=cancelled)
    s.add(e)
    s.flush()
    s.add_all(Attendance(event_id=e.id, member_id=m.id, mark=mark) for m, mark in marks)
    s.flush()
    return e


def _figures(db, bid, year=2026, quarter=3):
    with db.session() as s:
        return quarter_figures(s, bid, *quarter_bounds(year, quarter))


def test_leaving_on_the_quarters_last_day_is_leaving_in_that_quarter(db):
    with db.session() as s:
        bid = _branch(s)
        _member(s, bid, "甲")
        _member(s, bid, "乙", status="转出", status_date=date(2026, 9, 30))  # last day of Q3
        _member(s, bid, "丙", status="去世", status_date=date(2026, 7, 1))  # first day of Q3
        _member(s, bid, "丁", joined_date=date(2026, 9, 30))  # joins on the last day
    q2, q3, q4 = (_figures(db, bid, 2026, q) for q in (2, 3, 4))
    assert q2["在册人数"] == 3  # 甲 乙 丙
    assert (q3["在册人数"], q3["新增人数"], q3["减少人数"]) == (2, 1, 2)  # 甲 丁; +丁; −乙 −丙
    assert (q4["在册人数"], q4["新增人数"], q4["减少人数"]) == (2, 0, 0)
    assert q2["在册人数"] + q3["新增人数"] - q3["减少人数"] == q3["在册人数"]


def test_away_members_are_on_the_register_but_not_expected_at_events(db):
    with db.session() as s:
        bid = _branch(s)
        a = _member(s, bid, "甲")
        away = _member(s, bid, "乙", status="暂离", status_date=date(2026, 8, 1))
        marked = _member(s, bid, "丙", status="暂离", status_date=date(2026, 7, 1))
        _event(s, bid, date(2026, 7, 20), [(a, "出席"), (away, "出席")])  # 乙 not away yet
        _event(s, bid, date(2026, 8, 20), [(a, "出席"), (marked, "请假")])  # 乙 away, unmarked
    f = _figures(db, bid)
    assert f["在册人数"] == 3 and f["减少人数"] == 0
    # 07-20: 甲 乙 (丙 away and unmarked); 08-20: 甲, and 丙 because she was marked anyway
    assert (f["应参学人次"], f["出席人次"], f["未登记人次"]) == (4, 3, 0)


def test_unmarked_members_are_expected_and_counted_as_unrecorded(db):
    with db.session() as s:
        bid = _branch(s)
        a, _b, _c = (_member(s, bid, n) for n in "甲乙丙")
        late = _member(s, bid, "丁", joined_date=date(2026, 8, 1))
        gone = _member(s, bid, "戊", status="去世", status_date=date(2026, 7, 10))
        _event(s, bid, date(2026, 7, 5), [(a, "出席"), (gone, "送学上门")])
        _event(s, bid, date(2026, 8, 5), [(late, "缺席"), (gone, "出席")])  # 戊's mark: void
        _event(s, bid, date(2026, 9, 5), [(a, "出席")], cancelled=True)
    f = _figures(db, bid)
    # 07-05: 甲 乙 丙 戊 (丁 not yet) = 4, two marked; 08-05: 甲 乙 丙 丁 = 4, one marked
    assert (f["应参学人次"], f["出席人次"], f["送学上门人次"], f["未登记人次"]) == (8, 1, 1, 5)
    assert f["出勤率"] == pytest.approx(1 / 8) and f["参学率"] == pytest.approx(2 / 8)


def test_rates_with_nothing_to_divide_by_are_none_not_zero(db):
    with db.session() as s:
        bid = _branch(s)
        _member(s, bid, "甲")  # 行动自如: no homebound member, no event
    f = _figures(db, bid)
    assert f["应参学人次"] == 0 and f["出勤率"] is None and f["参学率"] is None
    assert f["行动不便人数"] == 0 and f["行动不便党员走访覆盖率"] is None


def test_door_copies_count_when_delivered_and_the_rest_are_still_to_deliver(db):
    with db.session() as s:
        bid = _branch(s)
        a, b = _member(s, bid, "甲", mobility="卧床"), _member(s, bid, "乙")
        mat = Material(branch_id=bid, title="读本", kind="读本")
        s.add(mat)
        s.flush()
        for m, method, status, delivered in [
            (a, "送学上门", "已送达", date(2026, 8, 1)),
            (a, "送学上门", "待送达", None),
            (a, "送学上门", "已送达", date(2026, 10, 3)),  # delivered after the quarter
            (b, "集中领取", "已送达", date(2026, 8, 5)),
        ]:
            s.add(Handout(material_id=mat.id, member_id=m.id, issued_date=date(2026, 7, 20),
                          method=method, status=status, delivered_date=delivered))
    f = _figures(db, bid)
    assert (f["发放资料份数"], f["送学上门份数"], f["待送达份数"]) == (4, 1, 2)


def test_visited_homebound_counts_party_members_once_each(db):
    with db.session() as s:
        bid = _branch(s)
        a = _member(s, bid, "甲", mobility="卧床")
        b = _member(s, bid, "乙", mobility="行动不便", is_party_member=False)
        c = _member(s, bid, "丙", mobility="住院")
        d = _member(s, bid, "丁")  # 行动自如
        for m, day in [(a, date(2026, 7, 2)), (a, date(2026, 8, 2)), (b, date(2026, 7, 3)),
                       (d, date(2026, 7, 4)), (c, date(2026, 6, 30))]:
            s.add(Visit(member_id=m.id, date=day, visitor_name="书记"))
    f = _figures(db, bid)
    assert f["走访人次"] == 4 and f["走访行动不便党员人数"] == 1  # 甲 only: 乙 is no member
    assert f["行动不便人数"] == 3 and f["行动不便党员走访覆盖率"] == pytest.approx(1 / 3)


def test_a_running_quarter_counts_up_to_today_and_says_so(db):
    with db.session() as s:
        bid = _branch(s)
        a = _member(s, bid, "甲")
        _event(s, bid, date(2026, 11, 5), [(a, "出席")])
        _event(s, bid, date(2026, 12, 5))  # planned: not held yet on 12-01
        s.add(Visit(member_id=a.id, date=date(2026, 12, 3), visitor_name="书记"))
        report = build_report(s, bid, 2026, 4, today=date(2026, 12, 1))
    assert report.title == "定义支部2026年第4季度工作情况统计表（截至2026年12月01日）"
    assert report.period == "统计时段：2026年10月01日至2026年12月01日"
    f = report.figures
    assert (f["学习活动次数"], f["应参学人次"], f["走访人次"]) == (1, 1, 0)
    events = next(sh for sh in report.sheets if sh.name == "学习活动")
    assert len(events.rows) == 1


def test_a_quarter_not_begun_is_refused_and_the_command_exits_2(db, tmp_path, capsys):
    from datetime import date as real_date

    from app.cli import run

    with db.session() as s:
        bid = _branch(s)
        with pytest.raises(InputError, match="2027年第1季度还没有开始（今天是2026年12月01日）"):
            build_report(s, bid, 2027, 1, today=date(2026, 12, 1))
    next_year = real_date.today().year + 1
    out = tmp_path / "future.xlsx"
    assert run(["--db", str(db.path), "export-quarter", "--year", str(next_year), "--quarter",
                "1", "-o", str(out)]) == 2
    assert "还没有开始" in capsys.readouterr().err and not out.exists()


def _churn_branch(s, rng: random.Random) -> int:
    """Sixty members over 2023–2026: joining and leaving on random days, on quarter edges, on
    the same day, going away (暂离), one with a status date before the joined date."""
    bid = _branch(s, "流动支部")
    edges = [d for y in (2023, 2024, 2025, 2026) for q in (1, 2, 3, 4)
             for d in quarter_bounds(y, q)]
    first, span = date(2023, 1, 1), (date(2026, 12, 31) - date(2023, 1, 1)).days

    def day():
        return rng.choice(edges) if rng.random() < 0.4 else first + timedelta(rng.randrange(span))

    for i in range(60):
        joined = day() if rng.random() < 0.6 else None
        status, since = rng.choice([("在册", None), ("去世", day()), ("转出", day()),
                                    ("暂离", day()), ("转出", None)])
        if status != "在册" and joined and since and rng.random() < 0.7:
            since = max(since, joined)
        _member(s, bid, f"成员{i}", joined_date=joined, status=status, status_date=since)
    _member(s, bid, "同日", joined_date=date(2025, 3, 31), status="去世",
            status_date=date(2025, 3, 31))
    _member(s, bid, "倒填", joined_date=date(2025, 8, 1), status="转出",
            status_date=date(2025, 5, 1))
    return bid


def _quarters(first_year: int, last_year: int):
    return [(y, q) for y in range(first_year, last_year + 1) for q in (1, 2, 3, 4)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_register_balances_every_quarter_with_joiners_and_leavers(db, seed):
    with db.session() as s:
        bid = _churn_branch(s, random.Random(seed))
        figs = [quarter_figures(s, bid, *quarter_bounds(y, q)) for y, q in _quarters(2022, 2027)]
    moved = 0
    for before, now in zip(figs, figs[1:]):
        assert before["在册人数"] + now["新增人数"] - now["减少人数"] == now["在册人数"], now.end
        moved += now["新增人数"] + now["减少人数"]
    assert moved > 40  # the test has something to balance


def test_the_demo_branch_balances_every_quarter(demo_db):
    from app.services.roster import default_branch_id

    with demo_db.session() as s:
        bid = default_branch_id(s)
        figs = [quarter_figures(s, bid, *quarter_bounds(y, q)) for y, q in _quarters(2024, 2026)]
    for before, now in zip(figs, figs[1:]):
        assert before["在册人数"] + now["新增人数"] - now["减少人数"] == now["在册人数"], now.end
    assert sum(f["减少人数"] for f in figs) == 3  # the demo's three who left this year
