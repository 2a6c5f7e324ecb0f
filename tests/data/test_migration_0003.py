"""Revision 0003 (demandes d'accompagnement, rights requests, anonymous activity, birth year) on a store left at
0002 with agents, interviews and questionnaires in it: nothing lost, nothing cascaded away."""

from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from cmc_desktop.data import migrate
from cmc_desktop.data.store import Store
from cmc_desktop.domain.accompaniment import ProjectKind, Result
from cmc_desktop.domain.interview import InterviewType
from cmc_desktop.domain.satisfaction import AccompanimentKind, AnswerVia, Satisfaction
from cmc_desktop.services import accompaniments, satisfaction
from cmc_desktop.services.accompaniments import Outcome, RequestInput
from cmc_desktop.services.agents import AgentInput, create_agent, get_agent_file
from cmc_desktop.services.interviews import start_interview
from cmc_desktop.services.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE


def test_a_store_at_0002_with_data_is_brought_to_head_intact(data_dir: Path, no_vault, clock) -> None:
    store = Store.create(data_dir, PASSPHRASE, vault=no_vault, kdf=FAST_KDF)
    ws = Workspace(store, clock)
    agent_id = create_agent(ws, AgentInput("Ancienne", "Jeanne", service="Rectorat fictif"))
    start_interview(ws, agent_id, InterviewType.E2, date(2026, 10, 5))
    satisfaction.record(ws, Satisfaction(agent_id, AccompanimentKind.E2, date(2026, 10, 6), AnswerVia.PAPIER,
                                         overall=8, comment="Très bien"))
    with store.engine.begin() as conn:  # the store as the previous version left it
        config = migrate._config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
    assert "accompaniments" not in inspect(store.engine).get_table_names()
    store.close()

    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)
    try:
        ws = Workspace(store, clock)
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        assert list((data_dir / "backups").glob("avant-migration-0002-*.db"))
        file = get_agent_file(ws, agent_id)
        assert (file.agent.last_name, file.agent.service, file.agent.birth_year) == ("Ancienne", "Rectorat fictif",
                                                                                     None)
        assert [i.held_on for i in file.interviews] == [date(2026, 10, 5)]
        [answer] = satisfaction.list_for_agent(ws, agent_id)
        assert (answer.overall, answer.comment, answer.accompaniment_id) == (8, "Très bien", None)
        # The new tables work on the migrated store: an accompaniment closed, the old answer left where it was.
        accompaniments.close_accompaniment(ws, agent_id, Outcome(date(2026, 11, 1), ProjectKind.MAINTIEN,
                                                                 Result.PROJET_EN_COURS),
                                           request=RequestInput(date(2026, 9, 20)))
        assert get_agent_file(ws, agent_id).accompaniments[0].result is Result.PROJET_EN_COURS
    finally:
        store.close()
