"""The township roll-up and the county's: 汇总 with a column per branch and a 合计 whose rates
come from summed counts, 目录, every branch's sheets under numbered names; and every refusal
(mixed quarters, a branch twice, a foreign, damaged, edited or mutilated workbook, the output
among the inputs) names the file and leaves no output behind."""

import json
import shutil
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from app.cli import run
from app.errors import InputError
from app.export import township_xlsx as tx
from app.export.quarterly_merge import merge_quarter
from app.export.quarterly_xlsx import write_quarterly
from app.quarter_labels import LABELS, RATE_LABELS
from app.export.sheets import SHEET_NAMES
from app.models import Member
from app.services import dues
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


def grid(path):
    """The roll-up's 汇总 as {column: {label: value}}, read back with openpyxl."""
    return tx.read_summary_grid(load_workbook(path, read_only=True)["汇总"].values)


def test_township_summary_has_a_column_per_branch_and_a_total_with_recomputed_rates(
        books, tmp_path):
    out = tmp_path / "township.xlsx"
    assert run(["merge-quarter", *map(str, books), "-o", str(out)]) == 0
    columns = grid(out)
    assert list(columns) == ["合计", "第一支部", "第二支部", "第三支部"]
    assert columns["第一支部"]["出席人次"] == EXPECTED["出席人次"]
    total = columns["合计"]
    for label in LABELS:
        if label not in RATE_LABELS:
            assert total[label] == pytest.approx(
                sum(columns[b][label] for b in ("第一支部", "第二支部", "第三支部")), abs=1e-9)
    assert total["应参学人次"] == 18 + 1 and total["出席人次"] == 8 + 1
    assert total["出勤率"] == pytest.approx(9 / 19)  # an average of rates would give 0.72
    assert total["参学率"] == pytest.approx(11 / 19)
    assert columns["第三支部"]["出勤率"] is None  # no events: "—", nothing to divide by
    assert total["行动不便党员走访覆盖率"] == pytest.approx((1 + 1 + 1) / (3 + 1 + 1))
    wb = load_workbook(out)
    ws = wb["汇总"]
    texts = [c.value for row in ws.iter_rows(max_row=6) for c in row if c.value]
    for words in ("表　　号：老干季报1表", "填报单位（盖章）：", "统计时段：2026年07月01日至2026年09月30日",
                  "2026年第3季度各支部工作情况汇总表"):
        assert any(words in str(t) for t in texts), words
    rate_row = next(r for r in ws.iter_rows() if r[0].value == "出勤率")
    assert rate_row[3].number_format == "0.0%" and rate_row[3].alignment.horizontal == "right"
    assert wb.sheetnames[:2] == ["汇总", "目录"] and len(wb.sheetnames) == 2 + 3 * 8
    index = tx.read_index(wb["目录"].values)
    assert len(index) == 24 and index[8][:3] == (2, "第二支部", "汇总")
    copied = wb[next(name for n, b, s, name in index if b == "第一支部" and s == "党员名册")]
    assert copied.title == "1-党员名册-第一支部"
    assert copied["A1"].value == "测试支部2026年第3季度党员名册".replace("测试支部", "第一支部")
    unit = [c for c in copied[3] if c.value == "=1+1"]
    assert unit and unit[0].data_type == "s"


def _refused(paths, out, words):
    with pytest.raises(InputError) as err:
        merge_quarter(paths, out)
    for w in words:
        assert w in str(err.value), str(err.value)
    assert not out.exists() or out in paths
    assert not list(out.parent.glob(".~*"))
    return str(err.value)


def _edit(path, target, change):
    """Open a workbook in openpyxl (as a person with Excel would), change it, save as target."""
    wb = load_workbook(path)
    change(wb)
    wb.save(target)
    return target


def _set_figure(wb, label, value):
    ws = wb["汇总"]
    row = next(r for r in ws.iter_rows() if r[0].value == label)
    row[3].value = value


def test_the_dues_figures_are_summed_and_the_rate_worked_out_from_the_sums(db, tmp_path):
    """spec/dues.md: the township merge sums 应交 and 实交 and divides the sums (the first
    branch collected 72.4 %, the second 100 %: an average of the rates would be 86.2 %)."""
    paths = []
    with db.session() as s:
        first, second = build_branch(s, "第一支部"), build_small_branch(s, "第二支部")
        chen = s.scalar(select(Member.id).where(Member.branch_id == second))
        s.get_one(Member, chen).is_party_member = True
        dues.set_base(s, chen, 2026, "6000.00", today=date(2026, 10, 8))
        dues.record_payment(s, chen, "2026-07..2026-09", "180.00", date(2026, 7, 5),
                            today=date(2026, 10, 8))
        for bid, name in ((first, "b1"), (second, "b2")):
            paths.append(write_quarterly(build_report(s, bid, 2026, 3), tmp_path / f"{name}.xlsx"))
    out = tmp_path / "township.xlsx"
    assert run(["merge-quarter", *map(str, paths), "-o", str(out)]) == 0
    columns = grid(out)
    assert columns["第二支部"]["应交党费金额"] == columns["第二支部"]["实交党费金额"] == 180
    total = columns["合计"]
    assert total["应交党费金额"] == pytest.approx(310.6 + 180)
    assert total["实交党费金额"] == pytest.approx(225 + 180)
    assert total["党费收缴率"] == pytest.approx((225 + 180) / (310.6 + 180))
    assert total["欠交党费人数"] == columns["第一支部"]["欠交党费人数"]


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


def test_the_output_may_not_be_one_of_the_inputs(books, tmp_path):
    before = books[0].read_bytes()
    _refused(books, books[0], ["正是要汇总的文件之一"])
    assert books[0].read_bytes() == before  # the branch's original is untouched
    assert run(["merge-quarter", *map(str, books), "-o", str(books[1])]) == 2


def test_two_files_of_the_same_name_are_named_by_their_full_paths(db, books, tmp_path):
    other = tmp_path / "另一个文件夹"
    other.mkdir()
    twin = other / books[0].name
    shutil.copy(books[0], twin)
    message = _refused([books[0], twin], tmp_path / "out.xlsx", ["第一支部", "两次"])
    assert str(books[0].resolve()) in message and str(twin.resolve()) in message


def test_a_workbook_made_elsewhere_is_refused(books, tmp_path):
    foreign = tmp_path / "别人的表.xlsx"
    wb = Workbook()
    wb.active.title = "汇总"
    wb.active.append(["在册人数", 5])
    wb.save(foreign)
    _refused([books[0], foreign], tmp_path / "out.xlsx", ["别人的表.xlsx", "不是本程序"])


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_an_old_excel_or_ods_file_gets_a_sentence(books, tmp_path, suffix):
    other = tmp_path / f"第二支部{suffix}"
    other.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 600 if suffix == ".xls" else b"PK\3\4 ods")
    message = _refused([books[0], other], tmp_path / "out.xlsx", [other.name, suffix, "重新导出"])
    assert "Exception" not in message


def test_a_damaged_file_is_refused_and_the_command_exits_2(books, tmp_path):
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(books[1].read_bytes()[:3000])
    out = tmp_path / "out.xlsx"
    _refused([books[0], broken], out, ["坏文件.xlsx", "损坏"])
    assert run(["merge-quarter", str(books[0]), str(broken), "-o", str(out)]) == 2
    assert not out.exists()


def test_a_hand_edited_rate_is_refused(books, tmp_path):
    edited = _edit(books[0], tmp_path / "改过出勤率.xlsx",
                   lambda wb: _set_figure(wb, "出勤率", 0.95))
    _refused([edited, books[1]], tmp_path / "out.xlsx",
             ["改过出勤率.xlsx", "出勤率", "95.0%", "44.4%"])


def test_a_register_that_disagrees_with_its_parts_or_its_roster_is_refused(books, tmp_path):
    more = _edit(books[0], tmp_path / "在册改大.xlsx", lambda wb: _set_figure(wb, "在册人数", 45))
    _refused([more], tmp_path / "out.xlsx", ["在册改大.xlsx", "在册人数", "45", "党员名册里是 7 人"])
    less = _edit(books[0], tmp_path / "在册改小.xlsx", lambda wb: _set_figure(wb, "在册人数", 3))
    _refused([less], tmp_path / "out.xlsx", ["在册改小.xlsx", "大于“在册人数”"])


def test_a_row_inserted_above_the_table_changes_nothing(books, tmp_path):
    def insert(wb):
        wb["汇总"].insert_rows(1, 2)
        wb["汇总"]["A1"] = "本表已经支部委员会审核"

    moved = _edit(books[0], tmp_path / "加了一行.xlsx", insert)
    out = tmp_path / "out.xlsx"
    merge_quarter([moved, books[1]], out)
    assert grid(out)["第一支部"] == grid(out)["第一支部"] | {
        lb: v for lb, v in EXPECTED.items() if lb not in RATE_LABELS}


def test_a_deleted_or_renamed_sheet_is_refused(books, tmp_path):
    gone = _edit(books[0], tmp_path / "删了一页.xlsx", lambda wb: wb.remove(wb["走访记录"]))
    _refused([gone], tmp_path / "out.xlsx", ["删了一页.xlsx", "走访记录"])


def test_names_differing_only_in_case_and_long_names_make_telling_unique_sheets(db, tmp_path):
    long = "城关镇人民政府机关离退休干部第一党支部（原县供销合作社系统）"
    with db.session() as s:
        names = ["Abc离退休支部", "abc离退休支部", long, long + "二"]
        paths = [write_quarterly(build_report(s, build_small_branch(s, n), 2026, 3),
                                 tmp_path / f"{i}.xlsx") for i, n in enumerate(names)]
    out = tmp_path / "out.xlsx"
    merge_quarter(paths, out)
    sheets = load_workbook(out, read_only=True).sheetnames
    assert len({n.lower() for n in sheets}) == len(sheets) == 2 + 4 * 8
    assert all(len(n) <= 31 for n in sheets)
    assert "3-党员名册-" + long[:24] in sheets and "4-党员名册-" + long[:24] in sheets
    index = tx.read_index(load_workbook(out, read_only=True)["目录"].values)
    assert {(n, b) for n, b, _s, _x in index} == {(i + 1, b) for i, b in enumerate(names)}
    # the same branches straight from the database, too (export-quarter --all-branches)
    assert run(["--db", str(db.path), "export-quarter", "--year", "2026", "--quarter", "3",
                "--all-branches", "-o", str(tmp_path / "all.xlsx")]) == 0


def test_branch_township_county_chain(db, tmp_path):
    """Two townships merged from their branches' files; the county merges the two townships'
    books and gets every branch once, with the same figures and the same sheets."""
    with db.session() as s:
        made = {}
        for name in ("东镇一支部", "东镇二支部", "西镇一支部"):
            bid = build_branch(s, name) if name == "东镇一支部" else build_small_branch(s, name)
            made[name] = write_quarterly(build_report(s, bid, 2026, 3), tmp_path / f"{name}.xlsx")
    east, west, county = tmp_path / "东镇.xlsx", tmp_path / "西镇.xlsx", tmp_path / "县.xlsx"
    merge_quarter([made["东镇一支部"], made["东镇二支部"]], east)
    merge_quarter([made["西镇一支部"]], west)
    result = merge_quarter([east, west], county)
    assert result["branches"] == ["东镇一支部", "东镇二支部", "西镇一支部"]
    c, e, w = grid(county), grid(east), grid(west)
    for branch in result["branches"]:
        assert c[branch] == (e.get(branch) or w.get(branch))
    for label in LABELS:
        if label not in RATE_LABELS:
            assert c["合计"][label] == e["合计"][label] + w["合计"][label]
    wb = load_workbook(county, read_only=True)
    assert len(wb.sheetnames) == 2 + 3 * 8 and "3-走访记录-西镇一支部" in wb.sheetnames
    # a branch sent twice (in its township's book and on its own) is refused
    _refused([east, made["东镇二支部"]], tmp_path / "x.xlsx", ["东镇二支部", "两次"])
    # a township book whose 汇总 was edited by hand is refused
    edited = _edit(east, tmp_path / "东镇改过.xlsx", lambda wb: _edit_column(wb, "东镇二支部"))
    _refused([edited, west], tmp_path / "x.xlsx", ["东镇改过.xlsx", "东镇二支部", "手工改过"])


def _edit_column(wb, branch):
    ws = wb["汇总"]
    header = next(r for r in ws.iter_rows() if r[0].value == "项目")
    col = next(c.column for c in header if c.value == branch)
    row = next(r for r in ws.iter_rows() if r[0].value == "走访人次")
    ws.cell(row[0].row, col).value = 99


def test_all_branches_of_a_database_in_one_workbook_match_the_merge(db, books, tmp_path):
    from app.services.township import export_all_branches

    merged, direct = tmp_path / "merged.xlsx", tmp_path / "direct.xlsx"
    merge_quarter(books, merged)
    with db.session() as s:
        export_all_branches(s, 2026, 3, direct)
    assert grid(merged) == grid(direct)
    a, b = load_workbook(merged, read_only=True), load_workbook(direct, read_only=True)
    assert b.sheetnames == a.sheetnames
    # the directly made book is a township book the county can merge
    assert merge_quarter([direct], tmp_path / "county.xlsx")["branches"] == [
        "第一支部", "第二支部", "第三支部"]


def test_the_command_line_makes_the_same_workbook_for_all_branches(db, books, tmp_path, capsys):
    out = tmp_path / "全部.xlsx"
    assert run(["--db", str(db.path), "export-quarter", "--year", "2026", "--quarter", "3",
                "--all-branches", "-o", str(out), "--json", "--unit", "城关镇老干部服务站"]) == 0
    said = json.loads(capsys.readouterr().out)
    columns = grid(out)
    assert said["branches"] == [b for b in columns if b != "合计"] and len(said["branches"]) >= 2
    wb = load_workbook(out, read_only=True)
    assert len(wb.sheetnames) == 2 + len(SHEET_NAMES) * len(said["branches"])
    heading = [str(v) for row in wb["汇总"].iter_rows(max_row=5, values_only=True) for v in row if v]
    assert "填报单位（盖章）：城关镇老干部服务站" in heading
    # one branch or all of them, not both; and without either, several branches are named
    with pytest.raises(SystemExit) as usage:  # argparse refuses the pair, with exit status 2
        run(["--db", str(db.path), "export-quarter", "--year", "2026", "--quarter", "3",
             "--all-branches", "--branch", "x", "-o", str(tmp_path / "x.xlsx")])
    assert usage.value.code == 2 and "不能与参数 --all-branches 同时使用" in capsys.readouterr().err
    assert run(["--db", str(db.path), "export-quarter", "--year", "2026", "--quarter", "3",
                "-o", str(tmp_path / "y.xlsx")]) == 2
    assert "--all-branches" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "y.xlsx").exists()


def test_merge_quarter_takes_the_unit_on_the_command_line(books, tmp_path):
    out = tmp_path / "镇.xlsx"
    assert run(["merge-quarter", *map(str, books), "-o", str(out), "--unit", "城关镇老干部服务站",
                "--form-authority", "中共某县委老干部局"]) == 0
    heading = [str(v) for row in load_workbook(out, read_only=True)["汇总"].iter_rows(
        max_row=5, values_only=True) for v in row if v]
    assert "制表机关：中共某县委老干部局" in heading
    assert "城关镇老干部服务站2026年第3季度各支部工作情况汇总表" in heading
