"""The demo branch carries a year of care: visits, pairings, volunteers, suggestions, some
members overdue, and hand-outs delivered by visits."""

from collections import Counter
from datetime import date

from sqlalchemy import func, select

from app.models import Handout, Member, Pairing, Suggestion, Visit, Volunteer
from app.services import care
from app.services.roster import default_branch_id

TODAY = date(2026, 11, 20)


def test_demo_has_a_year_of_care_with_some_members_overdue(demo_db):
    with demo_db.session() as s:
        bid = default_branch_id(s)
        states = Counter(r.state for r in care.care_list(s, bid, TODAY))
        assert states["已逾期"] >= 3 and states["未到期"] >= 10
        first, last = s.execute(select(func.min(Visit.date), func.max(Visit.date))).one()
        assert (TODAY - first).days >= 340 and last <= TODAY
        assert s.scalar(select(func.count()).select_from(Pairing)) >= 5
        assert s.scalar(select(func.count()).select_from(Volunteer)) == 3
        assert s.scalar(select(func.count()).select_from(Suggestion)) == 6
        by_visit = s.scalars(select(Handout).where(Handout.visit_id.is_not(None))).all()
        assert by_visit and all(h.status == "已送达" for h in by_visit)
        for h in by_visit:
            v = s.get(Visit, h.visit_id)
            assert v.member_id == h.member_id and v.date == h.delivered_date
        # nobody is visited after they died or moved away
        late = s.scalar(select(func.count()).select_from(Visit)
                        .join(Member, Member.id == Visit.member_id)
                        .where(Member.status.in_(("去世", "转出")), Visit.date > Member.status_date))
        assert late == 0
