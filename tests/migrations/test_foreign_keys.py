"""Migrations run with foreign keys off and check them before the commit (architecture.md).

A migration that rebuilds `member` (SQLite's copy, drop, rename — what batch_alter_table does
for most changes) cannot run with foreign keys on: dropping the old table with visits and
hand-outs pointing at it fails, and the program would refuse to start. The migration here
lives in a throwaway script folder made by the test, never in migrations/versions."""

import shutil
import sqlite3

import pytest
from alembic import command
from sqlalchemy.exc import IntegrityError

from app import paths
from app.storage import migrate
from app.storage.db import make_engine
from app.runtime import open_database

REBUILD_MEMBER = """
from alembic import op
import sqlalchemy as sa
revision = '9000'
down_revision = '{head}'
branch_labels = None
depends_on = None
def upgrade():
    with op.batch_alter_table('member', recreate='always') as b:
        b.add_column(sa.Column('note_extra', sa.Text, nullable=True))
    fk_on = op.get_bind().exec_driver_sql('PRAGMA foreign_keys').scalar()
    op.execute(f"INSERT INTO setting (key, value) VALUES ('fk_during_migration', '{{fk_on}}')")
{more}
def downgrade():
    pass
"""
DANGLE = "    op.execute('DELETE FROM member WHERE id = (SELECT min(member_id) FROM visit)')"


def _scripts(tmp_path, monkeypatch, more=""):
    scripts = tmp_path / "migrations"
    shutil.copytree(paths.migrations_path(), scripts)
    (scripts / "versions" / "9000_rebuild_member.py").write_text(
        REBUILD_MEMBER.format(head=migrate.head_revision(), more=more), encoding="utf-8")
    monkeypatch.setattr(paths, "migrations_path", lambda: scripts)


def _counts(path):
    con = sqlite3.connect(path)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("member", "visit", "handout", "attendance"))
    finally:
        con.close()


def _columns(path):
    con = sqlite3.connect(path)
    try:
        return {r[1] for r in con.execute("PRAGMA table_info(member)")}
    finally:
        con.close()


def test_rebuilding_member_fails_with_foreign_keys_on(demo_db, tmp_path, monkeypatch):
    """What the upgrade did before: one transaction on a connection with foreign keys on."""
    demo_db.dispose()
    _scripts(tmp_path, monkeypatch)
    before = _counts(demo_db.path)
    engine = make_engine(demo_db.path)
    cfg = migrate.alembic_config()
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    engine.dispose()
    assert _counts(demo_db.path) == before and "note_extra" not in _columns(demo_db.path)


def test_rebuilding_member_succeeds_with_foreign_keys_off_and_keeps_every_row(
        demo_db, tmp_path, monkeypatch):
    demo_db.dispose()
    _scripts(tmp_path, monkeypatch)
    before = _counts(demo_db.path)
    assert min(before) > 0  # visits, hand-outs and attendance point at members
    db = open_database(demo_db.path)
    try:
        assert migrate.current_revision(db.engine) == "9000"
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # on again after
            assert conn.exec_driver_sql(
                "SELECT value FROM setting WHERE key='fk_during_migration'").scalar() == "0"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.dispose()
    assert _counts(demo_db.path) == before and "note_extra" in _columns(demo_db.path)


def test_a_migration_that_breaks_a_reference_is_rolled_back(demo_db, tmp_path, monkeypatch):
    demo_db.dispose()
    _scripts(tmp_path, monkeypatch, more=DANGLE)
    before = _counts(demo_db.path)
    engine = make_engine(demo_db.path)
    try:
        with pytest.raises(migrate.MigrationError, match="指向已不存在的记录（.*visit.*升级已撤销"):
            migrate.upgrade(engine, demo_db.path)
        with engine.connect() as conn:  # the pooled connection has foreign keys back on
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() \
                != "9000"
    finally:
        engine.dispose()
    assert _counts(demo_db.path) == before and "note_extra" not in _columns(demo_db.path)


def test_references_broken_before_the_migration_do_not_stop_it(demo_db, tmp_path, monkeypatch):
    """An old file with a dangling row still upgrades (the start check reports such rows);
    refusing would stop the program from starting at all."""
    demo_db.dispose()
    con = sqlite3.connect(demo_db.path)  # foreign keys are off on a bare connection
    con.execute("UPDATE visit SET member_id = 999999 WHERE id = (SELECT min(id) FROM visit)")
    con.commit()
    con.close()
    _scripts(tmp_path, monkeypatch)
    engine = make_engine(demo_db.path)
    try:
        assert migrate.upgrade(engine, demo_db.path)
    finally:
        engine.dispose()
    assert "note_extra" in _columns(demo_db.path)
