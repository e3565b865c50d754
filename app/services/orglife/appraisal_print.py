"""The appraisal's prints: the ballot (测评票) and the tally sheet (统计表) of a year, gathered
from the appraisal as plain data for the writers in app.export.appraisal_pdf. The window's
打印 buttons, `zhibu appraisal ballots` and the tests call these."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from app.errors import InputError
from app.export.appraisal_pdf import write_ballot_pdf, write_tally_pdf
from app.export.appraisal_sheets import Ballot, Tally, TallyRow
from app.services.orglife.appraisal import AppraisalInfo, appraisal_of


def _started(session: Session, branch_id: int, year: int) -> AppraisalInfo:
    info = appraisal_of(session, branch_id, year)
    if info is None:
        raise InputError(f"{year}年的民主评议党员还没有开始：请先开始评议（填写评议日期）")
    if not info.graded:
        raise InputError(f"{year}年的民主评议没有参评的正式党员，没有可打印的测评票")
    return info


def _pdf(path: Path | str) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        raise InputError(f"请保存为 .pdf 文件，而不是“{path.name}”")
    return path


def build_ballot(info: AppraisalInfo) -> Ballot:
    return Ballot(info.branch, info.year, info.held_on, len(info.graded), info.cap,
                  [p.name for p in info.graded], len(info.probationary))


def build_tally(info: AppraisalInfo) -> Tally:
    rows = [TallyRow(i, p.name, p.votes, p.grade or "")
            for i, p in enumerate(info.graded, start=1)]
    return Tally(info.branch, info.year, info.held_on, info.ballots_issued,
                 info.ballots_returned, len(info.graded), info.cap, rows, info.counts,
                 [p.name for p in info.probationary],
                 [(p.name, p.reason) for p in info.excluded])


def print_ballots(session: Session, branch_id: int, year: int, path: Path | str) -> dict:
    """The year's 测评票 as a PDF at `path`: what was written (output, members, pages)."""
    path = _pdf(path)
    info = _started(session, branch_id, year)
    pages = write_ballot_pdf(build_ballot(info), path)
    return {"output": str(path), "year": year, "members": len(info.graded), "pages": pages}


def print_tally(session: Session, branch_id: int, year: int, path: Path | str) -> dict:
    """The year's 统计表 as a PDF at `path` (blank vote cells for the members not yet counted,
    to fill in by hand): what was written (output, members, pages)."""
    path = _pdf(path)
    info = _started(session, branch_id, year)
    pages = write_tally_pdf(build_tally(info), path)
    return {"output": str(path), "year": year, "members": len(info.graded), "pages": pages}
