"""SQLAlchemy ORM classes only, one module per aggregate."""

from app.models.audit import AuditEntry, Setting
from app.models.base import Base
from app.models.branch import Branch
from app.models.care import Pairing, Suggestion, Visit, Volunteer
from app.models.dues import DuesBase, DuesPayment, DuesReduction
from app.models.honours import CityRecommendation, Contest, ContestEntry, Honour
from app.models.materials import Handout, Material, Subscription
from app.models.member import Member
from app.models.study import Attendance, StudyEvent

__all__ = [
    "AuditEntry", "Attendance", "Base", "Branch", "CityRecommendation", "Contest",
    "ContestEntry", "DuesBase", "DuesPayment", "DuesReduction",
    "Handout", "Honour", "Material", "Member", "Pairing",
    "Setting", "StudyEvent", "Subscription", "Suggestion", "Visit", "Volunteer",
]
