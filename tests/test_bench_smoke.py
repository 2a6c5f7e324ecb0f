"""The benchmark's code at a tiny scale, so that it keeps running as the app changes. No timing is asserted."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from bench import stores
from bench.pdf_bench import pdf_figures
from bench.startup_bench import probe
from bench.store_bench import agent_file_figures, search_figures, unlock_figures, workload_figures
from cmc_desktop.data.models import AgentRow, InterviewRow, SynthesisRow
from cmc_desktop.services.agent_search import count_agents
from tests.conftest import FAST_KDF

SQLITE_HEADER = b"SQLite format 3\x00"


@pytest.fixture
def pair(tmp_path: Path):
    built = stores.build(tmp_path / "banc", stores.TINY, kdf=FAST_KDF)
    yield built
    built.close()


def counts(store) -> tuple[int, int, int]:
    with store.session() as s:
        return tuple(s.execute(select(func.count()).select_from(model)).scalar_one()
                     for model in (AgentRow, InterviewRow, SynthesisRow))


def test_generator_fills_both_stores_alike_and_only_one_is_encrypted(pair) -> None:
    tiny = stores.TINY
    assert counts(pair.encrypted) == counts(pair.plain) == (tiny.agents, tiny.notes, tiny.syntheses)
    assert pair.encrypted.paths.db.read_bytes()[:16] != SQLITE_HEADER
    assert pair.plain_path.read_bytes()[:16] == SQLITE_HEADER


def test_generated_agents_are_found_by_the_app_search(pair, clock) -> None:
    ws_enc, ws_plain = pair.workspaces(clock)
    found = count_agents(ws_enc, "helene")
    assert found > 0
    assert count_agents(ws_plain, "Hélène") == found


def test_every_store_measure_runs_and_pairs_with_its_baseline(pair, clock) -> None:
    ws_enc, ws_plain = pair.workspaces(clock)
    figures = [*unlock_figures(pair, 1), *workload_figures(pair, ws_enc, ws_plain, 1, 1),
               *search_figures(pair, ws_enc, 1), *agent_file_figures(pair, ws_enc, ws_plain, 1),
               *pdf_figures(ws_enc, 1)]
    assert figures and all(f.value > 0 for f in figures)
    targeted = [f for f in figures if f.target]
    assert targeted and all(f.baseline and f.met is not None for f in targeted)


def test_startup_probe_reaches_the_main_window_of_a_generated_store(pair, tmp_path: Path) -> None:
    key = pair.encrypted.raw_key
    data_dir, store_id = pair.encrypted.paths.root, pair.encrypted.store_id
    pair.encrypted.close()
    run = probe("app", data_dir, f"{store_id} {key.hex()}\n", tmp_path / "home")
    assert 0 < run.paint <= run.ready
    assert run.rss_mib > 0
