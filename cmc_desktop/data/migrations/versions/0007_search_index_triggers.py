"""The agents' search index is kept by triggers on `agents` (data/search_index.py), no longer by the services.

The index is rebuilt from the agents table: an entry the hand maintenance missed or left stale is corrected.

Revision ID: 0007
Revises: 0006
"""

from alembic import op

from cmc_desktop.data import search_index

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    search_index.install(op.get_bind())


def downgrade() -> None:
    search_index.drop_triggers(op.get_bind())
