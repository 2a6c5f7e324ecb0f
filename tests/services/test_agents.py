"""Agent use cases on a real SQLCipher store: the identity form, the agent's file, the end of an accompaniment."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from cmc_desktop.data.models import AgentRow, ConsentRow, SynthesisFieldRow, SynthesisRow
from cmc_desktop.data.repositories import audit
from cmc_desktop.domain.agent import AgentState, Category, PriorityGround, Statut
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.bpp import BppForm, Phase
from cmc_desktop.domain.consent import RecipientKind
from cmc_desktop.domain.demande import Decision, DemandeStatus
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.domain.interview import E3Role, InterviewType
from cmc_desktop.domain.promotion import Promotion
from cmc_desktop.domain.synthesis import SynthesisStatus
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services import bpp as bpp_service
from cmc_desktop.services import demandes, interviews, promotions
from cmc_desktop.services.agents import (
    AgentInput,
    create_agent,
    end_accompaniment,
    get_agent,
    get_agent_file,
    reopen_accompaniment,
    update_agent,
)
from cmc_desktop.services.workspace import Workspace
from tests.conftest import MARKER

from .helpers import plaintext_hits

TODAY = date(2026, 11, 16)
HELENE = AgentInput(
    last_name="Lefèvre", first_name="Hélène", category=Category.C, statut=Statut.CONTRACTUEL,
    fonction="Gestionnaire RH", service="Préfecture (fictive) du Val", email="helene.lefevre@exemple.fr",
    phone="01 23 45 67 89", date_prise_fonction=date(2019, 9, 1),
    priority_grounds=frozenset({PriorityGround.CAT_C_SANS_DIPLOME, PriorityGround.L5212_13}),
    referent_handicap_informed_on=None, referent_handicap_associated=False, private_notes="Souhaite évoluer.")


def _agent_count(ws: Workspace) -> int:
    with ws.store.session() as s:
        return s.execute(select(func.count()).select_from(AgentRow)).scalar_one()


def _journal(ws: Workspace) -> list[tuple[str, str, str]]:
    with ws.store.session() as s:
        return [(e.code, e.subject, e.detail) for e in audit.entries(s)]


def test_an_agent_with_an_accented_name_is_created_with_every_field_and_journaled(ws: Workspace) -> None:
    agent_id = create_agent(ws, HELENE)
    agent = get_agent(ws, agent_id)
    assert AgentInput.of(agent) == HELENE
    assert agent.state is AgentState.ACTIF and agent.pseudo_id.startswith("AG-")
    assert _journal(ws) == [(AuditCode.AGENT_CREATED, agent.pseudo_id, "")]


@pytest.mark.parametrize(("changes", "message"), [
    ({"last_name": "  "}, "« Nom » est obligatoire"),
    ({"email": "pas-une-adresse"}, "n'est pas une adresse valide"),
    ({"category": Category.A}, "ne vaut que pour un agent de catégorie C"),
    ({"date_prise_fonction": date(2206, 1, 1)}, "n'est pas plausible"),
])
def test_bad_input_is_refused_and_changes_nothing(ws: Workspace, changes: dict[str, object], message: str) -> None:
    bad = replace(HELENE, **changes)
    with pytest.raises(ValidationError, match=message):
        create_agent(ws, bad)
    assert _agent_count(ws) == 0 and _journal(ws) == []

    agent_id = create_agent(ws, HELENE)
    with pytest.raises(ValidationError, match=message):
        update_agent(ws, agent_id, bad)
    assert AgentInput.of(get_agent(ws, agent_id)) == HELENE
    assert [code for code, _, _ in _journal(ws)] == [AuditCode.AGENT_CREATED]


def test_an_update_saves_the_form_and_journals_field_names_only(ws: Workspace) -> None:
    agent_id = create_agent(ws, HELENE)
    informed = replace(HELENE, service=MARKER, referent_handicap_informed_on=date(2026, 11, 2),
                       referent_handicap_associated=True, private_notes=f"Rencontre avec {MARKER}")
    update_agent(ws, agent_id, informed)
    assert AgentInput.of(get_agent(ws, agent_id)) == informed
    update_agent(ws, agent_id, informed)  # autosave with nothing new: no write, no journal entry
    code, subject, detail = _journal(ws)[-1]
    assert len(_journal(ws)) == 2 and code == AuditCode.AGENT_UPDATED
    assert subject == get_agent(ws, agent_id).pseudo_id
    assert detail == ("champs=service,referent_handicap_informed_on,referent_handicap_associated,private_notes")
    assert all(MARKER not in value and "Lefèvre" not in value for entry in _journal(ws) for value in entry)


def test_unknown_agent(ws: Workspace) -> None:
    for call in (lambda: get_agent(ws, 99), lambda: update_agent(ws, 99, HELENE),
                 lambda: get_agent_file(ws, 99), lambda: end_accompaniment(ws, 99, TODAY)):
        with pytest.raises(DomainError, match="Agent introuvable"):
            call()


def _seed_synthesis(ws: Workspace, agent_id: int, bpp_id: int | None) -> int:
    with ws.store.session() as s:
        synthesis = SynthesisRow(pseudo_id="DS-FICHIER1", agent_id=agent_id, bpp_id=bpp_id, kind=SynthesisKind.BPP,
                                 status=SynthesisStatus.EN_COURS)
        s.add(synthesis)
        s.flush()
        s.add(SynthesisFieldRow(synthesis_id=synthesis.id, key="1.1", text="Projet d'évolution"))
        s.add(ConsentRow(synthesis_id=synthesis.id, recipient_kind=RecipientKind.SERVICE_RH,
                         recipient_name="Service RH fictif", scope="Document complet", given_on=date(2026, 11, 3),
                         withdrawn_on=date(2026, 11, 10)))
        s.add(ConsentRow(synthesis_id=synthesis.id, recipient_kind=RecipientKind.AUTRE_CMC,
                         recipient_name="CMC de la DREETS fictive", scope="Plan d'action", given_on=date(2026, 11, 12)))
        return synthesis.id


def test_the_agent_file_gathers_demandes_interviews_bpp_promotion_syntheses_and_consents(ws: Workspace) -> None:
    agent_id = create_agent(ws, HELENE)
    e2_id = interviews.start_e2(ws, agent_id, date(2026, 9, 1))
    demande_id = interviews.refer_to_bpp(ws, e2_id, date(2026, 9, 2))
    demandes.decide_demande(ws, demande_id, Decision.ACCORD, date(2026, 9, 20))
    promotion = promotions.create_promotion(ws, Promotion("Promotion d'automne", start_date=date(2026, 12, 1)))
    assert promotion.id is not None
    bpp = promotions.enrol(ws, promotion.id, demande_id)
    assert bpp.id is not None
    initial_id = interviews.add_e3_interview(ws, agent_id, bpp.id, Phase.LANCEMENT, E3Role.INITIAL,
                                             date(2026, 11, 20))
    synthesis_id = _seed_synthesis(ws, agent_id, bpp.id)

    file = get_agent_file(ws, agent_id)

    assert file.display_name == "Hélène LEFÈVRE" and file.agent.fonction == "Gestionnaire RH"
    assert file.priority_grounds == HELENE.priority_grounds
    assert [(d.id, d.status, d.source_interview_id, d.bpp_id) for d in file.demandes] == [
        (demande_id, DemandeStatus.ACCORD, e2_id, bpp.id)]
    assert [(i.id, i.type, i.e3_role) for i in file.interviews] == [
        (initial_id, InterviewType.E3, E3Role.INITIAL), (e2_id, InterviewType.E2, None)]
    [summary] = file.bpps
    assert (summary.id, summary.form, summary.current_phase, summary.promotion_name) == (
        bpp.id, BppForm.COLLECTIF, Phase.LANCEMENT, "Promotion d'automne")
    assert summary.initial_interview_on == date(2026, 11, 20) and summary.demande_id == demande_id
    assert [(x.id, x.pseudo_id, x.kind, x.status) for x in file.syntheses] == [
        (synthesis_id, "DS-FICHIER1", SynthesisKind.BPP, SynthesisStatus.EN_COURS)]
    assert [(c.recipient_kind, c.recipient_name, c.given_on, c.withdrawn) for c in file.consents] == [
        (RecipientKind.SERVICE_RH, "Service RH fictif", date(2026, 11, 3), True),
        (RecipientKind.AUTRE_CMC, "CMC de la DREETS fictive", date(2026, 11, 12), False)]
    # L. 5212-13 and a BPP started: the référent handicap has to be informed.
    assert file.referent_handicap_pending
    code, subject, detail = _journal(ws)[-1]
    assert (code, subject, detail) == (AuditCode.AGENT_OPENED, file.agent.pseudo_id, "")

    update_agent(ws, agent_id, replace(HELENE, referent_handicap_informed_on=TODAY))
    journaled = len(_journal(ws))
    assert not get_agent_file(ws, agent_id, journal=False).referent_handicap_pending  # read again after a change
    assert len(_journal(ws)) == journaled


def test_ending_and_resuming_an_accompaniment(ws: Workspace) -> None:
    agent_id = create_agent(ws, HELENE)
    interviews.start_e2(ws, agent_id, date(2026, 11, 10))
    with pytest.raises(ValidationError, match="dernier entretien \\(10/11/2026\\)"):
        end_accompaniment(ws, agent_id, date(2026, 11, 9))
    end_accompaniment(ws, agent_id, date(2026, 11, 12))
    agent = get_agent(ws, agent_id)
    assert (agent.state, agent.accompaniment_ended_on) == (AgentState.TERMINE, date(2026, 11, 12))
    with pytest.raises(DomainError, match="déjà terminé"):
        end_accompaniment(ws, agent_id, TODAY)
    with pytest.raises(DomainError, match="reprenez-le"):
        interviews.start_e2(ws, agent_id, TODAY)
    with pytest.raises(DomainError, match="reprenez-le"):
        demandes.record_demande(ws, agent_id, TODAY)

    reopen_accompaniment(ws, agent_id)
    assert get_agent(ws, agent_id).state is AgentState.ACTIF
    interviews.start_e2(ws, agent_id, TODAY)
    codes = [code for code, _, _ in _journal(ws)]
    assert AuditCode.ACCOMPANIMENT_ENDED in codes and codes.count(AuditCode.ACCOMPANIMENT_REOPENED) == 1


def test_an_accompaniment_with_an_open_bpp_does_not_end(ws: Workspace) -> None:
    agent_id = create_agent(ws, HELENE)
    demande_id = demandes.record_demande(ws, agent_id, date(2026, 10, 1))
    demandes.decide_demande(ws, demande_id, Decision.ACCORD, date(2026, 10, 15))
    bpp_service.start_bpp(ws, demande_id)
    with pytest.raises(DomainError, match="clôturez-le avant de terminer"):
        end_accompaniment(ws, agent_id, TODAY)
    assert get_agent(ws, agent_id).state is AgentState.ACTIF


def test_a_renamed_agent_leaves_no_trace_of_the_former_name_in_the_store(ws: Workspace, data_dir: Path) -> None:
    marked = replace(HELENE, last_name="Quastenbrück", first_name="Zéphyrine")
    agent_id = create_agent(ws, marked)
    ws.store.checkpoint()
    assert plaintext_hits(data_dir / "store.db", ws.store.raw_key, MARKER) > 0  # the check can see content
    update_agent(ws, agent_id, HELENE)
    ws.store.checkpoint()
    assert plaintext_hits(data_dir / "store.db", ws.store.raw_key, MARKER) == 0


def test_a_read_only_store_still_opens_a_file_without_journaling_it(ws: Workspace) -> None:
    agent_id = create_agent(ws, HELENE)
    ws.store.read_only = True  # as when the store was opened read-only after a failed integrity check
    assert get_agent_file(ws, agent_id).display_name == "Hélène LEFÈVRE"
    assert [code for code, _, _ in _journal(ws)] == [AuditCode.AGENT_CREATED]
