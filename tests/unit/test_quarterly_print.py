"""The quarterly workbook as LibreOffice prints it: converted to PDF, every page's text measured.

The printed type size is the font size times the fit-to-width factor the spreadsheet applies,
so it is measured on the PDF, not read from the cells: on 汇总 and on every detail sheet, no
text is smaller than 10 pt. Skipped only where LibreOffice is not installed and this is not CI
(CI installs it: .ci/run and dev.py test).
"""

import os
import shutil
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from app.export.quarterly_xlsx import write_quarterly
from app.services.quarterly import build_report
from app.services.roster import default_branch_id

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
IN_CI = bool(os.environ.get("CI"))
MIN_PT = 10.0


def _calibri_twin() -> bool:
    """LibreOffice measures column widths in the default font, Calibri: without Calibri or its
    metric twin Carlito it falls back to a wider font and every table prints some 20 % smaller
    than in Excel or WPS — a different printer, not ours to measure."""
    if not shutil.which("fc-match"):
        return False
    found = subprocess.run(["fc-match", "Calibri"], capture_output=True, text=True).stdout
    return "Carlito" in found or "Calibri" in found


def _skip_or_fail(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (CI installs it)")
    pytest.skip(reason)


def printed_sizes(page) -> list[tuple[float, str]]:
    """(size in pt as printed, text) of every piece of text on a PDF page: the font size times
    the vertical scale of the text and graphics matrices."""
    out = []

    def visit(text, cm, tm, _font, size):
        if text.strip():  # the second row of tm × cm: how tall one unit of text is drawn
            c, d = tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3]
            out.append((size * (c * c + d * d) ** 0.5, text.strip()))

    page.extract_text(visitor_text=visit)
    return out


@pytest.fixture
def printed(demo_db, tmp_path):
    if SOFFICE is None:
        _skip_or_fail("LibreOffice (soffice) is not installed")
    if not _calibri_twin():
        _skip_or_fail("the Carlito font (fonts-crosextra-carlito) is not installed")
    with demo_db.session() as s:
        report = build_report(s, default_branch_id(s), 2026, 3, today=date(2026, 11, 20))
    book = write_quarterly(report, tmp_path / "季度报表.xlsx")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(book)],
                   check=True, capture_output=True, timeout=300)
    return PdfReader(tmp_path / "季度报表.pdf")


def _sheet_of_pages(pdf) -> list[str]:
    """Which sheet each page prints, by the title or the repeated header on it."""
    marks = [("工作情况统计表", "汇总"), ("党员名册", "党员名册"), ("学习活动记录", "学习活动"),
             ("学习考勤表", "学习考勤"), ("自学资料发放登记", "自学资料发放"),
             ("走访记录", "走访记录"), ("建言献策登记", "建言献策"), ("党费收缴情况", "党费收缴")]
    sheets, current = [], None
    for page in pdf.pages:
        text = page.extract_text()
        current = next((name for mark, name in marks if mark in text), current)
        sheets.append(current)
    return sheets


@pytest.mark.slow
def test_every_printed_page_has_text_of_at_least_10_pt(printed):
    sheets = _sheet_of_pages(printed)
    assert sheets[0] == "汇总" and sheets.count("汇总") == 1  # the form on one A4 page
    assert set(sheets) == {"汇总", "党员名册", "学习活动", "学习考勤", "自学资料发放", "走访记录",
                           "建言献策", "党费收缴"}
    smallest = {}
    for page, sheet in zip(printed.pages, sheets):
        sizes = printed_sizes(page)
        assert sizes, sheet
        smallest[sheet] = min(smallest.get(sheet, 99.0), min(size for size, _t in sizes))
    assert all(size >= MIN_PT for size in smallest.values()), smallest
    # and the forms' own sizes: the 汇总 body at 12 pt, the detail sheets near their 11 pt
    first = printed_sizes(printed.pages[0])
    assert max(s for s, t in first if t == "在册人数") == pytest.approx(12, abs=0.1)
    assert smallest["党员名册"] >= 10.5 and smallest["走访记录"] >= 10.5


@pytest.mark.slow
def test_the_printed_summary_reads_as_a_form(printed):
    page = printed.pages[0]
    text = page.extract_text()
    for words in ("表　　号：老干季报1表", "制表机关：县委老干部局", "填报单位（盖章）：",
                  "统计时段：2026年07月01日至2026年09月30日", "其中：离休人数", "单位负责人",
                  "报出日期：2026年11月20日", "填表说明", "5．党费单位为元", "季度未结束时只统计到“截至”日期",
                  "应交党费金额", "党费收缴率"):
        assert words.replace("　", "") in text.replace("　", "").replace(" ", ""), words
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 portrait
    roster = printed.pages[_sheet_of_pages(printed).index("党员名册")]
    assert float(roster.mediabox.width) > float(roster.mediabox.height)  # landscape
    assert "第 1 页 共" in text.replace("\n", " ")


@pytest.mark.slow
def test_the_widest_township_summary_prints_at_9_pt_or_more_with_every_row_on_each_page(
        tmp_path):
    """20 branches' columns: split between pages at the columns and in two bands of indicators,
    each page a whole table with its own heading and a whole band of rows, never shrunk to fit
    one page."""
    from app.export import township_xlsx as tx
    from app.export import xlsx_table as xt
    from app.quarter_labels import LABELS
    from tests.unit.quarterly_data import EXPECTED

    if SOFFICE is None:
        _skip_or_fail("LibreOffice (soffice) is not installed")
    if not _calibri_twin():
        _skip_or_fail("the Carlito font (fonts-crosextra-carlito) is not installed")
    names = ["城关镇机关离退休干部第二党支部"] + [f"东关社区第{i}支部" for i in range(2, 21)]
    entries = [tx.Entry(i + 1, n, "x.xlsx", dict(EXPECTED)) for i, n in enumerate(names)]
    heading = tx.Heading(2026, 3, "城关镇老干部服务站", "中共某县委老干部局", "王书记",
                         date(2026, 12, 2))
    with xt.TableBook(tmp_path / "乡镇汇总.xlsx") as book:
        book.add_form("汇总", lambda ws, fmt: tx.write_summary(ws, fmt, entries, heading))
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(book.path)],
                   check=True, capture_output=True, timeout=300)
    pdf = PdfReader(tmp_path / "乡镇汇总.pdf")
    table_pages = [p for p in pdf.pages if "行次" in p.extract_text()]
    assert len(table_pages) == len(tx.BANDS) * len(tx.pages(20)) >= 6
    seen, rows = set(), set()
    for page in table_pages:
        text = page.extract_text()
        assert "各支部工作情况汇总表" in text  # a heading on every page
        band = next(b for b in tx.BANDS if b[0] in text)
        assert all(label in text for label in band)  # and the whole band of rows
        rows.update(band)
        seen.update(n for n in names if n in text.replace("\n", ""))
        assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    assert seen == set(names) and rows == set(LABELS)  # every branch, every indicator
    smallest = min(size for page in pdf.pages for size, _t in printed_sizes(page))
    assert smallest >= 9.0, smallest
    assert "单位负责人" in pdf.pages[-1].extract_text()
