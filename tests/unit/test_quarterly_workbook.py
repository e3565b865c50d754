"""The quarterly workbook read back cell by cell: sheet order, labels, number cells, rate formats,
detail sheets agreeing with 汇总, masked IDs, typed text that stays text, and the demo branch."""

from datetime import date

import pytest
from openpyxl import load_workbook

from app.export.quarterly_xlsx import write_quarterly
from app.services.quarter_figures import LABELS, RATE_LABELS
from app.services.quarterly import SHEET_NAMES, build_report
from tests.unit.quarterly_data import A_ID, EXPECTED, build_branch


@pytest.fixture
def book(db, tmp_path):
    with db.session() as s:
        bid = build_branch(s)
        report = build_report(s, bid, 2026, 3, today=date(2026, 10, 8))
    path = write_quarterly(report, tmp_path / "q.xlsx")
    return load_workbook(path)


def summary(wb) -> dict:
    return {r[0]: r[1] for r in wb["汇总"].iter_rows(min_row=6, max_col=2, values_only=True)}


def data_rows(ws, header_row=2):
    return [r for r in ws.iter_rows(min_row=header_row + 1, values_only=True)
            if any(v not in (None, "") for v in r)]


def test_sheets_come_in_the_agreed_order_with_the_title_and_form_lines(book):
    assert book.sheetnames == list(SHEET_NAMES)
    ws = book["汇总"]
    assert ws["A1"].value == "测试支部2026年第3季度工作情况统计表"
    assert "A1:B1" in [str(r) for r in ws.merged_cells.ranges]
    assert [ws.cell(r, 1).value for r in (2, 3, 4, 5)] == ["填报单位", "填报日期", "填表人", "项目"]
    assert [ws.cell(r, 2).value for r in (2, 3, 4)] == ["城关镇", "2026-10-08", "王书记"]
    assert {p.name: p.value for p in book.custom_doc_props}["zhibu-quarterly"] == 1


def test_every_figure_is_a_number_cell_and_rates_are_percent_formatted(book):
    ws = book["汇总"]
    assert [ws.cell(r, 1).value for r in range(6, 6 + len(LABELS))] == list(LABELS)
    for r in range(6, 6 + len(LABELS)):
        label, cell = ws.cell(r, 1).value, ws.cell(r, 2)
        assert cell.data_type == "n" and isinstance(cell.value, (int, float)), label
        assert cell.value == pytest.approx(EXPECTED[label]), label
        assert (cell.number_format == "0.0%") == (label in RATE_LABELS), label


def test_detail_sheets_agree_with_the_summary(book):
    fig = summary(book)
    roster = data_rows(book["党员名册"])
    assert len(roster) == fig["在册人数"]
    assert len(data_rows(book["学习活动"])) == fig["学习活动次数"]
    att = book["学习考勤"]
    ticks = sum(1 for row in att.iter_rows(min_row=4, values_only=True) for v in row if v == "✓")
    assert ticks == fig["出席人次"]
    assert sum(1 for row in att.iter_rows(min_row=4, values_only=True) for v in row if v == "送") \
        == fig["送学上门人次"]
    assert len(data_rows(book["走访记录"])) == fig["走访人次"]
    assert len(data_rows(book["自学资料发放"])) == fig["发放资料份数"]
    assert len(data_rows(book["建言献策"])) == fig["建言献策条数"]
    events = data_rows(book["学习活动"])
    assert sum(r[6] for r in events) == fig["应参学人次"]  # 应到 column


def test_member_absent_from_every_event_shows_three_absences_and_zero_rate(book):
    att = book["学习考勤"]
    assert att["A2"].value.startswith("说明：✓ 出席")
    rows = {r[1]: r for r in att.iter_rows(min_row=4, values_only=True)}
    wu = rows["吴八"]
    assert list(wu[2:5]) == ["缺", "缺", "缺"] and wu[5] == 0 and wu[6] == 0
    assert att.cell(4, 7).number_format == "0.0%"


def test_ids_are_masked_and_typed_text_stays_text(book):
    ws = book["党员名册"]
    header = [c.value for c in ws[2]]
    first = [c for c in ws[3]]
    id_cell = first[header.index("身份证号")]
    assert id_cell.value == A_ID[:4] + "*" * 10 + A_ID[-4:]
    unit = first[header.index("原单位及职务")]
    assert unit.value == "=1+1" and unit.data_type == "s"
    visits = book["走访记录"]
    requests = [c for row in visits.iter_rows(min_row=3) for c in row if c.value == "=SUM(A1)"]
    assert requests and all(c.data_type == "s" for c in requests)


def test_full_ids_only_when_asked(db, tmp_path):
    with db.session() as s:
        report = build_report(s, build_branch(s), 2026, 3, full_id=True)
    wb = load_workbook(write_quarterly(report, tmp_path / "full.xlsx"))
    assert A_ID in [c.value for c in wb["党员名册"][3]]


def test_pages_print_on_a4_with_repeated_headers_and_page_numbers(book):
    for ws in book.worksheets:
        assert ws.page_setup.paperSize == 9, ws.title
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
        assert ws.print_title_rows and ws.freeze_panes
        assert ws["A1"].font.name == "宋体" and ws["A1"].font.b


def test_a_quarter_with_nothing_keeps_every_sheet_with_headers_only(db, branch_id, tmp_path):
    with db.session() as s:
        report = build_report(s, branch_id, 2025, 1)
    wb = load_workbook(write_quarterly(report, tmp_path / "empty.xlsx"))
    assert wb.sheetnames == list(SHEET_NAMES)
    for name in ("学习活动", "自学资料发放", "走访记录", "建言献策", "党员名册"):
        assert wb[name].max_row == 2 and wb[name]["A2"].value, name


def test_demo_branch_summary_agrees_with_its_detail_sheets(demo_db, tmp_path):
    from app.cli import run

    out = tmp_path / "q.xlsx"
    assert run(["--db", str(demo_db.path), "export-quarter", "--year", "2026", "--quarter", "3",
                "-o", str(out)]) == 0
    wb = load_workbook(out)
    fig = summary(wb)
    assert len(data_rows(wb["党员名册"])) == fig["在册人数"] > 0
    assert len(data_rows(wb["学习活动"])) == fig["学习活动次数"]
    assert len(data_rows(wb["走访记录"])) == fig["走访人次"]
    assert len(data_rows(wb["自学资料发放"])) == fig["发放资料份数"] > 0
    handouts = data_rows(wb["自学资料发放"])
    assert sum(1 for r in handouts if r[4] == "送学上门") == fig["送学上门份数"]
    ticks = sum(1 for row in wb["学习考勤"].iter_rows(min_row=4, values_only=True)
                for v in row if v == "✓")
    assert ticks == fig["出席人次"]
