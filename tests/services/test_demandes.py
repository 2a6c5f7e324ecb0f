"""Demandes de BPP on a real SQLCipher store: recording, the hierarchy's decision, the implicit rejection date."""

from datetime import UTC, date, datetime

import pytest

from cmc_desktop.data.repositories import audit
from cmc_desktop.domain.agent import PriorityGround
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.clock import FixedClock
from cmc_desktop.domain.demande import Decision, DemandeStatus, Initiative, Report, ReportReason
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.services import bpp as bpp_service
from cmc_desktop.services.agents import AgentInput, create_agent, get_agent
from cmc_desktop.services.dashboard import dashboard
from cmc_desktop.services.demandes import decide_demande, demandes_for_agent, get_demande, record_demande
from cmc_desktop.services.interviews import start_e2
from cmc_desktop.services.promotions import enrolable_demandes
from cmc_desktop.services.workspace import Workspace

TODAY = date(2026, 11, 16)


@pytest.fixture
def agent_id(ws: Workspace) -> int:
    return create_agent(ws, AgentInput("Lefèvre", "Hélène"))


def _journal(ws: Workspace) -> list[tuple[str, str, str]]:
    with ws.store.session() as s:
        return [(e.code, e.subject, e.detail) for e in audit.entries(s)]


def test_a_demande_awaits_the_answer_and_shows_when_silence_becomes_a_rejection(ws: Workspace,
                                                                                agent_id: int) -> None:
    demande_id = record_demande(ws, agent_id, date(2026, 10, 20), Initiative.EMPLOYEUR, agent_agreement=True)
    view = get_demande(ws, demande_id)
    assert (view.agent_id, view.request_date, view.initiative, view.agent_agreement) == (
        agent_id, date(2026, 10, 20), Initiative.EMPLOYEUR, True)
    assert (view.decision, view.status, view.implicit_rejection_on) == (
        Decision.EN_ATTENTE, DemandeStatus.EN_ATTENTE, date(2026, 12, 20))
    assert (view.days_before_implicit_rejection, view.deadline_near, view.deadline_past) == (34, False, False)
    assert view.bpp_id is None and view.source_interview_id is None
    assert _journal(ws)[-1] == (AuditCode.DEMANDE_RECORDED, get_agent(ws, agent_id).pseudo_id,
                                f"demande={demande_id} initiative=employeur")


@pytest.mark.parametrize(("request_date", "days", "near", "past", "status"), [
    (date(2026, 9, 30), 14, True, False, DemandeStatus.EN_ATTENTE),
    (date(2026, 10, 1), 15, False, False, DemandeStatus.EN_ATTENTE),
    (date(2026, 9, 17), 1, True, False, DemandeStatus.EN_ATTENTE),
    (date(2026, 9, 16), 0, False, True, DemandeStatus.REJET_IMPLICITE),
    (date(2026, 7, 31), -47, False, True, DemandeStatus.REJET_IMPLICITE),
])
def test_near_and_past_implicit_rejections(ws: Workspace, agent_id: int, request_date: date, days: int, near: bool,
                                           past: bool, status: DemandeStatus) -> None:
    view = get_demande(ws, record_demande(ws, agent_id, request_date))
    assert (view.days_before_implicit_rejection, view.deadline_near, view.deadline_past, view.status) == (
        days, near, past, status)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"request_date": date(2026, 11, 17)}, "Date de la demande"),
    ({"request_date": date(1902, 1, 1)}, "n'est pas plausible"),
    ({"request_date": date(2026, 10, 1), "initiative": Initiative.EMPLOYEUR, "agent_agreement": False},
     "suppose l'accord de l'agent"),
])
def test_bad_demandes_are_refused_and_nothing_is_recorded(ws: Workspace, agent_id: int, kwargs: dict[str, object],
                                                         message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        record_demande(ws, agent_id, **kwargs)
    assert demandes_for_agent(ws, agent_id) == []
    assert [code for code, _, _ in _journal(ws)] == [AuditCode.AGENT_CREATED]


def test_one_demande_in_progress_at_a_time(ws: Workspace, agent_id: int) -> None:
    pending = record_demande(ws, agent_id, date(2026, 11, 2))
    with pytest.raises(DomainError, match="attend déjà la réponse"):
        record_demande(ws, agent_id, TODAY)
    decide_demande(ws, pending, Decision.ACCORD, TODAY)
    with pytest.raises(DomainError, match="ouvrez-le plutôt"):
        record_demande(ws, agent_id, TODAY)
    bpp_service.start_bpp(ws, pending)
    with pytest.raises(DomainError, match="déjà un BPP en cours"):
        record_demande(ws, agent_id, TODAY)
    assert [d.id for d in demandes_for_agent(ws, agent_id)] == [pending]


def test_after_an_implicit_rejection_or_a_refusal_a_new_demande_is_possible(ws: Workspace, agent_id: int) -> None:
    rejected = record_demande(ws, agent_id, date(2026, 8, 1))
    refused = record_demande(ws, agent_id, date(2026, 10, 1))
    decide_demande(ws, refused, Decision.REFUS, date(2026, 10, 10), reason="Nécessités du service")
    latest = record_demande(ws, agent_id, TODAY)
    assert [(d.id, d.status) for d in demandes_for_agent(ws, agent_id)] == [
        (latest, DemandeStatus.EN_ATTENTE), (refused, DemandeStatus.REFUS), (rejected, DemandeStatus.REJET_IMPLICITE)]


def test_a_refusal_without_reason_is_refused_and_changes_nothing(ws: Workspace, agent_id: int) -> None:
    demande_id = record_demande(ws, agent_id, date(2026, 10, 1))
    with pytest.raises(ValidationError, match="Un refus doit être motivé : indiquez le motif"):
        decide_demande(ws, demande_id, Decision.REFUS, date(2026, 10, 20), reason="  ")
    view = get_demande(ws, demande_id)
    assert (view.decision, view.decision_date, view.reason) == (Decision.EN_ATTENTE, None, "")
    assert AuditCode.DEMANDE_DECIDED not in [code for code, _, _ in _journal(ws)]

    decide_demande(ws, demande_id, Decision.REFUS, date(2026, 10, 20), reason="Nécessités du service")
    view = get_demande(ws, demande_id)
    assert (view.status, view.decision_date, view.reason, view.deadline_near) == (
        DemandeStatus.REFUS, date(2026, 10, 20), "Nécessités du service", False)
    code, subject, detail = _journal(ws)[-1]
    assert (code, detail) == (AuditCode.DEMANDE_DECIDED, f"demande={demande_id} decision=refus")
    assert "Nécessités" not in detail and subject.startswith("AG-")


def test_a_report_records_its_reason_hrs_prior_agreement_and_horizon_then_comes_back(ws: Workspace,
                                                                                      agent_id: int) -> None:
    """Rule: a report needs its reason among the cases of continuity of the service and the date of the HR
    service's prior agreement; at its horizon the demande comes back and can be enrolled — it never disappears."""
    demande_id = record_demande(ws, agent_id, date(2026, 10, 1))
    with pytest.raises(ValidationError, match="accord préalable du service RH"):
        decide_demande(ws, demande_id, Decision.REPORT, date(2026, 10, 20), reason="Clôture budgétaire",
                       report=Report(ReportReason.ECHEANCE, None, date(2027, 1, 15)))
    with pytest.raises(ValidationError, match="à titre exceptionnel"):
        decide_demande(ws, demande_id, Decision.REPORT, date(2026, 10, 20), reason="Clôture budgétaire")
    decide_demande(ws, demande_id, Decision.REPORT, date(2026, 10, 20), reason="Clôture budgétaire",
                   report=Report(ReportReason.ECHEANCE, date(2026, 10, 19), date(2027, 1, 15)))
    view = get_demande(ws, demande_id)
    assert (view.status, view.report_reason, view.hr_agreement_on, view.report_until) == (
        DemandeStatus.REPORT, ReportReason.ECHEANCE, date(2026, 10, 19), date(2027, 1, 15))
    assert enrolable_demandes(ws) == []
    with pytest.raises(DomainError, match="reportée jusqu'au 15/01/2027"):
        record_demande(ws, agent_id, TODAY)
    later = Workspace(ws.store, FixedClock(datetime(2027, 1, 15, 9, 0, tzinfo=UTC)))
    assert get_demande(later, demande_id).status is DemandeStatus.REPORT_ECHU
    [back] = enrolable_demandes(later)
    assert (back.demande_id, back.ended_report_on) == (demande_id, date(2027, 1, 15))
    [item] = [i for i in dashboard(later) if i.kind == "report_echu"]
    assert (item.target_view, item.target_id, item.due) == ("demande", demande_id, date(2027, 1, 15))
    assert bpp_service.start_bpp(later, demande_id).demande_id == demande_id


def test_a_bpp_of_right_is_neither_refused_nor_postponed_and_waits_to_be_organised(ws: Workspace) -> None:
    """Rule: restructuration — « ce bilan est de droit » (décret 2019-1441): no refusal, no report, silence
    does not reject it, the dashboard says « BPP de droit : à organiser »."""
    agent_id = create_agent(ws, AgentInput("Garnier", "Luc", priority_grounds=frozenset(
        {PriorityGround.RESTRUCTURATION})))
    demande_id = record_demande(ws, agent_id, date(2026, 6, 1))  # five months of silence
    view = get_demande(ws, demande_id)
    assert view.of_right and view.status is DemandeStatus.DE_DROIT and not view.deadline_past
    for decision in (Decision.REFUS, Decision.REPORT):
        with pytest.raises(DomainError, match="de droit .* ni refusé ni reporté"):
            decide_demande(ws, demande_id, decision, TODAY, reason="Nécessités du service",
                           report=Report(ReportReason.ECHEANCE, TODAY, date(2027, 1, 15)))
    [item] = [i for i in dashboard(ws) if i.kind == "bpp_de_droit"]
    assert item.title == "BPP de droit : à organiser pour Luc GARNIER" and item.target_id == demande_id
    assert not [i for i in dashboard(ws) if i.kind in ("rejet_implicite", "demande_delai")]
    assert [d.demande_id for d in enrolable_demandes(ws)] == [demande_id]
    entry = _journal(ws)[-1]
    assert entry[0] == AuditCode.DEMANDE_RECORDED and entry[2].endswith("de_droit=oui")


def test_decision_dates_and_corrections(ws: Workspace, agent_id: int) -> None:
    demande_id = record_demande(ws, agent_id, date(2026, 10, 1))
    with pytest.raises(ValidationError, match="ne peut pas précéder la demande \\(01/10/2026\\)"):
        decide_demande(ws, demande_id, Decision.ACCORD, date(2026, 9, 30))
    with pytest.raises(DomainError, match="Choisissez une décision"):
        decide_demande(ws, demande_id, Decision.EN_ATTENTE, date(2026, 10, 20))
    decide_demande(ws, demande_id, Decision.REFUS, date(2026, 10, 20), reason="Nécessités du service")
    decide_demande(ws, demande_id, Decision.ACCORD, date(2026, 10, 22))  # the hierarchy changed its mind
    decide_demande(ws, demande_id, Decision.ACCORD, date(2026, 10, 22))  # autosave: nothing new
    assert get_demande(ws, demande_id).status is DemandeStatus.ACCORD
    assert [code for code, _, _ in _journal(ws)].count(AuditCode.DEMANDE_DECIDED) == 2

    bpp = bpp_service.start_bpp(ws, demande_id)
    assert get_demande(ws, demande_id).bpp_id == bpp.id
    with pytest.raises(DomainError, match="Un BPP a été ouvert sur cette demande"):
        decide_demande(ws, demande_id, Decision.REFUS, date(2026, 10, 25), reason="Revirement")
    assert get_demande(ws, demande_id).status is DemandeStatus.ACCORD


def test_a_late_answer_replaces_the_implicit_rejection(ws: Workspace, agent_id: int) -> None:
    demande_id = record_demande(ws, agent_id, date(2026, 8, 1))
    assert get_demande(ws, demande_id).status is DemandeStatus.REJET_IMPLICITE
    decide_demande(ws, demande_id, Decision.ACCORD, date(2026, 11, 2))
    view = get_demande(ws, demande_id)
    assert (view.status, view.deadline_past) == (DemandeStatus.ACCORD, False)


def test_a_demande_from_an_interview_of_another_agent_is_refused(ws: Workspace, agent_id: int) -> None:
    other = create_agent(ws, AgentInput("Martin", "Léa"))
    interview_id = start_e2(ws, other, date(2026, 11, 2))
    with pytest.raises(DomainError, match="concerne un autre agent"):
        record_demande(ws, agent_id, TODAY, source_interview_id=interview_id)
    assert demandes_for_agent(ws, agent_id) == []
    record_demande(ws, other, TODAY, source_interview_id=interview_id)
    [view] = demandes_for_agent(ws, other)
    assert view.source_interview_id == interview_id


def test_unknown_demande_or_agent(ws: Workspace) -> None:
    with pytest.raises(DomainError, match="n'existe pas"):
        get_demande(ws, 42)
    with pytest.raises(DomainError, match="n'existe pas"):
        decide_demande(ws, 42, Decision.ACCORD, TODAY)
    with pytest.raises(DomainError, match="Agent introuvable"):
        record_demande(ws, 42, TODAY)
    with pytest.raises(DomainError, match="Agent introuvable"):
        demandes_for_agent(ws, 42)
