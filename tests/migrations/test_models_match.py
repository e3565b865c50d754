"""The models and the migrations describe the same database.

Migrations are history written by hand (`op`/`sa`, never today's models), so nothing but this
test notices a model changed without a migration, or a migration that creates something the
models do not say. Both are built on fresh files and compared through SQLAlchemy's inspector:
tables, columns (type, nullability, server default, autoincrement), primary keys, foreign keys
(with their ON DELETE/UPDATE), indexes, unique and check constraints.

What is left out, and why:
- `alembic_version`: Alembic's own bookkeeping, not a model;
- the order of constraints inside CREATE TABLE (`create_all` puts UNIQUE before FOREIGN KEY,
  Alembic after): it has no meaning to SQLite;
- Python-side defaults (`default=`): they live in the program, never in the file.
"""

import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from app.storage import migrate
from app.storage.db import make_engine
from app.models import Base

BOOKKEEPING = {"alembic_version"}


def _describe(engine) -> dict:
    seen = inspect(engine)
    tables = {}
    for table in sorted(set(seen.get_table_names()) - BOOKKEEPING):
        tables[table] = {
            "columns": [(c["name"], str(c["type"]), c["nullable"], c["default"],
                         c.get("autoincrement")) for c in seen.get_columns(table)],
            "primary key": seen.get_pk_constraint(table),
            "foreign keys": sorted(
                (f["name"], tuple(f["constrained_columns"]), f["referred_table"],
                 tuple(f["referred_columns"]), sorted(f.get("options", {}).items()))
                for f in seen.get_foreign_keys(table)),
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                              for i in seen.get_indexes(table)),
            "uniques": sorted((u["name"], tuple(u["column_names"]))
                              for u in seen.get_unique_constraints(table)),
            "checks": sorted((c["name"], c["sqltext"]) for c in seen.get_check_constraints(table)),
        }
    return tables


def _migrated(path):
    engine = make_engine(path)
    migrate.apply_migrations(engine, "head")
    return engine


def _created(path):
    engine = create_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    return engine


def test_the_latest_migration_and_the_models_make_the_same_schema(tmp_path):
    migrated, created = _migrated(tmp_path / "m.sqlite3"), _created(tmp_path / "c.sqlite3")
    try:
        by_migrations, by_models = _describe(migrated), _describe(created)
        assert by_migrations.keys() == by_models.keys()
        for table in by_models:
            for part in by_models[table]:
                assert by_migrations[table][part] == by_models[table][part], (table, part)
        with migrated.connect() as conn:  # Alembic's own view of it says the same
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "compare_server_default": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        migrated.dispose()
        created.dispose()


def test_the_comparison_sees_a_missing_index_and_a_changed_column(tmp_path):
    created = _created(tmp_path / "c.sqlite3")
    reference = _describe(created)
    created.dispose()
    con = sqlite3.connect(tmp_path / "c.sqlite3")
    con.executescript("DROP INDEX ix_member_name; ALTER TABLE visit ADD COLUMN extra TEXT;")
    con.close()
    changed = create_engine(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    try:
        now = _describe(changed)
    finally:
        changed.dispose()
    assert now["member"]["indexes"] != reference["member"]["indexes"]
    assert now["visit"]["columns"] != reference["visit"]["columns"]
