"""`zhibu demo`: a realistic branch so a newcomer sees every screen working.

Each module in DEMO_STEPS has `fill(session, branch, rng, today)` and adds its part of the story
(roster first, then study, materials, care, dues, talks and the committee, the care calendar,
honours). Deterministic for a given seed and date.
"""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, insert, select

from app.storage.db import Database
from app.models import Member
from app.services.roster import ensure_branch

DEMO_STEPS = [
    "app.demo.members",
    "app.demo.study",
    "app.demo.materials",
    "app.demo.care",
    "app.demo.dues",
    "app.demo.talks",
    "app.demo.care_calendar",
    "app.demo.honours",
]
DEFAULT_BRANCH = "城关镇老干部第一党支部"


@dataclass
class DemoSummary:
    branch: str
    members: int
    steps: list[str]


def fill_demo(
    db: Database,
    branch_name: str | None = None,
    members: int = 80,
    seed: int = 2026,
    today: date | None = None,
) -> DemoSummary:
    """Fill `db` with a demo branch in one transaction (nothing is left half-made)."""
    today = today or date.today()
    rng = random.Random(seed)
    with db.session() as session:
        branch = ensure_branch(session, branch_name or DEFAULT_BRANCH)
        branch.township = branch.township or "城关镇"
        branch.secretary = branch.secretary or "李秀兰"
        branch.phone = branch.phone or "0371-62301234"
        branch.activity_room = branch.activity_room or "老干部活动室"  # the ledger book's part 1
        branch.study_points = branch.study_points or "北关村\n河湾村"
        done = []
        for name in DEMO_STEPS:
            module = importlib.import_module(name)
            module.fill(session, branch, rng, today, members=members)
            done.append(name.rsplit(".", 1)[-1])
        count = session.scalar(select(func.count(Member.id)).where(Member.branch_id == branch.id))
        return DemoSummary(branch.name, count or 0, done)


CHUNK_ROWS = 5_000  # rows per INSERT: the audit log's IN-list stays far below SQLite's limit


def insert_rows(session, model, rows: list[dict]) -> None:
    """Insert `rows` in chunks: one statement for 8,000 members' year of attendance would
    need ~340,000 SQL variables ("too many SQL variables")."""
    for start in range(0, len(rows), CHUNK_ROWS):
        session.execute(insert(model), rows[start:start + CHUNK_ROWS])


def database_is_empty(db: Database) -> bool:
    with db.session() as session:
        return not session.scalar(select(func.count(Member.id)))
