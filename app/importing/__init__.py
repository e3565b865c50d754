"""Importing a roster the secretary already keeps in Excel, WPS or a CSV file (spec/import.md).

    report, records = read_roster("花名册.xlsx")    # checked, read and cleaned; no database

The file is checked before parsing (guard), read (readers), its header found (headers), each
row cleaned (records, cleaners); `apply.apply_records` matches the records with the members
already there and writes the difference. The use case — preview, then apply the previewed
records — is app.services.importing, which the window, the command line and the tests call.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from app.errors import InputError
from app.importing.cage import Cage
from app.importing.guard import check_file
from app.importing.headers import HEADER_SEARCH_ROWS, LABELS
from app.importing.readers import load_head
from app.importing.records import Record, RowRules
from app.importing.report import Change, ImportReport, Skipped, Warning
from app.importing.two_hands import clean_kept, clean_rows
from app.name_search import warm_up_in_background

log = logging.getLogger(__name__)

__all__ = ["Change", "ImportReport", "Skipped", "Warning", "read_roster"]


def read_roster(path: Path | str, sheet: str | None = None, today: date | None = None
                ) -> tuple[ImportReport, list[Record]]:
    """Check, read and clean the file without touching any database."""
    path = Path(path)
    try:
        return _read_roster(path, sheet, today)
    except InputError:
        raise
    except MemoryError as exc:  # the CSV read here; a workbook's reader runs in a child
        raise InputError(f"文件“{path.name}”太大，内存不够读完它，已拒绝导入") from exc
    except Exception as exc:  # a parser tripped on a damaged file: still a sentence, not a trace
        log.warning("reading %s failed", path, exc_info=True)
        raise InputError(f"文件“{path.name}”已损坏或格式异常，无法读取（{type(exc).__name__}）。"
                         f"请用 Excel 或 WPS 打开后“另存为” .xlsx 再导入") from exc


def _read_roster(path: Path, sheet: str | None, today: date | None
                 ) -> tuple[ImportReport, list[Record]]:
    today = today or date.today()
    with Cage() as cage:
        if path.suffix.lower() not in (".csv", ".txt", ".tsv", ""):
            cage.start()  # the child boots while the pre-checks stream the file
        checked = check_file(path)
        # the new members' search keys need pypinyin's dictionaries (0.25 s to load): loaded
        # while this process only waits for the child to read the sheet
        warm_up_in_background()
        head = load_head(checked, sheet, cage)
        if head.header is None:
            looked = head.looked
            where = f"工作表“{'、'.join(looked)}”" if looked else "文件"
            raise InputError(
                f"文件“{path.name}”的{where}前 {HEADER_SEARCH_ROWS} 行里找不到表头。表头一行至少要有"
                f"“姓名”和另外两列（如“性别”“出生年月”“身份证号”），请检查是否选对了文件或工作表")
        rules = RowRules(head.header, checked.kind, head.formulas, today)
        shared = head.split < head.total
        if shared:  # the child cleans the rest meanwhile (app.importing.two_hands)
            cage.submit(path.name, clean_kept, checked.kind, today)
        cleaned = clean_rows(head.rows, head.header.data_start, head.split, rules)
        if shared:
            cleaned = cleaned.joined(cage.collect(path.name))
    header = head.header
    report = ImportReport(file=path.name, sheet=head.name, header_row=header.row + 1)
    report.sheets = head.names
    report.ignored_columns = list(header.ignored)
    report.columns = {LABELS[f]: "、".join(header.names[c] for c in cols)
                      for f, cols in header.columns.items()}
    report.rows_read = cleaned.rows_read
    report.skipped = cleaned.skipped
    report.warnings = cleaned.warnings
    return report, cleaned.records
