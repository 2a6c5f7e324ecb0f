"""enrolable_demandes: who the "Inscrire des agents" dialog offers, on a real SQLCipher store."""

from datetime import date

from cmc_desktop.domain.bpp import BppForm
from cmc_desktop.domain.demande import Decision
from cmc_desktop.domain.promotion import Promotion
from cmc_desktop.services import bpp as bpp_service
from cmc_desktop.services import promotions as service
from cmc_desktop.services.agents import end_accompaniment
from cmc_desktop.services.workspace import Workspace

from .factories import accepted_agent, make_agent, make_demande


def _promotion(ws: Workspace) -> int:
    promotion = service.create_promotion(ws, Promotion("Promotion automne 2026", start_date=date(2026, 11, 20)))
    assert promotion.id is not None
    return promotion.id


def _ids(ws: Workspace) -> list[int]:
    return [d.demande_id for d in service.enrolable_demandes(ws)]


def test_lists_accepted_demandes_waiting_for_a_promotion_oldest_first(ws: Workspace) -> None:
    late = make_demande(ws, make_agent(ws, "Lefèvre", "Hélène"), request_date=date(2026, 10, 5))
    early = make_demande(ws, make_agent(ws, "Kermès", "Gaël"), request_date=date(2026, 9, 1))
    make_demande(ws, make_agent(ws, "Refusé", "Rémi"), Decision.REFUS, reason="Bilan suivi l'an dernier.")
    make_demande(ws, make_agent(ws, "Attente", "Inès"), Decision.EN_ATTENTE, request_date=date(2026, 11, 1))
    listed = service.enrolable_demandes(ws)
    assert [d.demande_id for d in listed] == [early, late]
    assert listed[0].display_name == "Gaël KERMÈS"
    assert listed[0].request_date == date(2026, 9, 1)
    assert listed[0].priority is False


def test_enrolled_agents_leave_the_list_and_come_back_when_taken_out(ws: Workspace) -> None:
    promotion_id = _promotion(ws)
    _, demande_id = accepted_agent(ws, "Kermès", "Gaël")
    bpp = service.enrol(ws, promotion_id, demande_id)
    assert demande_id not in _ids(ws)
    service.unenrol(ws, promotion_id, bpp.id or 0)
    assert _ids(ws) == [demande_id]
    assert service.enrol(ws, promotion_id, demande_id).id == bpp.id


def test_individual_bpp_other_open_bpp_and_ended_accompaniment_are_not_offered(ws: Workspace) -> None:
    _, individual = accepted_agent(ws, "Individuel", "Iris")
    bpp_service.start_bpp(ws, individual, BppForm.INDIVIDUEL, "Horaires incompatibles avec le groupe.")
    agent_id, first = accepted_agent(ws, "Deux-Demandes", "Léa")
    bpp_service.start_bpp(ws, first)
    second = make_demande(ws, agent_id, request_date=date(2026, 10, 10))
    ended_agent, ended = accepted_agent(ws, "Terminé", "Théo")
    end_accompaniment(ws, ended_agent, date(2026, 11, 10))
    assert _ids(ws) == [first]  # its collective BPP is open and outside any promotion
    assert second not in _ids(ws) and ended not in _ids(ws) and individual not in _ids(ws)
