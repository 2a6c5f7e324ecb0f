"""The agents' list on a real SQLCipher store: accent- and case-insensitive prefix search (FTS5), filters, pages."""

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from cmc_desktop.data.repositories import agent_list
from cmc_desktop.data.repositories import agents as repo
from cmc_desktop.domain.agent import Agent, AgentState, Category, PriorityGround, Statut
from cmc_desktop.services.agent_search import AgentFilters, count_agents, search_agents, search_agents_with_total
from cmc_desktop.services.agents import AgentInput, create_agent, end_accompaniment, get_agent, update_agent
from cmc_desktop.services.workspace import Workspace

ALL = AgentFilters()


def names(ws: Workspace, query: str, filters: AgentFilters = ALL, offset: int = 0, limit: int = 100) -> list[str]:
    return [a.display_name for a in search_agents(ws, query, filters, offset, limit)]


@pytest.fixture
def people(ws: Workspace) -> dict[str, int]:
    rows = {
        "helene": AgentInput("Lefèvre", "Hélène", category=Category.C, service="Préfecture (fictive) du Val",
                             fonction="Gestionnaire RH", priority_grounds=frozenset({PriorityGround.L5212_13})),
        "oeuvray": AgentInput("Œuvray", "Noël", category=Category.A, statut=Statut.CONTRACTUEL,
                              service="Rectorat fictif", fonction="Chef de bureau"),
        "emile": AgentInput("Émile", "Zoé", category=Category.B, statut=Statut.STAGIAIRE, service="DREETS fictive"),
        "eric": AgentInput("Eric", "Anaïs", category=Category.B, fonction="Technicienne"),
        "dupont": AgentInput("Dupont-Martin", "Jérôme", category=Category.C, fonction="Adjoint administratif",
                             priority_grounds=frozenset({PriorityGround.USURE_PROFESSIONNELLE})),
        "darc": AgentInput("d'Arc", "Jeanne", service="Préfecture (fictive) du Val"),
    }
    return {key: create_agent(ws, data) for key, data in rows.items()}


def test_an_empty_query_lists_everyone_in_accent_insensitive_alphabetical_order(ws: Workspace,
                                                                              people: dict[str, int]) -> None:
    assert names(ws, "") == ["Jeanne D'ARC", "Jérôme DUPONT-MARTIN", "Zoé ÉMILE", "Anaïs ERIC", "Hélène LEFÈVRE",
                             "Noël ŒUVRAY"]
    assert names(ws, "   ") == names(ws, "")
    assert count_agents(ws, "") == 6


@pytest.mark.parametrize(("query", "expected"), [
    ("helene", ["Hélène LEFÈVRE"]),
    ("Hélène", ["Hélène LEFÈVRE"]),
    ("hél", ["Hélène LEFÈVRE"]),
    ("HEL", ["Hélène LEFÈVRE"]),
    ("lefe", ["Hélène LEFÈVRE"]),
    ("LEFÈVRE hél", ["Hélène LEFÈVRE"]),
    ("oeuv", ["Noël ŒUVRAY"]),
    ("œuvray", ["Noël ŒUVRAY"]),
    ("noel", ["Noël ŒUVRAY"]),
    ("e", ["Zoé ÉMILE", "Anaïs ERIC"]),  # words starting with « e », whatever their accent
    ("martin", ["Jérôme DUPONT-MARTIN"]),
    ("dupont-mar", ["Jérôme DUPONT-MARTIN"]),
    ("arc", ["Jeanne D'ARC"]),
    ("d'arc", ["Jeanne D'ARC"]),
    ("prefecture", ["Jeanne D'ARC", "Hélène LEFÈVRE"]),  # the service is indexed
    ("gestionnaire", ["Hélène LEFÈVRE"]),  # and the fonction
    ("hel zoe", []),  # every word must match
    ("lène", []),  # prefixes, not infixes
    ("xyz", []),
])
def test_accent_case_and_prefix_insensitive_search(ws: Workspace, people: dict[str, int], query: str,
                                                    expected: list[str]) -> None:
    assert names(ws, query) == expected
    assert count_agents(ws, query) == len(expected)


@pytest.mark.parametrize("query", ['"', '""', "*", "-", "NEAR(", "NEAR(hel", 'hel"', '"hel', "hel*", "*hel", "-hel",
                                   "AND", "OR", "NOT", "hel OR zoe", "hel NOT zoe", "body:hel", "body : hel",
                                   "^hel", "+hel", "(hel", "hel)", "{body}:hel", "hel AND", "'", "\\", "%", "_",
                                   "hel;DROP TABLE agents", "\x00", "hél\u0301ène", "ﬁ", "İstanbul"])
def test_fts_syntax_typed_by_the_cmc_never_raises(ws: Workspace, people: dict[str, int], query: str) -> None:
    found = names(ws, query)
    assert count_agents(ws, query) == len(found)
    if agent_list.match_expression(query) == '"hel"*':  # punctuation aside, only « hel » was typed
        assert found == ["Hélène LEFÈVRE"]


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30))
def test_any_typed_text_is_searchable(ws: Workspace, people: dict[str, int], query: str) -> None:
    found = search_agents(ws, query, ALL, 0, 1000)
    assert count_agents(ws, query) == len(found)


def test_filters_combine_with_the_query(ws: Workspace, people: dict[str, int]) -> None:
    assert names(ws, "", AgentFilters(priority_only=True)) == ["Jérôme DUPONT-MARTIN", "Hélène LEFÈVRE"]
    assert names(ws, "", AgentFilters(category=Category.B)) == ["Zoé ÉMILE", "Anaïs ERIC"]
    assert names(ws, "", AgentFilters(statut=Statut.CONTRACTUEL)) == ["Noël ŒUVRAY"]
    assert names(ws, "e", AgentFilters(category=Category.B, statut=Statut.STAGIAIRE)) == ["Zoé ÉMILE"]
    assert count_agents(ws, "pref", AgentFilters(priority_only=True)) == 1
    end_accompaniment(ws, people["eric"], date(2026, 11, 1))
    assert names(ws, "", AgentFilters(state=AgentState.TERMINE)) == ["Anaïs ERIC"]
    assert count_agents(ws, "", AgentFilters(state=AgentState.ACTIF)) == 5
    [summary] = search_agents(ws, "helene", ALL, 0, 10)
    assert (summary.id, summary.category, summary.statut, summary.service, summary.priority, summary.state) == (
        people["helene"], Category.C, Statut.TITULAIRE, "Préfecture (fictive) du Val", True, AgentState.ACTIF)
    assert summary.pseudo_id == get_agent(ws, people["helene"]).pseudo_id


@pytest.mark.parametrize("query, filters", [("", ALL), ("e", ALL), ("e", AgentFilters(category=Category.B)),
                                            ("", AgentFilters(priority_only=True)), ("zz", ALL)])
def test_total_and_first_page_in_one_call(ws: Workspace, people: dict[str, int], query: str,
                                          filters: AgentFilters) -> None:
    assert search_agents_with_total(ws, query, filters, 2) == (count_agents(ws, query, filters),
                                                               search_agents(ws, query, filters, 0, 2))


def test_pages_with_offset_and_limit(ws: Workspace, people: dict[str, int]) -> None:
    everyone = names(ws, "")
    assert names(ws, "", offset=0, limit=2) + names(ws, "", offset=2, limit=2) + names(ws, "", offset=4, limit=2) \
        == everyone
    assert names(ws, "", offset=6, limit=2) == [] and names(ws, "", offset=0, limit=0) == []
    assert names(ws, "e", offset=1, limit=1) == ["Anaïs ERIC"]


def test_an_update_keeps_the_index_in_sync(ws: Workspace, people: dict[str, int]) -> None:
    helene = get_agent(ws, people["helene"])
    update_agent(ws, people["helene"], replace(AgentInput.of(helene), last_name="Bénard", service="Rectorat fictif",
                                               fonction="Inspectrice"))
    assert names(ws, "lefevre") == [] and count_agents(ws, "lefevre") == 0
    assert names(ws, "benard hel") == ["Hélène BÉNARD"]
    assert names(ws, "inspec") == ["Hélène BÉNARD"]
    assert names(ws, "rectorat") == ["Hélène BÉNARD", "Noël ŒUVRAY"]
    assert names(ws, "pref") == ["Jeanne D'ARC"]
    assert names(ws, "")[:2] == ["Hélène BÉNARD", "Jeanne D'ARC"]  # the order follows the new name


def test_an_agent_missing_from_the_index_still_appears_in_the_list_and_a_rename_repairs_it(
        ws: Workspace, people: dict[str, int]) -> None:
    with ws.store.session() as s:
        s.execute(text("DELETE FROM agents_fts WHERE rowid = :id"), {"id": people["eric"]})
    assert names(ws, "")[-1] == "Anaïs ERIC" and names(ws, "eric") == []
    update_agent(ws, people["eric"], replace(AgentInput.of(get_agent(ws, people["eric"])), phone="01 02 03 04 05"))
    assert names(ws, "eric") == []  # a field the search does not read: the index is not touched
    update_agent(ws, people["eric"], replace(AgentInput.of(get_agent(ws, people["eric"])), last_name="Erik"))
    assert names(ws, "erik") == ["Anaïs ERIK"]


def test_five_thousand_agents(ws: Workspace) -> None:
    today = ws.clock.today()
    first = ["Hélène", "Zoé", "Noël", "Anaïs", "Jérôme"]
    with ws.store.session() as s:
        for i in range(5000):
            repo.save(s, Agent(f"Nom{i:04d}", first[i % 5], category=Category.C if i % 2 else Category.A,
                               priority_grounds=frozenset({PriorityGround.USURE_PROFESSIONNELLE}) if i % 10 == 0
                               else frozenset()).validated(today))
    assert count_agents(ws, "") == 5000
    assert count_agents(ws, "helene") == 1000
    assert count_agents(ws, "nom4") == 1000
    assert count_agents(ws, "nom49") == 100
    assert count_agents(ws, "nom4999 hel") == 0 and count_agents(ws, "nom4995 hel") == 1
    assert count_agents(ws, "", AgentFilters(priority_only=True, category=Category.A)) == 500
    assert count_agents(ws, "zoe", AgentFilters(category=Category.C)) == 500
    page = search_agents(ws, "", ALL, 4990, 50)
    assert [a.display_name for a in page] == [f"{first[i % 5]} NOM{i:04d}" for i in range(4990, 5000)]
    assert len(search_agents(ws, "noel", ALL, 0, 50)) == 50
