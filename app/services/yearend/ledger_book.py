"""The branch's ledger book (支部工作台账, spec/year-end.md): the whole year in the nine parts a
county's printed ledger has, from what the program already holds — nothing typed twice. The
报表 page, `zhibu ledger-book` and the bench call `export_ledger_book`; `build_ledger_book`
gives the plain data (app.export.ledger_book_data) both writers lay out.

Each part is one function in a parts module (ledger_parts_basic: 1–3, ledger_parts_work: 4–6,
ledger_parts_care: 7–9), each reading the use cases of its area."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.errors import InputError
from app.export.ledger_book_data import LedgerBook
from app.models import Branch
from app.services.orglife.members import counted_day
from app.services.yearend import ledger_parts_basic as basic
from app.services.yearend import ledger_parts_care as care
from app.services.yearend import ledger_parts_work as work

Progress = Callable[[int, int], None]
PARTS = 9


def _checked_year(year, today: date) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise InputError(f"年度“{year}”不对，应写成 2026 这样的四位数") from None
    if not 2000 <= year <= today.year:
        raise InputError(f"{year}年还没有开始，没有可以装订的台账" if year > today.year
                         else f"年度 {year} 不对：应在 2000 年到 {today.year} 年之间")
    return year


def build_ledger_book(session: Session, branch_id: int, year, today: date | None = None,
                      unit: str = "", progress: Progress | None = None) -> LedgerBook:
    """The nine parts of `year` as plain data; the roster is taken on the year's last day (or
    today while the year runs). `unit` is the 填报单位 (default: the branch)."""
    today = today or date.today()
    year = _checked_year(year, today)
    branch = session.get(Branch, branch_id)
    if branch is None:
        raise InputError(f"支部编号 {branch_id} 不存在")
    day = counted_day(year, today)
    makers = (lambda: basic.part_branch(session, branch_id, year, day),
              lambda: basic.part_members(session, branch_id, year, day),
              lambda: basic.part_meetings(session, branch_id, year, day),
              lambda: work.part_dues(session, branch_id, year, day, today),
              lambda: work.part_honours(session, branch_id, year),
              lambda: work.part_roles(session, branch_id, year, today),
              lambda: care.part_care(session, branch_id, year, today),
              lambda: care.part_talks(session, branch_id, year, today),
              lambda: care.part_materials(session, branch_id, year, today))
    book = LedgerBook(branch.name, branch.township or "", year, today,
                      (unit or "").strip() or branch.name, branch.secretary or "")
    for n, make in enumerate(makers):
        if progress:
            progress(n, PARTS + 1)
        book.parts.append(make())
    return book


def export_ledger_book(session: Session, branch_id: int, year, path: Path | str,
                       today: date | None = None, unit: str = "",
                       progress: Progress | None = None) -> dict:
    """Write the year's ledger book to `path`: an A4 PDF (.pdf) or one workbook (.xlsx) with a
    sheet per part; returns what was written (output, year, kind, pages for a PDF)."""
    # late: reportlab and XlsxWriter are loaded when a book is written, not when a page opens
    from app.export.ledger_book_pdf import write_ledger_book_pdf
    from app.export.ledger_book_xlsx import write_ledger_book_xlsx

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise InputError(f"台账保存为 .pdf 或 .xlsx，而不是“{path.name}”")
    if not path.parent.exists():
        raise InputError(f"保存位置的文件夹不存在：{path.parent}")
    book = build_ledger_book(session, branch_id, year, today, unit, progress)
    if progress:
        progress(PARTS, PARTS + 1)
    pages, starts = None, None
    if suffix == ".pdf":
        pages, starts = write_ledger_book_pdf(book, path)
    else:
        write_ledger_book_xlsx(book, path)
    if progress:
        progress(PARTS + 1, PARTS + 1)
    return {"output": str(path), "year": book.year, "branch": book.branch,
            "kind": "PDF" if pages else "Excel", "pages": pages,
            "parts": [{"part": p.heading, "page": starts[i] if starts else None,
                       "rows": sum(len(getattr(b, "rows", ())) for b in p.blocks)}
                      for i, p in enumerate(book.parts)]}
