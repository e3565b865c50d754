"""The talks' and the committee's parts of `zhibu org-life check` and of the home page, as
plain data: how many members there are to talk with this year and how many were, and when the
committee's term ends with its warning. Each reads the same use case the 组织生活 page shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from app.dates import fmt
from app.services.orglife.appraisal import appraisal_check
from app.services.orglife.committee import committee_status
from app.services.orglife.coverage import talks_coverage
from app.services.orglife.frequency import check_report


def org_life_check(session: Session, branch_id: int, year: int, as_of: date) -> dict:
    """`zhibu org-life check --json` (spec/org-life.md): each kind held / required / missing,
    the talks' coverage, the committee's term and the year's appraisal, in one dict."""
    report = check_report(session, branch_id, year, as_of)
    report.update(talks_check(session, branch_id, year, as_of))
    report.update(committee_check(session, branch_id, as_of))
    report.update(appraisal_check(session, branch_id, year))
    return report


def talks_check(session: Session, branch_id: int, year: int, as_of: date | None = None) -> dict:
    """{"talks": {"members": n, "covered": m}}"""
    coverage = talks_coverage(session, branch_id, year, as_of)
    return {"talks": {"members": coverage.members, "covered": coverage.covered}}


def committee_check(session: Session, branch_id: int, today: date | None = None) -> dict:
    """{"committee": {"term_ends": "YYYY-MM-DD" or None, "warning": None or a sentence}}"""
    status = committee_status(session, branch_id, today)
    return {"committee": {"term_ends": fmt(status.term_ends) or None, "warning": status.warning}}


# From October the year's end (and its 组织生活会, where everyone should have been talked with)
# is near: the home page then counts who is still to be talked with.
TALKS_REMIND_MONTH = 10


@dataclass(frozen=True)
class HomeNotes:
    """What the home page says about talks and the committee."""

    term_warning: str | None
    talk_members: int  # party members to talk with this year
    talks_left: int  # not yet talked with
    talks_due: bool  # the last quarter: time to say how many are left

    @property
    def worth_showing(self) -> bool:
        return bool(self.term_warning) or (self.talks_due and self.talks_left > 0)


def home_notes(session: Session, branch_id: int, today: date) -> HomeNotes:
    coverage = talks_coverage(session, branch_id, today.year, today)
    status = committee_status(session, branch_id, today)
    return HomeNotes(status.warning, coverage.members, len(coverage.missing),
                     today.month >= TALKS_REMIND_MONTH)
