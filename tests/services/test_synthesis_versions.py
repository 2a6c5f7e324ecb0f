"""Versions of a document de synthèse: saved, listed, compared with each other and with the current content."""

from datetime import UTC, datetime

import pytest

from cmc_desktop.domain.clock import FixedClock
from cmc_desktop.domain.errors import DomainError, ValidationError
from cmc_desktop.domain.synthesis import Author, PlanAction
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services import synthesis as service
from cmc_desktop.services.synthesis_versions import VersionInfo, compare, list_versions, save_version
from cmc_desktop.services.workspace import Workspace

from .factories import make_agent


def test_versions_are_numbered_listed_and_compared(ws: Workspace, clock: FixedClock) -> None:
    synthesis_id = service.create_synthesis(ws, make_agent(ws, "Lefèvre", "Hélène"), SynthesisKind.BPP)
    service.set_field(ws, synthesis_id, "1.1", "Changer de métier", Author.AGENT)
    assert save_version(ws, synthesis_id, "  Après la séance 1 ") == 1
    clock.advance(days=7)
    service.set_field(ws, synthesis_id, "1.1", "Changer de métier dans la fonction publique", Author.AGENT)
    service.set_field(ws, synthesis_id, "2.3.3", "Autonomie", Author.CMC)
    service.set_actions(ws, synthesis_id, [PlanAction("Stage", "1 mois")], Author.AGENT)
    assert save_version(ws, synthesis_id, "") == 2

    assert list_versions(ws, synthesis_id) == [
        VersionInfo(1, datetime(2026, 11, 16, 9, 30, tzinfo=UTC), "Après la séance 1"),
        VersionInfo(2, datetime(2026, 11, 23, 9, 30, tzinfo=UTC), "")]
    changes = compare(ws, synthesis_id, 1, 2)
    assert [(c.key, c.label, c.before, c.after) for c in changes] == [
        ("1.1", "1.1. besoins et attentes de l'agent", "Changer de métier",
         "Changer de métier dans la fonction publique"),
        ("2.3.3", "2.3.3. Savoir être", "", "Autonomie"),
        ("action.1", "Plan d'action — action 1", "", "Stage\nDurée : 1 mois\nDate de réalisation : ")]
    assert compare(ws, synthesis_id, 2, None) == []  # nothing changed since version 2
    service.set_field(ws, synthesis_id, "2.3.3", "", Author.CMC)
    assert [(c.key, c.before, c.after) for c in compare(ws, synthesis_id, 2, None)] == [("2.3.3", "Autonomie", "")]
    assert [c.key for c in compare(ws, synthesis_id, None, 1)] == ["1.1", "action.1"]


def test_bad_version_requests_are_refused(ws: Workspace) -> None:
    synthesis_id = service.create_synthesis(ws, make_agent(ws, "Petit", "Léa"), SynthesisKind.E2)
    with pytest.raises(DomainError, match="version 3"):
        compare(ws, synthesis_id, 3, None)
    with pytest.raises(ValidationError, match="200 caractères"):
        save_version(ws, synthesis_id, "x" * 201)
    with pytest.raises(DomainError, match="n'existe pas"):
        list_versions(ws, 999)
    assert list_versions(ws, synthesis_id) == []
