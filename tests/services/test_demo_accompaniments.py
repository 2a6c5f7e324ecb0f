"""The demonstration store shows the accompaniment from request to outcome, and an agent who asked for their data."""

from cmc_desktop.domain.accompaniment import TakeCharge
from cmc_desktop.domain.data_rights import RightsRequestKind
from cmc_desktop.services.agent_search import search_agents
from cmc_desktop.services.agents import get_agent_file
from cmc_desktop.services.dashboard import dashboard
from cmc_desktop.services.demo import populate
from cmc_desktop.services.indicators import compute_indicators
from cmc_desktop.services.workspace import Workspace


def test_demo_holds_requests_outcomes_and_a_request_for_data(ws: Workspace) -> None:
    populate(ws)
    files = [get_agent_file(ws, a.id, journal=False) for a in search_agents(ws, "", limit=100)]
    accompaniments = [a for f in files for a in f.accompaniments]
    assert {a.take_charge.status for a in accompaniments} >= {TakeCharge.TAKEN, TakeCharge.OVERDUE,
                                                               TakeCharge.DUE_SOON, TakeCharge.WAITING}
    closed = [a for a in accompaniments if not a.open]
    assert len(closed) == 2 and all(a.result is not None and a.project_kind is not None for a in closed)
    assert any(a.answered for a in closed) and any(not a.answered for a in closed)
    [asked] = [f for f in files if f.rights_requests]
    assert [r.kind for r in asked.rights_requests] == [RightsRequestKind.ACCES]
    assert {"prise_en_charge", "entretien", "questionnaire", "droits"} <= {i.kind for i in dashboard(ws)}
    today = ws.clock.today()
    report = compute_indicators(ws, today.replace(month=1, day=1), today)
    assert report.access.requests_received.value >= 5 and report.access.accompaniments_closed.value == 2
