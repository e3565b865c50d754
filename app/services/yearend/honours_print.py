"""评先评优's print: the 学习先进推荐表 and the year's honours and contest entries as one A4 PDF,
gathered as plain data (app.export.honours_sheets) for the writer in app.export.honours_pdf —
the function the 评先评优 page and `zhibu honours print` both call."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.dates import age_on, cn
from app.errors import InputError
from app.export.honours_sheets import ContestBlock, EntryRow, HonourRow, HonoursPrint, ModelRow
from app.models import Branch, Member
from app.services.yearend.honour_checks import check_year
from app.services.yearend.honour_figures import contest_entries_of_year, honours_of_year
from app.services.yearend.contests import best_first, contests_of_year
from app.services.yearend.honours import recommendation_of, study_models
from app.vocab import QUIZ_KIND, STUDY_MODEL


def _models(session: Session, branch_id: int, year: int, chosen: int | None) -> list[ModelRow]:
    models = study_models(session, branch_id, year)
    people = {m.id: m for m in session.scalars(
        select(Member).where(Member.id.in_([h.member_id for h in models])))}
    rows = []
    for h in models:
        m = people[h.member_id]
        age = age_on(m.birth_date, date(year, 12, 31))
        rows.append(ModelRow(h.holder, m.gender or "", "" if age is None else str(age),
                             m.former_unit, h.note, h.member_id == chosen))
    return rows


def build_print(session: Session, branch_id: int, year: int, made_on: date) -> HonoursPrint:
    branch = session.get_one(Branch, branch_id)
    chosen = recommendation_of(session, branch_id, year)
    honours = [HonourRow(h.holder, h.name, h.level_text, h.conferred_by,
                         cn(h.conferred_on) if h.conferred_on else "",
                         "事迹见学习先进推荐表" if h.name == STUDY_MODEL and h.note else h.note)
               for h in honours_of_year(session, branch_id, year)]
    return HonoursPrint(branch.name, year, made_on, branch.secretary,
                        _models(session, branch_id, year, chosen.member_id if chosen else None),
                        chosen.name if chosen else "", chosen.deeds if chosen else "",
                        chosen.outcome if chosen else "", honours,
                        _contests(session, branch_id, year))


def _contests(session: Session, branch_id: int, year: int) -> list[ContestBlock]:
    """Each contest of the year with its entries; a quiz's by score, the best first."""
    entries = contest_entries_of_year(session, branch_id, year)
    blocks = []
    for c in contests_of_year(session, branch_id, year):
        mine = [e for e in entries if e.contest_id == c.id]
        if c.kind == QUIZ_KIND:
            mine.sort(key=best_first)
        blocks.append(ContestBlock(c.name, c.kind, cn(c.held_on) if c.held_on else "",
                                   c.organiser, [EntryRow(e.name, e.title, e.result, e.score, e.note)
                                                 for e in mine], c.kind == QUIZ_KIND))
    return blocks


def export_honours(session: Session, branch_id: int, year, path: Path | str,
                   today: date | None = None) -> dict:
    """Write the year's 评先评优 print to `path` (.pdf); returns what was written."""
    from app.export.honours_pdf import write_honours_pdf  # late: reportlab only when printing

    today = today or date.today()
    year = check_year(year, today)
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        raise InputError(f"评先评优材料保存为 .pdf，而不是“{path.name}”")
    data = build_print(session, branch_id, year, today)
    pages = write_honours_pdf(data, path)
    return {"output": str(path), "year": year, "pages": pages, "study_models": len(data.models),
            "recommended": data.recommended or None, "honours": len(data.honours),
            "contests": len(data.contests), "entries": data.entries}
