"""Duplicate files: same names (accents, case, hyphens, order ignored) and same birth year or e-mail."""

from datetime import date

from hypothesis import example, given
from hypothesis import strategies as st

from cmc_desktop.domain.agent import Agent, AgentState, PriorityGround
from cmc_desktop.domain.duplicates import MergeFacts, PersonKey, find_duplicates, merge_blockers, merged_identity

EXISTING = [
    PersonKey("Œuvray-Dàvid", "Hélène", 1978, "helene.oeuvray@exemple.invalid", id=1),
    PersonKey("Martin", "Léa", 1990, "", id=2),
    PersonKey("Martin", "Léa", None, "", id=3),
    PersonKey("Martin", "Léo", 1990, "", id=4),
]


def ids(candidate: PersonKey) -> list[tuple[int | None, bool]]:
    return [(m.existing.id, m.certain) for m in find_duplicates(candidate, EXISTING)]


def test_same_names_and_birth_year_ignoring_accents_case_and_hyphens() -> None:
    assert ids(PersonKey("oeuvray david", "HELENE", 1978)) == [(1, True)]
    [match] = find_duplicates(PersonKey("OEUVRAY-DAVID", "hélène", 1978), EXISTING)
    assert match.reasons == ("mêmes nom et prénom", "même année de naissance (1978)")


def test_same_names_and_email_whatever_the_birth_year_recorded() -> None:
    assert ids(PersonKey("Œuvray Dàvid", "Hélène", None, " Helene.Oeuvray@Exemple.invalid ")) == [(1, True)]


def test_first_and_last_names_typed_the_other_way_round() -> None:
    assert ids(PersonKey("Hélène", "Œuvray-Dàvid", 1978)) == [(1, True)]


def test_a_different_birth_year_is_another_person() -> None:
    assert ids(PersonKey("Œuvray-Dàvid", "Hélène", 1980)) == []
    assert ids(PersonKey("Martin", "Léa", 1985)) == [(3, False)]  # id 3 has no year: the CMC checks


def test_without_a_birth_year_a_same_name_file_is_shown_as_possible() -> None:
    assert ids(PersonKey("Martin", "Lea")) == [(2, False), (3, False)]
    assert ids(PersonKey("Martin", "Léa", 1990)) == [(2, True), (3, False)]  # certain first


def test_a_different_first_name_is_no_duplicate() -> None:
    assert ids(PersonKey("Martin", "Léon", 1990)) == []


def test_a_file_is_not_its_own_duplicate() -> None:
    assert ids(PersonKey("Martin", "Léa", 1990, id=2)) == [(3, False)]


@given(st.text(min_size=1, max_size=20), st.text(min_size=1, max_size=20), st.integers(1930, 2010))
@example("ᾀ", "Léa", 1990)  # its capitals write the iota subscript as a letter: 'ἈΙ'
def test_a_person_is_always_found_again_under_their_own_names(last: str, first: str, year: int) -> None:
    person = PersonKey(last, first, year, id=7)
    found = find_duplicates(PersonKey(last.upper(), first.lower(), year), [person])
    has_letters = any(c.isalnum() for c in last) and any(c.isalnum() for c in first)
    assert [m.existing.id for m in found] == ([7] if has_letters else [])


def test_merging_needs_one_bpp_one_accompaniment_and_one_pending_demande_at_most() -> None:
    assert merge_blockers(MergeFacts(open_bpp=True), MergeFacts(open_accompaniment=True)) == []
    reasons = merge_blockers(MergeFacts(True, True, True), MergeFacts(True, True, True))
    assert [r.split(" :")[0] for r in reasons] == [
        "Les deux dossiers ont chacun un BPP en cours", "Les deux dossiers ont chacun un accompagnement en cours",
        "Les deux dossiers ont chacun une demande de BPP en attente de réponse"]


def test_the_merged_identity_completes_the_kept_one() -> None:
    kept = Agent("Martin", "Léa", email="", birth_year=None, private_notes="Notes A",
                 priority_grounds=frozenset({PriorityGround.USURE_PROFESSIONNELLE}), state=AgentState.TERMINE,
                 accompaniment_ended_on=date(2026, 1, 1), pseudo_id="AG-GARDE")
    other = Agent("MARTIN", "Lea", email="lea@exemple.invalid", birth_year=1990, private_notes="Notes B",
                  service="Rectorat", priority_grounds=frozenset({PriorityGround.L5212_13}), pseudo_id="AG-DOUBLE")
    combined = merged_identity(kept, other)
    assert (combined.last_name, combined.first_name, combined.pseudo_id) == ("Martin", "Léa", "AG-GARDE")
    assert (combined.email, combined.birth_year, combined.service) == ("lea@exemple.invalid", 1990, "Rectorat")
    assert combined.priority_grounds == {PriorityGround.USURE_PROFESSIONNELLE, PriorityGround.L5212_13}
    assert combined.private_notes == "Notes A\n\nNotes B"
    assert (combined.state, combined.accompaniment_ended_on) == (AgentState.ACTIF, None)
