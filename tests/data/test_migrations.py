"""Alembic migrations: from an empty store, from every earlier revision, refusing newer stores."""

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from cmc_desktop.data import engine as db
from cmc_desktop.data import migrate
from cmc_desktop.data.errors import StoreTooNew
from cmc_desktop.data.models import Base
from cmc_desktop.data.store import Store
from tests.conftest import PASSPHRASE

from .helpers import digest_tree

ROOT = Path(__file__).resolve().parent.parent.parent
REVISIONS = [r.revision for r in reversed(list(ScriptDirectory.from_config(migrate._config()).walk_revisions()))]


def test_new_store_is_at_head_with_every_table(store: Store) -> None:
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    tables = set(inspect(store.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "agents_fts" in tables


def test_schema_matches_the_models(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert [d for d in diff if not (isinstance(d, tuple) and "agents_fts" in str(d))] == []


@pytest.mark.parametrize("revision", REVISIONS)
def test_upgrade_from_each_revision(tmp_path: Path, revision: str) -> None:
    """A store left at `revision` by an older version opens, is backed up, then brought to head."""
    key = bytes(range(32))
    path = tmp_path / "store.db"
    engine = db.make_engine(path, key, create=True)
    migrate.upgrade(engine, tmp_path / "backups", target=revision)
    backup = migrate.upgrade(engine, tmp_path / "backups")
    assert migrate.current_revision(engine) == migrate.head_revision()
    if revision != migrate.head_revision():
        assert backup is not None and db.is_key_valid(backup, key)
    engine.dispose()


def test_store_from_a_newer_version_is_refused_untouched(store: Store, data_dir: Path, no_vault) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    store.close()
    before = digest_tree(data_dir)
    with pytest.raises(StoreTooNew, match="plus récente"):
        Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    assert digest_tree(data_dir)["store.db"] == before["store.db"]


def test_scripted_head_is_alembic_head() -> None:
    assert migrate.scripted_head() == migrate.head_revision()


def test_opening_a_store_at_head_does_not_load_alembic(store: Store, data_dir: Path) -> None:
    """Alembic and Mako cost ~0.2 s of start-up: only a migration needs them."""
    store.close()
    code = ("import sys, keyring.backends.fail; from pathlib import Path; from cmc_desktop.data.store import Store; "
            "from cmc_desktop.data.vault import KeyVault; "
            f"Store.unlock(Path({str(data_dir)!r}), {PASSPHRASE!r}, vault=KeyVault(keyring.backends.fail.Keyring()))"
            ".close(); print([m for m in sys.modules if m.startswith(('alembic', 'mako'))])")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_consent_given_before_0002_keeps_the_safe_reading(data_dir: Path, no_vault) -> None:
    """0002 adds whether the consent names the sensitive fields: a consent recorded before did not, so not."""
    from datetime import date

    from alembic import command

    from cmc_desktop.domain.consent import RecipientKind, default_rubrics
    from cmc_desktop.domain.synthesis_schema import SynthesisKind
    from cmc_desktop.services.agents import AgentInput, create_agent
    from cmc_desktop.services.consents import consents_for, give_consent
    from cmc_desktop.services.synthesis import create_synthesis
    from cmc_desktop.services.workspace import Workspace
    from tests.conftest import FAST_KDF

    store = Store.create(data_dir, PASSPHRASE, vault=no_vault, kdf=FAST_KDF)
    ws = Workspace(store)
    synthesis_id = create_synthesis(ws, create_agent(ws, AgentInput(last_name="Ancien", first_name="Jean")),
                                    SynthesisKind.BPP)
    give_consent(ws, synthesis_id, RecipientKind.SERVICE_RH, "RH", "Document", date.today(),
                 rubrics=default_rubrics(SynthesisKind.BPP) | {"1.2", "2.5"})
    with store.engine.begin() as conn:  # the store as the previous version left it
        config = migrate._config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    store.close()
    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)  # brought to head at the open, after a backup
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        [consent] = consents_for(Workspace(store), synthesis_id)
        assert (consent.recipient_name, consent.scope, consent.rubrics) == (
            "RH", "Document", default_rubrics(SynthesisKind.BPP))
        assert list((data_dir / "backups").glob("avant-migration-0001-*.db"))
    finally:
        store.close()


def _at_0002(data_dir: Path, no_vault) -> Store:
    """A new store taken back to revision 0002, as the previous version left stores."""
    from alembic import command

    from tests.conftest import FAST_KDF

    store = Store.create(data_dir, PASSPHRASE, vault=no_vault, kdf=FAST_KDF)
    with store.engine.begin() as conn:
        config = migrate._config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
    return store


def test_0006_repairs_phase_dates_stamped_early_and_keeps_consents_and_reports(data_dir: Path, no_vault) -> None:
    """Rule: every write keeps BPPs valid — a store at 0002 holding phase dates that an early « advance »
    stamped (before the lancement, before any séance took place) is repaired at the open: a phase's date is its
    first séance that took place, the conclusion's the participant's final interview. Consents keep the safe
    reading (2.5 only if named; 1.2 left out); a report's HR agreement takes the decision's date."""
    from datetime import date, timedelta

    from cmc_desktop.domain.bpp import Phase
    from cmc_desktop.domain.consent import default_rubrics
    from cmc_desktop.domain.demande import ReportReason
    from cmc_desktop.domain.promotion import SmallGroupReason
    from cmc_desktop.domain.synthesis_schema import SynthesisKind
    from cmc_desktop.services import bpp as bpp_service
    from cmc_desktop.services.consents import consents_for
    from cmc_desktop.services.demandes import get_demande
    from cmc_desktop.services.promotions import get_promotion
    from cmc_desktop.services.workspace import Workspace

    store = _at_0002(data_dir, no_vault)
    today = date.today()
    d = [today - timedelta(days=60 - 7 * n) for n in range(8)]  # eight Mondays-or-so, all past
    with store.engine.begin() as conn:
        run = conn.exec_driver_sql
        for agent_id in (1, 2, 3):
            run("INSERT INTO agents (id, pseudo_id, last_name, first_name, statut, fonction, service, email, phone, "
                "priority_grounds, referent_handicap_associated, state, private_notes, created_at, updated_at) "
                f"VALUES ({agent_id}, 'AG-T{agent_id}', 'Nom{agent_id}', 'Prénom', 'titulaire', '', '', '', '', '', 0, "
                "'actif', '', '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')")
            run("INSERT INTO demandes (id, agent_id, request_date, initiative, agent_agreement, decision, "
                "decision_date, reason, hr_agreement, created_at) VALUES "
                f"({agent_id}, {agent_id}, '2026-01-05', 'agent', 1, "
                f"'{'report' if agent_id == 3 else 'accord'}', '2026-01-20', 'Clôture', {int(agent_id == 3)}, "
                "'2026-01-01T00:00:00+00:00')")
        run("INSERT INTO promotions (id, name, place, online, start_date, current_phase, small_group_reason, "
            f"confidential_points, closed_on) VALUES (1, 'P', '', 0, '{d[0]}', '3', 'Service de cinq agents', '[]', "
            "NULL)")
        # Lancement held on d1 (attendance), analyse held on d3, analyse planned only on d2 (no attendance).
        for seance_id, day, phase in ((1, d[1], 1), (2, d[2], 2), (3, d[3], 2), (4, d[5], 3)):
            run(f"INSERT INTO seances (id, promotion_id, held_on, phase, place, topic) VALUES ({seance_id}, 1, "
                f"'{day}', '{phase}', '', '')")
        for seance_id in (1, 3):
            run(f"INSERT INTO attendances (seance_id, agent_id, present) VALUES ({seance_id}, 1, 1)")
        # Advanced three times « today », the phase 1 date being the promotion's start: all broken.
        run("INSERT INTO bpps (id, agent_id, demande_id, promotion_id, form, individual_reason, current_phase, "
            "phase1_on, phase2_on, phase3_on, phase4_on, final_interview_on, contract_signed_on) VALUES "
            f"(1, 1, 1, 1, 'collectif', '', '4', '{d[7]}', '{d[6]}', '{d[6]}', '{d[6]}', '{d[4]}', '{d[0]}')")
        run("INSERT INTO bpps (id, agent_id, demande_id, promotion_id, form, individual_reason, current_phase, "
            "phase1_on, phase2_on, phase3_on, phase4_on) VALUES "
            f"(2, 2, 2, NULL, 'individuel', 'Santé', '3', '{d[4]}', '{d[2]}', NULL, '{d[6]}')")
        run("INSERT INTO syntheses (id, pseudo_id, agent_id, bpp_id, kind, status, agent_signatory, cmc_signatory, "
            "created_at, updated_at) VALUES (1, 'DS-T1', 1, 1, 'bpp', 'en_cours', '', '', "
            "'2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')")
        for consent_id, sensitive in ((1, 0), (2, 1)):
            run("INSERT INTO consents (id, synthesis_id, recipient_kind, recipient_name, scope, given_on, "
                f"includes_sensitive) VALUES ({consent_id}, 1, 'service_rh', 'RH', 'Tout', '2026-02-01', {sensitive})")
    store.close()

    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    try:
        ws = Workspace(store)
        collective, individual = bpp_service.get_bpp(ws, 1), bpp_service.get_bpp(ws, 2)
        # Phase 2 begins with the séance that took place (d3), not the planned one (d2); phase 3's séance got no
        # attendance: no date, and so no conclusion either — the final interview stays recorded.
        assert collective.phase_dates == {Phase.LANCEMENT: d[1], Phase.ANALYSE: d[3]}
        assert collective.final_interview_on == d[4]
        assert individual.phase_dates == {Phase.LANCEMENT: d[4], Phase.ANALYSE: d[4]}
        for bpp in (collective, individual):
            bpp.validated(today)  # valid again: the next write (a contract, a final interview) goes through
        bpp_service.record_contract(ws, 1, d[1])
        rh, boss = consents_for(ws, 1)
        assert rh.rubrics == default_rubrics(SynthesisKind.BPP)
        assert boss.rubrics == default_rubrics(SynthesisKind.BPP) | {"2.5"} and "1.2" not in boss.rubrics
        report = get_demande(ws, 3)
        assert (report.hr_agreement_on, report.report_reason, report.report_until) == (
            date(2026, 1, 20), ReportReason.AUTRE, None)
        assert get_demande(ws, 1).hr_agreement_on is None
        promotion = get_promotion(ws, 1)
        assert (promotion.small_group_kind, promotion.small_group_reason) == (SmallGroupReason.AUTRE,
                                                                              "Service de cinq agents")
    finally:
        store.close()
def test_0007_has_the_schema_keep_the_search_index_and_rebuilds_it(tmp_path: Path) -> None:
    """A store the services of revision 0002 indexed by hand — one agent indexed, one missed, one with a stale
    entry — comes out of 0007 with the triggers and an index recomputed from the agents table."""
    from alembic import command
    from sqlalchemy import insert

    from cmc_desktop.data import search_index
    from cmc_desktop.data.models import AgentRow
    from cmc_desktop.domain.agent import AgentState, Statut

    engine = db.make_engine(tmp_path / "store.db", bytes(range(32)), create=True)
    migrate.upgrade(engine, tmp_path / "backups", target="0002")
    with engine.begin() as conn:
        conn.execute(insert(AgentRow), [
            {"pseudo_id": f"AG-{n}", "last_name": last, "first_name": first, "service": "Rectorat",
             "statut": Statut.TITULAIRE, "state": AgentState.ACTIF}
            for n, (last, first) in enumerate([("Lefèvre", "Hélène"), ("Œuvray", "Noël"), ("Nouveau", "Nom")], 1)])
        conn.execute(text("INSERT INTO agents_fts(rowid, body) VALUES (1, 'lefevre helene rectorat'), "
                          "(3, 'ancien nom rectorat')"))
        assert search_index.held_triggers(conn) == {}

    migrate.upgrade(engine, tmp_path / "backups")

    with engine.begin() as conn:
        assert search_index.held_triggers(conn) == search_index.trigger_sql()
        index = {rowid: body for rowid, body in conn.execute(text("SELECT rowid, body FROM agents_fts"))}
        assert index == {1: "lefevre helene rectorat", 2: "oeuvray noel rectorat", 3: "nouveau nom rectorat"}
        assert conn.execute(text("SELECT count(*) FROM agents_fts WHERE agents_fts MATCH 'ancien'")).scalar() == 0
        config = migrate._config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0006")  # back to the services keeping it by hand
        assert search_index.held_triggers(conn) == {}
    engine.dispose()
