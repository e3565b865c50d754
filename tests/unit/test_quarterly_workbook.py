"""The quarterly workbook read back cell by cell: sheet order, the formal 汇总 (表号, 制表机关,
title, 填报单位, 统计时段, 项目 | 行次 | 计量单位 | 数值 with "其中：" sub-items, signature lines,
填表说明), number cells, rate formats, detail sheets agreeing with 汇总, masked IDs, typed text
that stays text, and the demo branch."""

from datetime import date

import pytest
from openpyxl import load_workbook

from app.export.quarterly_form import read_form
from app.export.quarterly_xlsx import write_quarterly
from app.quarter_labels import LABELS, PARENTS, RATE_LABELS, UNITS
from app.export.sheets import SHEET_NAMES
from app.services.quarterly import build_report
from tests.unit.quarterly_data import A_ID, EXPECTED, build_branch

FIRST = 7  # the first label's row


@pytest.fixture
def book(db, tmp_path):
    with db.session() as s:
        bid = build_branch(s)
        report = build_report(s, bid, 2026, 3, today=date(2026, 10, 8), authority="某县委老干部局")
    path = write_quarterly(report, tmp_path / "q.xlsx")
    return load_workbook(path)


def summary(wb) -> dict:
    return read_form(wb["汇总"].iter_rows(values_only=True))


def data_rows(ws, header_row=2):
    return [r for r in ws.iter_rows(min_row=header_row + 1, values_only=True)
            if any(v not in (None, "") for v in r)]


def test_sheets_come_in_the_agreed_order_with_the_formal_heading(book):
    assert book.sheetnames == list(SHEET_NAMES)
    ws = book["汇总"]
    assert ws["B1"].value == "表　　号：老干季报1表"
    assert ws["B2"].value == "制表机关：某县委老干部局"
    assert ws["A3"].value == "测试支部2026年第3季度工作情况统计表" and ws["A3"].font.b
    assert ws["A4"].value == "填报单位（盖章）：测试支部"
    assert ws["A5"].value == "统计时段：2026年07月01日至2026年09月30日"
    assert [c.value for c in ws[6]] == ["项目", "行次", "计量单位", "数值"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"B1:D1", "B2:D2", "A3:D3", "A4:D4", "A5:D5"} <= merged
    texts = [c.value for row in ws.iter_rows(min_row=FIRST + len(LABELS)) for c in row if c.value]
    assert "单位负责人：　　　　　　审核人：" in texts and "填表人：王书记" in texts
    assert "报出日期：2026年10月08日" in texts and "联系电话：" in texts
    assert texts[texts.index("填表说明：") + 1].startswith("1．人数按统计时段最后一天计")
    assert {p.name: p.value for p in book.custom_doc_props}["zhibu-quarterly"] == 1


def test_column_a_holds_the_plain_labels_and_sub_items_say_qizhong_by_format(book):
    ws = book["汇总"]
    rows = list(ws.iter_rows(min_row=FIRST, max_row=FIRST + len(LABELS) - 1))
    assert [r[0].value for r in rows] == list(LABELS)
    assert [r[1].value for r in rows] == list(range(1, len(LABELS) + 1))  # 行次
    assert [r[2].value for r in rows] == [UNITS[label] for label in LABELS]
    by_label = {r[0].value: r[0] for r in rows}
    assert by_label["离休人数"].number_format == '"其中："@'  # shows 其中：离休人数
    assert by_label["退休人数"].number_format == '"　　　"@'  # aligned under it
    assert by_label["集中学习日次数"].number_format == '"其中："@'
    assert by_label["在册人数"].number_format == "General"
    assert all(by_label[label].alignment.indent == 1 for label in PARENTS)
    assert by_label["走访人次"].alignment.indent == 0


def test_every_figure_is_a_number_cell_and_rates_are_percent_formatted(book):
    ws = book["汇总"]
    for r in range(FIRST, FIRST + len(LABELS)):
        label, cell = ws.cell(r, 1).value, ws.cell(r, 4)
        assert cell.data_type == "n" and isinstance(cell.value, (int, float)), label
        assert cell.value == pytest.approx(EXPECTED[label]), label
        assert (cell.number_format == "0.0%") == (label in RATE_LABELS), label
        assert cell.alignment.horizontal == "right"
    assert summary(book) == pytest.approx(EXPECTED)


def test_a_rate_with_nothing_to_divide_by_shows_a_dash_not_zero(db, branch_id, tmp_path):
    with db.session() as s:
        report = build_report(s, branch_id, 2025, 1)
    wb = load_workbook(write_quarterly(report, tmp_path / "empty.xlsx"))
    values = {r[0]: r[3] for r in wb["汇总"].iter_rows(min_row=FIRST, values_only=True)}
    assert values["出勤率"] == values["参学率"] == values["行动不便党员走访覆盖率"] == "—"
    assert values["应参学人次"] == 0 and summary(wb)["出勤率"] is None


def test_detail_sheets_agree_with_the_summary(book):
    fig = summary(book)
    roster = data_rows(book["党员名册"])
    assert len(roster) == fig["在册人数"]
    assert len(data_rows(book["学习活动"])) == fig["学习活动次数"]
    att = book["学习考勤"]
    marks = [v for row in att.iter_rows(min_row=4, values_only=True) for v in row]
    assert marks.count("✓") == fig["出席人次"]
    assert marks.count("送") == fig["送学上门人次"]
    assert marks.count("未记") == fig["未登记人次"]
    assert len(data_rows(book["走访记录"])) == fig["走访人次"]
    assert len(data_rows(book["建言献策"])) == fig["建言献策条数"]
    events = data_rows(book["学习活动"])
    assert sum(r[6] for r in events) == fig["应参学人次"]  # 应到 column
    assert sum(r[11] for r in events) == fig["未登记人次"]  # 未登记 column


def test_handouts_open_with_a_summary_per_material_then_one_row_per_copy(book):
    rows = list(book["自学资料发放"].iter_rows(values_only=True))
    assert rows[1][0] == "一、按资料汇总"
    assert list(rows[2]) == ["序号", "资料", "类别", "发放份数", "已送达", "待送达", "回收份数",
                             "平均成绩"]
    # 老干部读本 (2026年第3期): 张一 07-05, 李二 07-06, 吴八 09-01; 知识测试: 王三, 90 分
    assert list(rows[3]) == [1, "老干部读本（2026年第3期）", "读本", 3, 3, 0, None, None]
    assert list(rows[4]) == [2, "知识测试", "试题", 1, 1, 0, 1, 90]
    assert list(rows[5])[:6] == ["合计", None, None, 4, 4, 0]
    at = next(i for i, r in enumerate(rows) if r[0] == "日期")
    assert rows[at - 1][0] == "二、发放明细（每份一行）"
    copies = [r for r in rows[at + 1:] if any(r)]
    assert len(copies) == summary(book)["发放资料份数"]
    assert copies[1][3:6] == ("李二", "送学上门", "已送达")


def test_attendance_notes_who_left_joined_or_is_away_with_the_date(book):
    att = book["学习考勤"]
    assert att["A2"].value.startswith("说明：✓ 出席")
    header = [c.value for c in att[3]]
    assert header[:2] == ["序号", "姓名"] and header[2] == "07-05\n学习日"
    assert header[-5:] == ["应到\n次数", "出席\n次数", "出勤率", "参学率", "备注"]
    rows = {r[1]: r for r in att.iter_rows(min_row=4, values_only=True)}
    assert rows["钱五"][2:5] == ("✓", "✓", "—") and rows["钱五"][-1] == "2026年08月10日去世"
    assert rows["赵四"][2:5] == ("—", "—", "✓") and rows["赵四"][-1] == "2026年08月15日新增"
    assert rows["周七"][2:5] == ("—", "—", "—") and rows["周七"][-1] == "2026年06月01日起暂离"
    assert rows["周七"][5:9] == (0, 0, "—", "—")  # expected nowhere: no rate, not 0.0 %
    assert rows["郑九"][2:5] == ("未记", "未记", "未记") and rows["郑九"][5] == 3
    assert "孙六" not in rows  # left in the second quarter


def test_member_absent_from_every_event_shows_three_absences_and_zero_rate(book):
    att = book["学习考勤"]
    rows = {r[1]: r for r in att.iter_rows(min_row=4, values_only=True)}
    wu = rows["吴八"]
    assert list(wu[2:5]) == ["缺", "缺", "缺"] and wu[5:9] == (3, 0, 0, 0)
    assert att.cell(4, 8).number_format == "0.0%"
    li = rows["李二"]  # homebound: 送, 送, 假 — no attendance, but studied twice
    assert li[7] == 0 and li[8] == pytest.approx(2 / 3)


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
    away = [r for r in ws.iter_rows(min_row=3, values_only=True) if r[1] == "周七"][0]
    assert away[header.index("居住状况")] == "暂离2026-06-01起"


def test_full_ids_only_when_asked(db, tmp_path):
    with db.session() as s:
        report = build_report(s, build_branch(s), 2026, 3, full_id=True)
    wb = load_workbook(write_quarterly(report, tmp_path / "full.xlsx"))
    assert A_ID in [c.value for c in wb["党员名册"][3]]


def test_pages_print_on_a4_with_repeated_headers_and_page_numbers(book):
    for ws in book.worksheets:
        assert ws.page_setup.paperSize == 9, ws.title
        fit = ws.sheet_properties.pageSetUpPr.fitToPage  # one page wide (1 is the default)
        assert fit and ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
        assert ws.print_title_rows and ws.freeze_panes
        title = ws["A3"] if ws.title == "汇总" else ws["A1"]
        assert title.font.name == "宋体" and title.font.b
    assert book["汇总"].page_setup.orientation == "portrait"
    assert book["党员名册"].page_setup.orientation == "landscape"  # 15 columns
    assert book["汇总"].print_title_rows == "$6:$6"


def test_long_text_wraps_and_numbers_are_right_aligned(book):
    ws = book["走访记录"]
    header = [c.value for c in ws[2]]
    cell = ws.cell(3, header.index("诉求") + 1)
    assert cell.alignment.wrap_text
    roster = book["党员名册"]
    rheader = [c.value for c in roster[2]]
    for name in ("原单位及职务", "家庭住址"):
        assert roster.cell(3, rheader.index(name) + 1).alignment.wrap_text, name
    assert roster.cell(3, rheader.index("年龄") + 1).alignment.horizontal == "right"
    assert roster.cell(3, 1).alignment.horizontal == "right"  # 序号


def test_a_quarter_with_nothing_keeps_every_sheet_with_headers_only(db, branch_id, tmp_path):
    with db.session() as s:
        report = build_report(s, branch_id, 2025, 1)
    wb = load_workbook(write_quarterly(report, tmp_path / "empty.xlsx"))
    assert wb.sheetnames == list(SHEET_NAMES)
    for name in ("学习活动", "走访记录", "建言献策", "党员名册"):
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
    rows = list(wb["自学资料发放"].iter_rows(values_only=True))
    total = next(r for r in rows if r[0] == "合计")
    assert total[3] == fig["发放资料份数"] > 0 and total[5] == fig["待送达份数"]
    at = next(i for i, r in enumerate(rows) if r[0] == "日期")
    copies = [r for r in rows[at + 1:] if any(r)]
    assert len(copies) == fig["发放资料份数"]
    assert sum(1 for r in copies if r[4] == "送学上门" and r[5] == "已送达") == fig["送学上门份数"]
    assert sum(1 for r in copies if r[5] == "待送达") == fig["待送达份数"]
    ticks = sum(1 for row in wb["学习考勤"].iter_rows(min_row=4, values_only=True)
                for v in row if v == "✓")
    assert ticks == fig["出席人次"]


def test_the_form_authority_comes_from_the_command_line_or_the_settings(db, tmp_path):
    from app.cli import run
    from app.prefs import Prefs

    with db.session() as s:
        build_branch(s)
    args = ["--db", str(db.path), "export-quarter", "--year", "2026", "--quarter", "3"]
    assert run([*args, "-o", str(tmp_path / "a.xlsx")]) == 0
    assert load_workbook(tmp_path / "a.xlsx")["汇总"]["B2"].value == "制表机关：县委老干部局"
    prefs = Prefs.load()
    prefs.form_authority = "中共某县委老干部局"
    prefs.save()
    assert run([*args, "-o", str(tmp_path / "b.xlsx")]) == 0
    assert load_workbook(tmp_path / "b.xlsx")["汇总"]["B2"].value == "制表机关：中共某县委老干部局"
    assert run([*args, "--form-authority", "市委老干部局", "-o", str(tmp_path / "c.xlsx")]) == 0
    assert load_workbook(tmp_path / "c.xlsx")["汇总"]["B2"].value == "制表机关：市委老干部局"


def test_two_members_of_the_same_name_are_told_apart(db, tmp_path):
    from app.models import Attendance, Member, StudyEvent

    with db.session() as s:
        bid = build_branch(s)
        twins = [Member(branch_id=bid, sort_order=20 + i, name="张一", birth_date=born)
                 for i, born in enumerate([date(1941, 3, 1), date(1941, 9, 1)])]
        s.add_all(twins)
        s.flush()
        event = s.query(StudyEvent).filter_by(branch_id=bid, date=date(2026, 8, 5)).one()
        s.add(Attendance(event_id=event.id, member_id=twins[0].id, mark="出席"))
        report = build_report(s, bid, 2026, 3, today=date(2026, 10, 8))
    wb = load_workbook(write_quarterly(report, tmp_path / "q.xlsx"))
    names = [r[1] for r in wb["学习考勤"].iter_rows(min_row=4, values_only=True)]
    # the first 张一 (born 1940) and the twins born in 1941: by year, then by 序号
    assert names.count("张一（1940年生）") == 1
    assert "张一（序号20）" in names and "张一（序号21）" in names and "张一" not in names


def test_a_written_summary_and_detail_sheet_read_back_into_the_same_layout(book):
    from app.export.quarterly_form import form_from_rows
    from app.export.quarterly_xlsx import sheet_from_rows

    form = form_from_rows(book["汇总"].iter_rows(values_only=True))
    assert form.number_line == "表　　号：老干季报1表" and form.unit_line.endswith("测试支部")
    assert form.title == "测试支部2026年第3季度工作情况统计表"
    assert form.values == pytest.approx(EXPECTED)
    assert form.signatures[1] == ("联系电话：", "报出日期：2026年10月08日")
    assert form.notes[0] == "填表说明："
    handouts = sheet_from_rows("自学资料发放", list(book["自学资料发放"].iter_rows(values_only=True)))
    assert handouts.before[0].heading == "一、按资料汇总" and len(handouts.before[0].rows) == 3
    assert handouts.heading.startswith("二、") and len(handouts.rows) == 4
    attendance = sheet_from_rows("学习考勤", list(book["学习考勤"].iter_rows(values_only=True)))
    assert attendance.note.startswith("说明：") and attendance.center_columns == (3, 4, 5)
    assert attendance.percent_columns == (8, 9) and len(attendance.rows) == 8
