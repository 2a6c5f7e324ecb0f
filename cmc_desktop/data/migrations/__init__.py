"""Alembic migrations of the store, applied automatically at open (see data/migrate.py)."""
