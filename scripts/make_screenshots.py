"""Screenshots for docs/使用指南.md, made from the demo branch: every page at 100 %, 150 % and
200 % on the commonest township laptop (1366×768, 728 px above the taskbar, less the title bar),
the attendance screen of the latest study event, the 党费 page's 登记交费 form, the 填写会议记录
form of the latest meeting, and the first start of an empty program.

`python -m scripts.make_screenshots [--out docs/images]` — offscreen, in a throw-away data
folder, so it never touches a real database. Re-run it whenever a page changes and look at
every picture before committing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAPTOP = (1366, 688)  # a maximized window on 1366×768: taskbar 40 px, title bar 40 px
SCALES = (100, 150, 200)


def latest_event(db) -> int:
    """The most recent study event with attendance recorded (the 登记出勤 screenshot)."""
    from sqlalchemy import func, select

    from app.models import Attendance, StudyEvent

    with db.session() as s:
        return s.execute(select(StudyEvent.id).join(Attendance)
                         .group_by(StudyEvent.id).having(func.count() > 0)
                         .order_by(StudyEvent.date.desc()).limit(1)).scalar_one()


def payment_form(window, path: Path) -> Path:
    """登记交费 as it opens for the member behind longest, a quarter typed in."""
    from PySide6.QtWidgets import QApplication

    from app.ui.dialogs.dues_dialogs import PaymentDialog

    window.navigate("dues", tab="behind")
    page = window.page("dues")
    behind = page.behind[0]
    dialog = PaymentDialog(window.ctx, behind.member_id, page.year(), page, first=behind.first,
                           months=3)
    dialog.show()
    QApplication.processEvents()
    dialog.grab().save(str(path))
    dialog.done(0)
    return path


def minutes_form(window, path: Path) -> Path:
    """填写会议记录 for the meeting the 会议记录 tab chooses first (the latest one held)."""
    from PySide6.QtWidgets import QApplication

    from app.ui.dialogs.minutes_dialog import MinutesDialog

    window.navigate("orglife", tab="meetings")
    panel = window.page("orglife").panels["meetings"]
    dialog = MinutesDialog(window.ctx, panel.selected_id(), panel)
    dialog.show()
    QApplication.processEvents()
    dialog.grab().save(str(path))
    dialog.done(0)
    return path


def shoot(out: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from app.demo import fill_demo
    from app.prefs import Prefs
    from app.runtime import open_database
    from app.ui.app import build_window, make_application
    from app.ui.pages import PAGES

    app = make_application()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="zhibu-shots-") as tmp:
        os.environ["ZHIBU_HOME"] = tmp
        db = open_database(Path(tmp) / "demo.sqlite3")
        fill_demo(db, members=80, seed=7, today=date.today())
        for scale in SCALES:
            prefs = Prefs()
            prefs.font_scale = scale
            window = build_window(db, prefs)
            window.ctx.tasks.synchronous = True  # the home page's counts, not 正在统计
            window.resize(*LAPTOP)
            window.show()
            window.page("home").refresh()
            shots = [(key, key, {}) for key, _title, _target in PAGES]
            shots.append(("study_attendance", "study", {"event_id": latest_event(db)}))
            for name, key, kwargs in shots:
                window.navigate(key, **kwargs)
                app.processEvents()
                path = out / f"{name}_{scale}.png"
                window.grab().save(str(path))
                written.append(path)
            if scale == 100:
                written.append(payment_form(window, out / "dues_pay_100.png"))
                written.append(minutes_form(window, out / "orglife_minutes_100.png"))
            window.navigate("study", tab="events")
            window.close()
        db.dispose()
        empty = open_database(Path(tmp) / "empty.sqlite3")
        for scale in (100, 150):
            prefs = Prefs()
            prefs.font_scale = scale
            window = build_window(empty, prefs)
            window.ctx.tasks.synchronous = True
            window.resize(*LAPTOP)
            window.show()
            window.navigate("home")
            window.page("home").refresh()
            app.processEvents()
            path = out / f"first_start_{scale}.png"
            window.grab().save(str(path))
            written.append(path)
            window.close()
        empty.dispose()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description="生成使用指南的截图")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args()
    for path in shoot(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
