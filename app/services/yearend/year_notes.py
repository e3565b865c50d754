"""The year's plan and summary (年度工作计划, 年度工作总结): two free texts the secretary writes
once a year in the program, printed in part 9 (综合材料) of the ledger book. Called by the
window's 编辑年度计划和总结 dialog, `zhibu year-notes` and the book itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InputError
from app.models import YearNotes

MOST_CHARS = 20000  # a summary of some pages; more is a pasted document, not a summary


@dataclass(frozen=True)
class Notes:
    year: int
    plan: str
    summary: str

    def to_json(self) -> dict:
        return {"year": self.year, "plan": self.plan, "summary": self.summary}


def _checked_year(year, today: date) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise InputError(f"年度“{year}”不对，应写成 2026 这样的四位数") from None
    if not 2000 <= year <= today.year + 1:
        raise InputError(f"年度 {year} 不对：应在 2000 年到 {today.year + 1} 年之间")
    return year


def year_notes(session: Session, branch_id: int, year: int) -> Notes:
    """The year's plan and summary ("" for what is not written yet)."""
    row = session.scalar(select(YearNotes).where(YearNotes.branch_id == branch_id,
                                                 YearNotes.year == year))
    return Notes(year, row.plan if row else "", row.summary if row else "")


def save_year_notes(session: Session, branch_id: int, year, plan: str | None = None,
                    summary: str | None = None, today: date | None = None) -> Notes:
    """Write the year's plan and/or summary (None leaves that one as it is)."""
    year = _checked_year(year, today or date.today())
    texts = {"年度工作计划": plan, "年度工作总结": summary}
    long = [f"{label}最多 {MOST_CHARS} 个字（现在 {len(text)} 个字）"
            for label, text in texts.items() if text is not None and len(text) > MOST_CHARS]
    if long:
        raise InputError("；".join(long))
    row = session.scalar(select(YearNotes).where(YearNotes.branch_id == branch_id,
                                                 YearNotes.year == year))
    if row is None:
        row = YearNotes(branch_id=branch_id, year=year, plan="", summary="")
        session.add(row)
    if plan is not None:
        row.plan = plan.strip()
    if summary is not None:
        row.summary = summary.strip()
    session.flush()
    return Notes(year, row.plan, row.summary)
