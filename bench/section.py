"""One section of the suite, run by `python -m bench` in its own process; prints "@@" + JSON.

A fresh interpreter per section keeps one area's Qt state and memory out of the next one's
figures, and lets each section report its own peak memory.
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# This module is the section's __main__, and a child started with "spawn" (the roster import's
# reader, app.importing.cage) imports its parent's main module again before doing anything.
# The program's own main module (app.main) imports nothing heavy, so neither does this one: the
# areas are imported in sections(), or every reader child here would first load SQLAlchemy,
# openpyxl and the services (0.2 s a child) — a cost the program does not have.


def sections() -> dict:
    """name -> function(county_path, workdir, quick) -> list[Figure]; the order of a full run."""
    from bench import measure_areas, measure_ui
    from bench.soak import soak

    return {
        "startup": lambda db, work, quick: measure_ui.startup(db, runs=3 if quick else 5),
        "search": lambda db, work, quick: measure_ui.search(db, runs=3 if quick else 7),
        "roster_page": lambda db, work, quick: measure_ui.roster_page(db, runs=2 if quick else 5),
        "attendance": measure_areas.attendance_screen,
        "event_list": lambda db, work, quick: measure_ui.event_list(db, runs=3 if quick else 5),
        "quarter_branch": measure_areas.quarter_branch,
        "quarter_county": measure_areas.quarter_county,
        "merge": measure_areas.township_merge,
        "checklists": measure_areas.checklists,
        "dues": measure_areas.dues_county,
        "import": measure_areas.roster_import,
        "backup": measure_areas.backup,
        "soak": soak,
    }


def main(argv: list[str]) -> int:
    from bench.county import county_db
    from bench.figures import NotMeasured
    from bench.memory import peak_mb

    name, quick = argv[0], "--quick" in argv
    db = county_db(log=lambda text: print(text, file=sys.stderr))
    work = db.parent / "work"
    work.mkdir(exist_ok=True)
    try:
        figures = sections()[name](db, work, quick)
    except NotMeasured as exc:
        print("@@" + json.dumps({"not_measured": str(exc)}, ensure_ascii=False), flush=True)
        return 0
    body = {"figures": [f.as_dict() for f in figures], "peak_mb": peak_mb()}
    for f in body["figures"]:
        for derived in ("ratio", "target", "ok"):
            f.pop(derived)
    print("@@" + json.dumps(body, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
