"""SQLAlchemy ORM classes only, one module per aggregate.

All are imported together: a row's foreign keys name other tables, which SQLAlchemy must know
when it orders a flush (a Handout names its Visit). The window imports them after its start-up
frame is painted (app/ui/start_frame.py), so mapping them (≈0.1 s) does not delay it."""

from app.models.appraisal import Appraisal, AppraisalMember
from app.models.assessment import AssessmentChecklist, AssessmentScore
from app.models.audit import AuditEntry, Setting
from app.models.base import Base
from app.models.branch import Branch
from app.models.care import Pairing, Suggestion, Visit, Volunteer
from app.models.committee import CommitteePost, VoteExclusion
from app.models.dues import DuesBase, DuesPayment, DuesReduction
from app.models.hardship import HardshipRecord
from app.models.honours import CityRecommendation, Contest, ContestEntry, Honour
from app.models.materials import Handout, Material, Subscription
from app.models.member import Member
from app.models.rectify import RectifyItem
from app.models.study import Attendance, MeetingMinutes, StudyEvent
from app.models.talks import Talk
from app.models.year_notes import YearNotes

__all__ = [
    "Appraisal", "AppraisalMember", "AssessmentChecklist", "AssessmentScore", "AuditEntry",
    "Attendance", "Base", "Branch", "CityRecommendation", "CommitteePost", "Contest",
    "ContestEntry", "DuesBase", "DuesPayment", "DuesReduction", "Handout", "HardshipRecord",
    "Honour", "Material", "MeetingMinutes", "Member", "Pairing", "RectifyItem", "Setting",
    "StudyEvent", "Subscription", "Suggestion", "Talk", "Visit", "VoteExclusion", "Volunteer",
    "YearNotes",
]
