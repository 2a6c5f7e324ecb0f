"""An agent's fields are named alike in the domain, the table and the identity input: they are copied by
name (data/repositories/agents.py), so these tests say at once what a new field still lacks."""

from dataclasses import fields
from datetime import date

from cmc_desktop.data.models import AgentRow
from cmc_desktop.data.repositories import agents as repo
from cmc_desktop.data.store import Store
from cmc_desktop.domain.agent import Agent, AgentState, Category, PriorityGround, Statut
from cmc_desktop.services.agents import AgentInput

FIELDS = {field.name for field in fields(Agent)}


def test_every_field_of_the_domain_agent_is_a_column() -> None:
    missing = FIELDS - set(AgentRow.__table__.columns.keys())
    assert not missing, f"colonnes à ajouter à AgentRow (et une migration) : {sorted(missing)}"


def test_the_identity_input_edits_fields_of_the_agent() -> None:
    unknown = {field.name for field in fields(AgentInput)} - FIELDS
    assert not unknown, f"champs d'AgentInput absents d'Agent : {sorted(unknown)}"


def test_every_field_goes_to_the_store_and_comes_back(store: Store) -> None:
    agent = Agent(last_name="Lefèvre", first_name="Hélène", category=Category.C, statut=Statut.CONTRACTUEL,
                  fonction="Gestionnaire", service="Rectorat", email="h@exemple.fr", phone="01 02 03 04 05",
                  date_prise_fonction=date(2020, 3, 1),
                  priority_grounds=frozenset({PriorityGround.L5212_13, PriorityGround.USURE_PROFESSIONNELLE}),
                  referent_handicap_informed_on=date(2026, 1, 5), referent_handicap_associated=True,
                  state=AgentState.TERMINE, accompaniment_ended_on=date(2026, 6, 30), private_notes="Notes",
                  birth_year=1975)
    defaults = Agent(last_name="x", first_name="y")
    assert [name for name in FIELDS - {"id", "pseudo_id"}
            if getattr(agent, name) == getattr(defaults, name)] == []  # every field differs from its default
    with store.session() as s:
        repo.save(s, agent)
    with store.session() as s:
        assert repo.get(s, agent.id) == agent
        agent.first_name, agent.private_notes = "Noël", ""
        repo.save(s, agent)
    with store.session() as s:
        assert repo.get(s, agent.id) == agent
