"""Test setup: offscreen Qt, a private data folder, a migrated database per test (a copy of one
template migrated once per run), and message boxes that answer at once (`said`)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # must precede any Qt import
os.environ.setdefault("LANG", "zh_CN.UTF-8")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(autouse=True)
def _private_home(tmp_path, monkeypatch):
    """Every test gets its own data folder, so nothing touches the user's real data."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("ZHIBU_HOME", str(home))
    monkeypatch.delenv("ZHIBU_DB", raising=False)
    return home


def _made_once(folder: Path, name: str, fill=None) -> Path:
    """A database file in `folder` migrated to head by the real migrations, then filled by
    `fill(database)`; everything checkpointed into the one file that is copied."""
    import sqlite3

    from app.runtime import open_database

    path = folder / name
    with pytest.MonkeyPatch.context() as mp:  # made before any test's private home exists
        mp.setenv("ZHIBU_HOME", str(folder / "home"))
        mp.delenv("ZHIBU_DB", raising=False)
        database = open_database(path)
        try:
            if fill is not None:
                fill(database)
        finally:
            database.dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path:
    """One database file migrated to head, made once per run; the `db` fixture copies it (a
    copy takes a few ms, running every migration tens of ms). Tests of the migrations
    themselves (tests/migrations/) open their own files and migrate for real."""
    return _made_once(tmp_path_factory.mktemp("template"), "template.sqlite3")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo branch (80 members and everything the demo steps add, on a fixed date) filled
    once per run; a test that asks for `demo_db` starts from a copy of it (filling takes
    seconds). tests/unit/test_*_demo.py check what the demo fills."""
    from datetime import date

    from app.demo import fill_demo

    return _made_once(tmp_path_factory.mktemp("demo"), "demo.sqlite3",
                      lambda database: fill_demo(database, members=80, seed=7,
                                                 today=date(2026, 11, 20)))


@pytest.fixture
def db(tmp_path, request):
    """A real, migrated SQLite database file in a temp folder: a copy of the migrated template
    (of the demo template when the test asks for `demo_db`: then `db` and `demo_db` are the
    same database), opened as the program opens a file (writer's lock, audit log, user name).
    The start check is left out, as it was when every test migrated a file not there yet."""
    from app.runtime import open_database

    template = "demo_template" if "demo_db" in request.fixturenames else "migrated_template"
    path = tmp_path / "test.sqlite3"
    shutil.copyfile(request.getfixturevalue(template), path)
    database = open_database(path, check=False)
    yield database
    database.dispose()


@pytest.fixture
def branch_id(db):
    from app.services.roster import ensure_branch

    with db.session() as s:
        return ensure_branch(s, "测试支部").id


@pytest.fixture
def demo_db(db):
    """The demo branch (80 members and everything the demo steps add, on a fixed date): the
    `db` of a test that asks for this is a copy of the demo template."""
    return db


@pytest.fixture
def sample_roster() -> Path:
    """The project's sample roster, kept in the repository so a clean clone has it."""
    return ROOT / "tests" / "fixtures" / "roster_sample.xlsx"


class Said(list):
    """Every message box opened during a test, in order, as (kind, text): kind is "info",
    "error", "ask" or "choose".

    A question takes its answer from `answers` (first in, first out) while it holds any;
    otherwise `ask` returns `answer` (True: the 确定 button) and `choose` the key of its first
    option. `buttons` keeps, for each question, the button texts it offered and its cancel."""

    def __init__(self):
        super().__init__()
        self.answers: list = []
        self.answer = True
        self.buttons: list[tuple[list[str], str]] = []

    def _reply(self, default):
        return self.answers.pop(0) if self.answers else default


@pytest.fixture
def said(monkeypatch) -> Said:
    """app.ui.messages stubbed: nothing waits for a click; see `Said`."""
    from app.ui import messages

    log = Said()

    def ask(_parent, text, yes="确定", no="取消", **_kw):
        log.append(("ask", text))
        log.buttons.append(([yes], no))
        return log._reply(log.answer)

    def choose(_parent, text, options, cancel="取消", **_kw):
        log.append(("choose", text))
        log.buttons.append(([label for label, _key in options], cancel))
        return log._reply(options[0][1])

    monkeypatch.setattr(messages, "info", lambda _p, text, title="": log.append(("info", text)))
    monkeypatch.setattr(messages, "error", lambda _p, text, title="": log.append(("error", text)))
    monkeypatch.setattr(messages, "ask", ask)
    monkeypatch.setattr(messages, "choose", choose)
    return log


@pytest.fixture(autouse=True)
def _no_window_outlives_its_test():
    """Close and delete every window a test left open (dialogs built without qtbot, pages'
    message boxes). Left alive, they pile up over the run, and every later change of the
    application's style sheet re-styles all of them: a window took 8 s to build by the end."""
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for widget in app.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
