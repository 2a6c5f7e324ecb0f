"""Revision 0005 (the working day) on a store that already holds séances and interviews: they keep everything,
gain no time of day (shown as all-day) and calendar sequence 0; the profile table starts empty."""

from datetime import date
from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from cmc_desktop.data import migrate
from cmc_desktop.data.store import Store
from cmc_desktop.domain.bpp import Phase
from cmc_desktop.domain.interview import InterviewType
from cmc_desktop.domain.promotion import Promotion, Seance
from cmc_desktop.services.agenda import agenda
from cmc_desktop.services.interviews import get_interview, start_interview
from cmc_desktop.services.profile import get_profile
from cmc_desktop.services.promotions import create_promotion, list_seances, plan_seance
from cmc_desktop.services.workspace import Workspace
from tests.conftest import FAST_KDF, PASSPHRASE
from tests.services.factories import make_agent


def test_a_store_at_0002_with_seances_and_interviews_is_brought_to_0005(data_dir: Path, no_vault, clock) -> None:
    store = Store.create(data_dir, PASSPHRASE, vault=no_vault, kdf=FAST_KDF)
    ws = Workspace(store, clock)
    promotion = create_promotion(ws, Promotion("Cap Hiver", start_date=date(2026, 11, 2)))
    plan_seance(ws, Seance(promotion_id=promotion.id or 0, held_on=date(2026, 11, 9), phase=Phase.LANCEMENT,
                           place="Salle 204", topic="Lancement"))
    interview_id = start_interview(ws, make_agent(ws, "Durand", "Émile"), InterviewType.E2, date(2026, 11, 10))
    with store.engine.begin() as conn:  # the store as the previous version left it
        config = migrate._config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
    assert "cmc_profile" not in inspect(store.engine).get_table_names()
    store.close()

    store = Store.unlock(data_dir, PASSPHRASE, vault=no_vault)  # migrated at the open, after a backup
    try:
        ws = Workspace(store, clock)
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        [seance] = list_seances(ws, promotion.id or 0)
        assert (seance.place, seance.topic, seance.starts_at, seance.duration_minutes, seance.link,
                seance.calendar_sequence) == ("Salle 204", "Lancement", None, None, "", 0)
        data = get_interview(ws, interview_id).data
        assert (data.held_on, data.starts_at, data.place, data.link) == (date(2026, 11, 10), None, "", "")
        week = agenda(ws, date(2026, 11, 9), date(2026, 11, 15))
        assert [e.time_label() for e in week.events] == ["Toute la journée", "Toute la journée"]
        assert get_profile(ws).is_empty
        assert list((data_dir / "backups").glob("avant-migration-0002-*.db"))
    finally:
        store.close()
