"""One order for names everywhere: « Prénom NOM ». Every place that shows an agent's name on the demonstration
store — the lists, the dashboard, the agenda, the documents — writes it so, never « NOM Prénom »; exported file
names carry the pseudonymous reference only."""

from datetime import UTC, datetime, timedelta

import pytest

from cmc_desktop.data.store import Store
from cmc_desktop.data.vault import KeyVault
from cmc_desktop.domain.clock import FixedClock
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services import agent_search, agents, interviews, promotions, synthesis
from cmc_desktop.services.agenda import agenda
from cmc_desktop.services.dashboard import dashboard
from cmc_desktop.services.demo import PEOPLE, populate
from cmc_desktop.services.synthesis_exchange import export_pdf, suggested_filename
from cmc_desktop.services.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.pdf.samples import all_text


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    store = Store.create(tmp_path_factory.mktemp("demo") / "donnees", PASSPHRASE, vault=KeyVault(), kdf=FAST_KDF)
    ws = Workspace(store, FixedClock(datetime(2026, 11, 16, 9, 30, tzinfo=UTC)))
    populate(ws)
    return ws


def _shown(ws: Workspace) -> dict[str, list[str]]:
    """What each place shows, as text."""
    today = ws.clock.today()
    document = next(s for s in synthesis.list_syntheses(ws) if s.kind is SynthesisKind.BPP)
    calendar = agenda(ws, today - timedelta(days=60), today + timedelta(days=60))
    return {
        "liste des agents": [a.display_name for a in agent_search.search_agents(ws, "", limit=100)],
        "dossier de l'agent": [agents.get_agent_file(ws, document.agent_id).display_name],
        "liste des entretiens": [i.agent_name for i in interviews.list_interviews(ws, limit=100)],
        "liste des documents de synthèse": [s.agent_display_name for s in synthesis.list_syntheses(ws)],
        "tableau de bord": [f"{item.title} {item.detail}" for item in dashboard(ws)],
        "agenda": [f"{e.title} {e.detail} {e.agent_name}" for e in calendar.events],
        "inscriptions": [d.display_name for d in promotions.enrolable_demandes(ws)],
        "promotion": [p.display_name for s in promotions.list_promotions(ws)
                      for p in promotions.promotion_board(ws, s.promotion.id or 0).participants],
        "PDF de synthèse": [all_text(export_pdf(ws, document.id))],
    }


def test_every_place_writes_prenom_nom(demo: Workspace) -> None:
    shown = _shown(demo)
    assert all(shown.values()), [place for place, texts in shown.items() if not texts]  # each place shows names
    people = [(first, last.upper()) for last, first, *_ in PEOPLE]
    wrong = {place: [t for t in texts if any(f"{last} {first}" in t for first, last in people)]
             for place, texts in shown.items()}
    assert {place: found for place, found in wrong.items() if found} == {}
    without = [place for place, texts in shown.items()
               if not any(f"{first} {last}" in t for t in texts for first, last in people)]
    assert without == []  # each place does show names, in the right order


def test_exported_file_names_carry_the_reference_only(demo: Workspace) -> None:
    document = next(s for s in synthesis.list_syntheses(demo) if s.kind is SynthesisKind.BPP)
    name = suggested_filename(demo, document.id)
    assert document.pseudo_id in name
    assert not any(part.lower() in name.lower() for last, first, *_ in PEOPLE for part in (last, first))


def test_display_name_is_prenom_nom() -> None:
    assert agent_search.list_name("Œuvray-Dàvid", "Hélène") == "Hélène ŒUVRAY-DÀVID"
