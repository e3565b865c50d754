"""The demo branch has a year of dues that the window and the prints can show."""

from datetime import date

from sqlalchemy import func, select

from app.models import DuesPayment, DuesReduction
from app.services import dues

AS_OF = date(2026, 11, 20)  # the demo_db fixture's day


def test_demo_has_bases_payments_and_members_behind_three_and_six_months(demo_db):
    with demo_db.session() as s:
        year = dues.dues_year(s, 1, 2026, AS_OF)
        behind = dues.members_behind(s, 1, AS_OF)
        reversals = s.scalar(select(func.count(DuesPayment.id))
                             .where(DuesPayment.reverses_id.is_not(None)))
        reductions = s.scalars(select(DuesReduction.monthly_fen)).all()
    assert len(year.rows) >= 60 and not year.without_base
    assert 0.85 < year.paid_fen / year.owed_fen < 1.05
    months = sorted(b.months for b in behind)
    assert any(3 <= m < 6 for m in months) and any(m >= 6 for m in months)
    assert sum(b.flagged for b in behind) >= 1
    assert reversals == 1 and sorted(reductions, key=str) == sorted([None, 1000], key=str)
    specials = {r.special for r in year.rows if r.special}
    assert specials and specials <= {"低保", "抚恤"}


def test_demo_never_pays_for_a_day_after_it_was_made(demo_db):
    with demo_db.session() as s:
        last = s.scalar(select(func.max(DuesPayment.paid_on)))
    assert last <= AS_OF
