"""Synthesis use cases on a real SQLCipher store: prefill, co-editing, finalisation, co-signature, reopening."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from cmc_desktop.data.models import AgentRow, InterviewRow, ReopeningRow, SynthesisRow
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.clock import FixedClock
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.domain.interview import InterviewType, Mode
from cmc_desktop.domain.synthesis import Author, PlanAction, SynthesisStatus
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services import bpp as bpp_service
from cmc_desktop.services import destruction
from cmc_desktop.services import synthesis as service
from cmc_desktop.services.synthesis_versions import list_versions
from cmc_desktop.services.workspace import Workspace
from tests.conftest import MARKER

from .factories import make_agent
from .synthesis_helpers import bpp_agent, journal

NOW = datetime(2026, 11, 16, 9, 30, tzinfo=UTC)
TODAY = NOW.date()


def test_a_bpp_synthesis_is_prefilled_from_the_file_the_bpp_and_the_seances(ws: Workspace) -> None:
    agent_id, bpp_id = bpp_agent(ws)
    synthesis_id = service.create_synthesis(ws, agent_id, SynthesisKind.BPP)
    doc = service.load_synthesis(ws, synthesis_id)
    assert doc.bpp_id == bpp_id and doc.status is SynthesisStatus.EN_COURS and doc.pseudo_id.startswith("DS-")
    assert {k: v.text for k, v in doc.values.items()} == {
        "agent": "Camille MARTIN", "fonction": "Gestionnaire RH", "categorie": "B",
        "date_prise_fonction": "01/09/2019", "date_lancement": "03/11/2026", "phase1_date": "03/11/2026",
        "phase2_date": "09/11/2026", "entretien_initial_date": "26/10/2026",
        "seances_dates": "09/11/2026, 30/11/2026",  # phase-2 séances, without the one the agent missed
    }
    assert all(v.author is Author.CMC and v.updated_at == NOW for v in doc.values.values())
    assert service.private_notes_free(ws, synthesis_id)
    entry = journal(ws)[-1]
    assert (entry.code, entry.subject) == (AuditCode.SYNTHESIS_CREATED, doc.pseudo_id)
    assert entry.detail.startswith("agent=AG-") and entry.detail.endswith("type=bpp") and "Martin" not in entry.detail


def test_one_synthesis_per_bpp_and_only_for_its_own_agent(ws: Workspace) -> None:
    agent_id, bpp_id = bpp_agent(ws)
    other_id, other_bpp = bpp_agent(ws, "Durand", "Chloé")
    service.create_synthesis(ws, agent_id, SynthesisKind.BPP, bpp_id)
    with pytest.raises(DomainError, match="déjà son document de synthèse"):
        service.create_synthesis(ws, agent_id, SynthesisKind.BPP, bpp_id)
    with pytest.raises(DomainError, match="autre agent"):
        service.create_synthesis(ws, agent_id, SynthesisKind.BPP, other_bpp)
    with pytest.raises(DomainError, match="E2"):
        service.create_synthesis(ws, other_id, SynthesisKind.E2, other_bpp)
    with pytest.raises(DomainError, match="Agent introuvable"):
        service.create_synthesis(ws, 999, SynthesisKind.E2)
    assert len(service.list_syntheses(ws)) == 1


def test_an_e2_synthesis_starts_at_the_first_e2_interview(ws: Workspace) -> None:
    agent_id = make_agent(ws, "Lefèvre", "Hélène")
    with ws.store.session() as s:
        for day, kind in ((date(2026, 9, 1), InterviewType.E1), (date(2026, 10, 5), InterviewType.E2),
                          (date(2026, 9, 20), InterviewType.E2)):
            s.add(InterviewRow(agent_id=agent_id, type=kind, held_on=day, mode=Mode.DISTANCE,
                               private_notes=f"notes {MARKER}"))
    doc = service.load_synthesis(ws, service.create_synthesis(ws, agent_id, SynthesisKind.E2))
    assert doc.bpp_id is None and doc.kind is SynthesisKind.E2
    assert {k: v.text for k, v in doc.values.items()} == {"agent": "Hélène LEFÈVRE", "date_lancement": "20/09/2026"}


def test_a_bpp_synthesis_without_bpp_has_only_the_header(ws: Workspace) -> None:
    agent_id = make_agent(ws, "Petit", "Léa")
    doc = service.load_synthesis(ws, service.create_synthesis(ws, agent_id, SynthesisKind.BPP))
    assert doc.bpp_id is None and set(doc.values) == {"agent"}


def test_set_field_keeps_authorship_and_time_without_journal(ws: Workspace, clock: FixedClock) -> None:
    agent_id, _ = bpp_agent(ws)
    synthesis_id = service.create_synthesis(ws, agent_id, SynthesisKind.BPP)
    entries = len(journal(ws))
    clock.advance(minutes=5)
    assert service.set_field(ws, synthesis_id, "1.1", "Préparer une mobilité vers la DRH", Author.AGENT)
    clock.advance(minutes=5)
    assert not service.set_field(ws, synthesis_id, "1.1", "Préparer une mobilité vers la DRH", Author.CMC)
    assert service.set_field(ws, synthesis_id, "2.3.3", "Autonomie", Author.CMC)
    doc = service.load_synthesis(ws, synthesis_id)
    assert (doc.values["1.1"].author, doc.values["1.1"].updated_at) == (Author.AGENT, datetime(2026, 11, 16, 9, 35,
                                                                                               tzinfo=UTC))
    assert (doc.values["2.3.3"].author, doc.values["2.3.3"].updated_at) == (Author.CMC, clock.now())
    assert service.list_syntheses(ws)[0].updated_at == clock.now()
    assert len(journal(ws)) == entries  # autosave is not journaled

    with pytest.raises(ValidationError, match="Rubrique inconnue"):
        service.set_field(ws, synthesis_id, "9.9", "x", Author.CMC)
    with pytest.raises(ValidationError, match="une ligne"):
        service.set_field(ws, synthesis_id, "fonction", "deux\nlignes", Author.CMC)
    with pytest.raises(DomainError, match="n'existe pas"):
        service.set_field(ws, 999, "1.1", "x", Author.CMC)
    assert service.load_synthesis(ws, synthesis_id).text("fonction") == "Gestionnaire RH"


def test_set_actions_attributes_only_changed_actions(ws: Workspace, clock: FixedClock) -> None:
    agent_id, _ = bpp_agent(ws)
    synthesis_id = service.create_synthesis(ws, agent_id, SynthesisKind.BPP)
    first = [PlanAction("Stage", "2 mois", "03/2027", ["Trouver une structure"]), PlanAction("Formation")]
    assert service.set_actions(ws, synthesis_id, first, Author.CMC)
    assert not service.set_actions(ws, synthesis_id, first, Author.AGENT)
    clock.advance(hours=1)
    second = [PlanAction("Stage", "2 mois", "03/2027", ["Trouver une structure"]),
              PlanAction("Formation", "5 jours", "", ["S'inscrire", "Suivre"])]
    assert service.set_actions(ws, synthesis_id, second, Author.AGENT)
    actions = service.load_synthesis(ws, synthesis_id).actions
    assert [(a.title, a.author, a.updated_at) for a in actions] == [("Stage", Author.CMC, NOW),
                                                                    ("Formation", Author.AGENT, clock.now())]
    assert actions[1].steps == ["S'inscrire", "Suivre"]
    with pytest.raises(ValidationError, match="20 actions"):
        service.set_actions(ws, synthesis_id, [PlanAction(str(i)) for i in range(21)], Author.CMC)


def test_finalise_locks_the_document_and_keeps_a_version(ws: Workspace) -> None:
    agent_id, _ = bpp_agent(ws)
    synthesis_id = service.create_synthesis(ws, agent_id, SynthesisKind.BPP)
    service.set_field(ws, synthesis_id, "4.1", "Projet confirmé", Author.AGENT)
    with pytest.raises(ValidationError, match="plausible"):
        service.finalise(ws, synthesis_id, date(2027, 1, 1), empty_accepted=True)
    service.finalise(ws, synthesis_id, TODAY, empty_accepted=True)
    doc = service.load_synthesis(ws, synthesis_id)
    assert doc.locked and doc.finalised_on == TODAY
    assert [(v.number, v.label) for v in list_versions(ws, synthesis_id)] == [(1, "Finalisé par l'agent")]
    assert (journal(ws)[-1].code, journal(ws)[-1].detail) == (AuditCode.FINALISED, "version=1 rubriques_vides=18")
    with pytest.raises(DomainError, match="finalisé par l'agent"):
        service.set_field(ws, synthesis_id, "4.1", "Autre", Author.CMC)
    with pytest.raises(DomainError, match="finalisé par l'agent"):
        service.set_actions(ws, synthesis_id, [PlanAction("Nouvelle")], Author.CMC)
    with pytest.raises(DomainError, match="finalisé par l'agent"):
        service.finalise(ws, synthesis_id, TODAY, empty_accepted=True)
    assert service.load_synthesis(ws, synthesis_id).text("4.1") == "Projet confirmé"


def test_cosign_after_finalisation_records_names_and_dates_but_journals_no_name(ws: Workspace) -> None:
    agent_id, _ = bpp_agent(ws)
    synthesis_id = service.create_synthesis(ws, agent_id, SynthesisKind.BPP)
    with pytest.raises(DomainError, match="après la finalisation"):
        service.cosign(ws, synthesis_id, "Camille Martin", TODAY, "Alex Conseil", TODAY)
    service.finalise(ws, synthesis_id, date(2026, 11, 10), empty_accepted=True)
    with pytest.raises(ValidationError, match="précéder la finalisation"):
        service.cosign(ws, synthesis_id, "Camille Martin", date(2026, 11, 9), "Alex Conseil", TODAY)
    with pytest.raises(ValidationError, match="obligatoire"):
        service.cosign(ws, synthesis_id, " ", TODAY, "Alex Conseil", TODAY)
    service.cosign(ws, synthesis_id, MARKER, date(2026, 11, 12), "Alex Conseil", TODAY)
    doc = service.load_synthesis(ws, synthesis_id)
    assert (doc.agent_signatory, doc.agent_signed_on, doc.cmc_signatory, doc.cmc_signed_on) == (
        MARKER, date(2026, 11, 12), "Alex Conseil", TODAY)
    entry = journal(ws)[-1]
    assert entry.code == AuditCode.COSIGNED and MARKER not in entry.subject + entry.detail


def test_reopening_needs_the_agents_request_which_is_recorded(ws: Workspace) -> None:
    agent_id, _ = bpp_agent(ws)
    synthesis_id = service.create_synthesis(ws, agent_id, SynthesisKind.BPP)
    with pytest.raises(DomainError, match="n'est pas finalisé"):
        service.reopen(ws, synthesis_id, "Je veux compléter", TODAY)
    service.finalise(ws, synthesis_id, date(2026, 11, 10), empty_accepted=True)
    service.cosign(ws, synthesis_id, "Camille Martin", TODAY, "Alex Conseil", TODAY)
    with pytest.raises(ValidationError, match="demande de réouverture"):
        service.reopen(ws, synthesis_id, "   ", TODAY)
    with pytest.raises(ValidationError, match="précéder la finalisation"):
        service.reopen(ws, synthesis_id, "Je veux compléter", date(2026, 11, 9))
    assert service.load_synthesis(ws, synthesis_id).locked  # refusals changed nothing

    service.reopen(ws, synthesis_id, f"Compléter le plan d'action ({MARKER})", TODAY)
    doc = service.load_synthesis(ws, synthesis_id)
    assert not doc.locked and doc.finalised_on is None and doc.agent_signatory == doc.cmc_signatory == ""
    with ws.store.session() as s:
        reopening = s.execute(select(ReopeningRow)).scalar_one()
    assert (reopening.requested_on, reopening.agent_request) == (TODAY, f"Compléter le plan d'action ({MARKER})")
    assert [v.label for v in list_versions(ws, synthesis_id)] == ["Finalisé par l'agent",
                                                                   "Rouvert à la demande de l'agent"]
    entry = journal(ws)[-1]
    assert (entry.code, entry.detail) == (AuditCode.REOPENED, "version=2") and MARKER not in entry.detail
    assert service.set_field(ws, synthesis_id, "4.1", "Complété", Author.AGENT)


def test_lists_show_pseudo_id_agent_kind_status_and_pending_destruction(ws: Workspace, clock: FixedClock) -> None:
    agent_id, _ = bpp_agent(ws)
    other = make_agent(ws, "Œuvray", "Denis")
    first = service.create_synthesis(ws, agent_id, SynthesisKind.BPP)
    clock.advance(hours=1)
    second = service.create_synthesis(ws, other, SynthesisKind.E2)
    clock.advance(hours=1)
    service.set_field(ws, first, "1.1", "Besoins", Author.AGENT)
    destruction.request_destruction(ws, second, TODAY, "agent")
    listing = service.list_syntheses(ws)
    assert [(x.id, x.agent_display_name, x.kind, x.status, x.destruction_pending) for x in listing] == [
        (first, "Camille MARTIN", SynthesisKind.BPP, SynthesisStatus.EN_COURS, False),
        (second, "Denis ŒUVRAY", SynthesisKind.E2, SynthesisStatus.EN_COURS, True)]
    assert listing[0].updated_at == clock.now() and listing[0].pseudo_id.startswith("DS-")
    assert [x.id for x in service.syntheses_for_agent(ws, other)] == [second]
    with pytest.raises(DomainError, match="Agent introuvable"):
        service.syntheses_for_agent(ws, 999)


def test_private_notes_copied_into_the_document_are_detected(ws: Workspace) -> None:
    agent_id, _ = bpp_agent(ws)
    synthesis_id = service.create_synthesis(ws, agent_id, SynthesisKind.BPP)
    with ws.store.session() as s:
        notes = s.execute(select(AgentRow.private_notes).where(AgentRow.id == agent_id)).scalar_one()
    assert notes and service.private_notes_free(ws, synthesis_id)
    service.set_field(ws, synthesis_id, "2.5", f"Situation :\n{notes}\nSuite.", Author.CMC)
    assert not service.private_notes_free(ws, synthesis_id)


def test_refresh_prefill_fills_dates_known_since_but_never_overwrites(ws: Workspace) -> None:
    agent_id, bpp_id = bpp_agent(ws)
    synthesis_id = service.create_synthesis(ws, agent_id, SynthesisKind.BPP)
    service.set_field(ws, synthesis_id, "fonction", "Chargée de mission", Author.AGENT)
    service.set_field(ws, synthesis_id, "phase2_date", "", Author.AGENT)
    bpp_service.record_final_interview(ws, bpp_id, date(2027, 1, 15))
    assert service.refresh_prefill(ws, synthesis_id) == ["phase2_date", "entretien_final_date"]
    doc = service.load_synthesis(ws, synthesis_id)
    assert doc.text("fonction") == "Chargée de mission" and doc.values["fonction"].author is Author.AGENT
    assert doc.text("entretien_final_date") == "15/01/2027" and doc.text("phase2_date") == "09/11/2026"
    assert service.refresh_prefill(ws, synthesis_id) == []
    with ws.store.session() as s:
        assert s.execute(select(SynthesisRow.bpp_id)).scalar_one() == bpp_id


def test_an_individual_bpps_dates_in_the_synthesis_are_those_of_its_interviews_held(ws: Workspace) -> None:
    """Rule (issue 13): an individual BPP's phase dates come from its E3 interviews that have taken place — a
    planned one dates its phase once its day has come, without anything else written meanwhile."""
    from cmc_desktop.domain.bpp import BppForm, Phase
    from cmc_desktop.domain.interview import E3Role
    from cmc_desktop.services.interviews import add_e3_interview

    from .factories import accepted_agent

    agent_id, demande_id = accepted_agent(ws, "Lefèvre", "Hélène")
    bpp_id = bpp_service.start_bpp(ws, demande_id, BppForm.INDIVIDUEL, "Situation de santé").id or 0
    add_e3_interview(ws, agent_id, bpp_id, Phase.LANCEMENT, E3Role.INITIAL, date(2026, 11, 20))  # planned
    synthesis_id = service.create_synthesis(ws, agent_id, SynthesisKind.BPP, bpp_id)
    values = service.load_synthesis(ws, synthesis_id).values
    assert "date_lancement" not in values and values["entretien_initial_date"].text == "20/11/2026"
    assert isinstance(ws.clock, FixedClock)
    ws.clock.advance(days=5)  # the interview has taken place
    assert service.refresh_prefill(ws, synthesis_id) == ["date_lancement", "phase1_date"]
    assert service.load_synthesis(ws, synthesis_id).text("phase1_date") == "20/11/2026"
