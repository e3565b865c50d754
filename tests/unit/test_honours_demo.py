"""The demo's 评先评优 (made on 2026-11-20): both years' 学习先进, last year's recommendation
elected and this year's awaiting the city, contests held by then with their entries."""

from app.services.roster import default_branch_id
from app.services.yearend.honour_figures import contest_entries_of_year, honour_counts
from app.services.yearend.honours import recommendation_of, study_models


def test_the_demo_fills_both_years(demo_db):
    with demo_db.session() as s:
        branch = default_branch_id(s)
        this, last = honour_counts(s, branch, 2026), honour_counts(s, branch, 2025)
        chosen, before = recommendation_of(s, branch, 2026), recommendation_of(s, branch, 2025)
        models = {h.member_id for h in study_models(s, branch, 2026)}
        entries = contest_entries_of_year(s, branch, 2026)
    assert this.study_models == last.study_models == 4
    assert chosen.outcome == "待评" and chosen.member_id in models
    assert before.outcome == "当选" and last.by_level.get("市", 0) >= 1
    assert (this.contests, this.entries) == (3, 22) and this.branch_honours == 1
    scored = [e for e in entries if e.score_tenths is not None]
    assert scored and all(e.kind == "知识竞答" and 0 <= e.score_tenths <= 1000 for e in scored)
