"""Erasure: the holds decided from the texts, the typed confirmation, who asked; the guide quoted verbatim."""

import re
from pathlib import Path

from cmc_desktop.domain.erasure import (
    IN_MISSION,
    PROVIDER_RULE,
    ErasureFacts,
    ErasureReason,
    confirmation_matches,
    erasure_holds,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_the_guide_is_quoted_word_for_word() -> None:
    guide = " ".join(re.sub(r"^#.*$", "", (SEEDS / "guide-bpp-extraits.txt").read_text(encoding="utf-8"),
                            flags=re.MULTILINE).split())
    assert PROVIDER_RULE in guide
    assert IN_MISSION in guide


def test_nothing_holds_a_file_without_a_bpp_under_contract_nor_a_transmission_asked() -> None:
    assert erasure_holds(ErasureFacts()) == []


def test_a_bpp_under_contract_holds_the_erasure() -> None:
    [hold] = erasure_holds(ErasureFacts(bpp_under_contract=True))
    assert "BPP est en cours sous contrat d'engagement et de confidentialité" in hold
    assert IN_MISSION in hold and "Clôturez le bilan ou retirez l'agent de sa promotion" in hold


def test_a_transmission_the_agent_asked_of_a_provider_holds_the_erasure() -> None:
    holds = erasure_holds(ErasureFacts(transmissions_asked=("Autre conseiller mobilité-carrière « CMC Nord »",)))
    assert holds == ["L'agent a demandé que son document de synthèse soit transmis (Autre conseiller "
                     "mobilité-carrière « CMC Nord ») et il ne l'a pas encore été : transmettez-le, ou enregistrez le "
                     "retrait de son consentement, avant d'effacer."]


def test_the_confirmation_is_the_last_name_whatever_accents_and_case() -> None:
    assert confirmation_matches(" oeuvray-david ", "Œuvray-Dàvid")
    assert not confirmation_matches("Oeuvray", "Œuvray-Dàvid")
    assert not confirmation_matches("", "")


def test_who_asked_is_said_as_it_is() -> None:
    assert ErasureReason.PROVIDER.initiative == "à l'initiative du prestataire"
    assert ErasureReason.AGENT_REQUEST.initiative == "à la demande de l'agent"
    assert not ErasureReason.MISTAKE.keeps_activity and ErasureReason.PROVIDER.keeps_activity
