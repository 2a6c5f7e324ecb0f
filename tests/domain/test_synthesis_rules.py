"""The document de synthèse: authorship, finalisation by the agent, co-signature, reopening, diffs."""

from datetime import UTC, date, datetime

import pytest

from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.domain.synthesis import (
    WITHHELD,
    Author,
    FieldValue,
    PlanAction,
    Synthesis,
    SynthesisStatus,
    copy_for_recipient,
    diff_snapshots,
)
from cmc_desktop.domain.synthesis_schema import BPP_SECTIONS, E2_SECTIONS, SynthesisKind, field_specs, sensitive_fields
from cmc_desktop.domain.text import LONG_TEXT_MAX

NOW = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)


def test_annexe_2_numbering_is_complete() -> None:
    numbers = [f.number for s in BPP_SECTIONS for f in s.fields if f.number]
    assert numbers == ["1.1.", "1.2.", "1.3.", "2.1.0.", "2.1.1.", "2.1.2.", "2.2.1.", "2.2.2.", "2.2.3.", "2.3.1.",
                       "2.3.2.", "2.3.3.", "2.3.4.", "2.4.1.", "2.4.2.", "2.5.", "3.1.3.", "4.1."]
    assert [s.title for s in BPP_SECTIONS][1:] == [
        "Phase de lancement", "Phase d'appui à l'analyse du parcours professionnel",
        "Phase d'appui à la réalisation d'un plan d'action", "Phase de conclusion"]
    assert field_specs(SynthesisKind.BPP)["2.5"].sensitive
    assert len({f.key for s in E2_SECTIONS for f in s.fields}) == sum(len(s.fields) for s in E2_SECTIONS)


def test_each_field_remembers_its_last_author() -> None:
    doc = Synthesis(agent_id=1)
    assert doc.set_text("1.1", "Préparer une mobilité", Author.AGENT, NOW)
    assert doc.set_text("2.2.3", "Autonomie", Author.CMC, NOW)
    assert not doc.set_text("1.1", "Préparer une mobilité", Author.CMC, NOW)  # unchanged: authorship kept
    assert doc.values["1.1"].author is Author.AGENT and doc.values["2.2.3"].author is Author.CMC


def test_unknown_field_and_huge_text_are_refused() -> None:
    doc = Synthesis(agent_id=1)
    with pytest.raises(ValidationError):
        doc.set_text("9.9", "x", Author.CMC, NOW)
    with pytest.raises(ValidationError, match="trop long"):
        doc.set_text("2.1.0", "x" * (LONG_TEXT_MAX + 1), Author.CMC, NOW)


def test_action_plan_attribution_per_row() -> None:
    doc = Synthesis(agent_id=1)
    doc.set_actions([PlanAction("Se former", "3 mois", "03/2027", ["S'inscrire"])], Author.CMC, NOW)
    later = datetime(2026, 11, 17, tzinfo=UTC)
    doc.set_actions([PlanAction("Se former", "3 mois", "03/2027", ["S'inscrire"]),
                     PlanAction("Enquête métier", "1 mois", "01/2027")], Author.AGENT, later)
    assert doc.actions[0].author is Author.CMC and doc.actions[0].updated_at == NOW
    assert doc.actions[1].author is Author.AGENT


def test_finalised_document_is_locked_until_the_agent_asks_to_reopen() -> None:
    doc = Synthesis(agent_id=1)
    doc.set_text("1.1", "Projet", Author.AGENT, NOW)
    doc.finalise(date(2026, 11, 20))
    assert doc.status is SynthesisStatus.FINALISE
    with pytest.raises(DomainError, match="finalisé"):
        doc.set_text("1.1", "Autre", Author.CMC, NOW)
    doc.cosign("Zoé Martin", date(2026, 11, 20), "Claire Dupont", date(2026, 11, 21))
    with pytest.raises(ValidationError):
        doc.reopen("   ")
    doc.reopen("L'agent souhaite compléter le plan d'action (courriel du 22/11).")
    assert not doc.locked and doc.agent_signed_on is None
    assert doc.set_text("1.1", "Autre", Author.AGENT, NOW)


def test_cosign_requires_finalisation_and_order() -> None:
    doc = Synthesis(agent_id=1)
    with pytest.raises(DomainError):
        doc.cosign("A", date(2026, 11, 20), "B", date(2026, 11, 20))
    doc.finalise(date(2026, 11, 20))
    with pytest.raises(ValidationError):
        doc.cosign("A", date(2026, 11, 19), "B", date(2026, 11, 20))


def test_diff_lists_changed_fields_in_document_order() -> None:
    doc = Synthesis(agent_id=1)
    doc.set_text("2.3.1", "Finances publiques", Author.CMC, NOW)
    before = doc.snapshot()
    doc.set_text("1.1", "Nouveau projet", Author.AGENT, NOW)
    doc.set_text("2.3.1", "Finances publiques, marchés", Author.AGENT, NOW)
    doc.set_actions([PlanAction("Stage")], Author.AGENT, NOW)
    changes = diff_snapshots(SynthesisKind.BPP, before, doc.snapshot())
    assert [c.key for c in changes] == ["1.1", "2.3.1", "action.1"]
    assert changes[1].before == "Finances publiques" and changes[1].after == "Finances publiques, marchés"
    assert changes[0].label == "1.1. besoins et attentes de l'agent"


def test_a_recipients_copy_carries_only_the_rubrics_its_consent_names_and_leaves_the_document_as_it_is() -> None:
    """Rule (what goes to whom): the copy carries only the rubrics the consent names; the others are withheld."""
    assert [spec.key for spec in sensitive_fields(SynthesisKind.BPP)] == ["1.2", "2.5"]
    assert sensitive_fields(SynthesisKind.E2) == []
    doc = Synthesis(agent_id=1, values={"2.5": FieldValue("Santé fragile"), "2.2.3": FieldValue("Motivé"),
                                        "1.2": FieldValue("Poste adapté"), "agent": FieldValue("Léa MARTIN")},
                    actions=[PlanAction("Stage")])
    copy = copy_for_recipient(doc, frozenset({"2.2.3", "plan"}))
    assert copy.text("2.2.3") == "Motivé" and copy.text("agent") == "Léa MARTIN" and copy.actions == doc.actions
    assert copy.text("2.5") == copy.text("1.2") == "" and {"1.2", "2.5", "1.1"} <= copy.withheld
    assert "2.2.3" not in copy.withheld and copy.pseudo_id == doc.pseudo_id
    assert doc.text("2.5") == "Santé fragile" and doc.withheld == frozenset()
    without_plan = copy_for_recipient(doc, frozenset({"2.2.3"}))
    assert without_plan.actions == [] and "plan" in without_plan.withheld
    assert "l'agent n'a pas consenti" in WITHHELD
