"""支部自评, the annual self-assessment against the "六好" checklist, and the township's ranking
(spec/year-end.md) — the use cases the 支部自评 page, `zhibu self-assess`, `zhibu
merge-assessments` and the bench call.

An item is judged one of two ways, as its checklist says:
- by the program (评分人 程序): measured from what the branch recorded (app.services.yearend.
  assessment_auto, each measure with its evidence) and scored by the item's thresholds
  (app.assessment_checklist.auto_score). Read-only: the data decide. Where the data cannot judge
  (no dues kept in the program, no meeting held yet) the item falls to the secretary;
- by the secretary (评分人 书记): a score from 0 to the item's points, at most one decimal, with a
  note saying why — kept per year under the item's 编号 (AssessmentScore). An item not scored
  yet counts 0 and says 未评分.
The total is the sum of the scores, the stars come from the checklist's levels. No points for
individual members and no check-ins: the branch's work is rated, as the inspection does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.assessment_checklist import (
    BY_PROGRAM, BY_SECRETARY, Checklist, Item, auto_score, points_number, points_text,
    stars_text, tenths,
)
from app.errors import InputError
from app.export import assessment_xlsx as ax
from app.export.assessment_merge import merge_assessments as merge_files
from app.models import AssessmentScore, Branch
from app.services.quarterly import form_authority, summary_unit
from app.services.yearend.assessment_auto import MEASURES, YearData
from app.services.yearend.assessment_checklist import checklist_of
from app.services.yearend.honour_checks import check_year, clean, user

NOT_SCORED = "未评分"


@dataclass(frozen=True)
class AssessmentItem:
    area: str
    code: str
    item: str
    points: int  # tenths
    score: int | None  # tenths; None: a hand item not scored yet
    evidence: str  # the data's sentence, or the secretary's note
    by: str  # 程序 / 书记
    standard: str  # how it is scored, in words
    judge: str  # the checklist's 评分方式

    @property
    def editable(self) -> bool:
        return self.by == BY_SECRETARY

    def to_json(self) -> dict:
        return {"area": self.area, "item": self.item, "points": points_number(self.points),
                "score": points_number(self.score), "evidence": self.evidence, "by": self.by}


@dataclass
class Assessment:
    branch_id: int
    branch: str
    year: int
    as_of: date
    checklist: Checklist
    items: list[AssessmentItem] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(i.score or 0 for i in self.items)

    @property
    def max(self) -> int:
        return self.checklist.total

    @property
    def stars(self) -> int:
        return self.checklist.stars_for(self.total)

    @property
    def unscored(self) -> list[AssessmentItem]:
        return [i for i in self.items if i.score is None]

    @property
    def running(self) -> bool:
        return self.as_of < date(self.year, 12, 31)

    def summary(self) -> str:
        left = f"，还有 {len(self.unscored)} 项书记未评分" if self.unscored else ""
        return (f"{self.branch}{self.year}年度自评：{points_text(self.total)} 分"
                f"（满分 {points_text(self.max)}），{stars_text(self.stars)}{left}")

    def to_json(self) -> dict:
        """Exactly the spec's JSON: branch, year, total, max, stars, items."""
        return {"branch": self.branch, "year": self.year, "total": points_number(self.total),
                "max": points_number(self.max), "stars": self.stars,
                "items": [i.to_json() for i in self.items]}


def _as_of(year: int, today: date) -> date:
    return min(date(year, 12, 31), today)


def _hand(item: Item, stored: AssessmentScore | None, fallback: str = "") -> AssessmentItem:
    score = stored.score_tenths if stored else None
    note = (stored.note if stored else "") or (fallback if stored is None else "")
    return AssessmentItem(item.area, item.code, item.item, item.points, score,
                          note or ("" if stored else NOT_SCORED), BY_SECRETARY,
                          item.standard() if not fallback else f"程序无法判断：{fallback}",
                          item.judge)


def assessment_of(session: Session, branch_id: int, year, today: date | None = None
                  ) -> Assessment:
    """The year's self-assessment as of today (a year not over is judged so far)."""
    today = today or date.today()
    year = check_year(year, today)
    branch = session.get_one(Branch, branch_id)
    checklist = checklist_of(session, branch_id)
    as_of = _as_of(year, today)
    stored = {s.code: s for s in session.scalars(select(AssessmentScore).where(
        AssessmentScore.branch_id == branch_id, AssessmentScore.year == year))}
    data = YearData(session, branch_id, year, as_of)
    out = Assessment(branch_id, branch.name, year, as_of, checklist)
    for item in checklist.items:
        if item.by_hand:
            out.items.append(_hand(item, stored.get(item.code)))
            continue
        measure = MEASURES[item.judge](data)
        if measure.hand:
            out.items.append(_hand(item, stored.get(item.code), measure.evidence))
            continue
        out.items.append(AssessmentItem(item.area, item.code, item.item, item.points,
                                        auto_score(item, measure.value), measure.evidence,
                                        BY_PROGRAM, item.standard(), item.judge))
    return out


def find_item(assessment: Assessment, which: str) -> AssessmentItem:
    """An item by its 编号, or by (a unique part of) its text; InputError otherwise."""
    which = (which or "").strip()
    exact = [i for i in assessment.items if i.code == which or i.item == which]
    found = exact or [i for i in assessment.items if which and which in i.item]
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(f"考评细则里没有“{which}”这一项：请写编号（如 1.1）或考评内容")
    raise InputError(f"“{which}”对应多项（{'、'.join(i.code for i in found)}），请写编号")


def set_score(session: Session, branch_id: int, year, which: str, score, note: str = "",
              today: date | None = None) -> AssessmentItem:
    """The secretary's score (and note) for a hand-judged item; `score` None or "" clears it.
    Refused for an item the program judges, or a score outside 0..points."""
    assessment = assessment_of(session, branch_id, year, today)
    item = find_item(assessment, which)
    if not item.editable:
        raise InputError(f"编号 {item.code}“{item.item}”由程序按数据评分（{item.evidence}），"
                         f"不能手工改分")
    row = session.scalar(select(AssessmentScore).where(
        AssessmentScore.branch_id == branch_id, AssessmentScore.year == assessment.year,
        AssessmentScore.code == item.code))
    if score is None or str(score).strip() == "":
        if row is not None:
            session.delete(row)
            session.flush()
        return find_item(assessment_of(session, branch_id, year, today), item.code)
    try:
        value = tenths(score, f"编号 {item.code} 的得分")
    except ValueError as exc:
        raise InputError(str(exc)) from None
    if not 0 <= value <= item.points:
        raise InputError(f"编号 {item.code} 的得分应在 0 到 {points_text(item.points)} 分之间，"
                         f"而不是 {points_text(value)}")
    if row is None:
        row = AssessmentScore(branch_id=branch_id, year=assessment.year, code=item.code)
        session.add(row)
    row.score_tenths, row.note, row.scored_by = value, clean(note, 500), user(session)
    session.flush()
    return find_item(assessment_of(session, branch_id, year, today), item.code)


def assessment_form(assessment: Assessment, signatures: ax.Signatures,
                    authority: str | None = None) -> ax.AssessmentForm:
    rows = [ax.ItemRow(i.area, i.code, i.item, i.points, i.score, i.evidence, i.by)
            for i in assessment.items]
    return ax.AssessmentForm(assessment.branch, assessment.year, assessment.checklist, rows,
                             assessment.total, assessment.stars, authority or form_authority(),
                             signatures, assessment.as_of if assessment.running else None)


def export_assessment(session: Session, branch_id: int, year, path: Path | str,
                      head: str = "", checker: str = "", maker: str = "",
                      today: date | None = None) -> dict:
    """`zhibu self-assess -o FILE.xlsx`: the 自评表 the branch hands upward (填表人: the
    secretary unless given)."""
    today = today or date.today()
    assessment = assessment_of(session, branch_id, year, today)
    branch = session.get_one(Branch, branch_id)
    signatures = ax.Signatures(head, checker, maker or branch.secretary or "",
                               branch.phone or "", today)
    out = ax.write_branch(assessment_form(assessment, signatures), path)
    return {"output": str(out), **assessment.to_json()}


def merge_assessments(paths: list[Path | str], out: Path | str, unit: str | None = None,
                      authority: str | None = None, head: str = "", checker: str = "",
                      maker: str = "", today: date | None = None,
                      progress: Callable[[int, int], None] | None = None) -> dict:
    """`zhibu merge-assessments`: the township's ranking of its branches' 自评表 (填报单位 as
    given, else as set in 设置)."""
    signatures = ax.Signatures(head, checker, maker, "", today or date.today())
    return merge_files([Path(p) for p in paths], Path(out),
                       summary_unit() if unit is None else unit,
                       authority or form_authority(), signatures, progress)
