"""Demandes d'accompagnement and their outcome, the agent's requests about their data, anonymous activity of
erased files, the birth year that tells duplicates apart, and the accompaniment a questionnaire answers.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accompaniments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("level", sa.String(length=40), nullable=False),
        sa.Column("need", sa.Text(), nullable=False),
        sa.Column("diagnosis", sa.Text(), nullable=False),
        sa.Column("promised_days", sa.Integer(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("project_kind", sa.String(length=40), nullable=True),
        sa.Column("result", sa.String(length=40), nullable=True),
        sa.Column("questionnaire", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], name=op.f("fk_accompaniments_agent_id_agents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accompaniments")),
    )
    with op.batch_alter_table("accompaniments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_accompaniments_agent_id"), ["agent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_accompaniments_requested_on"), ["requested_on"], unique=False)

    op.create_table(
        "rights_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], name=op.f("fk_rights_requests_agent_id_agents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rights_requests")),
    )
    with op.batch_alter_table("rights_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rights_requests_agent_id"), ["agent_id"], unique=False)

    op.create_table(
        "activity_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_records")),
    )

    # A plain ALTER TABLE: rebuilding `agents` would drop it, and with foreign keys on, dropping a table deletes
    # its rows first — cascading to every agent's data.
    op.add_column("agents", sa.Column("birth_year", sa.Integer(), nullable=True))

    # `satisfactions` is referenced by no table: rebuilding it (SQLite adds a foreign key no other way) is safe.
    with op.batch_alter_table("satisfactions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("accompaniment_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_satisfactions_accompaniment_id"), ["accompaniment_id"], unique=False)
        batch_op.create_foreign_key(batch_op.f("fk_satisfactions_accompaniment_id_accompaniments"), "accompaniments",
                                    ["accompaniment_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("satisfactions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_satisfactions_accompaniment_id_accompaniments"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_satisfactions_accompaniment_id"))
        batch_op.drop_column("accompaniment_id")
    op.drop_column("agents", "birth_year")
    op.drop_table("activity_records")
    with op.batch_alter_table("rights_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rights_requests_agent_id"))
    op.drop_table("rights_requests")
    with op.batch_alter_table("accompaniments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_accompaniments_requested_on"))
        batch_op.drop_index(batch_op.f("ix_accompaniments_agent_id"))
    op.drop_table("accompaniments")
