"""A branch for the appraisal tests: full members, a probationary one, one excused, one who is
no party member, one who died before the appraisal and one of another branch."""

from __future__ import annotations

from datetime import date

from app.models import Member
from app.services.orglife import appraisal
from app.services.roster import ensure_branch

YEAR = 2026
HELD = date(2026, 12, 10)
FULL = ("张建国", "李明", "王芳", "赵德明", "钱学文", "孙立平", "周桂兰")  # 7 full members: 优秀 ≤ 2


def member(s, branch_id, name, order, **kw) -> int:
    m = Member(branch_id=branch_id, name=name, sort_order=order, **kw)
    s.add(m)
    s.flush()
    return m.id


def branch_with_members(db, branch_id, full=FULL) -> dict[str, int]:
    """Name → id: `full` full members, 吴预备 (预备), 郑卧床 (a full member the branch excused),
    冯群众 (no party member), 陈已故 (died before the appraisal), 外支部 (another branch)."""
    with db.session() as s:
        ids = {n: member(s, branch_id, n, i) for i, n in enumerate(full, start=1)}
        n = len(full)
        ids["吴预备"] = member(s, branch_id, "吴预备", n + 1, party_standing="预备")
        ids["郑卧床"] = member(s, branch_id, "郑卧床", n + 2, mobility="卧床")
        ids["冯群众"] = member(s, branch_id, "冯群众", n + 3, is_party_member=False)
        ids["陈已故"] = member(s, branch_id, "陈已故", n + 4, status="去世",
                               status_date=date(2026, 6, 1))
        other = ensure_branch(s, "另一支部").id
        ids["外支部"] = member(s, other, "外支部", 1)
    return ids


def started(db, branch_id, ids, returned: int | None = 8) -> appraisal.AppraisalInfo:
    """The 2026 appraisal held on HELD, 郑卧床 excused, `returned` ballots back of 9 issued."""
    from app.services.orglife import appraisal_votes

    with db.session() as s:
        appraisal.start_appraisal(s, branch_id, YEAR, HELD,
                                  excluded={ids["郑卧床"]: "长期卧床，经支部委员会同意"})
        if returned is not None:
            appraisal_votes.set_ballots(s, branch_id, YEAR, 9, returned)
        return appraisal.appraisal_of(s, branch_id, YEAR)
