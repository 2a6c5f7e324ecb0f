"""The demande d'accompagnement, its taking charge and its outcome, on a real store; the dashboard's lines."""

from datetime import date, timedelta

import pytest

from cmc_desktop.domain.accompaniment import Channel, Level, ProjectKind, Questionnaire, Result, TakeCharge
from cmc_desktop.domain.agent import AgentState
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.domain.interview import InterviewType
from cmc_desktop.domain.satisfaction import AccompanimentKind, AnswerVia, Satisfaction
from cmc_desktop.services import accompaniments as service
from cmc_desktop.services import satisfaction
from cmc_desktop.services.accompaniments import Outcome, RequestInput
from cmc_desktop.services.agents import AgentInput, create_agent, get_agent, get_agent_file
from cmc_desktop.services.dashboard import dashboard
from cmc_desktop.services.interviews import start_interview
from cmc_desktop.services.workspace import Workspace

from .synthesis_helpers import journal

TODAY = date(2026, 11, 16)


@pytest.fixture
def agent_id(ws: Workspace) -> int:
    return create_agent(ws, AgentInput("Arbousier", "Hélène"))


def lines(ws: Workspace, kind: str) -> list[tuple[str, str, date | None, str]]:
    return [(i.title, i.detail, i.due, i.severity) for i in dashboard(ws) if i.kind == kind]


def test_a_request_is_recorded_with_its_channel_need_diagnosis_level_and_lead_time(ws: Workspace,
                                                                                 agent_id: int) -> None:
    accompaniment_id = service.record_request(ws, agent_id, RequestInput(
        date(2026, 11, 2), Channel.APRES_E1, Level.PERSONNALISE, need="Changer de métier",
        diagnosis="Projet à construire", promised_days=15))
    [view] = get_agent_file(ws, agent_id).accompaniments
    assert (view.id, view.request.channel, view.request.need, view.promised_on) == (
        accompaniment_id, Channel.APRES_E1, "Changer de métier", date(2026, 11, 17))
    assert view.take_charge.status is TakeCharge.DUE_SOON and view.open
    [entry] = [e for e in journal(ws) if e.code == AuditCode.ACCOMPANIMENT_REQUESTED]
    assert "Changer" not in entry.detail and entry.detail == f"accompagnement={accompaniment_id} niveau=2"


def test_one_open_request_at_a_time_and_only_for_a_file_in_progress(ws: Workspace, agent_id: int) -> None:
    service.record_request(ws, agent_id, RequestInput(date(2026, 11, 2)))
    with pytest.raises(DomainError, match="déjà en cours"):
        service.record_request(ws, agent_id, RequestInput(date(2026, 11, 10)))


def test_the_dashboard_warns_before_the_promised_date_passes_without_a_first_interview(ws: Workspace,
                                                                                     agent_id: int) -> None:
    service.record_request(ws, agent_id, RequestInput(date(2026, 11, 2), promised_days=15))
    assert lines(ws, "prise_en_charge") == [(
        "Premier entretien à tenir avec Hélène ARBOUSIER",
        "Demande d'accompagnement du 02/11/2026 : le délai de prise en charge communiqué à l'agent échoit le "
        "17/11/2026, sans entretien prévu d'ici là.", date(2026, 11, 17), "a_faire")]
    # An interview planned before the promised date answers the warning.
    start_interview(ws, agent_id, InterviewType.E2, date(2026, 11, 17))
    assert lines(ws, "prise_en_charge") == []
    [upcoming] = lines(ws, "entretien")
    assert upcoming[0] == "Entretien du 17/11/2026 avec Hélène ARBOUSIER" and upcoming[3] == "info"


def test_past_the_promised_date_the_line_is_urgent(ws: Workspace, agent_id: int) -> None:
    service.record_request(ws, agent_id, RequestInput(date(2026, 10, 20), promised_days=15))  # 04/11
    [(title, _detail, due, severity)] = lines(ws, "prise_en_charge")
    assert (title, due, severity) == ("Délai de prise en charge dépassé pour Hélène ARBOUSIER", date(2026, 11, 4),
                                      "urgent")
    start_interview(ws, agent_id, InterviewType.E1, date(2026, 11, 10))  # held, late
    assert lines(ws, "prise_en_charge") == []
    [view] = get_agent_file(ws, agent_id).accompaniments
    assert (view.take_charge.status, view.take_charge.taken_on, view.take_charge.within_promise) == (
        TakeCharge.TAKEN, date(2026, 11, 10), False)


def test_a_request_without_a_lead_time_asks_for_one(ws: Workspace, agent_id: int) -> None:
    service.record_request(ws, agent_id, RequestInput(date(2026, 11, 10)))
    [(title, _detail, due, severity)] = lines(ws, "prise_en_charge")
    assert (title, due, severity) == ("Délai de prise en charge à communiquer à Hélène ARBOUSIER", None, "info")


def test_closing_records_the_outcome_ends_the_file_and_prompts_the_questionnaire(ws: Workspace,
                                                                                agent_id: int) -> None:
    accompaniment_id = service.record_request(ws, agent_id, RequestInput(date(2026, 10, 1), promised_days=15))
    start_interview(ws, agent_id, InterviewType.E2, date(2026, 10, 8))
    assert service.close_accompaniment(ws, agent_id, Outcome(date(2026, 11, 12), ProjectKind.AUTRE_MINISTERE,
                                                             Result.MOBILITE_REALISEE)) == accompaniment_id
    agent = get_agent(ws, agent_id)
    assert (agent.state, agent.accompaniment_ended_on) == (AgentState.TERMINE, date(2026, 11, 12))
    [view] = get_agent_file(ws, agent_id).accompaniments
    assert (view.closed_on, view.project_kind, view.result, view.questionnaire) == (
        date(2026, 11, 12), ProjectKind.AUTRE_MINISTERE, Result.MOBILITE_REALISEE, None)
    [(title, _d, _due, severity)] = lines(ws, "questionnaire")
    assert (title, severity) == ("Questionnaire de satisfaction à proposer à Hélène ARBOUSIER", "a_faire")

    service.record_questionnaire(ws, accompaniment_id, Questionnaire.PAPIER)
    assert [line[0] for line in lines(ws, "questionnaire")] == ["Questionnaire papier attendu de Hélène ARBOUSIER"]
    # The paper answers come back: recorded without naming the accompaniment, they are attached to it.
    satisfaction.record(ws, Satisfaction(agent_id, AccompanimentKind.E2, TODAY, AnswerVia.PAPIER, overall=9))
    assert lines(ws, "questionnaire") == []
    [view] = get_agent_file(ws, agent_id).accompaniments
    assert view.answered and view.questionnaire is Questionnaire.PAPIER


def test_declining_is_recorded_as_a_declined_questionnaire(ws: Workspace, agent_id: int) -> None:
    accompaniment_id = service.record_request(ws, agent_id, RequestInput(date(2026, 10, 1)))
    service.close_accompaniment(ws, agent_id, Outcome(TODAY, ProjectKind.MAINTIEN, Result.ABANDON))
    service.record_questionnaire(ws, accompaniment_id, Questionnaire.DECLINE)
    [answer] = satisfaction.list_for_agent(ws, agent_id)
    assert answer.declined and answer.accompaniment_id == accompaniment_id and answer.overall is None
    assert lines(ws, "questionnaire") == []


def test_the_questionnaire_is_proposed_only_once_the_accompaniment_is_closed(ws: Workspace, agent_id: int) -> None:
    accompaniment_id = service.record_request(ws, agent_id, RequestInput(date(2026, 10, 1)))
    with pytest.raises(DomainError, match="à la fin de l'accompagnement"):
        service.record_questionnaire(ws, accompaniment_id, Questionnaire.ECRAN)


def test_an_accompaniment_begun_before_requests_were_recorded_is_closed_with_its_request(ws: Workspace,
                                                                                       agent_id: int) -> None:
    outcome = Outcome(TODAY, ProjectKind.RECONVERSION, Result.BILAN_COMPETENCES)
    with pytest.raises(DomainError, match="indiquez la date de sa demande"):
        service.close_accompaniment(ws, agent_id, outcome)
    service.close_accompaniment(ws, agent_id, outcome, request=RequestInput(date(2026, 3, 1), Channel.SERVICE_RH))
    [view] = get_agent_file(ws, agent_id).accompaniments
    assert (view.request.requested_on, view.request.channel, view.result) == (
        date(2026, 3, 1), Channel.SERVICE_RH, Result.BILAN_COMPETENCES)


def test_closing_before_the_last_interview_is_refused_and_nothing_changes(ws: Workspace, agent_id: int) -> None:
    service.record_request(ws, agent_id, RequestInput(date(2026, 10, 1)))
    start_interview(ws, agent_id, InterviewType.E2, date(2026, 11, 10))
    with pytest.raises(ValidationError, match="dernier entretien \\(10/11/2026\\)"):
        service.close_accompaniment(ws, agent_id, Outcome(date(2026, 11, 5), ProjectKind.MAINTIEN, Result.ABANDON))
    assert get_agent(ws, agent_id).state is AgentState.ACTIF
    assert get_agent_file(ws, agent_id).accompaniments[0].open


def test_a_request_is_corrected_field_by_field_and_deleted_only_while_open(ws: Workspace, agent_id: int) -> None:
    accompaniment_id = service.record_request(ws, agent_id, RequestInput(date(2026, 11, 2), need="Premier jet"))
    service.update_request(ws, accompaniment_id, RequestInput(date(2026, 11, 2), need="Besoin corrigé",
                                                              promised_days=30))
    [entry] = [e for e in journal(ws) if e.code == AuditCode.ACCOMPANIMENT_UPDATED]
    assert entry.detail == f"accompagnement={accompaniment_id} champs=need,promised_days"
    service.delete_request(ws, accompaniment_id)
    assert get_agent_file(ws, agent_id).accompaniments == []
    other = service.record_request(ws, agent_id, RequestInput(date(2026, 11, 2)))
    service.close_accompaniment(ws, agent_id, Outcome(TODAY, ProjectKind.MAINTIEN, Result.PROJET_EN_COURS))
    with pytest.raises(DomainError, match="ne peut plus être supprimé"):
        service.delete_request(ws, other)


def test_a_seance_attended_takes_charge_like_an_interview(ws: Workspace) -> None:
    from .synthesis_helpers import bpp_agent

    agent_id, _bpp = bpp_agent(ws, "Bruyère", "Noël")  # promotion séances from 03/11, absent on 12/11
    service.record_request(ws, agent_id, RequestInput(date(2026, 11, 10), promised_days=30))
    [view] = get_agent_file(ws, agent_id).accompaniments
    # The séance of 12/11 was missed: not a meeting; the next one ahead is planned.
    assert (view.take_charge.status, view.take_charge.planned_on) == (TakeCharge.PLANNED, date(2026, 11, 30))
    from cmc_desktop.services import promotions

    seances = promotions.list_seances(ws, _promotion_of(ws, agent_id))
    [on_12th] = [x for x in seances if x.held_on == date(2026, 11, 12)]
    assert on_12th.id is not None
    promotions.set_attendance(ws, on_12th.id, agent_id, True)  # the attendance is corrected: the agent came
    [view] = get_agent_file(ws, agent_id).accompaniments
    assert (view.take_charge.status, view.take_charge.taken_on) == (TakeCharge.TAKEN, date(2026, 11, 12))


def _promotion_of(ws: Workspace, agent_id: int) -> int:
    [bpp] = get_agent_file(ws, agent_id).bpps
    assert bpp.promotion_id is not None
    return bpp.promotion_id


def test_upcoming_interviews_reach_two_weeks_ahead(ws: Workspace, agent_id: int) -> None:
    start_interview(ws, agent_id, InterviewType.E2, TODAY)
    start_interview(ws, agent_id, InterviewType.E4, TODAY + timedelta(days=14))
    start_interview(ws, agent_id, InterviewType.E2, TODAY + timedelta(days=15))
    start_interview(ws, agent_id, InterviewType.E2, TODAY - timedelta(days=1))
    assert [(due, severity) for _t, _d, due, severity in lines(ws, "entretien")] == [
        (TODAY, "a_faire"), (TODAY + timedelta(days=14), "info")]
