"""Interviews without Qt or store: E2 phases and the referral to a BPP, E3 interviews placed in a bilan."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmc_desktop.domain.demande import Initiative
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.domain.interview import (
    E1Response,
    E3Role,
    Interview,
    InterviewType,
    Orientation,
    PropositionItem,
    SupportKind,
    TargetPublic,
)

TODAY = date(2026, 11, 16)


def e2(**changes: object) -> Interview:
    interview = Interview(agent_id=1, type=InterviewType.E2, held_on=date(2026, 11, 2))
    for name, value in changes.items():
        setattr(interview, name, value)
    return interview


def e3(role: E3Role | None, phase: int | None, bpp_id: int | None = 7) -> Interview:
    return Interview(agent_id=1, type=InterviewType.E3, held_on=date(2026, 11, 2), bpp_id=bpp_id,
                     bpp_phase=phase, e3_role=role)


def test_an_e2_interview_holds_its_three_phases() -> None:
    interview = e2(proposition_items=frozenset({PropositionItem.CONFIDENTIALITE, PropositionItem.OBJECTIFS}),
                   proposition_notes="Cadre rappelé", support_kind=SupportKind.CONSTRUCTION,
                   support_notes="Projet précisé", progress_shared="Deux pistes retenues",
                   next_actions="Préparer un CV", subject="  Projet de mobilité ", duration_minutes=90)
    assert interview.validated(TODAY).subject == "Projet de mobilité"


@pytest.mark.parametrize(("changes", "message"), [
    ({"duration_minutes": 0}, "entre 1 minute et 8 heures"),
    ({"duration_minutes": 481}, "entre 1 minute et 8 heures"),
    ({"held_on": date(1949, 12, 31)}, "Date de l'entretien"),
    ({"held_on": TODAY + timedelta(days=366)}, "Date de l'entretien"),
    ({"subject": "Objet\nsur deux lignes"}, "« Objet » doit tenir sur une ligne"),
    ({"private_notes": "x" * 50_001}, "« Notes privées du conseiller » est trop long"),
    ({"bpp_id": 3, "bpp_phase": 2}, "Seul un entretien de BPP \\(E3\\) se rattache"),
    ({"e3_role": E3Role.FINAL}, "appartiennent à un BPP"),
])
def test_bad_interview_values_are_refused_in_french(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        e2(**changes).validated(TODAY)


@given(st.integers(min_value=-10, max_value=600))
def test_durations_from_one_minute_to_eight_hours(minutes: int) -> None:
    interview = e2(duration_minutes=minutes)
    if 1 <= minutes <= 480:
        assert interview.validated(TODAY).duration_minutes == minutes
    else:
        with pytest.raises(ValidationError):
            interview.validated(TODAY)


def test_an_e3_interview_is_placed_in_a_bilan_phase_by_its_role() -> None:
    e3(E3Role.INITIAL, 1).validated(TODAY)
    e3(E3Role.FINAL, 4).validated(TODAY)
    for phase in (1, 2, 3, 4):
        e3(E3Role.SEANCE, phase).validated(TODAY)
    with pytest.raises(ValidationError, match="L'entretien initial appartient à la phase 1"):
        e3(E3Role.INITIAL, 2).validated(TODAY)
    with pytest.raises(ValidationError, match="L'entretien final appartient à la phase 4"):
        e3(E3Role.FINAL, 3).validated(TODAY)
    with pytest.raises(ValidationError, match="entre 1 et 4"):
        e3(E3Role.SEANCE, 5).validated(TODAY)
    for incomplete in (e3(None, 2), e3(E3Role.SEANCE, None), e3(E3Role.SEANCE, 2, bpp_id=None)):
        with pytest.raises(ValidationError, match="se rattache à un bilan"):
            incomplete.validated(TODAY)
    assert [r.phase for r in E3Role] == [1, 4, None]


def test_an_e2_interview_refers_to_a_bpp_once_and_not_before_it_took_place() -> None:
    interview = e2()
    with pytest.raises(ValidationError, match="ne peut pas précéder l'entretien qui l'a suscitée \\(02/11/2026\\)"):
        interview.refer_to_bpp(date(2026, 11, 1))
    assert not interview.referred_to_bpp
    interview.refer_to_bpp(date(2026, 11, 2))
    assert interview.referred_to_bpp and interview.validated(TODAY)
    with pytest.raises(DomainError, match="déjà orienté l'agent vers un BPP"):
        interview.refer_to_bpp(TODAY)


@pytest.mark.parametrize("kind", [InterviewType.E1, InterviewType.E3])
def test_only_an_e2_or_e4_interview_leads_to_a_bpp(kind: InterviewType) -> None:
    interview = e2(type=kind)
    with pytest.raises(ValidationError, match="Seul un entretien projet de mobilité \\(E2\\) ou de carrière"):
        interview.refer_to_bpp(TODAY)
    assert not interview.referred_to_bpp
    with pytest.raises(ValidationError, match="Seul un entretien projet de mobilité"):
        e2(type=InterviewType.E1, referred_to_bpp=True).validated(TODAY)


def test_an_e4_interview_can_lead_to_a_bpp_and_records_its_initiative_and_target_public() -> None:
    """Rule (strategy, E4): « Ils peuvent conduire à mobiliser le bilan de parcours professionnel »; an
    entretien de carrière is at the employer's initiative, for a target public."""
    career = e2(type=InterviewType.E4, initiative=Initiative.EMPLOYEUR, target_public=TargetPublic.ANTICIPATION)
    career.validated(TODAY)
    career.refer_to_bpp(TODAY)
    assert career.referred_to_bpp
    with pytest.raises(ValidationError, match="entretien de carrière \\(E4\\)"):
        e2(target_public=TargetPublic.PROJECTION).validated(TODAY)


def test_an_e1_interview_records_where_the_agent_was_directed_and_what_was_sent() -> None:
    """Rule (strategy, figure I): an E1 records the aiguillage (which actor, which tool) and the documents and
    links sent; nothing of it belongs to another kind of interview."""
    info = e2(type=InterviewType.E1, e1_response=E1Response.AIGUILLAGE, orientation=Orientation.OUTIL,
              orientation_tool=" Place de l'emploi public ", documents_sent="https://choisirleservicepublic.gouv.fr")
    assert info.validated(TODAY).orientation_tool == "Place de l'emploi public"
    with pytest.raises(ValidationError, match="suppose que la réponse à l'agent soit un aiguillage"):
        e2(type=InterviewType.E1, e1_response=E1Response.DIRECTE, orientation=Orientation.CMC).validated(TODAY)
    with pytest.raises(ValidationError, match="entretien info-mobilité \\(E1\\)"):
        e2(documents_sent="Guide").validated(TODAY)
