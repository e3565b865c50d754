"""The four parts of organisation life meet: a member excused in the vote-exclusions register is
listed, ungraded, in the year's appraisal, and `org-life check` reports kinds, talks, the
committee and the appraisal together (spec/org-life.md's JSON)."""

from __future__ import annotations

import json
from datetime import date

from app.services.orglife import appraisal, votes
from app.services.orglife.checks import org_life_check
from tests.unit.appraisal_data import HELD, YEAR, branch_with_members


def _excuse(db, branch_id, member_id):
    with db.session() as s:
        votes.set_exclusion(s, branch_id, votes.ExclusionInput(
            member_id=member_id, year=YEAR, category="长期生病生活不能自理", reason="长期住院",
            approved_by="镇党委", approved_on=date(2026, 11, 2)))


def test_the_exclusions_register_feeds_the_appraisal(db, branch_id):
    ids = branch_with_members(db, branch_id)
    _excuse(db, branch_id, ids["郑卧床"])
    with db.session() as s:
        excused = appraisal.excluded_members(s, branch_id, YEAR)
        assert set(excused) == {ids["郑卧床"]} and "镇党委" in excused[ids["郑卧床"]]
        info = appraisal.start_appraisal(s, branch_id, YEAR, HELD, excluded=excused)
    roles = {p.name: p.role for p in info.participants}
    assert roles["郑卧床"] != roles["张建国"]
    assert "郑卧床" not in [p.name for p in info.graded]
    with db.session() as s:  # another year's register says nothing about this one
        assert appraisal.excluded_members(s, branch_id, YEAR + 1) == {}


def test_org_life_check_has_every_part(db, branch_id):
    branch_with_members(db, branch_id)
    with db.session() as s:
        report = org_life_check(s, branch_id, YEAR, date(2026, 11, 20))
    assert set(report) >= {"year", "kinds", "talks", "committee", "appraisal"}
    # 7 full, 吴预备 and 郑卧床 (excused from votes, not from talks); not 冯群众, 陈已故, 外支部
    assert report["talks"]["members"] == 9 and report["talks"]["covered"] == 0
    assert report["committee"]["term_ends"] is None
    assert report["appraisal"] == {"done": False}
    json.dumps(report, ensure_ascii=False)
