"""The CMC's working day: her profile (printed on documents), and an agenda — séances and interviews get a time
of day, a duration, a place or a link, and the SEQUENCE of their iCalendar export.

Rows written before this revision keep no time (shown as all-day) and sequence 0.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cmc_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_name", sa.String(length=200), nullable=False),
        sa.Column("first_name", sa.String(length=200), nullable=False),
        sa.Column("function", sa.String(length=200), nullable=False),
        sa.Column("administration", sa.String(length=200), nullable=False),
        sa.Column("service", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("logo_png", sa.LargeBinary(), nullable=True),
        sa.Column("updated_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cmc_profile")),
    )
    with op.batch_alter_table("seances") as batch_op:
        batch_op.add_column(sa.Column("starts_at", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("duration_minutes", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("link", sa.String(length=500), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("calendar_sequence", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("interviews") as batch_op:
        batch_op.add_column(sa.Column("starts_at", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("place", sa.String(length=200), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("link", sa.String(length=500), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("calendar_sequence", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    for table, columns in (("interviews", ("calendar_sequence", "link", "place", "starts_at")),
                           ("seances", ("calendar_sequence", "link", "duration_minutes", "starts_at"))):
        with op.batch_alter_table(table) as batch_op:
            for column in columns:
                batch_op.drop_column(column)
    op.drop_table("cmc_profile")
