"""Importing a roster (导入花名册): preview, then apply the records that were previewed.

    preview = preview_import(session, "花名册.xlsx", branch_id)   # read once; nothing written
    report = apply_import(session, preview)                      # 确认导入

The preview reads, checks and cleans the file once (app.importing) and matches its people with
the branch's members without writing; it keeps the cleaned records and a fingerprint of the
file (size, modification time and a BLAKE2b hash of its bytes). Applying writes exactly those
records — the file is not read again — after checking that the file still has the same
fingerprint: a file changed since the preview is refused and nothing is written, since what
would be imported is then no longer what the secretary saw. The window, the command line
(`import_roster`, both steps in one go), the bench and the tests all go through here.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.bulk_work import collector_paused
from app.storage.bulk import insert_many
from app.errors import InputError
from app.importing import ImportReport, read_roster
from app.importing.apply import Writes, match_records, read_basis
from app.importing.records import Record
from app.models import Branch, Member
from app.storage import audit
from app.storage import backup as backups
from app.name_search import search_key

Progress = Callable[[int, int, str], None]
CHANGED = "文件在预览之后被改动过，请重新预览"


@dataclass(frozen=True)
class FileStamp:
    """What identifies the file's content: its size, modification time and hash."""

    size: int
    mtime_ns: int
    digest: str


def file_stamp(path: Path | str) -> FileStamp:
    """The file's fingerprint; InputError when it cannot be read."""
    path = Path(path)
    digest = hashlib.blake2b(digest_size=32)
    try:
        with path.open("rb") as fh:
            before = _stat(fh)
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
            if _stat(fh) != before:  # written to while being hashed
                raise InputError(f"文件“{path.name}”正在被改动，请等它保存完后重新选择")
    except OSError as exc:
        raise InputError(f"无法读取文件“{path.name}”：{exc.strerror or exc}") from exc
    return FileStamp(before[0], before[1], digest.hexdigest())


def _stat(fh) -> tuple[int, int]:
    st = os.fstat(fh.fileno())
    return st.st_size, st.st_mtime_ns


def _stat_path(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


@dataclass
class ImportPreview:
    """A file read and matched, nothing written: what 确认导入 will write."""

    path: Path
    branch_id: int
    sheet: str | None
    stamp: FileStamp
    records: list[Record]
    read: ImportReport  # what reading the file found (skipped rows, warnings), before matching
    report: ImportReport  # the preview shown: `read` plus who would be added or updated
    writes: Writes  # what 确认导入 writes while the members it was matched with are unchanged


def _require_branch(session: Session, branch_id: int) -> None:
    if session.get(Branch, branch_id) is None:
        raise InputError(f"支部编号 {branch_id} 不存在")


def _fresh(read: ImportReport, dry_run: bool) -> ImportReport:
    """A report to fill by matching: the reading's findings, copied (they are kept)."""
    return replace(read, skipped=list(read.skipped), warnings=list(read.warnings),
                   changes=[], dry_run=dry_run)


def _sorted(report: ImportReport) -> ImportReport:
    report.skipped.sort(key=lambda s: s.row)
    report.warnings.sort(key=lambda w: w.row)
    return report


def preview_import(session: Session, path: Path | str, branch_id: int, *,
                   sheet: str | None = None, progress: Progress | None = None,
                   today: date | None = None) -> ImportPreview:
    """Read the roster at `path` once and say what importing it into `branch_id` would do.

    Raises InputError (a Chinese sentence naming the file, sheet, row and value) for a file
    that cannot be imported. Nothing is ever written."""
    with collector_paused():  # 20,000 rows' worth of small objects (app.bulk_work)
        return _preview(session, Path(path), branch_id, sheet, progress, today)


def _preview(session: Session, path: Path, branch_id: int, sheet: str | None,
             progress: Progress | None, today: date | None) -> ImportPreview:
    _require_branch(session, branch_id)
    progress = progress or (lambda *_a: None)
    progress(0, 0, "正在读取文件")
    before = _stat_path(path)
    read, records = read_roster(path, sheet, today)
    stamp = file_stamp(path)
    if (stamp.size, stamp.mtime_ns) != before:  # saved again while being read: which version?
        raise InputError(f"文件“{path.name}”在读取时被改动了，请等它保存完后重新预览")
    report = _fresh(read, dry_run=True)
    writes = match_records(session, branch_id, records, report, progress)
    return ImportPreview(path, branch_id, sheet, stamp, records, read, _sorted(report), writes)


def apply_import(session: Session, preview: ImportPreview, *, backup: bool = True,
                 user: str | None = None, progress: Progress | None = None) -> ImportReport:
    """Write the previewed records (确认导入). While the members they were matched with are as
    they were, the preview's matches are written; otherwise the records are matched again
    with the members as they are now (someone added meanwhile is matched, not added twice).

    The file must still be the one previewed: InputError `CHANGED` otherwise, nothing written.
    A real change first backs the database up (a failed backup stops the import). All writes
    happen in the caller's session, i.e. one transaction."""
    with collector_paused():  # as for the preview (app.bulk_work)
        return _apply(session, preview, backup, user, progress)


def _apply(session: Session, preview: ImportPreview, backup: bool, user: str | None,
           progress: Progress | None) -> ImportReport:
    try:
        still = file_stamp(preview.path)
    except InputError:
        still = None
    if still != preview.stamp:
        raise InputError(f"{CHANGED}（“{preview.path.name}”）")
    _require_branch(session, preview.branch_id)
    progress = progress or (lambda *_a: None)
    if user is not None:
        session.info["user"] = user  # the audit log (app.storage.audit) reads it from here
    basis = read_basis(session, preview.branch_id, preview.records)
    if basis == preview.writes.basis:  # nobody changed since: the preview's matches hold
        report = replace(preview.report, dry_run=False, skipped=list(preview.report.skipped),
                         warnings=list(preview.report.warnings),
                         changes=list(preview.report.changes))
        writes = preview.writes.stamped(datetime.now())
    else:  # matched again with the members as they are now
        report = _fresh(preview.read, dry_run=False)
        writes = match_records(session, preview.branch_id, preview.records, report, progress,
                               basis)
    if writes:
        db_path = _db_path(session)
        if backup and db_path is not None:
            made = backups.backup_before(db_path, "导入前")
            report.backup = str(made) if made else ""
        _write(session, writes, progress)
    return _sorted(report)


def _write(session: Session, writes: Writes, progress: Progress) -> None:
    """New members in one INSERT (with their search keys and ids, so each audit entry names
    its member), then the changed fields in one bulk UPDATE (the audit hook sees it)."""
    total = len(writes.inserts) + len(writes.updates)
    progress(0, total, "正在写入")
    if writes.inserts:
        next_id = (session.scalar(select(func.max(Member.id))) or 0) + 1
        rows = [{**r, "search_key": search_key(r["name"]), "id": next_id + n}
                for n, r in enumerate(writes.inserts)]
        insert_many(session.connection(), Member.__table__, rows)
        audit.record_inserted(session, "member", rows)
    if writes.updates:
        session.execute(update(Member), writes.updates)
    session.flush()
    progress(total, total, "已写入")


def import_roster(session: Session, path: Path | str, branch_id: int, dry_run: bool = False,
                  *, sheet: str | None = None, backup: bool = True, user: str | None = None,
                  progress: Progress | None = None, today: date | None = None) -> ImportReport:
    """Preview and, unless `dry_run`, apply at once (the command line; one read of the file)."""
    preview = preview_import(session, path, branch_id, sheet=sheet, progress=progress,
                             today=today)
    if dry_run:
        return preview.report
    return apply_import(session, preview, backup=backup, user=user, progress=progress)


def _db_path(session: Session) -> Path | None:
    database = session.get_bind().url.database
    return Path(database) if database and database != ":memory:" else None
