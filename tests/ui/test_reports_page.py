"""The 报表 page: the quarter's figures shown before exporting, the full-ID box asking first,
the workbook written by the worker and announced, the roll-up of several branches."""

from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.export.township_xlsx import read_summary_grid

from app.prefs import Prefs
from app.ui.app import build_window, make_application
from app.ui.pages import reports as reports_page
from tests.unit.quarterly_data import build_branch, build_small_branch


@pytest.fixture
def said(said, monkeypatch):
    """The shared message stub (tests/ui/conftest.py), answering 取消 to every question and
    recording the page's "done" notice as ("done", text)."""
    said.answer = False
    monkeypatch.setattr(reports_page.ReportsPage, "show_done",
                        lambda self, text, path: said.append(("done", text)))
    return said


@pytest.fixture
def page(qtbot, db):
    with db.session() as s:
        bid = build_branch(s)
    make_application()
    prefs = Prefs()
    prefs.branch_id = bid
    w = build_window(db, prefs)
    w.ctx.tasks.synchronous = True
    qtbot.addWidget(w)
    w.show()
    w.navigate("reports")
    p = w.page("reports")
    p.year.setValue(2026)
    p.quarter.setCurrentIndex(2)
    return p


def shown(page) -> dict:
    return {page.table.item(r, 0).text(): page.table.item(r, 1).text()
            for r in range(page.table.rowCount())}


def test_the_secretary_sees_the_quarters_figures_before_exporting(page):
    figures = shown(page)
    assert figures["在册人数"] == "7"
    assert figures["出勤率"] == "44.4%"  # 8 of 18
    assert "2026年第3季度" in page.period.text()


def test_a_quarter_not_begun_is_refused_in_words(page, said):
    from datetime import date

    page.year.setValue(date.today().year + 1)
    page.quarter.setCurrentIndex(3)
    assert "还没有开始" in page.period.text() and not page.export_button.isEnabled()
    page.choose_export()
    assert said[-1][0] == "error" and "还没有开始" in said[-1][1]


def test_an_empty_quarter_shows_a_dash_for_its_rates(page):
    page.year.setValue(2025)
    assert shown(page)["出勤率"] == "—" and shown(page)["应参学人次"] == "0"


def test_full_ids_ask_first_and_stay_hidden_when_declined(page, said):
    page.full_id.setChecked(True)
    assert said and said[0][0] == "ask" and "身份证号" in said[0][1]
    assert not page.full_id.isChecked()


def test_exporting_writes_the_workbook_and_says_where(page, said, tmp_path):
    out = tmp_path / "季度.xlsx"
    page.export_to(out)
    assert ("done", f"季度报表已生成：\n{out}") in said
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "汇总" and wb["汇总"]["D7"].value == 7  # 在册人数
    assert page.export_button.isEnabled()


def test_merging_branch_workbooks_and_a_foreign_file_is_refused(page, said, db, tmp_path):
    from app.export.quarterly_xlsx import write_quarterly
    from app.services.quarterly import build_report

    with db.session() as s:
        other = build_small_branch(s, "第二支部")
        a = write_quarterly(build_report(s, page.ctx.branch_id, 2026, 3), tmp_path / "a.xlsx")
        b = write_quarterly(build_report(s, other, 2026, 3), tmp_path / "b.xlsx")
    out = tmp_path / "汇总.xlsx"
    page.merge_to([a, b], out)
    assert said[-1][0] == "done" and out.exists()
    foreign = tmp_path / "foreign.xlsx"
    foreign.write_bytes(b"not a workbook")
    page.merge_to([a, foreign], tmp_path / "x.xlsx")
    assert said[-1][0] == "error" and "foreign.xlsx" in said[-1][1]
    assert not Path(tmp_path / "x.xlsx").exists()


def test_several_branches_in_this_database_make_one_workbook(page, said, db, tmp_path):
    assert not page.all_button.isVisibleTo(page)  # one branch: nothing to roll up
    with db.session() as s:
        build_small_branch(s, "第二支部")
    page.refresh()
    assert page.all_button.isVisibleTo(page) and "全部 2 个支部" in page.all_button.text()
    out = tmp_path / "全部.xlsx"
    page.export_all_to(out)
    assert ("done", f"全部 2 个支部的季度报表已合成一个文件：\n{out}") in said
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == ["汇总", "目录"] and len(wb.sheetnames) == 2 + 2 * 8
    assert "1-党员名册-测试支部" in wb.sheetnames and "2-走访记录-第二支部" in wb.sheetnames
    columns = read_summary_grid(wb["汇总"].values)
    assert columns["测试支部"]["在册人数"] == int(shown(page)["在册人数"]) == 7
    assert columns["合计"]["在册人数"] == 7 + columns["第二支部"]["在册人数"]
    assert {p.name: p.value for p in wb.custom_doc_props}["zhibu-kind"] == "township"
    assert page.all_button.isEnabled()


def test_the_form_authority_set_in_settings_is_printed_on_the_summary(page, said, tmp_path):
    from app.prefs import Prefs

    window = page.window()
    window.navigate("settings")
    settings = window.page("settings")
    settings.form_authority.setText("  中共某某县委  老干部局 ")
    settings.summary_unit.setText(" 城关镇 老干部服务站")
    settings.save_authority()
    assert Prefs.load().form_authority == "中共某某县委 老干部局" and said[-1][0] == "info"
    assert Prefs.load().summary_unit == "城关镇 老干部服务站"
    window.navigate("reports")
    out = tmp_path / "季度.xlsx"
    page.export_to(out)
    assert load_workbook(out)["汇总"]["B2"].value == "制表机关：中共某某县委 老干部局"
