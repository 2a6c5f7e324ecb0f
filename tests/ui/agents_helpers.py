"""Agents for the Agents view's tests, written through the services or, in bulk, in one transaction."""

from cmc_desktop.data.repositories import agents as agent_rows
from cmc_desktop.domain.agent import Agent, Category, PriorityGround, Statut
from cmc_desktop.services.agents import AgentInput, create_agent
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.agents import AgentsView
from cmc_desktop.ui.main_window import MainWindow
from cmc_desktop.ui.navigation import AGENTS


def new_agent(ws: Workspace, last_name: str, first_name: str, **fields: object) -> int:
    return create_agent(ws, AgentInput(last_name=last_name, first_name=first_name, **fields))  # type: ignore[arg-type]


def many_agents(ws: Workspace, count: int) -> None:
    """`count` agents in one transaction (a thousand files through the use case would take a while)."""
    today = ws.clock.today()
    with ws.store.session() as s:
        for i in range(count):
            agent = Agent(f"Nom{i:04d}", "Camille", category=Category.B, statut=Statut.TITULAIRE,
                          service="Service de test",
                          priority_grounds=frozenset({PriorityGround.USURE_PROFESSIONNELLE}) if i % 10 == 0
                          else frozenset())
            agent_rows.save(s, agent.validated(today))


def agents_view(window: MainWindow) -> AgentsView:
    view = window.show_view(AGENTS)
    assert isinstance(view, AgentsView)
    return view


def list_names(view: AgentsView) -> list[str]:
    return [view.model.index(r, 0).data() for r in range(view.model.rowCount())]
