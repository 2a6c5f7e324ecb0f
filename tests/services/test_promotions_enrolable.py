"""enrolable_demandes: who the "Inscrire des agents" dialog offers, on a real SQLCipher store."""

from datetime import date

from cmc_desktop.data.models import AgentRow
from cmc_desktop.domain.agent import PriorityGround
from cmc_desktop.domain.bpp import BppForm
from cmc_desktop.domain.demande import Decision
from cmc_desktop.domain.promotion import Promotion
from cmc_desktop.services import bpp as bpp_service
from cmc_desktop.services import promotions as service
from cmc_desktop.services.agents import end_accompaniment
from cmc_desktop.services.dashboard import dashboard
from cmc_desktop.services.enrolable import enrolable_demandes
from cmc_desktop.services.workspace import Workspace

from .factories import accepted_agent, make_agent, make_demande


def _promotion(ws: Workspace) -> int:
    promotion = service.create_promotion(ws, Promotion("Promotion automne 2026", start_date=date(2026, 11, 20)))
    assert promotion.id is not None
    return promotion.id


def _ids(ws: Workspace) -> list[int]:
    return [d.demande_id for d in enrolable_demandes(ws)]


def test_lists_accepted_demandes_waiting_for_a_promotion_oldest_first(ws: Workspace) -> None:
    late = make_demande(ws, make_agent(ws, "Lefèvre", "Hélène"), request_date=date(2026, 10, 5))
    early = make_demande(ws, make_agent(ws, "Kermès", "Gaël"), request_date=date(2026, 9, 1))
    make_demande(ws, make_agent(ws, "Refusé", "Rémi"), Decision.REFUS, reason="Bilan suivi l'an dernier.")
    make_demande(ws, make_agent(ws, "Attente", "Inès"), Decision.EN_ATTENTE, request_date=date(2026, 11, 1))
    listed = enrolable_demandes(ws)
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


def _with_grounds(ws: Workspace, last_name: str, grounds: frozenset[PriorityGround], request_date: date) -> int:
    agent_id = make_agent(ws, last_name)
    with ws.store.session() as s:
        row = s.get(AgentRow, agent_id)
        assert row is not None
        row.priority_grounds = grounds
    return make_demande(ws, agent_id, request_date=request_date)


def test_priority_regulates_demand_in_the_list_and_in_the_nearest_promotion(ws: Workspace) -> None:
    """Rule: priority regulates demand — in the enrolment list and in the choice of the nearest promotion, the
    three priority publics of art. L. 422-3 come first, then the oldest demande; restructuration is no priority."""
    oldest = make_demande(ws, make_agent(ws, "Ancien"), request_date=date(2026, 8, 1))
    usure = _with_grounds(ws, "Usé", frozenset({PriorityGround.USURE_PROFESSIONNELLE}), date(2026, 10, 1))
    restructured = _with_grounds(ws, "Restructuré", frozenset({PriorityGround.RESTRUCTURATION}), date(2026, 9, 1))
    handicap = _with_grounds(ws, "Handicap", frozenset({PriorityGround.L5212_13}), date(2026, 9, 15))
    assert _ids(ws) == [handicap, usure, oldest, restructured]
    assert [d.priority for d in enrolable_demandes(ws)] == [True, True, False, False]

    nearest = _promotion(ws)  # 20/11/2026, 12 places
    for n in range(10):
        service.enrol(ws, nearest, make_demande(ws, make_agent(ws, f"Inscrit{n}"), request_date=date(2026, 7, 1)))
    later = service.create_promotion(ws, Promotion("Promotion hiver", start_date=date(2027, 1, 15))).id
    # Two places left: they go to the two priority agents; the oldest demande gets the next promotion.
    for demande_id, expected in ((handicap, nearest), (usure, nearest), (oldest, later), (restructured, later)):
        found = service.nearest_promotion_with_places(ws, demande_id)
        assert found is not None and found.id == expected, demande_id
    [waiting_line] = [i for i in dashboard(ws) if i.kind == "prioritaire_en_attente" and i.target_id == handicap]
    assert waiting_line.title == "Accès prioritaire : Camille HANDICAP attend une place en promotion"
