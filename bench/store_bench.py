"""Measures on the generated stores: unlock, a typical workload, search per keystroke, opening an agent file.

Each figure runs the same code on the SQLCipher store and on its plain twin (see stores.py), so the ratio is
the cost of encryption (and, for search, of the service and ORM layers over the bare FTS5 query).
"""

import itertools
import random
import tracemalloc
from dataclasses import replace
from datetime import date

from sqlalchemy import select

from cmc_desktop.data import engine as db
from cmc_desktop.data.keyfile import load_keyfile
from cmc_desktop.data.models import AgentRow, SynthesisRow
from cmc_desktop.data.repositories.agent_list import match_expression
from cmc_desktop.data.store import Store
from cmc_desktop.data.vault import KeyVault
from cmc_desktop.services.agent_search import count_agents, search_agents, search_agents_with_total
from cmc_desktop.services.agents import AgentInput, create_agent, get_agent_file, update_agent
from cmc_desktop.services.dashboard import dashboard
from cmc_desktop.services.interviews import InterviewInput, interviews_for_agent, start_e2, update_interview
from cmc_desktop.services.workspace import Workspace

from .memory_keyring import memory_vault
from .stores import PASSPHRASE, Pair, connect_plain, file_size
from .timing import Figure, interleaved, median_seconds

KEYSTROKES = ("h", "he", "hel", "hele", "helen")
PAGE = 200  # rows the agents list asks for per page (ui/agents/list_model.PAGE_SIZE)
# What data/repositories/agent_list.search sends for a keystroke: the columns of a line of the list, one page.
SEARCH_SQL = """
SELECT agents.id, agents.pseudo_id, agents.last_name, agents.first_name, agents.category, agents.statut,
agents.service, agents.priority_grounds != '' AS priority, agents.state
FROM agents JOIN agents_fts ON agents.id = agents_fts.rowid WHERE agents_fts MATCH ?
ORDER BY agents_fts.body IS NULL, agents_fts.body, agents.id LIMIT ? OFFSET 0"""
COUNT_SQL = "SELECT count(*) FROM agents JOIN agents_fts ON agents_fts.rowid = agents.id WHERE agents_fts MATCH ?"
NOTES = ("Échange sur le projet : candidature à un poste d'adjoint de chef de bureau ; points forts relevés, "
         "pistes de formation. ") * 4


def unlock_figures(pair: Pair, repeat: int) -> list[Figure]:
    root, plain_path = pair.encrypted.paths.root, pair.plain_path
    vault = memory_vault()
    key = pair.encrypted.raw_key
    vault.put(pair.encrypted.store_id, key)

    def plain_open() -> None:
        conn = connect_plain(plain_path)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.close()

    def unlocked(secret: str | None, with_vault: KeyVault, defer: bool = False) -> None:
        Store.unlock(root, secret, vault=with_vault, defer_integrity=defer).close()

    keyfile = load_keyfile(root / "store.key")
    baseline = median_seconds(plain_open, repeat * 3)
    return [
        Figure("Ouverture", "déverrouillage par la phrase (Argon2id + contrôles d'intégrité + migrations)",
               median_seconds(lambda: unlocked(PASSPHRASE, KeyVault()), repeat) * 1000, "ms", baseline * 1000,
               "ouverture SQLite en clair"),
        Figure("Ouverture", "ouverture par la clé du trousseau, contrôle d'intégrité compris", median_seconds(
            lambda: unlocked(None, vault), repeat) * 1000, "ms", baseline * 1000, "ouverture SQLite en clair"),
        Figure("Ouverture", "ouverture par la clé du trousseau, contrôle différé (démarrage de l'application)",
               median_seconds(lambda: unlocked(None, vault, defer=True), repeat) * 1000, "ms", baseline * 1000,
               "ouverture SQLite en clair"),
        Figure("Ouverture", "  dérivation Argon2id de la phrase", median_seconds(
            lambda: keyfile.derive_kek(PASSPHRASE), repeat) * 1000, "ms"),
        Figure("Ouverture", "  contrôle d'intégrité complet (cipher_integrity_check + quick_check ; en tâche de "
               "fond au démarrage)", median_seconds(lambda: db.probe(root / "store.db", key), repeat) * 1000, "ms"),
    ]


def _workload(ws: Workspace, ids: list[int], iterations: int, seed: int) -> None:
    """A CMC's typical session, scaled down: new agent, edits, files opened, interviews written, searches."""
    rng = random.Random(seed)
    for i in range(iterations):
        data = AgentInput(last_name="Bancdessai", first_name=rng.choice(("Hélène", "Noël", "Zoé")),
                          fonction="Gestionnaire RH", service="Direction départementale fictive")
        agent_id = create_agent(ws, data, duplicate_confirmed=True)  # the same names again and again, on purpose
        update_agent(ws, agent_id, replace(data, service="Rectorat fictif"))
        get_agent_file(ws, rng.choice(ids))
        interview_id = start_e2(ws, agent_id, date(2026, 11, 2))
        update_interview(ws, interview_id, InterviewInput(held_on=date(2026, 11, 2), duration_minutes=60,
                                                          subject="Projet de mobilité", progress_shared=NOTES,
                                                          private_notes=NOTES))
        interviews_for_agent(ws, agent_id)
        search_agents(ws, "mart")
        count_agents(ws, "mart")
        if i % 10 == 0:
            dashboard(ws)


def workload_figures(pair: Pair, ws_enc: Workspace, ws_plain: Workspace, iterations: int, repeat: int) -> list[Figure]:
    with pair.encrypted.session() as s:
        ids = list(s.execute(select(AgentRow.id).order_by(AgentRow.id).limit(1000)).scalars())
    calls = itertools.count()  # both stores get the same seed in each round (calls alternate: enc, plain)
    enc, plain = interleaved([lambda: _workload(ws_enc, ids, iterations, next(calls) // 2),
                              lambda: _workload(ws_plain, ids, iterations, next(calls) // 2)], repeat)
    dash_enc, dash_plain = interleaved([lambda: dashboard(ws_enc), lambda: dashboard(ws_plain)], repeat)
    return [
        Figure("Magasin", f"charge type ({iterations} agents créés et modifiés, dossiers ouverts, entretiens "
               "saisis, recherches, tableau de bord)", enc * 1000, "ms", plain * 1000, "même charge, SQLite en clair",
               "≤ 1,3×", enc / plain <= 1.3),
        Figure("Magasin", "tableau de bord (page d'accueil)", dash_enc * 1000, "ms", dash_plain * 1000,
               "SQLite en clair"),
    ]


def search_figures(pair: Pair, ws_enc: Workspace, repeat: int) -> list[Figure]:
    plain = connect_plain(pair.plain_path)
    raw_enc = db.raw_connect(pair.encrypted.paths.db, pair.encrypted.raw_key, read_only=True)
    figures = []
    try:
        for typed in KEYSTROKES:
            match = match_expression(typed)

            def bare(conn=plain, match=match) -> None:
                conn.execute(SEARCH_SQL, (match, PAGE)).fetchall()
                conn.execute(COUNT_SQL, (match,)).fetchone()

            def encrypted_sql(match=match) -> None:
                bare(raw_enc, match)

            def service(typed=typed) -> None:  # what the agents list calls today, two transactions
                search_agents(ws_enc, typed, limit=PAGE)
                count_agents(ws_enc, typed)

            def one_call(typed=typed) -> None:
                search_agents_with_total(ws_enc, typed, limit=PAGE)

            svc, single, sql_enc, base = interleaved([service, one_call, encrypted_sql, bare], repeat)
            hits = plain.execute(COUNT_SQL, (match,)).fetchone()[0]
            figures.append(Figure("Recherche", f"« {typed} » ({hits} agents) : search_agents + count_agents",
                                  svc * 1000, "ms", base * 1000, "même requête FTS5, SQLite en clair",
                                  "≤ 2× ; < 16 ms", svc / base <= 2 and svc < 0.016))
            figures.append(Figure("Recherche", f"  « {typed} » : en une transaction (search_agents_with_total)",
                                  single * 1000, "ms", base * 1000, "SQLite en clair", "≤ 2× ; < 16 ms",
                                  single / base <= 2 and single < 0.016))
            figures.append(Figure("Recherche", f"  « {typed} » : même requête SQL sur SQLCipher (sans ORM)",
                                  sql_enc * 1000, "ms", base * 1000, "SQLite en clair"))
    finally:
        plain.close()
        raw_enc.close()
    return figures


def agent_file_figures(pair: Pair, ws_enc: Workspace, ws_plain: Workspace, repeat: int) -> list[Figure]:
    with pair.encrypted.session() as s:
        with_synthesis = list(s.execute(select(SynthesisRow.agent_id).order_by(SynthesisRow.id).limit(50)).scalars())
    agents = iter(with_synthesis * (repeat + 2) * 2)
    enc, plain = interleaved([lambda: get_agent_file(ws_enc, next(agents)),
                              lambda: get_agent_file(ws_plain, next(agents))], repeat * 5)
    return [Figure("Dossier", "ouvrir le dossier d'un agent (identité, demandes, ~10 entretiens, BPP, synthèse)",
                   enc * 1000, "ms", plain * 1000, "SQLite en clair")]


def python_peak(ws_enc: Workspace, work: list) -> Figure:
    """Peak of Python allocations (tracemalloc) over searches and files opened on the 10k store."""
    tracemalloc.start()
    for typed in KEYSTROKES:
        search_agents(ws_enc, typed, limit=PAGE)
        count_agents(ws_enc, typed)
    for agent_id in range(1, 51):
        get_agent_file(ws_enc, agent_id)
    for step in work:
        step()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return Figure("Mémoire", "pic d'allocations Python (tracemalloc) : recherches, 50 dossiers, 1 PDF",
                  peak / 2**20, "MiB")


def sizes(pair: Pair) -> list[Figure]:
    return [Figure("Magasin", "taille du fichier", file_size(pair.encrypted.paths.db) / 2**20, "MiB",
                   file_size(pair.plain_path) / 2**20, "SQLite en clair")]
