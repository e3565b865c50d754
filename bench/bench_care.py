"""走访关怀 at county scale: who is due for a visit, and the visit checklists for 500 members.

Uses the suite's cached county database (bench.county: 200 branches × 100 members = 20,000
members, ten years of monthly visits to the homebound quarter — 600,000 visits), read only.

- the care list / members due for one branch, as the 走访关怀 page and the home page ask it;
- the same for all 200 branches one after another (a township or county station's morning);
- `care.print_visits` for 500 homebound members: route sheet + one page per member.

    .venv/bin/python -m bench.bench_care
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import FIXED_TODAY, median_seconds  # noqa: E402


def main(runs: int = 3) -> dict:
    from sqlalchemy import func, select

    from app.storage.db import Database
    from app.models import Member, Visit
    from app.services import care
    from bench.county import county_db

    path = county_db()
    db = Database(path)
    figures: dict[str, float | int] = {}
    try:
        with db.session() as s:
            branches = list(s.scalars(select(Member.branch_id).distinct().order_by(
                Member.branch_id)))
            figures["members"] = s.scalar(select(func.count(Member.id)))
            figures["visits"] = s.scalar(select(func.count(Visit.id)))
            due = care.members_due_for_visit(s, branches[0], FIXED_TODAY)
            figures["due_in_first_branch"] = len(due)

            def one_branch():
                care.members_due_for_visit(s, branches[0], FIXED_TODAY)

            def every_branch():
                return sum(len(care.members_due_for_visit(s, b, FIXED_TODAY)) for b in branches)

            figures["due_one_branch_s"] = median_seconds(one_branch, runs=max(runs, 5))
            start = time.perf_counter()
            figures["due_total_county"] = every_branch()
            figures["due_all_200_branches_s"] = time.perf_counter() - start
            ids = list(s.scalars(select(Member.id).where(Member.mobility != "行动自如")
                                 .order_by(Member.branch_id, Member.sort_order).limit(500)))
        out = Path(tempfile.mkdtemp(prefix="bench-care-")) / "checklists.pdf"

        def checklists():
            with db.session() as s:
                figures["pdf_pages"] = care.print_visits(s, ids, out, FIXED_TODAY)["pages"]

        figures["checklists_500_s"] = median_seconds(checklists, runs=runs)
        figures["pdf_mb"] = round(out.stat().st_size / 1e6, 2)
        out.unlink()
    finally:
        db.dispose()
    return figures


def run() -> dict:
    """What `python -m bench` collects from every area (bench/measure_areas.area_benchmarks)."""
    return main(runs=3)


if __name__ == "__main__":
    result = main(runs=int(sys.argv[1]) if len(sys.argv) > 1 else 3)
    print(f"county: {result['members']:,} members, {result['visits']:,} visits")
    print(f"members due, one branch:     {result['due_one_branch_s'] * 1000:8.1f} ms "
          f"({result['due_in_first_branch']} due)")
    print(f"members due, all branches:   {result['due_all_200_branches_s']:8.2f} s "
          f"({result['due_total_county']:,} due in the county)")
    print(f"500 visit checklists (PDF):  {result['checklists_500_s']:8.2f} s "
          f"({result['pdf_pages']} pages, {result['pdf_mb']} MB)")
