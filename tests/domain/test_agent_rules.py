"""The agent without Qt or store: identity checks, priority grounds, référent handicap, end of accompaniment."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmc_desktop.domain.agent import (
    Agent,
    AgentState,
    Category,
    PriorityGround,
    new_pseudo_id,
    referent_handicap_pending,
)
from cmc_desktop.domain.errors import DomainError, ValidationError

TODAY = date(2026, 11, 16)


def test_names_are_required_and_trimmed() -> None:
    agent = Agent("  Lefèvre ", " Hélène").validated(TODAY)
    assert (agent.last_name, agent.first_name, agent.display_name) == ("Lefèvre", "Hélène", "Hélène LEFÈVRE")
    with pytest.raises(ValidationError, match="« Nom » est obligatoire"):
        Agent("   ", "Hélène").validated(TODAY)
    with pytest.raises(ValidationError, match="« Prénom » est obligatoire"):
        Agent("Lefèvre", "").validated(TODAY)


@pytest.mark.parametrize(("changes", "message"), [
    ({"email": "helene.lefevre"}, "courriel saisi n'est pas une adresse valide"),
    ({"email": "h l@exemple.fr"}, "courriel saisi n'est pas une adresse valide"),
    ({"fonction": "x" * 201}, "« Fonction » dépasse 200 caractères"),
    ({"service": "Préfecture\nfictive"}, "doit tenir sur une ligne"),
    ({"date_prise_fonction": date(1902, 1, 1)}, "Date de prise de fonction"),
    ({"referent_handicap_informed_on": TODAY + timedelta(days=1)}, "Référent handicap informé le"),
    ({"category": Category.B, "priority_grounds": frozenset({PriorityGround.CAT_C_SANS_DIPLOME})},
     "ne vaut que pour un agent de catégorie C"),
])
def test_bad_identity_values_are_refused_in_french(changes: dict[str, object], message: str) -> None:
    agent = Agent("Lefèvre", "Hélène")
    for name, value in changes.items():
        setattr(agent, name, value)
    with pytest.raises(ValidationError, match=message):
        agent.validated(TODAY)


def test_restructuration_is_a_right_not_a_priority_ground() -> None:
    """Rule: restructuration makes the BPP « de droit » (décret 2019-1441); it is none of the three priority
    publics of art. L. 422-3."""
    assert not Agent("Martin", "Léa").has_priority_access
    restructured = Agent("Martin", "Léa", priority_grounds=frozenset({PriorityGround.RESTRUCTURATION}))
    assert not restructured.has_priority_access and restructured.bpp_of_right
    cat_c = Agent("Martin", "Léa", category=Category.C,
                  priority_grounds=frozenset({PriorityGround.CAT_C_SANS_DIPLOME})).validated(TODAY)
    assert cat_c.has_priority_access and not cat_c.bpp_of_right


def test_referent_handicap_must_be_informed_once_an_l5212_13_agent_starts_a_bpp() -> None:
    covered = Agent("Martin", "Léa", priority_grounds=frozenset({PriorityGround.L5212_13}))
    assert referent_handicap_pending(covered, bpp_started=True)
    assert not referent_handicap_pending(covered, bpp_started=False)
    covered.referent_handicap_informed_on = date(2026, 10, 1)
    assert not referent_handicap_pending(covered, bpp_started=True)
    assert not referent_handicap_pending(Agent("Martin", "Léa"), bpp_started=True)


def test_an_accompaniment_ends_once_after_its_last_interview_and_without_an_open_bpp() -> None:
    agent = Agent("Martin", "Léa")
    with pytest.raises(DomainError, match="BPP de cet agent est en cours"):
        agent.end_accompaniment(TODAY, today=TODAY, last_interview_on=None, has_open_bpp=True)
    with pytest.raises(ValidationError, match="ne peut pas précéder son dernier entretien \\(10/11/2026\\)"):
        agent.end_accompaniment(date(2026, 11, 1), today=TODAY, last_interview_on=date(2026, 11, 10),
                                has_open_bpp=False)
    with pytest.raises(ValidationError, match="Fin de l'accompagnement"):
        agent.end_accompaniment(TODAY + timedelta(days=1), today=TODAY, last_interview_on=None, has_open_bpp=False)
    assert agent.state is AgentState.ACTIF and agent.accompaniment_ended_on is None

    agent.end_accompaniment(date(2026, 11, 10), today=TODAY, last_interview_on=date(2026, 11, 10),
                            has_open_bpp=False)
    assert (agent.state, agent.accompaniment_ended_on) == (AgentState.TERMINE, date(2026, 11, 10))
    with pytest.raises(DomainError, match="déjà terminé \\(le 10/11/2026\\)"):
        agent.end_accompaniment(TODAY, today=TODAY, last_interview_on=None, has_open_bpp=False)
    with pytest.raises(DomainError, match="reprenez-le"):
        agent.check_active()

    agent.reopen_accompaniment()
    assert (agent.state, agent.accompaniment_ended_on) == (AgentState.ACTIF, None)
    agent.check_active()
    with pytest.raises(DomainError, match="déjà en cours"):
        agent.reopen_accompaniment()


@given(st.integers(min_value=0, max_value=40_000))
def test_no_end_date_before_the_last_interview_is_accepted(offset: int) -> None:
    last = date(1950, 1, 1) + timedelta(days=offset)
    on = min(last + timedelta(days=offset % 7 - 3), TODAY)
    agent = Agent("Martin", "Léa")
    if last > TODAY or on < last:
        with pytest.raises(ValidationError):
            agent.end_accompaniment(on, today=TODAY, last_interview_on=last, has_open_bpp=False)
        assert agent.state is AgentState.ACTIF
    else:
        agent.end_accompaniment(on, today=TODAY, last_interview_on=last, has_open_bpp=False)
        assert agent.accompaniment_ended_on == on


def test_pseudo_ids_carry_their_prefix_and_no_ambiguous_character() -> None:
    ids = {new_pseudo_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(i.startswith("AG-") and len(i) == 11 and not set(i[3:]) & set("01IO") for i in ids)
    assert new_pseudo_id("DS").startswith("DS-")
