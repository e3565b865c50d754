"""自学资料 at county scale: issuing one material to 20,000 members, and listing what is pending.

Two databases, both built once and cached in bench/cache/ (git-ignored):
- one branch of 20,000 members (bench.common.roster_db) with ten years of monthly hand-outs to
  everyone added by bulk inserts — 2.4 million hand-outs, the homebound quarter's copies of the
  last two months still 待送达 (10,000 rows): the harshest case for the pending list, since the
  whole county sits in one branch;
- the shared county database of the suite (bench.county: 200 branches × 100 members, ten years),
  where the pending list is asked per branch as the home page does.

    /tmp/probe-venv/bin/python -m bench.bench_materials
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import CACHE, FIXED_TODAY, fresh_copy, median_seconds, roster_db  # noqa: E402

YEARS = 10


def _months(today: date, years: int) -> list[tuple[int, int]]:
    y, m, out = today.year, today.month, []
    for _ in range(years * 12):
        out.append((y, m))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return out[::-1]


def materials_db():
    """One branch of 20,000 members with ten years of monthly hand-outs (built once)."""
    path = CACHE / f"materials-20000-y{YEARS}.sqlite3"
    if path.exists():
        return path
    from sqlalchemy import insert, select

    from app.storage.db import Database
    from app.models import Handout, Material, Member
    from app.vocab import HOMEBOUND_MOBILITIES

    tmp = fresh_copy(roster_db(20_000), path.name + ".building")
    db = Database(tmp)
    start = time.perf_counter()
    with db.session() as s:
        branch_id = s.scalar(select(Member.branch_id).limit(1))
        people = s.execute(select(Member.id, Member.mobility)).all()
        months = _months(FIXED_TODAY, YEARS)
        recent = set(months[-2:])
        for year, month in months:
            issued = date(year, month, 5)
            mid = s.scalar(insert(Material).returning(Material.id), [{
                "branch_id": branch_id, "title": "银潮" if month % 3 else "党课学习材料",
                "kind": "期刊" if month % 3 else "党课材料", "period": f"{year}年第{month}期",
                "received_date": issued - timedelta(days=3), "quantity": len(people)}])
            rows = []
            for member_id, mobility in people:
                door = mobility in HOMEBOUND_MOBILITIES
                pending = door and (year, month) in recent
                rows.append({
                    "material_id": mid, "member_id": member_id, "issued_date": issued,
                    "method": "送学上门" if door else "集中领取", "handled_by": "支部书记",
                    "status": "待送达" if pending else "已送达",
                    "delivered_date": None if pending else issued + timedelta(days=12 * door)})
            s.execute(insert(Handout), rows)
    db.dispose()
    tmp.replace(path)
    print(f"(built {path.name} in {time.perf_counter() - start:.0f} s)", file=sys.stderr)
    return path


def run() -> dict[str, float]:
    from sqlalchemy import func, select

    from app.storage.db import Database
    from app.models import Handout, Member
    from app.services import issuing, materials as mat

    results: dict[str, float] = {}

    # 1. issuing one material to all 20,000 (a fresh copy of the plain roster each time)
    work = fresh_copy(roster_db(20_000), "materials-issue.sqlite3")
    db = Database(work)
    with db.session() as s:
        branch_id = s.scalar(select(Member.branch_id).limit(1))
    counter = iter(range(1000))

    def issue():
        with db.session() as s:
            mid = mat.add_material(s, branch_id, mat.MaterialInput(
                title="老干部政治理论学习读本", kind="读本", period=f"第{next(counter)}版"))
            result = issuing.issue_material(s, branch_id, mid, issuing.Recipients(),
                                            issued_date=FIXED_TODAY)
        assert result.issued >= 19_000

    results["issue_to_20000_members"] = median_seconds(issue, runs=3)
    with db.session() as s:
        mid = s.scalar(select(func.max(Handout.material_id)))

    def preview():
        with db.session() as s:
            issuing.preview_issue(s, branch_id, mid, issuing.Recipients("homebound"), FIXED_TODAY)

    results["issue_preview_homebound_20000"] = median_seconds(preview, runs=5)
    db.dispose()
    work.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        work.with_name(work.name + suffix).unlink(missing_ok=True)

    # 2. one branch of 20,000 with ten years of hand-outs
    db = Database(materials_db())
    with db.session() as s:
        branch_id = s.scalar(select(Member.branch_id).limit(1))
        results["handouts_in_database"] = float(s.scalar(select(func.count(Handout.id))))
        member_id = s.scalar(select(Handout.member_id).where(Handout.status == "待送达").limit(1))
    rows: list = []

    def pending(order):
        nonlocal rows
        with db.session() as s:
            rows = mat.pending_handouts(s, branch_id, order=order)

    results["pending_list_20000_branch_by_member"] = median_seconds(lambda: pending("member"))
    results["pending_list_20000_branch_by_village"] = median_seconds(lambda: pending("village"))
    results["pending_rows"] = float(len(rows))
    results["pending_group_by_village"] = median_seconds(lambda: mat.group_pending(rows, "village"))

    def count():
        with db.session() as s:
            mat.pending_count(s, branch_id)

    results["pending_count_20000_branch"] = median_seconds(count)

    def one_member():
        with db.session() as s:
            mat.pending_handouts(s, branch_id, [member_id])
            mat.member_handouts(s, member_id)

    results["one_member_pending_and_record"] = median_seconds(one_member)

    def catalogue():
        with db.session() as s:
            mat.list_materials(s, branch_id, mat.MaterialFilter())

    results["catalogue_10_years_with_counts"] = median_seconds(catalogue, runs=3)

    class _Undo(Exception):
        """Raised to roll the marking back, so every run marks the same 500 copies."""

    def mark_500():
        try:
            with db.session() as s:
                mat.mark_delivered(s, [r.handout_id for r in rows[:500]], FIXED_TODAY)
                raise _Undo
        except _Undo:
            pass

    results["mark_500_delivered"] = median_seconds(mark_500)

    from app.prefs import Prefs
    from app.ui.app import make_application
    from app.ui.context import AppContext
    from app.ui.pages.materials_pending import PendingPanel

    app = make_application()
    panel = PendingPanel(AppContext(db, Prefs(), branch_id))
    panel.resize(1400, 900)
    panel.show()

    def show_panel():
        panel.refresh()
        app.processEvents()

    results["pending_panel_refresh_20000_branch"] = median_seconds(show_panel, runs=3)
    db.dispose()

    # 3. the shared county database: the pending list per branch, as the home page asks it
    from bench.county import county_db

    db = Database(county_db())
    with db.session() as s:
        branches = list(s.scalars(select(Member.branch_id).distinct()))

    def every_branch():
        for b in branches:
            with db.session() as s:
                mat.pending_handouts(s, b)
                mat.pending_count(s, b)

    total = median_seconds(every_branch, runs=3)
    results["county_pending_list_and_count_per_branch"] = total / len(branches)
    results["county_pending_all_200_branches"] = total
    db.dispose()
    return results


if __name__ == "__main__":
    counts = {"handouts_in_database", "pending_rows"}
    for name, value in run().items():
        print(f"{name:44s} {value:12.0f}" if name in counts else f"{name:44s} {value:12.4f} s")
    sys.exit(0)
