"""The questionnaire de satisfaction: its items, its validation, and recording answers or refusals."""

from datetime import date

import pytest
from sqlalchemy import select

from cmc_desktop.data.models import AuditEventRow, SatisfactionRow
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.domain.satisfaction import AccompanimentKind, AnswerVia, Commitment, Satisfaction
from cmc_desktop.services import satisfaction
from cmc_desktop.services.workspace import Workspace
from tests.conftest import MARKER
from tests.services.helpers import seed_agent

TODAY = date(2026, 11, 16)


def _answer(agent_id: int | None = 1, **changes) -> Satisfaction:
    values = dict(agent_id=agent_id, accompaniment=AccompanimentKind.BPP, recorded_on=TODAY, via=AnswerVia.SEANCE,
                  scores={Commitment.CONFIDENTIALITE: 10, Commitment.DELAI: 6}, overall=9, comment="Très utile.")
    return Satisfaction(**(values | changes))


def test_items_follow_the_scorable_commitments_of_mon_accompagnement_en_plus() -> None:
    assert [(item.number, item.short_label) for item in Commitment] == [
        (1, "Information sur l'offre"), (2, "Délai de prise en charge"), (3, "Accompagnement adapté"),
        (4, "Accès aux outils"), (5, "Compétences de l'accompagnant"), (6, "Confidentialité et neutralité"),
        (7, "Aide à la synthèse")]
    assert all(item.question.endswith("?") for item in Commitment)


@pytest.mark.parametrize(("changes", "message"), [
    ({"overall": None}, "Indiquez la note globale de l'accompagnement, de 0 à 10."),
    ({"overall": 11}, "La note globale doit être un nombre entier de 0 à 10."),
    ({"overall": True}, "La note globale doit être un nombre entier de 0 à 10."),
    ({"scores": {Commitment.OUTILS: -1}}, "La note « Accès aux outils » doit être un nombre entier de 0 à 10."),
    ({"scores": {Commitment.OUTILS: 7.5}}, "La note « Accès aux outils » doit être un nombre entier de 0 à 10."),
    ({"comment": "x" * 4001}, "Le commentaire dépasse 4\u00a0000 caractères."),
    ({"recorded_on": date(2026, 11, 17)}, "La date « Date des réponses » (17/11/2026) n'est pas plausible"),
    ({"declined": True}, "L'agent a décliné le questionnaire : aucune note ni aucun commentaire"),
])
def test_invalid_answers_are_refused_in_french(changes: dict, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _answer(**changes).validated(TODAY)
    assert str(caught.value).startswith(message)


def test_a_valid_answer_keeps_blank_items_absent_and_trims_the_comment() -> None:
    answer = _answer(scores={Commitment.SYNTHESE: 0}, overall=10, comment="  merci \n").validated(TODAY)
    assert answer.scores == {Commitment.SYNTHESE: 0} and answer.comment == "merci" and answer.satisfied
    assert not _answer(overall=8).validated(TODAY).satisfied


def test_record_and_list_answers_of_an_agent(ws: Workspace) -> None:
    agent = seed_agent(ws.store, "AG-SATISF01", MARKER)
    other = seed_agent(ws.store, "AG-SATISF02", "Autre")
    paper = satisfaction.record(ws, _answer(agent, via=AnswerVia.PAPIER, recorded_on=date(2026, 10, 2),
                                            accompaniment=AccompanimentKind.E2, comment=f"Merci {MARKER}"))
    assert paper.id is not None
    satisfaction.record(ws, _answer(other))
    declined = satisfaction.decline(ws, agent, AccompanimentKind.BPP, AnswerVia.SEANCE)
    assert (declined.declined, declined.recorded_on, declined.scores, declined.overall) == (True, TODAY, {}, None)

    listed = satisfaction.list_for_agent(ws, agent)
    assert [(a.accompaniment, a.via, a.declined, a.overall) for a in listed] == [
        (AccompanimentKind.E2, AnswerVia.PAPIER, False, 9), (AccompanimentKind.BPP, AnswerVia.SEANCE, True, None)]
    assert listed[0].scores == {Commitment.CONFIDENTIALITE: 10, Commitment.DELAI: 6}
    assert listed[0].comment == f"Merci {MARKER}"
    with ws.store.session() as s:
        assert s.execute(select(AuditEventRow)).first() is None  # answers are not sensitive actions


def test_an_invalid_answer_writes_nothing(ws: Workspace) -> None:
    agent = seed_agent(ws.store, "AG-SATISF01", "Agent")
    with pytest.raises(ValidationError):
        satisfaction.record(ws, _answer(agent, overall=12))
    with ws.store.session() as s:
        assert s.execute(select(SatisfactionRow)).first() is None


def test_an_unknown_agent_is_refused(ws: Workspace) -> None:
    with pytest.raises(DomainError, match="Agent introuvable"):
        satisfaction.record(ws, _answer(404))
    with pytest.raises(DomainError, match="Agent introuvable"):
        satisfaction.decline(ws, 404, AccompanimentKind.E2, AnswerVia.PAPIER)
    with pytest.raises(DomainError, match="Agent introuvable"):
        satisfaction.list_for_agent(ws, 404)
