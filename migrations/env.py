"""Alembic environment: always run from app.storage.migrate with a connection already in a transaction."""

from alembic import context

from app.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `alembic revision --autogenerate` by developers
    from app.storage.db import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url").removeprefix("sqlite:///"))
    connection = engine.connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite has no ALTER COLUMN
    compare_type=True,
)
context.run_migrations()
