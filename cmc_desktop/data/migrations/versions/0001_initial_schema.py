"""Initial schema, with the accent-insensitive search index on agents.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pseudo_id", sa.String(length=20), nullable=False),
        sa.Column("last_name", sa.String(length=200), nullable=False),
        sa.Column("first_name", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=True),
        sa.Column("statut", sa.String(length=40), nullable=False),
        sa.Column("fonction", sa.String(length=200), nullable=False),
        sa.Column("service", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=200), nullable=False),
        sa.Column("date_prise_fonction", sa.Date(), nullable=True),
        sa.Column("priority_grounds", sa.String(length=200), nullable=False),
        sa.Column("referent_handicap_informed_on", sa.Date(), nullable=True),
        sa.Column("referent_handicap_associated", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=40), nullable=False),
        sa.Column("accompaniment_ended_on", sa.Date(), nullable=True),
        sa.Column("private_notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("updated_at", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agents")),
        sa.UniqueConstraint("pseudo_id", name=op.f("uq_agents_pseudo_id")),
    )
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agents_state"), ["state"], unique=False)

    op.create_table(
        "audit_events",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("subject", sa.String(length=40), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_events")),
    )
    op.create_table(
        "bpps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("demande_id", sa.Integer(), nullable=True),
        sa.Column("promotion_id", sa.Integer(), nullable=True),
        sa.Column("form", sa.String(length=40), nullable=False),
        sa.Column("individual_reason", sa.Text(), nullable=False),
        sa.Column("current_phase", sa.String(length=40), nullable=False),
        sa.Column("phase1_on", sa.Date(), nullable=True),
        sa.Column("phase2_on", sa.Date(), nullable=True),
        sa.Column("phase3_on", sa.Date(), nullable=True),
        sa.Column("phase4_on", sa.Date(), nullable=True),
        sa.Column("initial_interview_on", sa.Date(), nullable=True),
        sa.Column("final_interview_on", sa.Date(), nullable=True),
        sa.Column("contract_signed_on", sa.Date(), nullable=True),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_bpps_agent_id_agents"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["demande_id"], ["demandes.id"], name=op.f("fk_bpps_demande_id_demandes"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["promotion_id"],
            ["promotions.id"],
            name=op.f("fk_bpps_promotion_id_promotions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bpps")),
    )
    with op.batch_alter_table("bpps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bpps_agent_id"), ["agent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bpps_promotion_id"), ["promotion_id"], unique=False)

    op.create_table(
        "demandes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("request_date", sa.Date(), nullable=False),
        sa.Column("initiative", sa.String(length=40), nullable=False),
        sa.Column("agent_agreement", sa.Boolean(), nullable=False),
        sa.Column("decision", sa.String(length=40), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("hr_agreement", sa.Boolean(), nullable=False),
        sa.Column("source_interview_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_demandes_agent_id_agents"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["source_interview_id"],
            ["interviews.id"],
            name=op.f("fk_demandes_source_interview_id_interviews"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_demandes")),
    )
    with op.batch_alter_table("demandes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_demandes_agent_id"), ["agent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_demandes_decision"), ["decision"], unique=False)

    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("mode", sa.String(length=40), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("proposition_items", sa.String(length=200), nullable=False),
        sa.Column("proposition_notes", sa.Text(), nullable=False),
        sa.Column("support_kind", sa.String(length=40), nullable=True),
        sa.Column("support_notes", sa.Text(), nullable=False),
        sa.Column("progress_shared", sa.Text(), nullable=False),
        sa.Column("next_actions", sa.Text(), nullable=False),
        sa.Column("private_notes", sa.Text(), nullable=False),
        sa.Column("referred_to_bpp", sa.Boolean(), nullable=False),
        sa.Column("bpp_id", sa.Integer(), nullable=True),
        sa.Column("bpp_phase", sa.Integer(), nullable=True),
        sa.Column("e3_role", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("updated_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_interviews_agent_id_agents"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["bpp_id"], ["bpps.id"], name=op.f("fk_interviews_bpp_id_bpps"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interviews")),
    )
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interviews_agent_id"), ["agent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_interviews_held_on"), ["held_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_interviews_type"), ["type"], unique=False)

    op.create_table(
        "promotions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("current_phase", sa.String(length=40), nullable=False),
        sa.Column("small_group_reason", sa.Text(), nullable=False),
        sa.Column("confidential_points", sa.Text(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotions")),
    )
    op.create_table(
        "store_settings",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_store_settings")),
    )
    op.create_table(
        "tombstones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("pseudo_id", sa.String(length=20), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=True),
        sa.Column("requested_on", sa.Date(), nullable=True),
        sa.Column("destroyed_at", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tombstones")),
    )
    with op.batch_alter_table("tombstones", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tombstones_pseudo_id"), ["pseudo_id"], unique=False)

    op.create_table(
        "exercises",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bpp_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("instructions", sa.Text(), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["bpp_id"], ["bpps.id"], name=op.f("fk_exercises_bpp_id_bpps"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercises")),
    )
    with op.batch_alter_table("exercises", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exercises_bpp_id"), ["bpp_id"], unique=False)

    op.create_table(
        "satisfactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("accompaniment", sa.String(length=20), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("via", sa.String(length=20), nullable=False),
        sa.Column("declined", sa.Boolean(), nullable=False),
        sa.Column("scores", sa.Text(), nullable=False),
        sa.Column("overall", sa.Integer(), nullable=True),
        sa.Column("comment", sa.String(length=4000), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_satisfactions_agent_id_agents"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_satisfactions")),
    )
    with op.batch_alter_table("satisfactions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_satisfactions_agent_id"), ["agent_id"], unique=False)

    op.create_table(
        "seances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("promotion_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("phase", sa.String(length=40), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["promotion_id"],
            ["promotions.id"],
            name=op.f("fk_seances_promotion_id_promotions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seances")),
    )
    with op.batch_alter_table("seances", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_seances_held_on"), ["held_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_seances_promotion_id"), ["promotion_id"], unique=False)

    op.create_table(
        "syntheses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pseudo_id", sa.String(length=20), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("bpp_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("finalised_on", sa.Date(), nullable=True),
        sa.Column("agent_signatory", sa.String(length=200), nullable=False),
        sa.Column("agent_signed_on", sa.Date(), nullable=True),
        sa.Column("cmc_signatory", sa.String(length=200), nullable=False),
        sa.Column("cmc_signed_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("updated_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_syntheses_agent_id_agents"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["bpp_id"], ["bpps.id"], name=op.f("fk_syntheses_bpp_id_bpps"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_syntheses")),
        sa.UniqueConstraint("pseudo_id", name=op.f("uq_syntheses_pseudo_id")),
    )
    with op.batch_alter_table("syntheses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_syntheses_agent_id"), ["agent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_syntheses_status"), ["status"], unique=False)

    op.create_table(
        "attendances",
        sa.Column("seance_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_attendances_agent_id_agents"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["seance_id"], ["seances.id"], name=op.f("fk_attendances_seance_id_seances"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("seance_id", "agent_id", name=op.f("pk_attendances")),
    )
    op.create_table(
        "consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("synthesis_id", sa.Integer(), nullable=False),
        sa.Column("recipient_kind", sa.String(length=40), nullable=False),
        sa.Column("recipient_name", sa.String(length=200), nullable=False),
        sa.Column("scope", sa.String(length=200), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=False),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["synthesis_id"],
            ["syntheses.id"],
            name=op.f("fk_consents_synthesis_id_syntheses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consents")),
    )
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consents_synthesis_id"), ["synthesis_id"], unique=False)

    op.create_table(
        "destruction_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("synthesis_id", sa.Integer(), nullable=True),
        sa.Column("synthesis_pseudo_id", sa.String(length=20), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("requested_by", sa.String(length=40), nullable=False),
        sa.Column("carried_out_at", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["synthesis_id"],
            ["syntheses.id"],
            name=op.f("fk_destruction_requests_synthesis_id_syntheses"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_destruction_requests")),
    )
    with op.batch_alter_table("destruction_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_destruction_requests_synthesis_pseudo_id"), ["synthesis_pseudo_id"], unique=False
        )

    op.create_table(
        "pdf_imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("synthesis_id", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.String(length=40), nullable=False),
        sa.Column("values", sa.Text(), nullable=False),
        sa.Column("accepted_keys", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["synthesis_id"],
            ["syntheses.id"],
            name=op.f("fk_pdf_imports_synthesis_id_syntheses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pdf_imports")),
    )
    with op.batch_alter_table("pdf_imports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pdf_imports_synthesis_id"), ["synthesis_id"], unique=False)

    op.create_table(
        "synthesis_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("synthesis_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("duree", sa.String(length=200), nullable=False),
        sa.Column("date_realisation", sa.String(length=200), nullable=False),
        sa.Column("steps", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=40), nullable=True),
        sa.Column("updated_at", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["synthesis_id"],
            ["syntheses.id"],
            name=op.f("fk_synthesis_actions_synthesis_id_syntheses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_synthesis_actions")),
    )
    with op.batch_alter_table("synthesis_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_synthesis_actions_synthesis_id"), ["synthesis_id"], unique=False)

    op.create_table(
        "synthesis_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("synthesis_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["synthesis_id"],
            ["syntheses.id"],
            name=op.f("fk_synthesis_attachments_synthesis_id_syntheses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_synthesis_attachments")),
    )
    with op.batch_alter_table("synthesis_attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_synthesis_attachments_synthesis_id"), ["synthesis_id"], unique=False
        )

    op.create_table(
        "synthesis_fields",
        sa.Column("synthesis_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=40), nullable=True),
        sa.Column("updated_at", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["synthesis_id"],
            ["syntheses.id"],
            name=op.f("fk_synthesis_fields_synthesis_id_syntheses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("synthesis_id", "key", name=op.f("pk_synthesis_fields")),
    )
    op.create_table(
        "synthesis_reopenings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("synthesis_id", sa.Integer(), nullable=False),
        sa.Column("requested_on", sa.Date(), nullable=False),
        sa.Column("agent_request", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["synthesis_id"],
            ["syntheses.id"],
            name=op.f("fk_synthesis_reopenings_synthesis_id_syntheses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_synthesis_reopenings")),
    )
    with op.batch_alter_table("synthesis_reopenings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_synthesis_reopenings_synthesis_id"), ["synthesis_id"], unique=False
        )

    op.create_table(
        "synthesis_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("synthesis_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["synthesis_id"],
            ["syntheses.id"],
            name=op.f("fk_synthesis_versions_synthesis_id_syntheses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_synthesis_versions")),
    )
    with op.batch_alter_table("synthesis_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_synthesis_versions_synthesis_id"), ["synthesis_id"], unique=False
        )

    op.create_table(
        "transmissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("synthesis_id", sa.Integer(), nullable=False),
        sa.Column("consent_id", sa.Integer(), nullable=True),
        sa.Column("recipient_kind", sa.String(length=40), nullable=False),
        sa.Column("recipient_name", sa.String(length=200), nullable=False),
        sa.Column("sent_at", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["consent_id"],
            ["consents.id"],
            name=op.f("fk_transmissions_consent_id_consents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["synthesis_id"],
            ["syntheses.id"],
            name=op.f("fk_transmissions_synthesis_id_syntheses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transmissions")),
    )
    with op.batch_alter_table("transmissions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_transmissions_synthesis_id"), ["synthesis_id"], unique=False)

    # The indexed text is already normalised (no accents, ligatures expanded) by the repository.
    op.execute("CREATE VIRTUAL TABLE agents_fts USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')")
    # Without secure-delete, FTS5 keeps the tokens of deleted or renamed entries (names) in its segments.
    op.execute("INSERT INTO agents_fts(agents_fts, rank) VALUES ('secure-delete', 1)")


def downgrade() -> None:
    op.execute("DROP TABLE agents_fts")
    with op.batch_alter_table("transmissions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_transmissions_synthesis_id"))

    op.drop_table("transmissions")
    with op.batch_alter_table("synthesis_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_synthesis_versions_synthesis_id"))

    op.drop_table("synthesis_versions")
    with op.batch_alter_table("synthesis_reopenings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_synthesis_reopenings_synthesis_id"))

    op.drop_table("synthesis_reopenings")
    op.drop_table("synthesis_fields")
    with op.batch_alter_table("synthesis_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_synthesis_attachments_synthesis_id"))

    op.drop_table("synthesis_attachments")
    with op.batch_alter_table("synthesis_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_synthesis_actions_synthesis_id"))

    op.drop_table("synthesis_actions")
    with op.batch_alter_table("pdf_imports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pdf_imports_synthesis_id"))

    op.drop_table("pdf_imports")
    with op.batch_alter_table("destruction_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_destruction_requests_synthesis_pseudo_id"))

    op.drop_table("destruction_requests")
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consents_synthesis_id"))

    op.drop_table("consents")
    op.drop_table("attendances")
    with op.batch_alter_table("syntheses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_syntheses_status"))
        batch_op.drop_index(batch_op.f("ix_syntheses_agent_id"))

    op.drop_table("syntheses")
    with op.batch_alter_table("seances", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seances_promotion_id"))
        batch_op.drop_index(batch_op.f("ix_seances_held_on"))

    op.drop_table("seances")
    with op.batch_alter_table("satisfactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_satisfactions_agent_id"))

    op.drop_table("satisfactions")
    with op.batch_alter_table("exercises", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercises_bpp_id"))

    op.drop_table("exercises")
    with op.batch_alter_table("tombstones", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tombstones_pseudo_id"))

    op.drop_table("tombstones")
    op.drop_table("store_settings")
    op.drop_table("promotions")
    with op.batch_alter_table("interviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interviews_type"))
        batch_op.drop_index(batch_op.f("ix_interviews_held_on"))
        batch_op.drop_index(batch_op.f("ix_interviews_agent_id"))

    op.drop_table("interviews")
    with op.batch_alter_table("demandes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_demandes_decision"))
        batch_op.drop_index(batch_op.f("ix_demandes_agent_id"))

    op.drop_table("demandes")
    with op.batch_alter_table("bpps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bpps_promotion_id"))
        batch_op.drop_index(batch_op.f("ix_bpps_agent_id"))

    op.drop_table("bpps")
    op.drop_table("audit_events")
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agents_state"))

    op.drop_table("agents")
