"""SQLAlchemy ORM classes only, one module per aggregate.

The classes are loaded on first use (`from app.models import Member` loads app/models/member.py
alone): SQLAlchemy takes about 4 ms to map each of the 30 classes, and the window's first paint
needs two of them. `load_all()` maps every class, for what needs the whole schema at once
(comparing the models with the migrations)."""

from __future__ import annotations

import importlib

from app.models.base import Base

_MODULE_OF = {
    "Appraisal": "appraisal", "AppraisalMember": "appraisal",
    "AssessmentChecklist": "assessment", "AssessmentScore": "assessment",
    "AuditEntry": "audit", "Setting": "audit",
    "Branch": "branch",
    "Pairing": "care", "Suggestion": "care", "Visit": "care", "Volunteer": "care",
    "CommitteePost": "committee", "VoteExclusion": "committee",
    "DuesBase": "dues", "DuesPayment": "dues", "DuesReduction": "dues",
    "HardshipRecord": "hardship",
    "CityRecommendation": "honours", "Contest": "honours", "ContestEntry": "honours",
    "Honour": "honours",
    "Handout": "materials", "Material": "materials", "Subscription": "materials",
    "Member": "member",
    "RectifyItem": "rectify",
    "Attendance": "study", "MeetingMinutes": "study", "StudyEvent": "study",
    "Talk": "talks",
    "YearNotes": "year_notes",
}

__all__ = ["Base", "load_all", *sorted(_MODULE_OF)]


def __getattr__(name: str):
    """`app.models.Member`: import the class's module the first time it is asked for."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'app.models' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"app.models.{module}"), name)
    globals()[name] = value
    return value


def load_all() -> None:
    """Map every class (Base.metadata then holds the whole schema)."""
    for module in sorted(set(_MODULE_OF.values())):
        importlib.import_module(f"app.models.{module}")
