"""Alembic migrations. Each version uses `op`/`sa` only, never today's models."""
