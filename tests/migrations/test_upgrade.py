"""Every released schema upgrades to the current one, atomically; newer files are refused."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from app import paths
from app.storage import migrate
from app.models import Member
from app.runtime import open_database

FIXTURES = sorted((Path(__file__).parent.parent / "fixtures" / "schemas").glob("*.sqlite3"))


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_released_schema_upgrades_and_keeps_its_members(fixture, tmp_path):
    target = tmp_path / fixture.name
    shutil.copy(fixture, target)
    db = open_database(target)
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        with db.session() as s:
            assert "旧版党员" in s.scalars(select(Member.name)).all()
    finally:
        db.dispose()


def test_there_is_a_fixture_for_every_revision():
    from alembic.script import ScriptDirectory

    revisions = {r.revision for r in ScriptDirectory.from_config(migrate.alembic_config())
                 .walk_revisions()}
    assert {f.stem.split("_")[0] for f in FIXTURES} == revisions


def test_database_from_a_newer_version_is_refused(tmp_path):
    db = open_database(tmp_path / "x.sqlite3")
    db.dispose()
    con = sqlite3.connect(tmp_path / "x.sqlite3")
    con.execute("UPDATE alembic_version SET version_num='9999_future'")
    con.commit()
    con.close()
    with pytest.raises(migrate.MigrationError, match="更新版本"):
        open_database(tmp_path / "x.sqlite3")


def test_a_migration_failing_half_way_changes_nothing(tmp_path, monkeypatch):
    scripts = tmp_path / "migrations"
    shutil.copytree(paths.migrations_path(), scripts)
    head = migrate.head_revision()
    (scripts / "versions" / "9000_broken.py").write_text(
        "from alembic import op\nimport sqlalchemy as sa\n"
        f"revision = '9000'\ndown_revision = '{head}'\nbranch_labels = None\ndepends_on = None\n"
        "def upgrade():\n"
        "    op.create_table('half_done', sa.Column('id', sa.Integer, primary_key=True))\n"
        "    with op.batch_alter_table('member') as b:\n"
        "        b.add_column(sa.Column('extra', sa.Integer))\n"
        "    raise RuntimeError('boom')\n"
        "def downgrade():\n    pass\n", encoding="utf-8")
    db = open_database(tmp_path / "y.sqlite3")
    db.dispose()
    monkeypatch.setattr(paths, "migrations_path", lambda: scripts)
    with pytest.raises(RuntimeError, match="boom"):
        open_database(tmp_path / "y.sqlite3")
    con = sqlite3.connect(tmp_path / "y.sqlite3")
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    cols = {r[1] for r in con.execute("PRAGMA table_info(member)")}
    version = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    con.close()
    assert "half_done" not in tables and "extra" not in cols and version == head
    assert any(paths.backup_dir(tmp_path / "y.sqlite3").iterdir())  # backed up before trying
