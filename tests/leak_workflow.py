"""Run the main workflows on a store where every text field holds the marker (used by test_no_leaks.py).

Run as `python -m tests.leak_workflow DATA_DIR EXPORT_DIR REPORT_DIR` in a process whose TMPDIR, HOME and XDG
directories point into the test's sandbox, with stderr (the log) captured. The agent's own exports go to EXPORT_DIR
(they hold the text by design); anonymised reports go to REPORT_DIR, which must hold no marker.
"""

import io
import logging
import sys
from datetime import timedelta
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from sqlalchemy import text

from cmc_desktop.data.store import Store
from cmc_desktop.data.vault import KeyVault
from cmc_desktop.domain.bpp import Exercise, Phase
from cmc_desktop.domain.consent import RecipientKind
from cmc_desktop.domain.demande import Decision
from cmc_desktop.domain.interview import E3Role, Mode, PropositionItem, SupportKind
from cmc_desktop.domain.promotion import Promotion, Seance, SmallGroupReason
from cmc_desktop.domain.satisfaction import AccompanimentKind, AnswerVia, Satisfaction
from cmc_desktop.domain.synthesis import Author, PlanAction
from cmc_desktop.domain.synthesis_schema import FieldKind, SynthesisKind, field_specs
from cmc_desktop.hardening import configure_safe_logging
from cmc_desktop.pdf.fillable import field_name
from cmc_desktop.services import (
    agent_search,
    agents,
    backup,
    bpp,
    consents,
    dashboard,
    demandes,
    demo,
    destruction,
    indicators,
    interviews,
    promotions,
    satisfaction,
    synthesis,
    synthesis_exchange,
    synthesis_versions,
)
from cmc_desktop.services.agent_search import AgentFilters
from cmc_desktop.services.agents import AgentInput
from cmc_desktop.services.audit_journal import verify_journal
from cmc_desktop.services.interviews import InterviewInput
from cmc_desktop.services.workspace import Workspace
from tests.conftest import ASCII_MARKER, FAST_KDF, MARKER, PASSPHRASE


def marked(what: str) -> str:
    return f"{MARKER} {ASCII_MARKER} {what}"


NETWORK_EVENTS = {"socket.connect", "socket.bind", "socket.getaddrinfo", "socket.sendto", "urllib.Request"}
network_use: list[str] = []


def _watch_network(event: str, args: tuple) -> None:
    if event in NETWORK_EVENTS:
        network_use.append(event)


def _sort_past_the_memory_threshold(ws: Workspace) -> None:
    """15 MB of distinct marked texts, counted on the application's own connection. SQLite keeps such a temporary
    index in its page cache (8 MB) and writes the rest to a temp file unless temp_store is MEMORY (measured: 2
    temp files with FILE): this small workload alone would never get there."""
    with ws.store.session() as s:
        count = s.execute(text("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000) "
                               "SELECT count(DISTINCT :text || i) FROM n"), {"text": marked("tri " * 40)}).scalar()
    assert count == 60_000


def run(data_dir: Path, export_dir: Path, report_dir: Path) -> None:
    sys.addaudithook(_watch_network)  # the app never needs the network: any attempt is a failure
    configure_safe_logging(logging.DEBUG)
    store = Store.create(data_dir, PASSPHRASE, vault=KeyVault(), kdf=FAST_KDF)
    ws = Workspace(store)
    _sort_past_the_memory_threshold(ws)
    demo.populate(ws)
    today = ws.clock.today()
    agent_id = agents.create_agent(ws, AgentInput(
        last_name="Quastenbrück", first_name="Zéphyrine", fonction=marked("fonction"), service=marked("service"),
        email="zephyrine.quastenbruck@exemple.invalid", phone=marked("tél"), private_notes=marked("notes")))
    assert [a.id for a in agent_search.search_agents(ws, "zephyrine quasten", AgentFilters())] == [agent_id]
    agents.get_agent_file(ws, agent_id)
    plain_id = agents.create_agent(ws, AgentInput(last_name=ASCII_MARKER, first_name="Jonas",
                                                  fonction=marked("fonction"), private_notes=marked("notes")))
    assert plain_id in [a.id for a in agent_search.search_agents(ws, ASCII_MARKER.lower(), AgentFilters())]
    agents.get_agent_file(ws, plain_id)

    e2 = interviews.start_e2(ws, agent_id, today - timedelta(days=20))
    interviews.update_interview(ws, e2, InterviewInput(
        held_on=today - timedelta(days=20), mode=Mode.DISTANCE, duration_minutes=60, subject=marked("objet"),
        proposition_items=frozenset(PropositionItem), proposition_notes=marked("proposition"),
        support_kind=SupportKind.REFLEXION, support_notes=marked("appui"), progress_shared=marked("avancement"),
        next_actions=marked("actions"), private_notes=marked("privé")))
    demande_id = interviews.refer_to_bpp(ws, e2, today - timedelta(days=19))
    demandes.decide_demande(ws, demande_id, Decision.ACCORD, today - timedelta(days=10),
                            reason=marked("motif"))

    promo = promotions.create_promotion(ws, Promotion(marked("promotion"), start_date=today - timedelta(days=5),
                                                      place=marked("lieu")))
    assert promo.id is not None
    enrolled = promotions.enrol(ws, promo.id, demande_id)
    assert enrolled.id is not None
    promotions.set_small_group_reason(ws, promo.id, SmallGroupReason.AUTRE, marked("effectif réduit"))
    promotions.add_confidential_point(ws, promo.id, marked("point confidentiel"))
    seance = promotions.plan_seance(ws, Seance(promo.id, today - timedelta(days=4), Phase.LANCEMENT,
                                               marked("salle"), marked("thème")))
    assert seance.id is not None
    promotions.set_attendance(ws, seance.id, agent_id, True)
    bpp.record_contract(ws, enrolled.id, today - timedelta(days=4))
    bpp.add_exercise(ws, Exercise(enrolled.id, marked("exercice"), today - timedelta(days=4),
                                  instructions=marked("consignes"), animator_comment=marked("commentaire animateur")))
    interviews.add_e3_interview(ws, agent_id, enrolled.id, Phase.LANCEMENT, E3Role.INITIAL, today - timedelta(days=3))
    promotions.promotion_board(ws, promo.id)

    doc = synthesis.create_synthesis(ws, agent_id, SynthesisKind.BPP, enrolled.id)
    for key, spec in field_specs(SynthesisKind.BPP).items():
        if spec.kind is FieldKind.TEXT:
            synthesis.set_field(ws, doc, key, marked(key), Author.CMC)
    synthesis.set_actions(ws, doc, [PlanAction(marked("action"), "3 mois", "06/2027", [marked("étape")])], Author.AGENT)
    synthesis_versions.save_version(ws, doc, "avant envoi")
    fillable = synthesis_exchange.export_fillable(ws, doc)
    (export_dir / synthesis_exchange.suggested_filename(ws, doc, fillable=True)).write_bytes(fillable)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(fillable)))
    writer.update_page_form_field_values(None, {field_name("2.2.3"): marked("motivations")}, auto_regenerate=False)
    filled = io.BytesIO()
    writer.write(filled)
    review = synthesis_exchange.review_import(ws, doc, filled.getvalue())
    synthesis_exchange.accept_import(ws, doc, review.import_id, [c.key for c in review.changes])
    consent = consents.give_consent(ws, doc, RecipientKind.SERVICE_RH, marked("destinataire"), marked("portée"),
                                    today)
    own_copy = synthesis_exchange.export_pdf(ws, doc, password="mot de passe de l'agent")
    (export_dir / synthesis_exchange.suggested_filename(ws, doc)).write_bytes(own_copy)
    synthesis_exchange.export_pdf(ws, doc, for_recipient=consent)
    synthesis.finalise(ws, doc, today, empty_accepted=True)
    synthesis.reopen(ws, doc, marked("demande de réouverture"), today)
    satisfaction.record(ws, Satisfaction(agent_id, AccompanimentKind.E2, today, AnswerVia.PAPIER, overall=10,
                                         comment=marked("commentaire")))

    _accompaniment_and_rights(ws, agent_id, export_dir)

    dashboard.dashboard(ws)
    report = indicators.compute_indicators(ws, today - timedelta(days=365), today)
    (report_dir / "indicateurs.csv").write_bytes(indicators.export_csv(report))
    (report_dir / "indicateurs.pdf").write_bytes(indicators.export(ws, report, indicators.ExportFormat.PDF))
    backup.make_backup(ws)
    assert verify_journal(ws).intact
    request = destruction.request_destruction(ws, doc, today, destruction.Requester.AGENT)
    (export_dir / destruction.receipt_filename("x")).write_bytes(destruction.carry_out_destruction(ws, request).receipt)
    kept = synthesis.create_synthesis(ws, agent_id, SynthesisKind.E2)
    synthesis.set_field(ws, kept, "e2.1", marked("projet"), Author.AGENT)
    logging.getLogger("cmc_desktop.leak_workflow").info("workflow %s done for %s", "leak", MARKER)
    _visit_the_interface(ws, [agent_id, plain_id], kept)  # closing the window closes the store
    if network_use:
        raise SystemExit(f"réseau utilisé : {sorted(set(network_use))}")


def _accompaniment_and_rights(ws: Workspace, agent_id: int, export_dir: Path) -> None:
    """A demande d'accompagnement and its outcome, the agent's data exported, a duplicate merged, a file erased."""
    from cmc_desktop.domain.accompaniment import ProjectKind, Questionnaire, Result
    from cmc_desktop.domain.erasure import ErasureReason
    from cmc_desktop.services import accompaniments, agent_export, duplicates, erasure
    from cmc_desktop.services.accompaniments import Outcome, RequestInput

    today = ws.clock.today()
    other = agents.create_agent(ws, AgentInput(last_name="Quastenbrück", first_name="Zéphyrine", birth_year=1975,
                                               private_notes=marked("notes du double")), duplicate_confirmed=True)
    accompaniments.record_request(ws, other, RequestInput(today - timedelta(days=30), need=marked("besoin"),
                                                          diagnosis=marked("diagnostic"), promised_days=15))
    interviews.start_e2(ws, other, today - timedelta(days=25))
    accompaniments.close_accompaniment(ws, other, Outcome(today, ProjectKind.RECONVERSION, Result.FORMATION),
                                       questionnaire=Questionnaire.PAPIER)
    agent_export.write_export(ws, agent_id, export_dir / "donnees-agent", include_private_notes=True,
                              pdf_password="mot de passe de l'agent")
    erased = erasure.erase_agent(ws, other, ErasureReason.AGENT_REQUEST, "Quastenbrück")
    (export_dir / erasure.attestation_filename(erased.pseudo_id)).write_bytes(erased.attestation)
    double = agents.create_agent(ws, AgentInput(last_name="Quastenbrück", first_name="Zéphyrine",
                                                private_notes=marked("notes à fusionner")), duplicate_confirmed=True)
    duplicates.merge_agents(ws, agent_id, double)


def _visit_the_interface(ws: Workspace, agent_ids: list[int], synthesis_id: int) -> None:
    """Every view of the main window, the marked agents' files and a document, then a lock."""
    from PySide6.QtWidgets import QApplication

    from cmc_desktop.ui import navigation
    from cmc_desktop.ui.app import create_application
    from cmc_desktop.ui.main_window import MainWindow
    from cmc_desktop.ui.settings_store import UiSettings

    create_application([])
    window = MainWindow(ws, vault=KeyVault(), ui_settings=UiSettings())
    window.resize(1366, 768)
    window.show()
    for spec in navigation.REGISTRY.specs():
        window.navigator.open(spec.key, None)
        QApplication.processEvents()
    for agent_id in agent_ids:
        window.navigator.open(navigation.AGENTS, agent_id)
        QApplication.processEvents()
    window.navigator.open(navigation.SYNTHESES, synthesis_id)
    QApplication.processEvents()
    window.close()
    QApplication.processEvents()


if __name__ == "__main__":
    run(*(Path(arg) for arg in sys.argv[1:4]))
