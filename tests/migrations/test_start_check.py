"""The start-up check "is this file already current?" agrees with Alembic without importing it."""

import shutil

from app import paths
from app.storage import migrate
from app.runtime import open_database


def test_head_read_from_the_version_files_is_alembics_head():
    assert migrate._head_from_files() == migrate.head_revision()


def test_a_current_database_is_recognised_and_an_older_one_is_not(tmp_path):
    db = open_database(tmp_path / "z.sqlite3")
    db.dispose()
    assert migrate.is_current(tmp_path / "z.sqlite3")
    assert not migrate.is_current(tmp_path / "missing.sqlite3")


def test_a_new_version_file_makes_the_database_out_of_date(tmp_path, monkeypatch):
    db = open_database(tmp_path / "z.sqlite3")
    db.dispose()
    scripts = tmp_path / "migrations"
    shutil.copytree(paths.migrations_path(), scripts)
    head = migrate.head_revision()
    (scripts / "versions" / "9000_next.py").write_text(
        f"revision: str = '9000'\ndown_revision: str | None = '{head}'\n", encoding="utf-8")
    monkeypatch.setattr(paths, "migrations_path", lambda: scripts)
    assert migrate._head_from_files() == "9000"
    assert not migrate.is_current(tmp_path / "z.sqlite3")
