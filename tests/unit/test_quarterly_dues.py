"""The quarterly workbook's 党费 figures are `zhibu dues show`'s, through the command line both
ways: a quarter's 应交党费金额 is what `dues show` owes at the quarter's end less what it owed at
the end of the quarter before (member by member, too), the four quarters' 实交 add up to the
year's paid, the 党费收缴 sheet's rows and 合计 are 汇总's figures, and the rate is 实交 ÷ 应交."""

import json
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from app.cli import run
from app.dates import quarter_bounds
from app.export.quarterly_form import read_form
from app.runtime import open_database
from tests.unit.quarterly_data import build_branch

TODAY = date.today()


def fen(text) -> int:
    return 0 if text in (None, "") else int(Decimal(str(text)) * 100)


def show(capsys, dbfile: str, year: int, as_of: date) -> dict[int, dict]:
    """`zhibu dues show --year Y --as-of D --json`, member by member."""
    capsys.readouterr()
    assert run(["--db", dbfile, "dues", "show", "--year", str(year), "--as-of",
                f"{as_of:%Y-%m-%d}", "--json"]) == 0
    return {m["member_id"]: m for m in json.loads(capsys.readouterr().out)["members"]}


def owed(shown: dict[int, dict]) -> dict[int, int]:
    return {mid: fen(m["owed"]) for mid, m in shown.items()}


def workbook(capsys, dbfile: str, tmp_path, year: int, quarter: int):
    """`zhibu export-quarter`, read back: 汇总's figures and the 党费收缴 sheet's rows."""
    path = tmp_path / f"{year}-{quarter}.xlsx"
    assert run(["--db", dbfile, "export-quarter", "--year", str(year), "--quarter", str(quarter),
                "-o", str(path)]) == 0
    capsys.readouterr()
    wb = load_workbook(path)
    figures = read_form(wb["汇总"].iter_rows(values_only=True))
    rows = list(wb["党费收缴"].iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if r[:2] == ("序号", "姓名"))
    header = rows[at]
    body = [dict(zip(header, r)) for r in rows[at + 1:] if any(v not in (None, "") for v in r)]
    return figures, body


def quarters_begun(year: int):
    return [q for q in (1, 2, 3, 4) if quarter_bounds(year, q)[0] <= TODAY]


@pytest.fixture
def demo_file(tmp_path):
    from app.demo import fill_demo

    path = tmp_path / "demo.sqlite3"
    db = open_database(path)
    fill_demo(db, members=80, seed=7, today=date(2026, 11, 20))
    db.dispose()
    return str(path)


def test_each_quarter_of_the_demo_year_is_dues_show(capsys, demo_file, tmp_path):
    year = 2026
    begun = quarters_begun(year)
    assert begun, "the demo year has begun"
    before = {}  # what dues show owed at the end of the quarter before (nothing before January)
    paid_in_quarters = 0
    for q in begun:
        start, end = quarter_bounds(year, q)
        upto = min(end, TODAY)
        now = owed(show(capsys, demo_file, year, upto))
        figures, rows = workbook(capsys, demo_file, tmp_path, year, q)
        members = [r for r in rows if r["姓名"] != "合计"]
        total = next(r for r in rows if r["姓名"] == "合计")
        quarter_owed = {mid: now[mid] - before.get(mid, 0) for mid in now}
        # 应交: dues show's owed at the quarter's end less at the end of the one before
        assert fen(figures["应交党费金额"]) == sum(quarter_owed.values()) > 0, q
        assert sorted(fen(r["本季应交"]) for r in members if fen(r["本季应交"])) == sorted(
            v for v in quarter_owed.values() if v), q
        # 汇总 = the 党费收缴 sheet's 合计 = its rows added up, to the 分
        assert fen(total["本季应交"]) == fen(figures["应交党费金额"])
        assert fen(total["本季实交"]) == fen(figures["实交党费金额"]) == sum(
            fen(r["本季实交"]) for r in members)
        behind = sum(1 for r in members if fen(r["欠交"]) > 0)
        assert figures["欠交党费人数"] == behind
        assert figures["党费收缴率"] == pytest.approx(
            fen(figures["实交党费金额"]) / fen(figures["应交党费金额"]))
        paid_in_quarters += fen(figures["实交党费金额"])
        before = now
    if len(begun) == 4:  # every month of the year is in one quarter: 实交 adds up to the year's
        year_paid = sum(fen(m["paid"]) for m in show(capsys, demo_file, year, TODAY).values())
        assert paid_in_quarters == year_paid


def test_the_hand_counted_third_quarter_is_dues_show(capsys, tmp_path):
    path = tmp_path / "q.sqlite3"
    db = open_database(path)
    with db.session() as s:
        build_branch(s)
    db.dispose()
    dbfile = str(path)
    end_q2 = owed(show(capsys, dbfile, 2026, date(2026, 6, 30)))
    end_q3 = show(capsys, dbfile, 2026, date(2026, 9, 30))
    figures, rows = workbook(capsys, dbfile, tmp_path, 2026, 3)
    assert sum(fen(m["owed"]) - end_q2.get(mid, 0) for mid, m in end_q3.items()) == 31060
    assert figures["应交党费金额"] == 310.60 and figures["实交党费金额"] == 225.00
    assert figures["欠交党费人数"] == 3 and figures["党费收缴率"] == pytest.approx(225 / 310.6)
    by_name = {r["姓名"]: r for r in rows}
    assert by_name["赵四"]["本季实交"] == 40.00  # 40.00 of the 100.00 paid ahead to December
    assert fen(by_name["赵四"]["本季实交"]) < fen(end_q3[next(
        mid for mid, m in end_q3.items() if m["name"] == "赵四")]["paid"])  # show: the year's
    assert by_name["周七"]["欠交"] == -5.00 and "多交或预交" in by_name["周七"]["备注"]
    assert by_name["合计"]["本季应交"] == 310.60


def test_amounts_add_up_to_the_fen_and_a_hand_edited_dues_figure_is_refused():
    from app.quarter_labels import contradictions, shown, total
    from tests.unit.quarterly_data import EXPECTED

    assert total("应交党费金额", [0.1, 0.2]) == 0.3 and total("欠交党费人数", [1, 2]) == 3
    assert total("实交党费金额", [310.6] * 3) == 931.8
    assert shown("应交党费金额", 310.6) == "310.60" and shown("党费收缴率", None) == "—"
    assert contradictions(dict(EXPECTED)) == []
    for label, value, words in (("党费收缴率", 0.95, "按金额算应为 72.4%"),
                                ("实交党费金额", 225.001, "不是金额"),
                                ("应交党费金额", -1.0, "不是金额"),
                                ("欠交党费人数", 2.5, "不是非负整数")):
        assert any(words in p for p in contradictions({**EXPECTED, label: value})), label
    nothing_owed = {**EXPECTED, "应交党费金额": 0, "实交党费金额": 0, "党费收缴率": None}
    assert contradictions(nothing_owed) == []  # "—", never 0.0 %
