"""The table-sheet writer under the quarterly, county and township workbooks, read back with
openpyxl: the look, text that stays text, a reserved first sheet, and failures that leave
nothing — no target file, no temporary file beside it, no temporary folder of rows."""

import errno
import os
import sys
import tempfile
from datetime import date

import pytest
from openpyxl import load_workbook

from app.errors import WorkError
from app.export import xlsx_table as xt


@pytest.fixture
def out(tmp_path, monkeypatch):
    """The folder saved into; the temporary folder is the test's own, so the row folders
    counted below are this test's only (other test runs on the machine make theirs too)."""
    folder = tmp_path / "out"
    folder.mkdir()
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    return folder


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir())


def _row_folders():
    return {p for p in os.listdir(tempfile.gettempdir()) if p.startswith("zhibu-xlsx-")}


def _sheet(name="名单", rows=None):
    return xt.TableSheet(name, f"{name}表", ["序号", "姓名", "备注", "比例"],
                         rows if rows is not None else [[1, "张建国", "", 0.5]],
                         column_formats={4: "0.0%"})


@pytest.mark.parametrize("streamed", [False, True])
def test_a_sheet_reads_back_with_its_look_and_values(out, streamed):
    rows = [[1, "张建国", "=1+1", 0.5], [2, "李秀英", "http://example.com", 0.25],
            [3, "王明", "00123", None], [4, "赵四", date(2026, 10, 8), 1]]
    with xt.TableBook(out / "t.xlsx", streamed=streamed) as book:
        book.add(_sheet(rows=rows))
        book.set_properties({"zhibu-quarterly": 1, "zhibu-branch": "第一支部"})
    ws = load_workbook(out / "t.xlsx")["名单"]
    assert ws["A1"].value == "名单表" and ws["A1"].font.b and ws["A1"].font.name == "宋体"
    assert "A1:D1" in [str(r) for r in ws.merged_cells.ranges]
    assert [c.value for c in ws[2]] == ["序号", "姓名", "备注", "比例"]
    assert ws["A2"].fill.fgColor.rgb.endswith("D9E1F2") and ws["A2"].border.left.style == "thin"
    # typed text stays text: not a formula, not a link, not a number
    assert (ws["C3"].value, ws["C3"].data_type) == ("=1+1", "s")
    assert ws["C4"].value == "http://example.com" and ws["C4"].hyperlink is None
    assert (ws["C5"].value, ws["C5"].data_type) == ("00123", "s")
    assert ws["C6"].value.date() == date(2026, 10, 8) and ws["C6"].number_format == "yyyy-mm-dd"
    # numbers are numbers, the rate column is a percent; an empty cell still has its border
    assert ws["D3"].value == 0.5 and ws["D3"].number_format == "0.0%"
    assert ws["D5"].value is None and ws["D5"].border.bottom.style == "thin"
    assert ws.freeze_panes == "A3" and ws.print_title_rows == "$1:$2"
    assert ws.page_setup.paperSize == 9 and ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    assert _leftovers(out) == ["t.xlsx"]


def test_a_reserved_sheet_keeps_its_place_though_written_last(out):
    with xt.TableBook(out / "t.xlsx", streamed=True) as book:
        book.reserve("汇总")
        book.add(_sheet("一支部"))
        book.add(_sheet("二支部"))
        book.add(_sheet("汇总", [[1, "合计", "", 1.0]]))
    wb = load_workbook(out / "t.xlsx")
    assert wb.sheetnames == ["汇总", "一支部", "二支部"]
    assert wb["汇总"]["B3"].value == "合计"


@pytest.mark.skipif(sys.platform == "win32", reason="the open-file limit is set with `resource`")
def test_a_county_sized_book_keeps_few_files_open(out):
    """1,100 sheets under an open-file limit of 200: each finished sheet's row file is closed
    (the limit on many Linux desktops is 1,024; a county book has 1,400 sheets)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (200, hard))
    try:
        with xt.TableBook(out / "county.xlsx", streamed=True) as book:
            for i in range(1100):
                book.add(_sheet(f"支部{i:04d}", [[i, f"党员{i}", "", 0.1]]))
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    from python_calamine import CalamineWorkbook

    names = CalamineWorkbook.from_path(str(out / "county.xlsx")).sheet_names
    assert len(names) == 1100 and names[-1] == "支部1099"
    assert CalamineWorkbook.from_path(str(out / "county.xlsx")).get_sheet_by_name(
        "支部0777").to_python()[2][1] == "党员777"


@pytest.mark.parametrize("streamed", [False, True])
def test_a_failure_half_way_leaves_nothing(out, streamed):
    before = _row_folders()
    from xlsxwriter.exceptions import DuplicateWorksheetName

    with pytest.raises(DuplicateWorksheetName):  # a caller's mistake, after a sheet was written
        with xt.TableBook(out / "t.xlsx", streamed=streamed) as book:
            book.add(_sheet())
            book.add(_sheet())
    assert _leftovers(out) == [] and _row_folders() == before


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "磁盘已满"), (errno.EROFS, "不能写入")])
def test_a_refused_write_says_why_in_chinese_and_leaves_nothing(out, monkeypatch,
                                                                 code, words):
    def refuse(src, dst):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(xt.os, "replace", refuse)
    (out / "t.xlsx").write_bytes(b"the earlier export")
    with pytest.raises(WorkError, match=words) as caught:
        with xt.TableBook(out / "t.xlsx", streamed=True) as book:
            book.add(_sheet())
    assert "t.xlsx" in str(caught.value)
    assert _leftovers(out) == ["t.xlsx"]  # the earlier file is untouched
    assert (out / "t.xlsx").read_bytes() == b"the earlier export"


def test_a_missing_folder_is_named(out):
    with pytest.raises(WorkError, match="没有这个文件夹|No such file|找不到"):
        xt.TableBook(out / "不存在" / "t.xlsx")


def test_any_branch_name_makes_a_sheet_name_excel_accepts(out):
    from app.export.township_xlsx import sheet_name

    odd = [("学习考勤", "'老干部[一]支部'"), ("汇总", "第一支部/城关:镇*?"), ("汇总", "'"),
           ("党员名册", "很长的支部名称" * 6), ("党员名册", "ABC支部"), ("党员名册", "abc支部")]
    names = [sheet_name(i + 1, sheet, branch) for i, (sheet, branch) in enumerate(odd)]
    with xt.TableBook(out / "t.xlsx", streamed=True) as book:  # XlsxWriter refuses a bad name
        for name in names:
            book.add(_sheet(name))
    sheetnames = load_workbook(out / "t.xlsx", read_only=True).sheetnames
    assert sheetnames == names and len({n.lower() for n in names}) == len(names)
    assert all(len(n) <= 31 and not n.startswith("'") and not n.endswith("'") for n in names)
