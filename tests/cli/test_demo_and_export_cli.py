"""`cmc-desktop demo --data-dir DIR` builds a fictional store with every workflow; `export-synthesis` exports one."""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from cmc_desktop.cli import main
from cmc_desktop.data.store import Store
from cmc_desktop.domain.bpp import Phase
from cmc_desktop.domain.interview import InterviewType
from cmc_desktop.services.agent_search import count_agents, search_agents
from cmc_desktop.services.dashboard import dashboard
from cmc_desktop.services.demo import PEOPLE
from cmc_desktop.services.interviews import interviews_for_agent
from cmc_desktop.services.promotions import list_promotions
from cmc_desktop.services.synthesis import list_syntheses
from cmc_desktop.services.workspace import Workspace

DEMO_PASSPHRASE = "démonstration fictive 2026"


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("demo") / "donnees"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CMC_DESKTOP_PASSPHRASE", DEMO_PASSPHRASE)
        assert main(["demo", "--data-dir", str(data_dir)]) == 0  # --data-dir after the command, as documented
    return data_dir


@pytest.fixture
def demo(demo_dir: Path, no_vault):
    store = Store.unlock(demo_dir, DEMO_PASSPHRASE, vault=no_vault)
    yield Workspace(store)
    store.close()


def test_demo_holds_agents_interviews_a_promotion_in_phase_2_and_syntheses(demo: Workspace) -> None:
    assert count_agents(demo, "") == len(PEOPLE)
    assert [a.display_name for a in search_agents(demo, "helene")] == ["Hélène ARBOUSIER"]
    phases = {s.promotion.name: s.promotion.current_phase for s in list_promotions(demo)}
    assert Phase.ANALYSE in phases.values()
    kinds = {i.type for a in search_agents(demo, "", limit=100) for i in interviews_for_agent(demo, a.id)}
    assert {InterviewType.E2, InterviewType.E3} <= kinds
    assert len(list_syntheses(demo)) >= 3


def test_demo_dashboard_has_something_of_each_kind(demo: Workspace) -> None:
    kinds = {item.kind for item in dashboard(demo)}
    assert {"rejet_implicite", "demande_delai", "referent_handicap", "seance", "promotion_bloquee",
            "synthese_a_finaliser", "destruction_demandee"} <= kinds


def test_demo_refuses_to_overwrite_an_existing_store(demo_dir: Path, monkeypatch, capsys) -> None:
    before = (demo_dir / "store.db").read_bytes()
    monkeypatch.setenv("CMC_DESKTOP_PASSPHRASE", DEMO_PASSPHRASE)
    assert main(["demo", "--data-dir", str(demo_dir)]) == 1
    assert "existe déjà" in capsys.readouterr().err
    assert (demo_dir / "store.db").read_bytes() == before


def test_export_synthesis_writes_the_agents_copy(demo_dir: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CMC_DESKTOP_PASSPHRASE", DEMO_PASSPHRASE)
    out = tmp_path / "copie.pdf"
    assert main(["export-synthesis", "--data-dir", str(demo_dir), "--first", "--out", str(out)]) == 0
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    for number, page in enumerate(reader.pages, start=1):
        assert f"page {number}/{len(reader.pages)}" in page.extract_text()


def test_export_synthesis_with_an_unknown_id_says_so(demo_dir: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("CMC_DESKTOP_PASSPHRASE", DEMO_PASSPHRASE)
    out = tmp_path / "copie.pdf"
    assert main(["export-synthesis", "--data-dir", str(demo_dir), "--id", "DS-INCONNU", "--out", str(out)]) == 1
    assert "DS-INCONNU" in capsys.readouterr().err
    assert not out.exists()
