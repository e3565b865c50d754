"""The annual self-assessment (支部自评, spec/year-end.md): the checklist a branch is rated
against (one per branch; none stored means the program's default) and the secretary's own
scores and notes for the items the data cannot judge, per year.

The checklist is kept as the JSON text of app.assessment_checklist (checked before it is
stored): items and points are the county's data, not columns of ours. A score is kept in whole
tenths of a point under the item's 编号, as quiz scores are (app/models/honours.py).
"""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base, now


class AssessmentChecklist(Base):
    """The checklist loaded for a branch (考评细则)."""

    __tablename__ = "assessment_checklist"
    __table_args__ = (UniqueConstraint("branch_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    content: Mapped[str] = mapped_column(Text)  # app.assessment_checklist.Checklist.dumps()
    loaded_from: Mapped[str] = mapped_column(String(260), default="")  # the file's name
    loaded_at: Mapped[datetime] = mapped_column(default=now)


class AssessmentScore(Base):
    """The secretary's score and note for one hand-judged item of one year."""

    __tablename__ = "assessment_score"
    __table_args__ = (UniqueConstraint("branch_id", "year", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    year: Mapped[int]
    code: Mapped[str] = mapped_column(String(20))  # the item's 编号 in the checklist
    score_tenths: Mapped[int]
    note: Mapped[str] = mapped_column(Text, default="")
    scored_by: Mapped[str] = mapped_column(String(50), default="")
    updated_at: Mapped[datetime] = mapped_column(default=now, onupdate=now)
