"""The township roll-up: one row per branch, a 合计 whose rates come from summed counts, each
branch's sheets copied; and every refusal (mixed quarters, a branch twice, a foreign or damaged
workbook) names the file and leaves no output behind."""

import json

import pytest
from openpyxl import Workbook, load_workbook

from app.cli import run
from app.errors import InputError
from app.export.quarterly_merge import merge_quarter
from app.export.quarterly_xlsx import write_quarterly
from app.services.quarter_figures import LABELS, RATE_LABELS
from app.services.quarterly import build_report
from tests.unit.quarterly_data import EXPECTED, build_branch, build_small_branch


@pytest.fixture
def books(db, tmp_path):
    """Three branches' Q3 workbooks: the hand-counted one, a small one, an empty one."""
    paths = []
    with db.session() as s:
        ids = [build_branch(s, "第一支部"), build_small_branch(s, "第二支部"),
               build_small_branch(s, "第三支部", study=False)]
        for bid, name in zip(ids, ("b1", "b2", "b3")):
            paths.append(write_quarterly(build_report(s, bid, 2026, 3), tmp_path / f"{name}.xlsx"))
    return paths


def test_township_summary_has_a_row_per_branch_and_a_total_with_recomputed_rates(books, tmp_path):
    out = tmp_path / "township.xlsx"
    assert run(["merge-quarter", *map(str, books), "-o", str(out)]) == 0
    wb = load_workbook(out)
    ws = wb["汇总"]
    header = [c.value for c in ws[2]]
    assert header == ["支部", *LABELS]
    rows = {r[0]: dict(zip(header, r)) for r in ws.iter_rows(min_row=3, values_only=True)}
    assert list(rows) == ["第一支部", "第二支部", "第三支部", "合计"]
    assert rows["第一支部"]["出席人次"] == EXPECTED["出席人次"]
    total = rows["合计"]
    for label in LABELS:
        if label not in RATE_LABELS:
            assert total[label] == sum(rows[b][label] for b in ("第一支部", "第二支部", "第三支部"))
    assert total["应参学人次"] == 18 + 1 and total["出席人次"] == 8 + 1
    assert total["出勤率"] == pytest.approx(9 / 19)  # an average of rates would give 0.72
    assert total["参学率"] == pytest.approx(11 / 19)
    assert rows["第三支部"]["出勤率"] == "—"  # no events: nothing to divide by
    assert total["行动不便党员走访覆盖率"] == pytest.approx((1 + 1 + 1) / (3 + 1 + 1))
    rate_col = header.index("出勤率") + 1
    assert ws.cell(6, rate_col).number_format == "0.0%"
    assert "第二支部-学习考勤" in wb.sheetnames and len(wb.sheetnames) == 1 + 3 * 7
    copied = wb["第一支部-党员名册"]
    assert copied["A1"].value == "测试支部2026年第3季度党员名册".replace("测试支部", "第一支部")
    unit = [c for c in copied[3] if c.value == "=1+1"]
    assert unit and unit[0].data_type == "s"


def _refused(paths, out, words):
    with pytest.raises(InputError) as err:
        merge_quarter(paths, out)
    for w in words:
        assert w in str(err.value)
    assert not out.exists()
    assert not list(out.parent.glob(".~*"))


def test_mixed_quarters_are_refused_naming_the_file(db, books, tmp_path):
    with db.session() as s:
        from app.models import Branch
        bid = s.query(Branch.id).filter_by(name="第二支部").scalar()
        q2 = write_quarterly(build_report(s, bid, 2026, 2), tmp_path / "b2-q2.xlsx")
    _refused([books[0], q2], tmp_path / "out.xlsx", ["b2-q2.xlsx", "不同季度"])


def test_the_same_branch_twice_is_refused(books, tmp_path):
    twice = tmp_path / "again.xlsx"
    twice.write_bytes(books[0].read_bytes())
    _refused([books[0], books[1], twice], tmp_path / "out.xlsx", ["again.xlsx", "第一支部"])


def test_a_workbook_made_elsewhere_is_refused(books, tmp_path):
    foreign = tmp_path / "别人的表.xlsx"
    wb = Workbook()
    wb.active.title = "汇总"
    wb.active.append(["在册人数", 5])
    wb.save(foreign)
    _refused([books[0], foreign], tmp_path / "out.xlsx", ["别人的表.xlsx", "不是本程序"])


def test_a_damaged_file_is_refused_and_the_command_exits_2(books, tmp_path):
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(books[1].read_bytes()[:3000])
    out = tmp_path / "out.xlsx"
    _refused([books[0], broken], out, ["坏文件.xlsx", "损坏"])
    assert run(["merge-quarter", str(books[0]), str(broken), "-o", str(out)]) == 2
    assert not out.exists()


def test_all_branches_of_a_database_in_one_workbook_match_the_merge(db, books, tmp_path):
    from app.services.township import export_all_branches

    merged, direct = tmp_path / "merged.xlsx", tmp_path / "direct.xlsx"
    merge_quarter(books, merged)
    with db.session() as s:
        export_all_branches(s, 2026, 3, direct)
    a, b = load_workbook(merged), load_workbook(direct)
    rows_a = list(a["汇总"].iter_rows(min_row=2, values_only=True))
    assert rows_a == list(b["汇总"].iter_rows(min_row=2, values_only=True))
    assert b.sheetnames == a.sheetnames


def test_the_command_line_makes_the_same_workbook_for_all_branches(db, books, tmp_path, capsys):
    out = tmp_path / "全部.xlsx"
    assert run(["--db", str(db.path), "export-quarter", "--year", "2026", "--quarter", "3",
                "--all-branches", "-o", str(out), "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    wb = load_workbook(out)
    assert said["branches"] == [r[0] for r in wb["汇总"].iter_rows(min_row=3, values_only=True)
                                if r[0] not in (None, "支部", "合计")]
    assert len(wb.sheetnames) == 1 + 7 * len(said["branches"]) and len(said["branches"]) >= 2
    # one branch or all of them, not both; and without either, several branches are named
    with pytest.raises(SystemExit) as usage:  # argparse refuses the pair, with exit status 2
        run(["--db", str(db.path), "export-quarter", "--year", "2026", "--quarter", "3",
             "--all-branches", "--branch", "x", "-o", str(tmp_path / "x.xlsx")])
    assert usage.value.code == 2 and "不能与参数 --all-branches 同时使用" in capsys.readouterr().err
    assert run(["--db", str(db.path), "export-quarter", "--year", "2026", "--quarter", "3",
                "-o", str(tmp_path / "y.xlsx")]) == 2
    assert "--all-branches" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "y.xlsx").exists()
