"""Destruction reaching every known copy, and the audit journal's inside anchor.

- `tombstones.copies_settled_at`: when every copy the application knows of was cleaned of what the tombstone
  destroyed. Destructions recorded before this revision were never applied to backups: they stay open (NULL)
  until the first clean-up of the copies.
- `backup_folders`: folders other than `backups/` where a backup was written (recorded from now on).
- `remaining_copies`: what the last clean-up could not reach.
- The inside anchor of the audit journal (store setting `audit_anchor`): the chain as it stands. From this
  revision on a store always has one, so its absence is a finding, not a store from an earlier version.

Revision ID: 0004
Revises: 0003
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def upgrade() -> None:
    with op.batch_alter_table("tombstones", schema=None) as batch_op:
        batch_op.add_column(sa.Column("copies_settled_at", sa.String(length=40), nullable=True))
    op.create_table(
        "backup_folders",
        sa.Column("path", sa.String(length=1024), nullable=False),
        sa.Column("added_at", sa.String(length=40), nullable=False),
        sa.Column("last_backup_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("path", name=op.f("pk_backup_folders")),
    )
    op.create_table(
        "remaining_copies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("folder", sa.String(length=1024), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("detected_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_remaining_copies")),
    )
    conn = op.get_bind()
    last = conn.execute(sa.text("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1")).first()
    anchor = {"count": last[0] if last else 0, "head": last[1] if last else GENESIS, "floor": 0, "replaced": None}
    conn.execute(sa.text("DELETE FROM store_settings WHERE key = 'audit_anchor'"))
    conn.execute(sa.text("INSERT INTO store_settings (key, value) VALUES ('audit_anchor', :value)"),
                 {"value": json.dumps(anchor, sort_keys=True)})


def downgrade() -> None:
    op.execute("DELETE FROM store_settings WHERE key = 'audit_anchor'")
    op.drop_table("remaining_copies")
    op.drop_table("backup_folders")
    with op.batch_alter_table("tombstones", schema=None) as batch_op:
        batch_op.drop_column("copies_settled_at")
