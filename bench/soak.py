"""The soak as a figure: a long session on the real main window (the demo branch, not the
county), in events per second and how much the process grew. The same driver as the soak test
(tests/ui/soak_session.py); the bench records what the test only checks."""

from __future__ import annotations

import json
import platform
import tempfile
from datetime import date, datetime
from pathlib import Path

from bench.figures import Figure


def soak(_county: Path, _work: Path, quick: bool) -> list[Figure]:
    from app.demo import fill_demo
    from app.runtime import open_database
    from tests.ui.soak_session import closed_dialogs, run_soak

    with tempfile.TemporaryDirectory(prefix="zhibu-soak-") as tmp:
        db = open_database(Path(tmp) / "soak.sqlite3")
        try:
            fill_demo(db, seed=7, today=date(2026, 11, 20))
            with closed_dialogs() as opened:
                result, shown = run_soak(db, rounds=2 if quick else 3)
        finally:
            db.dispose()
    extra = {"events": result.events, "events_per_second": round(result.events / result.seconds),
             "rss_start_mb": round(result.rss_start_mb, 1),
             "rss_end_mb": round(result.rss_end_mb, 1),
             "rss_growth_mb": round(result.rss_growth_mb, 1), "dialogs_opened": len(opened),
             "marks_checked": len(shown), "kinds": result.kinds}
    _keep(extra, result.seconds)
    note = (f"{result.events} events, {extra['events_per_second']}/s, RSS "
            f"{result.rss_start_mb:.0f} → {result.rss_end_mb:.0f} MB (target: growth < 30 MB)")
    return [Figure("soak: a long session on the main window", result.seconds, runs=1, note=note,
                   extra=extra)]


RESULT = Path(__file__).resolve().parent / "results" / "soak.json"


def _keep(extra: dict, seconds: float) -> None:
    """The soak's figures in their own file, so `--only soak` (which saves nothing else)
    still leaves a record beside latest.json."""
    import PySide6

    RESULT.write_text(json.dumps({
        "date": datetime.now().isoformat(timespec="seconds"), "seconds": round(seconds, 1),
        "python": platform.python_version(), "pyside6": PySide6.__version__, **extra,
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
