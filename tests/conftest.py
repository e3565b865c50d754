"""Test setup: offscreen Qt, a private data folder, and a fresh migrated database per test."""

from __future__ import annotations

import os
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


@pytest.fixture
def db(tmp_path):
    """A real, migrated SQLite database file in a temp folder."""
    from app.runtime import open_database

    database = open_database(tmp_path / "test.sqlite3")
    yield database
    database.dispose()


@pytest.fixture
def branch_id(db):
    from app.services.roster import ensure_branch

    with db.session() as s:
        return ensure_branch(s, "测试支部").id


@pytest.fixture
def demo_db(db):
    """The demo branch (80 members and everything the demo steps add), on a fixed date."""
    from datetime import date

    from app.demo import fill_demo

    fill_demo(db, members=80, seed=7, today=date(2026, 11, 20))
    return db


@pytest.fixture
def sample_roster() -> Path:
    """The project's sample roster, kept in the repository so a clean clone has it."""
    return ROOT / "tests" / "fixtures" / "roster_sample.xlsx"


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
