"""Roster at county scale: search per keystroke, showing the roster page, scrolling to the end."""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import median_seconds, roster_db  # noqa: E402


def run() -> dict[str, float]:
    from app.storage.db import Database
    from app.services import roster

    path = roster_db(20_000)
    db = Database(path)
    results: dict[str, float] = {}
    with db.session() as s:
        branch_id = roster.default_branch_id(s)

    def search(text: str):
        with db.session() as s:
            ids = roster.member_ids(s, roster.RosterFilter(branch_id=branch_id, text=text))
            roster.roster_rows(s, ids[:40])

    # a secretary typing "zjg" one key at a time, then a name and a phone fragment
    for key in ("z", "zj", "zjg", "王", "王建", "1380"):
        results[f"search_keystroke[{key}]"] = median_seconds(lambda k=key: search(k), runs=7)
    results["search_keystroke_worst"] = max(
        v for k, v in results.items() if k.startswith("search_keystroke[")
    )

    from app.prefs import Prefs
    from app.ui.app import make_application
    from app.ui.pages.roster import RosterPage
    from app.ui.context import AppContext

    app = make_application()
    ctx = AppContext(db, Prefs(), branch_id)

    def show_page():
        page = RosterPage(ctx)
        page.resize(1400, 900)
        page.show()
        page.refresh()
        app.processEvents()
        return page

    results["roster_page_show"] = median_seconds(show_page, runs=5)
    page = show_page()
    start = time.perf_counter()
    bar = page.table.verticalScrollBar()
    for value in range(0, bar.maximum() + 1, max(1, bar.maximum() // 50)):
        bar.setValue(value)
        app.processEvents()
    bar.setValue(bar.maximum())
    app.processEvents()
    results["roster_scroll_to_end_50_steps"] = time.perf_counter() - start
    results["roster_rows"] = float(page.model.rowCount())
    db.dispose()
    return results


if __name__ == "__main__":
    for name, value in run().items():
        unit = "" if name == "roster_rows" else " s"
        print(f"{name:40s} {value:10.4f}{unit}")
    sys.exit(0)
