"""Alembic environment: always runs on the connection handed over by data/migrate.py (never a URL)."""

from alembic import context

from cmc_desktop.data.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
