"""Screenshots of the Agents view from the demonstration store (docs/screenshots/agents.png and dossier-agent.png).

    .venv/bin/python -m pytest -m screenshot tests/ui/test_agents_screenshots.py
"""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from cmc_desktop.services.agents import search_agents
from cmc_desktop.services.demo import populate
from cmc_desktop.ui.agents import AgentsView
from cmc_desktop.ui.navigation import AGENTS

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

pytestmark = pytest.mark.screenshot


def _save(window, name: str) -> None:
    for _ in range(5):
        QApplication.processEvents()
    assert window.grab().save(str(OUT / name))


def test_screenshots_of_the_list_and_of_a_file(window, ws) -> None:
    populate(ws)
    view = window.show_view(AGENTS)
    assert isinstance(view, AgentsView)
    view.table.setFocus()
    view.table.selectRow(0)
    _save(window, "agents.png")

    agent = next(a for a in search_agents(ws, "Vigne"))
    view.open_item(agent.id)
    _save(window, "dossier-agent.png")
