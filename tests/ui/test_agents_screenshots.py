"""Screenshots of the Agents view from the demonstration store (docs/screenshots/agents.png and dossier-agent.png).

    .venv/bin/python -m pytest -m screenshot tests/ui/test_agents_screenshots.py
"""


import pytest

from cmc_desktop.services.agent_search import search_agents
from cmc_desktop.services.demo import populate
from cmc_desktop.ui.agents import AgentsView
from cmc_desktop.ui.navigation import AGENTS

from .helpers import save_screenshot

pytestmark = pytest.mark.screenshot


def test_screenshots_of_the_list_and_of_a_file(window, ws) -> None:
    populate(ws)
    view = window.show_view(AGENTS)
    assert isinstance(view, AgentsView)
    view.table.setFocus()
    view.table.selectRow(0)
    save_screenshot(window, "agents.png")

    agent = next(a for a in search_agents(ws, "Vigne"))
    view.open_item(agent.id)
    save_screenshot(window, "dossier-agent.png")
