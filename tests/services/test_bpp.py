"""BPP use cases on a real SQLCipher store: opening on an accepted demande, dates, individual phases, exercises."""

from datetime import date, timedelta

import pytest

from cmc_desktop.data.repositories import audit
from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.bpp import BppForm, Exercise, Phase
from cmc_desktop.domain.demande import Decision
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.domain.interview import E3Role
from cmc_desktop.services import bpp as bpp_service
from cmc_desktop.services.interviews import add_e3_interview, delete_interview
from cmc_desktop.services.workspace import Workspace

from .factories import accepted_agent, make_agent, make_demande

TODAY = date(2026, 11, 16)
REASON = "Situation de santé : les séances de groupe ne sont pas accessibles à l'agent."


def test_a_bpp_starts_collective_on_an_accepted_demande_and_is_journaled(ws: Workspace) -> None:
    agent_id, demande_id = accepted_agent(ws, "Lefèvre", "Hélène")
    bpp = bpp_service.start_bpp(ws, demande_id)
    assert bpp.id is not None and bpp.form is BppForm.COLLECTIF and bpp.promotion_id is None
    stored = bpp_service.get_bpp(ws, bpp.id)
    assert (stored.agent_id, stored.demande_id, stored.current_phase) == (agent_id, demande_id, Phase.LANCEMENT)
    assert stored.phase_dates == {}  # a collective lancement is the promotion's
    assert [b.id for b in bpp_service.bpps_for_agent(ws, agent_id)] == [bpp.id]
    with ws.store.session() as s:
        entry = audit.entries(s)[-1]
    assert entry.code == AuditCode.BPP_STARTED and entry.subject.startswith("AG-")
    assert "Lefèvre" not in entry.detail and entry.detail == f"bpp={bpp.id} forme=collectif"


@pytest.mark.parametrize(("decision", "request_date", "reason", "status"), [
    (Decision.REFUS, date(2026, 10, 1), "Nécessités du service", "refusée"),
    (Decision.REPORT, date(2026, 10, 1), "Continuité du service", "reportée"),
    (Decision.EN_ATTENTE, date(2026, 10, 1), "", "en attente"),
    (Decision.EN_ATTENTE, date(2026, 8, 1), "", "rejet implicite"),
])
def test_a_bpp_does_not_start_on_a_demande_without_accord(ws: Workspace, decision: Decision, request_date: date,
                                                          reason: str, status: str) -> None:
    agent_id = make_agent(ws, "Martin")
    demande_id = make_demande(ws, agent_id, decision, request_date, reason)
    with pytest.raises(DomainError, match=f"demande acceptée \\(statut actuel : {status}"):
        bpp_service.start_bpp(ws, demande_id)
    assert bpp_service.bpps_for_agent(ws, agent_id) == []


def test_one_bpp_per_demande_and_one_open_bpp_per_agent(ws: Workspace) -> None:
    agent_id, demande_id = accepted_agent(ws, "Martin")
    bpp_service.start_bpp(ws, demande_id)
    with pytest.raises(DomainError, match="déjà été ouvert"):
        bpp_service.start_bpp(ws, demande_id)
    with pytest.raises(DomainError, match="déjà un BPP en cours"):
        bpp_service.start_bpp(ws, make_demande(ws, agent_id))
    with pytest.raises(DomainError, match="n'existe pas"):
        bpp_service.start_bpp(ws, 999)


def test_an_individual_bpp_needs_a_reason(ws: Workspace) -> None:
    agent_id, demande_id = accepted_agent(ws, "Martin")
    with pytest.raises(ValidationError, match="collectif par défaut"):
        bpp_service.start_bpp(ws, demande_id, BppForm.INDIVIDUEL)
    assert bpp_service.bpps_for_agent(ws, agent_id) == []
    bpp = bpp_service.start_bpp(ws, demande_id, BppForm.INDIVIDUEL, REASON)
    stored = bpp_service.get_bpp(ws, bpp.id or 0)
    assert stored.individual_reason == REASON and stored.phase_dates == {}  # its first interview will date it


def _held(ws: Workspace, agent_id: int, bpp_id: int, phase: Phase, on: date,
          role: E3Role = E3Role.SEANCE) -> int:
    return add_e3_interview(ws, agent_id, bpp_id, phase, role, on)


def test_an_individual_bpp_advances_through_the_four_phases(ws: Workspace, clock) -> None:
    """Rule (issue 13): an individual BPP's phases are dated by its E3 interviews held, as a promotion's by its
    séances — each phase begins with its first interview that has taken place, not when the CMC advances."""
    agent_id, demande_id = accepted_agent(ws, "Martin")
    bpp_id = bpp_service.start_bpp(ws, demande_id, BppForm.INDIVIDUEL, REASON).id or 0
    with pytest.raises(DomainError, match="n'a pas commencé : aucun de ses entretiens .*\n• Le contrat d'engagement"):
        bpp_service.advance_bpp(ws, bpp_id)
    initial = _held(ws, agent_id, bpp_id, Phase.LANCEMENT, date(2026, 11, 10), E3Role.INITIAL)
    bpp_service.record_contract(ws, bpp_id, TODAY)
    assert bpp_service.get_bpp(ws, bpp_id).phase_dates == {Phase.LANCEMENT: date(2026, 11, 10)}
    for days, phase in ((1, Phase.ANALYSE), (14, Phase.PLAN_ACTION), (30, Phase.CONCLUSION)):
        clock.advance(days=days)
        advanced = clock.today()
        bpp = bpp_service.advance_bpp(ws, bpp_id)
        assert bpp.current_phase is phase and phase not in bpp_service.get_bpp(ws, bpp_id).phase_dates
        if phase is not Phase.CONCLUSION:
            with pytest.raises(DomainError, match=f"La {phase.label.lower()} n'a pas commencé"):
                bpp_service.advance_bpp(ws, bpp_id)
            _held(ws, agent_id, bpp_id, phase, advanced + timedelta(days=3))  # planned: no date yet
            assert phase not in bpp_service.get_bpp(ws, bpp_id).phase_dates
            clock.advance(days=3)
            assert bpp_service.get_bpp(ws, bpp_id).phase_dates[phase] == advanced + timedelta(days=3)
    with pytest.raises(DomainError, match="Impossible de clore le bilan :\n• L'entretien final n'a pas eu lieu."):
        bpp_service.advance_bpp(ws, bpp_id)
    _held(ws, agent_id, bpp_id, Phase.CONCLUSION, clock.today(), E3Role.FINAL)
    dates = bpp_service.get_bpp(ws, bpp_id).phase_dates
    assert dates == {Phase.LANCEMENT: date(2026, 11, 10), Phase.ANALYSE: date(2026, 11, 20),
                     Phase.PLAN_ACTION: date(2026, 12, 7), Phase.CONCLUSION: clock.today()}
    with pytest.raises(ValidationError, match="plan d.action ne peut pas commencer avant la phase d.appui"):
        _held(ws, agent_id, bpp_id, Phase.PLAN_ACTION, date(2026, 11, 18))  # before phase 2 began
    with pytest.raises(ValidationError, match="ne peut pas commencer avant la phase de lancement"):
        delete_interview(ws, initial)  # phase 2 would begin without the lancement: refused
    closed = bpp_service.advance_bpp(ws, bpp_id)
    assert closed.closed_on == clock.today() == bpp_service.get_bpp(ws, bpp_id).closed_on
    with pytest.raises(ValidationError, match="garde la date de son entretien final"):
        bpp_service.record_final_interview(ws, bpp_id, None)


def test_an_interview_held_in_a_phase_not_entered_is_refused(ws: Workspace) -> None:
    agent_id, demande_id = accepted_agent(ws, "Martin")
    bpp_id = bpp_service.start_bpp(ws, demande_id, BppForm.INDIVIDUEL, REASON).id or 0
    _held(ws, agent_id, bpp_id, Phase.LANCEMENT, date(2026, 11, 2), E3Role.INITIAL)
    with pytest.raises(DomainError, match="pas encore entré dans la phase d'appui à l'analyse"):
        _held(ws, agent_id, bpp_id, Phase.ANALYSE, date(2026, 11, 9))
    _held(ws, agent_id, bpp_id, Phase.ANALYSE, date(2026, 11, 30))  # planned ahead: the CMC advances by then
    assert bpp_service.get_bpp(ws, bpp_id).phase_dates == {Phase.LANCEMENT: date(2026, 11, 2)}


def test_a_collective_bpp_advances_only_with_its_promotion(ws: Workspace) -> None:
    _, demande_id = accepted_agent(ws, "Martin")
    bpp = bpp_service.start_bpp(ws, demande_id)
    with pytest.raises(DomainError, match="avance avec sa promotion"):
        bpp_service.advance_bpp(ws, bpp.id or 0)


def test_update_records_dates_but_not_the_form_or_phase(ws: Workspace) -> None:
    _, demande_id = accepted_agent(ws, "Martin")
    bpp = bpp_service.start_bpp(ws, demande_id, BppForm.INDIVIDUEL, REASON)
    bpp.phase_dates = {Phase.LANCEMENT: date(2026, 11, 2)}
    bpp.initial_interview_on, bpp.final_interview_on = date(2026, 11, 3), date(2027, 2, 1)
    bpp.contract_signed_on = date(2026, 11, 4)
    bpp.form, bpp.current_phase, bpp.individual_reason = BppForm.COLLECTIF, Phase.CONCLUSION, "Autre motif"
    bpp_service.update_bpp(ws, bpp)
    stored = bpp_service.get_bpp(ws, bpp.id or 0)
    assert stored.phase_dates == {}  # not typed: the interviews held date the phases
    assert (stored.initial_interview_on, stored.final_interview_on, stored.contract_signed_on) == (
        date(2026, 11, 3), date(2027, 2, 1), date(2026, 11, 4))
    assert (stored.form, stored.current_phase, stored.individual_reason) == (
        BppForm.INDIVIDUEL, Phase.LANCEMENT, "Autre motif")
    stored.final_interview_on = date(2026, 11, 1)
    with pytest.raises(ValidationError, match="entretien final ne peut pas précéder"):
        bpp_service.update_bpp(ws, stored)


def test_exercises_between_seances(ws: Workspace) -> None:
    _, demande_id = accepted_agent(ws, "Martin")
    bpp_id = bpp_service.start_bpp(ws, demande_id).id or 0
    life_line = bpp_service.add_exercise(ws, Exercise(bpp_id, "Ligne de vie professionnelle", date(2026, 11, 10),
                                                      due_on=date(2026, 11, 24), instructions="Une page."))
    bpp_service.add_exercise(ws, Exercise(bpp_id, "Portefeuille de compétences", date(2026, 11, 3)))
    assert [e.title for e in bpp_service.exercises_for_bpp(ws, bpp_id)] == [
        "Portefeuille de compétences", "Ligne de vie professionnelle"]

    life_line.done_on, life_line.bpp_id = date(2026, 11, 15), 999
    bpp_service.update_exercise(ws, life_line)
    done = [e for e in bpp_service.exercises_for_bpp(ws, bpp_id) if e.id == life_line.id]
    assert done[0].done_on == date(2026, 11, 15) and done[0].bpp_id == bpp_id and done[0].instructions == "Une page."

    with pytest.raises(ValidationError, match="avant d'avoir été remis"):
        bpp_service.add_exercise(ws, Exercise(bpp_id, "x", date(2026, 11, 10), done_on=date(2026, 11, 1)))
    with pytest.raises(DomainError, match="n'existe pas"):
        bpp_service.add_exercise(ws, Exercise(999, "x", date(2026, 11, 10)))
    bpp_service.delete_exercise(ws, life_line.id or 0)
    assert [e.title for e in bpp_service.exercises_for_bpp(ws, bpp_id)] == ["Portefeuille de compétences"]


def _covered(ws: Workspace, agent_id: int) -> None:
    from cmc_desktop.data.models import AgentRow
    from cmc_desktop.domain.agent import PriorityGround

    with ws.store.session() as s:
        row = s.get(AgentRow, agent_id)
        assert row is not None
        row.priority_grounds = frozenset({PriorityGround.L5212_13})


def test_the_referent_handicap_is_associated_on_the_guides_three_points_for_an_l5212_13_agent(
        ws: Workspace) -> None:
    """Rule: for an L. 5212-13 agent, the wish that the référent be associated, and what was agreed on the three
    points the guide lists, with dates."""
    from cmc_desktop.domain.bpp import ReferentAgreement, ReferentPoint

    agent_id, demande_id = accepted_agent(ws, "Lefèvre", "Hélène")
    bpp_id = bpp_service.start_bpp(ws, demande_id).id or 0
    with pytest.raises(DomainError, match="L. 5212-13"):
        bpp_service.record_referent(ws, bpp_id, True, TODAY, [])
    _covered(ws, agent_id)
    place = ReferentAgreement(ReferentPoint.ACCES_LIEU, date(2026, 11, 10), "Salle de plain-pied")
    with pytest.raises(ValidationError, match="supposent que l'agent ait souhaité"):
        bpp_service.record_referent(ws, bpp_id, False, date(2026, 11, 2), [place])
    with pytest.raises(ValidationError, match="avant que l'agent souhaite associer le référent \\(12/11/2026\\)"):
        bpp_service.record_referent(ws, bpp_id, True, date(2026, 11, 12), [place])
    group = ReferentAgreement(ReferentPoint.INFORMATION_GROUPE, date(2026, 11, 12), "Rien n'est dit au groupe")
    bpp_service.record_referent(ws, bpp_id, True, date(2026, 11, 2), [place, group])
    stored = bpp_service.get_bpp(ws, bpp_id)
    assert (stored.referent_wish, stored.referent_wish_on) == (True, date(2026, 11, 2))
    assert stored.referent_agreements == {ReferentPoint.ACCES_LIEU: place, ReferentPoint.INFORMATION_GROUPE: group}
    bpp_service.record_referent(ws, bpp_id, True, date(2026, 11, 2), [group])  # one withdrawn
    assert list(bpp_service.get_bpp(ws, bpp_id).referent_agreements) == [ReferentPoint.INFORMATION_GROUPE]


def test_the_restitution_to_the_group_concludes_phase_3(ws: Workspace) -> None:
    """Rule: the agent's restitution to the group is recorded — during or after the plan d'action phase."""
    agent_id, demande_id = accepted_agent(ws, "Lefèvre", "Hélène")
    bpp = bpp_service.start_bpp(ws, demande_id, BppForm.INDIVIDUEL, REASON)
    bpp_id = bpp.id or 0
    with pytest.raises(ValidationError, match="conclut le plan d'action .* qui n'a pas commencé"):
        bpp_service.record_restitution(ws, bpp_id, TODAY, "Plan présenté")
    bpp_service.record_contract(ws, bpp_id, TODAY)
    _held(ws, agent_id, bpp_id, Phase.LANCEMENT, TODAY, E3Role.INITIAL)
    bpp_service.advance_bpp(ws, bpp_id)
    _held(ws, agent_id, bpp_id, Phase.ANALYSE, TODAY)
    bpp_service.advance_bpp(ws, bpp_id)
    with pytest.raises(ValidationError, match="conclut le plan d'action .* qui n'a pas commencé"):
        bpp_service.record_restitution(ws, bpp_id, TODAY, "Plan présenté")
    _held(ws, agent_id, bpp_id, Phase.PLAN_ACTION, TODAY)
    bpp_service.record_restitution(ws, bpp_id, TODAY, " Plan présenté ; deux éléments de suivi retenus. ")
    stored = bpp_service.get_bpp(ws, bpp_id)
    assert (stored.restitution_on, stored.restitution_notes) == (TODAY, "Plan présenté ; deux éléments de suivi "
                                                                        "retenus.")
    with pytest.raises(ValidationError, match="date de la restitution"):
        bpp_service.record_restitution(ws, bpp_id, None, "Sans date")


def test_exercises_get_into_the_synthesis_only_as_the_agent_chooses(ws: Workspace) -> None:
    """Rule: exercises done between séances and the animator's comments are brought by the agent's choice."""
    from cmc_desktop.domain.synthesis import Author
    from cmc_desktop.domain.synthesis_schema import SynthesisKind
    from cmc_desktop.services import synthesis
    from cmc_desktop.services.synthesis import ExerciseChoice

    agent_id, demande_id = accepted_agent(ws, "Lefèvre", "Hélène")
    bpp_id = bpp_service.start_bpp(ws, demande_id).id or 0
    done = bpp_service.add_exercise(ws, Exercise(bpp_id, "Ligne de vie", date(2026, 11, 2),
                                                 done_on=date(2026, 11, 9), animator_comment="Très clair."))
    other = bpp_service.add_exercise(ws, Exercise(bpp_id, "Valeurs", date(2026, 11, 9)))
    assert bpp_service.exercises_for_bpp(ws, bpp_id)[0].animator_comment == "Très clair."
    doc = synthesis.create_synthesis(ws, agent_id, SynthesisKind.BPP, bpp_id)
    assert [e.title for e in synthesis.exercises_to_bring(ws, doc)] == ["Ligne de vie", "Valeurs"]
    assert not synthesis.load_synthesis(ws, doc).text("2.1.0")  # never there on its own
    assert not synthesis.bring_exercises(ws, doc, "2.1.0", [ExerciseChoice(done.id or 0, False, False)],
                                         Author.AGENT)
    synthesis.set_field(ws, doc, "2.1.0", "Mon parcours.", Author.AGENT)
    assert synthesis.bring_exercises(ws, doc, "2.1.0", [ExerciseChoice(done.id or 0, True, True),
                                                        ExerciseChoice(other.id or 0, True, False)], Author.AGENT)
    assert synthesis.load_synthesis(ws, doc).text("2.1.0") == (
        "Mon parcours.\n\nExercice « Ligne de vie » (fait le 09/11/2026)\nCommentaire de l'animateur sur « Ligne de "
        "vie » : Très clair.\n\nExercice « Valeurs »")
    _, foreign_demande = accepted_agent(ws, "Petit", "Léa")
    foreign_bpp = bpp_service.start_bpp(ws, foreign_demande).id or 0
    foreign = bpp_service.add_exercise(ws, Exercise(foreign_bpp, "Autre", date(2026, 11, 2)))
    with pytest.raises(DomainError, match="n'appartient pas au bilan"):
        synthesis.bring_exercises(ws, doc, "2.1.0", [ExerciseChoice(foreign.id or 0)], Author.AGENT)
    with pytest.raises(DomainError, match="Choisissez la rubrique"):
        synthesis.bring_exercises(ws, doc, "phase1_date", [ExerciseChoice(done.id or 0)], Author.AGENT)


def test_a_bilan_dated_by_its_advances_keeps_them_until_its_first_interview(ws: Workspace) -> None:
    """Bilans recorded before their interviews were (no E3 interview at all) keep the dates of their advances;
    once an interview is recorded, the interviews date every phase."""
    from sqlalchemy import update

    from cmc_desktop.data.models import BppRow

    agent_id, demande_id = accepted_agent(ws, "Martin")
    bpp_id = bpp_service.start_bpp(ws, demande_id, BppForm.INDIVIDUEL, REASON).id or 0
    with ws.store.session() as s:
        s.execute(update(BppRow).where(BppRow.id == bpp_id).values(
            current_phase=Phase.ANALYSE, phase1_on=date(2026, 9, 1), phase2_on=date(2026, 10, 1)))
    assert bpp_service.get_bpp(ws, bpp_id).phase_dates == {Phase.LANCEMENT: date(2026, 9, 1),
                                                          Phase.ANALYSE: date(2026, 10, 1)}
    _held(ws, agent_id, bpp_id, Phase.LANCEMENT, date(2026, 9, 2), E3Role.INITIAL)
    assert bpp_service.get_bpp(ws, bpp_id).phase_dates == {Phase.LANCEMENT: date(2026, 9, 2)}
