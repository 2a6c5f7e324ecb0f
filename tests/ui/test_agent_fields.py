"""Each field the identity input edits has its row in the agent's identity form (docs/ajouter-un-champ.md)."""

from dataclasses import fields

from cmc_desktop.services.agents import AgentInput, create_agent, get_agent
from cmc_desktop.services.workspace import Workspace
from cmc_desktop.ui.agents.identity_form import IdentityForm


def test_every_editable_field_has_a_row_in_the_identity_form(qtbot, ws: Workspace) -> None:
    form = IdentityForm(ws, get_agent(ws, create_agent(ws, AgentInput("Lefèvre", "Hélène"))))
    qtbot.addWidget(form)
    missing = {field.name for field in fields(AgentInput)} - set(form.errors)
    assert not missing, f"champs sans ligne dans ui/agents/identity_form.py : {sorted(missing)}"
