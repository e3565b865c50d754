"""Importing a roster the secretary already keeps in Excel, WPS or a CSV file (spec/import.md).

    report = import_members(session, "花名册.xlsx", branch_id, dry_run=True)   # the preview
    report = import_members(session, "花名册.xlsx", branch_id)                 # the real thing

The file is checked before parsing (guard), read (readers), its header found (headers), each
row cleaned (records, cleaners) and matched with the members already there (apply). All writes
happen inside the caller's session, i.e. one transaction: an error anywhere rolls everything
back. A real import that changes something first backs the database up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import InputError
from app.importing.apply import apply_records
from app.importing.cage import Cage
from app.importing.guard import check_file
from app.importing.headers import HEADER_SEARCH_ROWS, LABELS
from app.importing.readers import load_head
from app.importing.records import Record, RowRules
from app.importing.report import Change, ImportReport, Skipped, Warning
from app.importing.two_hands import clean_kept, clean_rows
from app.models import Branch
from app.storage import backup as backups  # `backup` is a parameter below

if TYPE_CHECKING:  # the reader child imports this package: it must not pay for SQLAlchemy
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

__all__ = ["Change", "ImportReport", "Skipped", "Warning", "import_members", "read_roster"]


def _db_path(session: Session) -> Path | None:
    database = session.get_bind().url.database
    return Path(database) if database and database != ":memory:" else None


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


def import_members(
    session: Session, path: Path | str, branch_id: int, dry_run: bool = False, *,
    sheet: str | None = None, backup: bool = True, user: str | None = None,
    progress: Callable[[int, int, str], None] | None = None, today: date | None = None,
) -> ImportReport:
    """Import the roster at `path` into branch `branch_id`; return the report.

    Raises InputError (a Chinese sentence naming the file, sheet, row and value) for a file that
    cannot be imported; nothing is written then. With `dry_run` nothing is ever written.
    """
    if session.get(Branch, branch_id) is None:
        raise InputError(f"支部编号 {branch_id} 不存在")
    progress = progress or (lambda *_a: None)
    progress(0, 0, "正在读取文件")
    report, records = read_roster(path, sheet, today)
    report.dry_run = dry_run
    if user is not None:
        session.info["user"] = user  # the audit log (app.storage.audit) reads it from here

    def before_write() -> None:
        db_path = _db_path(session)
        if backup and db_path is not None:
            made = backups.backup_before(db_path, "导入前")  # a failed backup stops the import
            report.backup = str(made) if made else ""

    apply_records(session, branch_id, records, report, dry_run, before_write, progress)
    report.skipped.sort(key=lambda s: s.row)
    report.warnings.sort(key=lambda w: w.row)
    return report
