"""Duplicate files: asked before a second file is created, merged with everything re-pointed, one tombstone."""

from datetime import date

import pytest
from sqlalchemy import select

from cmc_desktop.data.models import AgentRow, AttendanceRow, TombstoneRow
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.errors import ValidationError
from cmc_desktop.domain.interview import InterviewType
from cmc_desktop.domain.satisfaction import AccompanimentKind, AnswerVia, Satisfaction
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services import accompaniments, duplicates, satisfaction
from cmc_desktop.services import synthesis as synthesis_service
from cmc_desktop.services.accompaniments import RequestInput
from cmc_desktop.services.agent_search import search_agents
from cmc_desktop.services.agents import AgentInput, PossibleDuplicate, create_agent, get_agent_file
from cmc_desktop.services.audit_journal import list_entries, verify_journal
from cmc_desktop.services.interviews import start_interview
from cmc_desktop.services.workspace import Workspace

from .synthesis_helpers import bpp_agent

HELENE = AgentInput("Œuvray-Dàvid", "Hélène", birth_year=1978, email="h.oeuvray@exemple.invalid")


def test_creating_a_same_person_asks_first(ws: Workspace) -> None:
    first = create_agent(ws, HELENE)
    again = AgentInput("OEUVRAY DAVID", "helene", birth_year=1978)
    with pytest.raises(PossibleDuplicate) as caught:
        create_agent(ws, again)
    [seen] = caught.value.matches
    assert (seen.id, seen.display_name, seen.certain) == (first, "Hélène ŒUVRAY-DÀVID", True)
    assert seen.reasons == ("mêmes nom et prénom", "même année de naissance (1978)")
    assert "Hélène ŒUVRAY-DÀVID" in str(caught.value)
    assert len(search_agents(ws, "")) == 1
    second = create_agent(ws, again, duplicate_confirmed=True)  # the CMC says it is someone else
    [created] = [e for e in list_entries(ws) if e.code == AuditCode.AGENT_CREATED][1:]
    assert created.detail == f"doublon_possible={seen.pseudo_id}"
    assert [d.id for d in duplicates.duplicates_of_agent(ws, second)] == [first]


def test_another_birth_year_is_another_person(ws: Workspace) -> None:
    create_agent(ws, HELENE)
    create_agent(ws, AgentInput("Œuvray-Dàvid", "Hélène", birth_year=1990))


def test_merging_moves_everything_and_leaves_one_tombstone(ws: Workspace) -> None:
    kept, _bpp = bpp_agent(ws, "Martin", "Léa")
    duplicate = create_agent(ws, AgentInput("MARTIN", "Lea", email="lea@exemple.invalid", birth_year=1990,
                                            private_notes="Notes du double"), duplicate_confirmed=True)
    start_interview(ws, duplicate, InterviewType.E2, date(2026, 10, 5))
    document = synthesis_service.create_synthesis(ws, duplicate, SynthesisKind.E2)
    accompaniments.record_request(ws, duplicate, RequestInput(date(2026, 10, 1)))
    satisfaction.record(ws, Satisfaction(duplicate, AccompanimentKind.E2, date(2026, 10, 6), AnswerVia.PAPIER,
                                         overall=9, comment="Merci"))
    with ws.store.session() as s:  # the same séance's attendance, in both files: the kept one stays
        seance_id = s.execute(select(AttendanceRow.seance_id).where(AttendanceRow.agent_id == kept,
                                                                    AttendanceRow.present.is_(False))).scalar_one()
        s.add(AttendanceRow(seance_id=seance_id, agent_id=duplicate, present=True))
    duplicate_pseudo = get_agent_file(ws, duplicate, journal=False).agent.pseudo_id

    preview = duplicates.merge_preview(ws, kept, duplicate)
    assert preview.blockers == ()
    assert preview.moved == ("1 demande d'accompagnement", "1 entretien", "1 document de synthèse",
                             "1 questionnaire de satisfaction")
    duplicates.merge_agents(ws, kept, duplicate)

    file = get_agent_file(ws, kept, journal=False)
    assert [i.type for i in file.interviews] == [InterviewType.E2]
    assert [s.id for s in file.syntheses] == [document]
    assert len(file.accompaniments) == 1 and len(file.bpps) == 1
    assert (file.agent.email, file.agent.birth_year) == ("lea@exemple.invalid", 1990)
    assert "Notes du double" in file.agent.private_notes
    assert [a.comment for a in satisfaction.list_for_agent(ws, kept)] == ["Merci"]
    with ws.store.session() as s:
        assert s.get(AgentRow, duplicate) is None and s.get(AgentRow, kept) is not None
        assert s.execute(select(AttendanceRow.present).where(AttendanceRow.seance_id == seance_id)).scalar_one() \
            is False  # the kept file's own attendance
        tombstone = s.execute(select(TombstoneRow)).scalar_one()
    assert (tombstone.pseudo_id, tombstone.reason) == (duplicate_pseudo, "fusion")
    [merged] = [e for e in list_entries(ws) if e.code == AuditCode.AGENT_MERGED]
    assert merged.detail == f"fusionne={duplicate_pseudo}" and verify_journal(ws).intact
    assert [a.display_name for a in search_agents(ws, "martin")] == ["Léa MARTIN"]


def test_two_open_accompaniments_hold_the_merge(ws: Workspace) -> None:
    kept = create_agent(ws, AgentInput("Martin", "Léa"))
    duplicate = create_agent(ws, AgentInput("Martin", "Léa"), duplicate_confirmed=True)
    for agent_id in (kept, duplicate):
        accompaniments.record_request(ws, agent_id, RequestInput(date(2026, 10, 1)))
    with pytest.raises(ValidationError, match="chacun un accompagnement en cours"):
        duplicates.merge_agents(ws, kept, duplicate)
    assert len(search_agents(ws, "")) == 2
