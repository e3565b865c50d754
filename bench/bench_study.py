"""学习活动与考勤 at scale: the attendance screen of a 500-member branch, and the per-member
attendance report over ten years of events for 20,000 members.

Databases are built once and cached in bench/cache/ (git-ignored):
- a 500-member demo branch (bench.common.roster_db); each timed run makes a fresh event so
  "全部出席" always has all 500 to fill;
- one branch of 20,000 members with ten years of events (a 集中学习日 every month and another
  event in ten months of each year: 220 events) and attendance for everyone on every event —
  4.4 million rows written with raw executemany (the services would take far longer to build it).

    .venv/bin/python -m bench.bench_study
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import time
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.common import CACHE, FIXED_TODAY, fresh_copy, median_seconds, roster_db  # noqa: E402

YEARS = 10
QUIET_MONTHS = (2, 8)
OTHER_KINDS = ("老干部大讲堂", "形势报告会", "党课", "支部党员大会", "座谈会")
STAMP = "2026-11-20 09:00:00"


def _months(today: date, years: int) -> list[tuple[int, int]]:
    y, m, out = today.year, today.month, []
    for _ in range(years * 12):
        out.append((y, m))
        y, m = (y - 1, 12) if m == 1 else (y, m - 1)
    return out[::-1]


def study_db():
    """One branch of 20,000 members with ten years of events and full attendance (built once)."""
    from app.storage import migrate

    path = CACHE / f"study-20000-y{YEARS}-s{migrate.head_revision()}.sqlite3"  # its schema
    if path.exists():
        return path
    tmp = fresh_copy(roster_db(20_000), path.name + ".building")
    start = time.perf_counter()
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    branch_id = con.execute("SELECT id FROM branch LIMIT 1").fetchone()[0]
    people = con.execute("SELECT id, mobility IN ('行动不便','卧床','住院') FROM member"
                         " ORDER BY sort_order").fetchall()
    rng = random.Random(3)
    event_id = con.execute("SELECT COALESCE(MAX(id), 0) FROM study_event").fetchone()[0]
    for year, month in _months(FIXED_TODAY, YEARS):
        kinds = [("集中学习日", 5)]
        if month not in QUIET_MONTHS:
            kinds.append((OTHER_KINDS[month % len(OTHER_KINDS)], 15))
        for kind, day in kinds:
            d = min(date(year, month, day), FIXED_TODAY)
            event_id += 1
            con.execute("INSERT INTO study_event (id, branch_id, kind, date, start_time, topic,"
                        " speaker, place, hours, minutes_text, notes, cancelled, created_at)"
                        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        (event_id, branch_id, kind, d.isoformat(), "09:00", f"{year}年{month}月",
                         "", "活动室", 2.0, "", "", 0, STAMP))
            rows = []
            for member_id, homebound in people:
                r = rng.random()
                if homebound:
                    mark = "送学上门" if r < 0.8 else ("请假" if r < 0.95 else "缺席")
                else:
                    mark = "出席" if r < 0.86 else ("请假" if r < 0.95 else "缺席")
                rows.append((event_id, member_id, mark, "生病" if mark == "请假" else "", STAMP))
            con.executemany("INSERT INTO attendance (event_id, member_id, mark, reason,"
                            " updated_at) VALUES (?,?,?,?,?)", rows)
        con.commit()
    con.execute("ANALYZE")
    con.commit()
    con.close()
    tmp.replace(path)
    print(f"(built {path.name} in {time.perf_counter() - start:.0f} s)", file=sys.stderr)
    return path


def attendance_screen(results: dict[str, float]) -> None:
    """Open 登记出勤 on a new event of a 500-member branch, then 全部出席."""
    from sqlalchemy import select

    from app.storage.db import Database
    from app.models import Member
    from app.prefs import Prefs
    from app.services import study
    from app.ui.app import make_application
    from app.ui.context import AppContext
    from app.ui.pages.study import StudyPage

    work = fresh_copy(roster_db(500), "study-500.sqlite3")
    db = Database(work)
    with db.session() as s:
        branch_id = s.scalar(select(Member.branch_id).limit(1))
    app = make_application()
    ctx = AppContext(db, Prefs(), branch_id)
    ctx.tasks.synchronous = True
    counter = iter(range(1, 10_000))
    pages: list = []

    def new_event() -> int:
        with db.session() as s:
            day = date.fromordinal(date(2026, 1, 1).toordinal() - next(counter))
            return study.create_event(s, branch_id, study.EventInput("党课", day))

    def open_screen():
        event_id = new_event()
        start = time.perf_counter()
        page = StudyPage(ctx)
        page.resize(1400, 900)
        page.show()
        page.refresh()
        page.open_with(event_id=event_id)
        app.processEvents()
        pages.append(page)
        return time.perf_counter() - start

    open_times = sorted(open_screen() for _ in range(5))
    results["attendance_screen_open_500"] = open_times[2]
    results["attendance_rows_500"] = float(pages[-1].attendance.model.rowCount())

    def all_present():
        page = pages[-1]
        page.open_with(event_id=new_event())
        app.processEvents()
        start = time.perf_counter()
        page.attendance.mark_all()
        app.processEvents()
        assert "已把 500 位" in page.attendance.note.text()
        return time.perf_counter() - start

    results["mark_all_present_500"] = sorted(all_present() for _ in range(5))[2]

    def one_click():
        panel = pages[-1].attendance
        panel.mark(250, "请假", "生病")
        panel.mark(250, "出席")
        app.processEvents()

    results["one_click_saved_x2"] = median_seconds(one_click)
    for p in pages:
        p.close()
        p.deleteLater()
    app.processEvents()
    db.dispose()
    for suffix in ("", "-wal", "-shm"):
        work.with_name(work.name + suffix).unlink(missing_ok=True)


def ten_years(results: dict[str, float]) -> None:
    from sqlalchemy import func, select

    from app.storage.db import Database
    from app.models import Attendance, Member, StudyEvent
    from app.services import study

    db = Database(study_db())
    with db.session() as s:
        branch_id = s.scalar(select(Member.branch_id).limit(1))
        results["members"] = float(s.scalar(select(func.count(Member.id))))
        results["events"] = float(s.scalar(select(func.count(StudyEvent.id))))
        results["attendance_records"] = float(s.scalar(select(func.count(Attendance.id))))
        last = s.scalar(select(StudyEvent.id).order_by(StudyEvent.date.desc()).limit(1))
    first_day = date(FIXED_TODAY.year - YEARS, FIXED_TODAY.month, 1)
    rows: list = []

    def report(start):
        nonlocal rows
        with db.session() as s:
            rows = study.member_figures(s, branch_id, start, FIXED_TODAY)

    results["member_report_10_years_20000"] = median_seconds(lambda: report(first_day), runs=3)
    results["member_report_rows"] = float(len(rows))
    results["member_report_1_year_20000"] = median_seconds(
        lambda: report(date(FIXED_TODAY.year, 1, 1)), runs=3)

    def missing():
        with db.session() as s:
            study.members_missing_last(s, branch_id, 3, FIXED_TODAY)

    results["missing_last_3_20000"] = median_seconds(missing, runs=3)

    def event_list():
        with db.session() as s:
            study.list_events(s, branch_id)

    results["event_list_220_events_20000"] = median_seconds(event_list, runs=3)

    def one_event():
        with db.session() as s:
            study.attendance_rows(s, last)
            study.event_counts(s, last)

    results["one_event_rows_and_counts_20000"] = median_seconds(one_event, runs=3)
    db.dispose()


def run() -> dict[str, float]:
    results: dict[str, float] = {}
    attendance_screen(results)
    ten_years(results)
    return results


if __name__ == "__main__":
    counts = {"members", "events", "attendance_records", "member_report_rows",
              "attendance_rows_500"}
    for name, value in run().items():
        print(f"{name:40s} {value:12.0f}" if name in counts else f"{name:40s} {value:12.4f} s")
    sys.exit(0)
