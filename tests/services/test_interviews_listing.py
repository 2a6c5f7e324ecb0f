"""The list of every agent's interviews: newest first, by type, page by page, with the agent's name."""

from datetime import date

from cmc_desktop.domain.bpp import BppForm, Phase
from cmc_desktop.domain.interview import E3Role, InterviewType
from cmc_desktop.services.bpp import start_bpp
from cmc_desktop.services.interviews import add_e3_interview, count_interviews, list_interviews, start_interview

from .factories import accepted_agent, make_agent


def test_all_interviews_newest_first_with_the_agents_name(ws) -> None:
    helene = make_agent(ws, "Dupré", "Hélène")
    marc = make_agent(ws, "Martin", "Marc")
    old = start_interview(ws, helene, InterviewType.E2, date(2026, 9, 1))
    new = start_interview(ws, marc, InterviewType.E1, date(2026, 11, 2))
    same_day = start_interview(ws, helene, InterviewType.E4, date(2026, 11, 2))

    items = list_interviews(ws)

    assert [i.interview.id for i in items] == [same_day, new, old]
    assert [i.agent_name for i in items] == ["Hélène DUPRÉ", "Marc MARTIN", "Hélène DUPRÉ"]
    assert items[1].interview.type is InterviewType.E1 and items[1].interview.agent_id == marc
    assert count_interviews(ws) == 3


def test_filtered_by_type_and_paged(ws) -> None:
    agent_id, demande_id = accepted_agent(ws, "Quastenbrück", "Zéphyrine")
    e2s = [start_interview(ws, agent_id, InterviewType.E2, date(2026, 10, day)) for day in (1, 2, 3)]
    start_interview(ws, agent_id, InterviewType.E1, date(2026, 10, 4))
    bpp = start_bpp(ws, demande_id, BppForm.INDIVIDUEL, individual_reason="Situation particulière.")
    assert bpp.id is not None
    e3 = add_e3_interview(ws, agent_id, bpp.id, Phase.LANCEMENT, E3Role.INITIAL, date(2026, 11, 3))

    assert [i.interview.id for i in list_interviews(ws, InterviewType.E2, 0, 2)] == [e2s[2], e2s[1]]
    assert [i.interview.id for i in list_interviews(ws, InterviewType.E2, 2, 2)] == [e2s[0]]
    assert count_interviews(ws, InterviewType.E2) == 3
    [line] = list_interviews(ws, InterviewType.E3)
    assert (line.interview.id, line.interview.bpp_phase, line.interview.e3_role) == (e3, Phase.LANCEMENT,
                                                                                      E3Role.INITIAL)
    assert count_interviews(ws, InterviewType.E4) == 0 and list_interviews(ws, InterviewType.E4) == []
