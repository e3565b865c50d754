"""The quarterly workbook opens and prints in LibreOffice: it converts to a PDF with pages and
the title is in the text. Skipped only where LibreOffice is not installed."""

import shutil
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from app.export.quarterly_xlsx import write_quarterly
from app.services.quarterly import build_report
from tests.unit.quarterly_data import build_branch

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not on PATH")
def test_libreoffice_prints_the_workbook_with_its_title(db, tmp_path):
    with db.session() as s:
        report = build_report(s, build_branch(s), 2026, 3, today=date(2026, 10, 8))
    book = write_quarterly(report, tmp_path / "季度报表.xlsx")
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(book)],
                   check=True, capture_output=True, timeout=180)
    pdf = PdfReader(tmp_path / "季度报表.pdf")
    text = "".join(page.extract_text() for page in pdf.pages)
    assert len(pdf.pages) >= 7  # one sheet at least one page each
    assert "工作情况统计表" in text and "测试支部" in text
    assert "第 1 页 共" in text
    assert "希望增设老年食堂" in text
