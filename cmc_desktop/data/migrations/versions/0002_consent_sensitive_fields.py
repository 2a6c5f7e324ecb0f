"""Consents say whether the sensitive fields (2.5, the personal situation) may go to the recipient.

Consents given before this revision did not say it: they keep the safe reading, not included.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("consents", sa.Column("includes_sensitive", sa.Boolean(), nullable=False,
                                        server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("consents", "includes_sensitive")
