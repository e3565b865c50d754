"""Helpers shared by the benchmark scripts: timing medians and cached generated databases."""

from __future__ import annotations

import os
import shutil
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

CACHE = Path(__file__).resolve().parent / "cache"
FIXED_TODAY = date(2026, 11, 20)


def median_seconds(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def roster_db(members: int = 20_000) -> Path:
    """A database holding one branch of `members` demo members (built once, then cached)."""
    from app.storage import migrate

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"roster-{members}-s{migrate.head_revision()}.sqlite3"  # the schema it has
    if path.exists():
        return path
    os.environ.setdefault("ZHIBU_HOME", str(CACHE / "home"))
    import random

    from app.demo import members as demo_members
    from app.runtime import open_database
    from app.services.roster import ensure_branch

    from bench.county import building_path

    tmp = building_path(CACHE, path.name)  # see county_db: no backups beside it
    db = open_database(tmp)
    with db.session() as s:
        branch = ensure_branch(s, "基准测试支部")
        demo_members.fill(s, branch, random.Random(1), FIXED_TODAY, members=members)
    db.dispose()
    tmp.replace(path)
    return path


def fresh_copy(path: Path, name: str) -> Path:
    """A copy of a cached database to change freely."""
    target = CACHE / name
    shutil.copy(path, target)
    return target
