"""What the secretary waits for behind a progress bar: exports, merge, checklists, import, backup.

Each program figure is set against a floor that does the same file work with the bare library:
the same cell values written by openpyxl's write-only mode, the same text drawn by reportlab's
canvas, the same rows read by python-calamine and inserted with sqlite3, SQLite's own backup.
The program's modules are imported inside each function: an area still being built is reported
as "not measured" without stopping the rest.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from bench.figures import Figure, timed


def _fresh(path: Path) -> Path:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
    return path


def backup(db_path: Path, work: Path, quick: bool) -> list[Figure]:
    """Backing the county database up (online backup + verification) vs SQLite's backup alone."""
    from app.services import backup as backup_service

    runs = 1 if quick else 3
    target = work / "backup.sqlite3"

    def program():
        _fresh(target)
        backup_service.make_backup(db_path, dest=target)

    def raw():
        _fresh(target)
        src = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()

    seconds, _ = timed(program, runs)
    floor, _ = timed(raw, runs)
    _fresh(target)
    return [Figure("backup of the county database", seconds, floor, runs=runs,
                   extra={"file_mib": round(db_path.stat().st_size / 2**20)})]


# floors ------------------------------------------------------------------------------------
def sheet_values(path: Path) -> list[tuple[str, list[list]]]:
    """Every sheet's cell values, read with python-calamine (the fastest reader we ship)."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return [(name, book.get_sheet_by_name(name).to_python()) for name in book.sheet_names]


def write_only(path: Path, sheets: list[tuple[str, list[list]]]) -> None:
    """The floor for writing a workbook: the same values, openpyxl write-only, no styling."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for name, rows in sheets:
        sheet = book.create_sheet(name[:31])
        for row in rows:
            sheet.append([None if v == "" else v for v in row])
    book.save(path)


def draw_pages(path: Path, pages: list[list[str]]) -> None:
    """The floor for the checklists: the same lines of text drawn page by page on a canvas,
    in the same embedded font and size, without tables, boxes or layout."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from app.paths import cjk_font_path

    pdfmetrics.registerFont(TTFont("BenchCJK", str(cjk_font_path()), subfontIndex=0))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for lines in pages:
        pdf.setFont("BenchCJK", 12)
        y = A4[1] - 50
        for line in lines:
            pdf.drawString(50, y, line)
            y -= 16
        pdf.showPage()
    pdf.save()


def pdf_page_texts(path: Path) -> list[list[str]]:
    """The text of each page of a PDF, line by line (pdftotext keeps the reading order)."""
    import subprocess

    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()]
            for page in out.split("\f") if page.strip()]
