"""Faithful to the texts (issue 13): phases in time, rights and priorities, E1/E4, référent handicap, phase 3,
consents naming their rubrics.

Schema: the reason of a small promotion; a demande de droit, the report's reason, HR agreement date and horizon;
the aiguillage of an E1 and the initiative and target public of an E4; the référent handicap's association and
what was agreed on the guide's three points; the restitution to the group; the animator's comment on an exercise;
the criteria of follow-up of each action; the rubrics a consent names.

Data: phase dates that an early « advance » stamped are repaired — a collective phase's date becomes the first
séance of the phase that has taken place (date reached, attendance noted), the conclusion's the participant's
entretien final once held, never before the previous phase; an individual bilan's dates keep their order.
A small promotion's reason given before files under « Autre motif ». A consent given before keeps the safe
reading: every rubric but 1.2 and 2.5, and 2.5 too when it named the sensitive fields. A report's HR agreement
takes the decision's date (the flag said it came before).

Revision ID: 0006
Revises: 0005
"""

import json
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The rubrics a consent could name when this revision was written (synthesis_schema.rubrics), 1.2 and 2.5 apart.
_BPP_RUBRICS = ("1.1", "1.3", "2.1.0", "2.1.1", "2.1.2", "2.2.1", "2.2.2", "2.2.3", "2.3.1", "2.3.2", "2.3.3",
                "2.3.4", "2.4.1", "2.4.2", "plan", "3.1.3", "4.1")
_E2_RUBRICS = ("e2.1", "e2.2", "plan", "e2.4", "e2.5")
_PHASE_COLUMNS = ("phase1_on", "phase2_on", "phase3_on", "phase4_on")


def upgrade() -> None:
    op.add_column("promotions", sa.Column("small_group_kind", sa.String(length=40), nullable=True))
    op.add_column("demandes", sa.Column("of_right", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("demandes", sa.Column("report_reason", sa.String(length=40), nullable=True))
    op.add_column("demandes", sa.Column("report_until", sa.Date(), nullable=True))
    op.add_column("demandes", sa.Column("hr_agreement_on", sa.Date(), nullable=True))
    for name, column_type in (("e1_response", sa.String(length=40)), ("orientation", sa.String(length=40)),
                              ("initiative", sa.String(length=40)), ("target_public", sa.String(length=40))):
        op.add_column("interviews", sa.Column(name, column_type, nullable=True))
    for name, column_type in (("orientation_actor", sa.String(length=200)), ("orientation_tool", sa.String(length=200)),
                              ("documents_sent", sa.Text())):
        op.add_column("interviews", sa.Column(name, column_type, nullable=False, server_default=""))
    op.add_column("bpps", sa.Column("referent_wish", sa.Boolean(), nullable=True))
    op.add_column("bpps", sa.Column("referent_wish_on", sa.Date(), nullable=True))
    op.add_column("bpps", sa.Column("restitution_on", sa.Date(), nullable=True))
    op.add_column("bpps", sa.Column("restitution_notes", sa.Text(), nullable=False, server_default=""))
    op.create_table(
        "referent_agreements",
        sa.Column("bpp_id", sa.Integer(), nullable=False),
        sa.Column("point", sa.String(length=40), nullable=False),
        sa.Column("agreed_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["bpp_id"], ["bpps.id"], name=op.f("fk_referent_agreements_bpp_id_bpps"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("bpp_id", "point", name=op.f("pk_referent_agreements")),
    )
    op.add_column("exercises", sa.Column("animator_comment", sa.Text(), nullable=False, server_default=""))
    op.add_column("synthesis_actions", sa.Column("criteria", sa.Text(), nullable=False, server_default=""))
    op.add_column("consents", sa.Column("rubrics", sa.Text(), nullable=False, server_default="[]"))

    conn = op.get_bind()
    conn.execute(sa.text("UPDATE demandes SET hr_agreement_on = decision_date "
                         "WHERE hr_agreement AND decision = 'report'"))
    conn.execute(sa.text("UPDATE demandes SET report_reason = 'autre' WHERE decision = 'report'"))
    # A small promotion already justified keeps its reason, filed under « Autre motif ».
    conn.execute(sa.text("UPDATE promotions SET small_group_kind = 'autre' WHERE trim(small_group_reason) != ''"))
    op.drop_column("demandes", "hr_agreement")
    _consents_keep_the_safe_reading(conn)
    op.drop_column("consents", "includes_sensitive")
    _repair_phase_dates(conn, date.today())


def _consents_keep_the_safe_reading(conn: sa.Connection) -> None:
    rows = conn.execute(sa.text("SELECT c.id, c.includes_sensitive, s.kind FROM consents c "
                                "JOIN syntheses s ON s.id = c.synthesis_id")).all()
    for consent_id, sensitive, kind in rows:
        keys = list(_BPP_RUBRICS if kind == "bpp" else _E2_RUBRICS)
        if sensitive and kind == "bpp":
            keys.append("2.5")
        conn.execute(sa.text("UPDATE consents SET rubrics = :rubrics WHERE id = :id"),
                     {"rubrics": json.dumps(sorted(keys)), "id": consent_id})


def _repair_phase_dates(conn: sa.Connection, today: date) -> None:
    held: dict[int, list[tuple[date, int]]] = {}
    for promotion_id, held_on, phase in conn.execute(sa.text(
            "SELECT s.promotion_id, s.held_on, s.phase FROM seances s "
            "WHERE s.held_on <= :today AND EXISTS (SELECT 1 FROM attendances a WHERE a.seance_id = s.id) "
            "ORDER BY s.held_on, s.id"), {"today": today.isoformat()}):
        held.setdefault(promotion_id, []).append((date.fromisoformat(str(held_on)), int(phase)))
    bpps = conn.execute(sa.text(f"SELECT id, form, promotion_id, final_interview_on, {', '.join(_PHASE_COLUMNS)} "
                                "FROM bpps")).all()
    for bpp_id, form, promotion_id, final_on, *stored in bpps:
        stored_dates = [None if d is None else date.fromisoformat(str(d)) for d in stored]
        final = None if final_on is None else date.fromisoformat(str(final_on))
        if form == "collectif" and promotion_id is not None:
            dates = _collective(held.get(promotion_id, []), final, today)
        else:
            dates = _in_order(stored_dates)
        if dates != stored_dates:
            conn.execute(sa.text(f"UPDATE bpps SET {', '.join(f'{c} = :{c}' for c in _PHASE_COLUMNS)} "
                                 "WHERE id = :id"),
                         {"id": bpp_id, **{c: None if d is None else d.isoformat()
                                           for c, d in zip(_PHASE_COLUMNS, dates, strict=True)}})


def _collective(seances: list[tuple[date, int]], final: date | None, today: date) -> list[date | None]:
    """Each phase's first séance held on or after the previous phase began; the conclusion, the final interview."""
    dates: list[date | None] = []
    previous: date | None = None
    for phase in (1, 2, 3):
        if phase > 1 and previous is None:
            dates.append(None)
            continue
        day = next((d for d, p in seances if p == phase and (previous is None or d >= previous)), None)
        dates.append(day)
        previous = day
    closing = final if final is not None and final <= today and previous is not None and final >= previous else None
    return [*dates, closing]


def _in_order(stored: list[date | None]) -> list[date | None]:
    """An individual bilan's dates (set as it advanced): none without the one before, none before it."""
    dates: list[date | None] = []
    previous: date | None = None
    for index, day in enumerate(stored):
        if day is None or (index > 0 and previous is None):
            dates.append(None)
            previous = None
            continue
        previous = max(day, previous) if previous is not None else day
        dates.append(previous)
    return dates


def downgrade() -> None:
    conn = op.get_bind()
    op.add_column("consents", sa.Column("includes_sensitive", sa.Boolean(), nullable=False,
                                        server_default=sa.false()))
    conn.execute(sa.text("UPDATE consents SET includes_sensitive = 1 WHERE rubrics LIKE '%\"2.5\"%'"))
    op.drop_column("consents", "rubrics")
    op.add_column("demandes", sa.Column("hr_agreement", sa.Boolean(), nullable=False, server_default=sa.false()))
    conn.execute(sa.text("UPDATE demandes SET hr_agreement = 1 WHERE hr_agreement_on IS NOT NULL"))
    for table, columns in (
            ("synthesis_actions", ("criteria",)), ("exercises", ("animator_comment",)),
            ("bpps", ("referent_wish", "referent_wish_on", "restitution_on", "restitution_notes")),
            ("interviews", ("e1_response", "orientation", "orientation_actor", "orientation_tool", "documents_sent",
                            "initiative", "target_public")),
            ("demandes", ("of_right", "report_reason", "report_until", "hr_agreement_on")),
            ("promotions", ("small_group_kind",))):
        for column in columns:
            op.drop_column(table, column)
    op.drop_table("referent_agreements")
