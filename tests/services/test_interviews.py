"""Interviews on a real SQLCipher store: an E2 series up to the referral to a BPP, E3 interviews in the phases."""

from dataclasses import replace
from datetime import date

import pytest

from cmc_desktop.data.repositories import audit
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.bpp import BppForm, Phase
from cmc_desktop.domain.demande import Decision, DemandeStatus, Initiative
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.domain.interview import (
    E1Response,
    E3Role,
    InterviewType,
    Mode,
    Orientation,
    PropositionItem,
    SupportKind,
    TargetPublic,
)
from cmc_desktop.services import bpp as bpp_service
from cmc_desktop.services.agents import AgentInput, create_agent, get_agent_file
from cmc_desktop.services.demandes import decide_demande, get_demande, record_demande
from cmc_desktop.services.interviews import (
    InterviewInput,
    add_e3_interview,
    delete_interview,
    get_interview,
    interviews_for_agent,
    refer_to_bpp,
    start_e2,
    start_interview,
    update_interview,
)
from cmc_desktop.services.workspace import Workspace
from tests.conftest import MARKER

TODAY = date(2026, 11, 16)
FILLED = InterviewInput(
    held_on=date(2026, 11, 2), mode=Mode.DISTANCE, duration_minutes=75, subject="Projet de mobilité",
    proposition_items=frozenset({PropositionItem.CONTEXTE, PropositionItem.CONFIDENTIALITE}),
    proposition_notes="Cadre et durée présentés", support_kind=SupportKind.CONSTRUCTION,
    support_notes="Deux pistes explorées", progress_shared="Piste concours interne retenue",
    next_actions="Préparer un CV", private_notes=f"Notes sur {MARKER}")


@pytest.fixture
def agent_id(ws: Workspace) -> int:
    return create_agent(ws, AgentInput("Lefèvre", "Hélène"))


def _journal(ws: Workspace) -> list[tuple[str, str, str]]:
    with ws.store.session() as s:
        return [(e.code, e.subject, e.detail) for e in audit.entries(s)]


def test_an_e2_interview_records_its_three_phases(ws: Workspace, agent_id: int) -> None:
    interview_id = start_e2(ws, agent_id, date(2026, 11, 2), Mode.DISTANCE)
    view = get_interview(ws, interview_id)
    assert (view.type, view.agent_id, view.data.held_on, view.data.mode) == (
        InterviewType.E2, agent_id, date(2026, 11, 2), Mode.DISTANCE)
    assert view.data == InterviewInput(held_on=date(2026, 11, 2), mode=Mode.DISTANCE)

    update_interview(ws, interview_id, FILLED)
    view = get_interview(ws, interview_id)
    assert view.data == FILLED and not view.referred_to_bpp and view.demande_id is None
    update_interview(ws, interview_id, FILLED)  # autosave with nothing new
    journal = _journal(ws)
    assert [code for code, _, _ in journal] == [AuditCode.AGENT_CREATED, AuditCode.INTERVIEW_RECORDED,
                                                AuditCode.INTERVIEW_UPDATED]
    assert journal[1][2] == f"entretien={interview_id} type=E2"
    assert journal[2][2] == (f"entretien={interview_id} champs=duration_minutes,subject,proposition_items,"
                             "proposition_notes,support_kind,support_notes,progress_shared,next_actions,private_notes")
    assert all(MARKER not in value for entry in journal for value in entry)


@pytest.mark.parametrize(("changes", "message"), [
    ({"duration_minutes": 0}, "entre 1 minute et 8 heures"),
    ({"held_on": date(2028, 1, 1)}, "Date de l'entretien"),
    ({"subject": "a\nb"}, "doit tenir sur une ligne"),
    ({"next_actions": "x" * 50_001}, "Prochaines actions"),
])
def test_bad_interview_input_is_refused_and_changes_nothing(ws: Workspace, agent_id: int,
                                                           changes: dict[str, object], message: str) -> None:
    interview_id = start_e2(ws, agent_id, date(2026, 11, 2))
    update_interview(ws, interview_id, FILLED)
    with pytest.raises(ValidationError, match=message):
        update_interview(ws, interview_id, replace(FILLED, **changes))
    assert get_interview(ws, interview_id).data == FILLED


def test_an_accompaniment_is_a_series_of_interviews_listed_most_recent_first(ws: Workspace, agent_id: int) -> None:
    first = start_e2(ws, agent_id, date(2026, 9, 1))
    info = start_interview(ws, agent_id, InterviewType.E1, date(2026, 8, 20))
    third = start_e2(ws, agent_id, date(2026, 11, 2))
    second = start_e2(ws, agent_id, date(2026, 10, 5))
    assert [(i.id, i.type) for i in interviews_for_agent(ws, agent_id)] == [
        (third, InterviewType.E2), (second, InterviewType.E2), (first, InterviewType.E2), (info, InterviewType.E1)]
    with pytest.raises(DomainError, match="depuis le bilan de l'agent"):
        start_interview(ws, agent_id, InterviewType.E3, TODAY)
    with pytest.raises(ValidationError, match="Date de l'entretien"):
        start_e2(ws, agent_id, date(1902, 1, 1))
    assert len(interviews_for_agent(ws, agent_id)) == 4


def test_an_e2_interview_refers_the_agent_to_a_bpp_up_to_the_bilan(ws: Workspace, agent_id: int) -> None:
    interview_id = start_e2(ws, agent_id, date(2026, 10, 5))
    demande_id = refer_to_bpp(ws, interview_id, date(2026, 10, 6))

    demande = get_demande(ws, demande_id)
    assert (demande.agent_id, demande.request_date, demande.initiative, demande.agent_agreement) == (
        agent_id, date(2026, 10, 6), Initiative.AGENT, True)
    assert (demande.source_interview_id, demande.status) == (interview_id, DemandeStatus.EN_ATTENTE)
    view = get_interview(ws, interview_id)
    assert view.referred_to_bpp and view.demande_id == demande_id
    assert _journal(ws)[-1][2] == f"demande={demande_id} initiative=agent entretien={interview_id}"

    with pytest.raises(DomainError, match="déjà orienté"):
        refer_to_bpp(ws, interview_id, TODAY)
    decide_demande(ws, demande_id, Decision.ACCORD, date(2026, 10, 20))
    bpp = bpp_service.start_bpp(ws, demande_id)
    file = get_agent_file(ws, agent_id)
    assert [(d.id, d.bpp_id) for d in file.demandes] == [(demande_id, bpp.id)]
    assert file.interviews[0].referred_to_bpp


def test_an_e4_records_its_initiative_and_public_and_the_demande_records_the_e4_it_came_from(
        ws: Workspace, agent_id: int) -> None:
    """Rule (strategy, E4): the entretien de carrière is at the employer's initiative, for a target public, and
    « peut conduire à mobiliser le bilan de parcours professionnel »: the demande records the E4 it came from."""
    career = start_interview(ws, agent_id, InterviewType.E4, date(2026, 10, 5))
    assert get_interview(ws, career).data.initiative is Initiative.EMPLOYEUR
    update_interview(ws, career, replace(get_interview(ws, career).data, target_public=TargetPublic.PROJECTION))
    assert get_interview(ws, career).data.target_public is TargetPublic.PROJECTION
    demande_id = refer_to_bpp(ws, career, date(2026, 10, 6), Initiative.EMPLOYEUR)
    assert get_demande(ws, demande_id).source_interview_id == career
    assert get_interview(ws, career).demande_id == demande_id and get_interview(ws, career).referred_to_bpp


def test_an_e1_records_the_aiguillage_and_the_documents_and_links_sent(ws: Workspace, agent_id: int) -> None:
    """Rule (strategy, figure I): the E1 records which actor or tool the agent was directed to, and what was
    sent."""
    info = start_interview(ws, agent_id, InterviewType.E1, date(2026, 10, 5))
    data = replace(get_interview(ws, info).data, e1_response=E1Response.AIGUILLAGE, orientation=Orientation.CMC,
                   orientation_actor="Conseillère mobilité-carrière de la plate-forme RH",
                   documents_sent="Guide de la mobilité ; https://choisirleservicepublic.gouv.fr")
    update_interview(ws, info, data)
    assert get_interview(ws, info).data == data
    assert "orientation_actor" in _journal(ws)[-1][2] and "plate-forme" not in _journal(ws)[-1][2]


def test_a_referral_needs_an_e2_interview_held_before_the_demande(ws: Workspace, agent_id: int) -> None:
    info = start_interview(ws, agent_id, InterviewType.E1, date(2026, 10, 5))
    with pytest.raises(ValidationError, match="Seul un entretien projet de mobilité \\(E2\\) ou de carrière"):
        refer_to_bpp(ws, info, TODAY)
    e2_id = start_e2(ws, agent_id, date(2026, 11, 10))
    with pytest.raises(ValidationError, match="ne peut pas précéder l'entretien qui l'a suscitée"):
        refer_to_bpp(ws, e2_id, date(2026, 11, 9))
    pending = record_demande(ws, agent_id, date(2026, 11, 1))
    with pytest.raises(DomainError, match="attend déjà la réponse"):
        refer_to_bpp(ws, e2_id, TODAY)
    assert not get_interview(ws, e2_id).referred_to_bpp
    assert [i.referred_to_bpp for i in interviews_for_agent(ws, agent_id)] == [False, False]
    assert get_demande(ws, pending).source_interview_id is None
    with pytest.raises(DomainError, match="n'existe pas"):
        refer_to_bpp(ws, 999, TODAY)


def _individual_bpp(ws: Workspace, agent_id: int) -> int:
    demande_id = record_demande(ws, agent_id, date(2026, 9, 1))
    decide_demande(ws, demande_id, Decision.ACCORD, date(2026, 9, 15))
    bpp = bpp_service.start_bpp(ws, demande_id, BppForm.INDIVIDUEL, "Situation de santé incompatible avec un groupe")
    assert bpp.id is not None
    return bpp.id


def test_individual_bpp_interviews_are_mapped_onto_the_four_phases(ws: Workspace, agent_id: int) -> None:
    bpp_id = _individual_bpp(ws, agent_id)
    initial = add_e3_interview(ws, agent_id, bpp_id, Phase.LANCEMENT, E3Role.INITIAL, date(2026, 11, 16))
    assert bpp_service.get_bpp(ws, bpp_id).initial_interview_on == date(2026, 11, 16)
    with pytest.raises(DomainError, match="L'entretien initial de ce bilan est déjà enregistré"):
        add_e3_interview(ws, agent_id, bpp_id, Phase.LANCEMENT, E3Role.INITIAL, TODAY)
    seances = [add_e3_interview(ws, agent_id, bpp_id, phase, E3Role.SEANCE, date(2026, 11, 20 + n), Mode.DISTANCE)
               for n, phase in enumerate((Phase.ANALYSE, Phase.ANALYSE, Phase.PLAN_ACTION))]
    with pytest.raises(ValidationError, match="L'entretien final appartient à la phase 4"):
        add_e3_interview(ws, agent_id, bpp_id, Phase.PLAN_ACTION, E3Role.FINAL, date(2026, 12, 15))
    with pytest.raises(ValidationError, match="L'entretien final ne peut pas précéder l'entretien initial"):
        add_e3_interview(ws, agent_id, bpp_id, Phase.CONCLUSION, E3Role.FINAL, date(2026, 11, 10))
    final = add_e3_interview(ws, agent_id, bpp_id, Phase.CONCLUSION, E3Role.FINAL, date(2026, 12, 15))
    assert bpp_service.get_bpp(ws, bpp_id).final_interview_on == date(2026, 12, 15)

    listed = interviews_for_agent(ws, agent_id)
    assert [(i.id, i.bpp_phase, i.e3_role) for i in listed] == [
        (final, Phase.CONCLUSION, E3Role.FINAL), (seances[2], Phase.PLAN_ACTION, E3Role.SEANCE),
        (seances[1], Phase.ANALYSE, E3Role.SEANCE), (seances[0], Phase.ANALYSE, E3Role.SEANCE),
        (initial, Phase.LANCEMENT, E3Role.INITIAL)]
    assert all(i.bpp_id == bpp_id and i.type is InterviewType.E3 for i in listed)

    # Moving the final interview moves the BPP's date; deleting the initial one clears it.
    update_interview(ws, final, replace(get_interview(ws, final).data, held_on=date(2026, 12, 18)))
    assert bpp_service.get_bpp(ws, bpp_id).final_interview_on == date(2026, 12, 18)
    delete_interview(ws, initial)
    assert bpp_service.get_bpp(ws, bpp_id).initial_interview_on is None
    assert _journal(ws)[-1][0] == AuditCode.INTERVIEW_DELETED
    add_e3_interview(ws, agent_id, bpp_id, Phase.LANCEMENT, E3Role.INITIAL, date(2026, 11, 17))


def test_e3_interviews_only_in_the_agents_own_open_bpp(ws: Workspace, agent_id: int) -> None:
    bpp_id = _individual_bpp(ws, agent_id)
    other = create_agent(ws, AgentInput("Martin", "Léa"))
    with pytest.raises(DomainError, match="n'est pas celui de cet agent"):
        add_e3_interview(ws, other, bpp_id, Phase.ANALYSE, E3Role.SEANCE, TODAY)
    with pytest.raises(DomainError, match="n'existe pas"):
        add_e3_interview(ws, agent_id, 999, Phase.ANALYSE, E3Role.SEANCE, TODAY)

    bpp_service.record_contract(ws, bpp_id, date(2026, 11, 2))
    add_e3_interview(ws, agent_id, bpp_id, Phase.LANCEMENT, E3Role.INITIAL, date(2026, 11, 2))
    for phase in (Phase.ANALYSE, Phase.PLAN_ACTION):
        bpp_service.advance_bpp(ws, bpp_id)
        add_e3_interview(ws, agent_id, bpp_id, phase, E3Role.SEANCE, TODAY)  # each phase begins with one held
    bpp_service.advance_bpp(ws, bpp_id)
    final = add_e3_interview(ws, agent_id, bpp_id, Phase.CONCLUSION, E3Role.FINAL, TODAY)
    bpp_service.advance_bpp(ws, bpp_id)  # closes the bilan
    with pytest.raises(DomainError, match="Ce bilan est clos"):
        add_e3_interview(ws, agent_id, bpp_id, Phase.CONCLUSION, E3Role.SEANCE, TODAY)
    with pytest.raises(ValidationError, match="Un bilan clos garde la date de son entretien final"):
        delete_interview(ws, final)
    assert get_interview(ws, final).e3_role is E3Role.FINAL
    assert bpp_service.get_bpp(ws, bpp_id).final_interview_on == TODAY


def test_unknown_interview(ws: Workspace) -> None:
    for call in (lambda: get_interview(ws, 7), lambda: update_interview(ws, 7, FILLED),
                 lambda: delete_interview(ws, 7)):
        with pytest.raises(DomainError, match="Cet entretien n'existe pas"):
            call()
    with pytest.raises(DomainError, match="Agent introuvable"):
        start_e2(ws, 7, TODAY)
