"""The demo branch carries a year of materials: homebound copies mostly delivered, the last
month's still waiting, and a July quiz with scores."""

from datetime import date, timedelta

from sqlalchemy import func, select

from app.models import Handout, Material, Member
from app.services import materials
from app.vocab import HOMEBOUND_MOBILITIES


def test_demo_has_a_year_of_materials_with_only_recent_door_copies_pending(demo_db):
    today = date(2026, 11, 20)
    with demo_db.session() as s:
        branch_id = s.scalar(select(Material.branch_id).limit(1))
        kinds = set(s.scalars(select(Material.kind).distinct()))
        assert {"读本", "期刊", "报纸", "党课材料", "光盘", "试题"} <= kinds
        rows = materials.pending_handouts(s, branch_id)
        assert rows and all(r.method == "送学上门" for r in rows)
        assert all(r.issued_date >= today - timedelta(days=30) for r in rows)
        homebound = set(s.scalars(select(Member.id).where(
            (Member.mobility.in_(HOMEBOUND_MOBILITIES)) | Member.needs_care.is_(True))))
        assert {r.member_id for r in rows} <= homebound
        delivered_to_door = s.scalar(select(func.count(Handout.id)).where(
            Handout.method == "送学上门", Handout.status == "已送达"))
        assert delivered_to_door > len(rows)
        quiz = s.scalar(select(Material.id).where(Material.kind == "试题"))
        best = materials.best_quiz_scores(s, quiz)
        assert len(best) == 10 and all(0 <= b.score <= 100 for b in best)
