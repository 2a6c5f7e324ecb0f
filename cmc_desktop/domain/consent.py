"""The agent's consent to communicate the synthesis to a third party (guide 001, « Diffusion »)."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .dates import check_order, check_plausible
from .errors import DomainError, ValidationError
from .synthesis_schema import SynthesisKind, rubrics
from .text import clean_short


class RecipientKind(StrEnum):
    SUPERIEUR = "superieur"
    SERVICE_RH = "service_rh"
    AUTRE_CMC = "autre_cmc"
    REFERENT_HANDICAP = "referent_handicap"
    COACH = "coach"
    AUTRE = "autre"

    @property
    def label(self) -> str:
        return {"superieur": "Supérieur hiérarchique", "service_rh": "Service RH",
                "autre_cmc": "Autre conseiller mobilité-carrière", "referent_handicap": "Référent handicap",
                "coach": "Coach", "autre": "Autre destinataire"}[self.value]


def default_rubrics(kind: SynthesisKind) -> frozenset[str]:
    """What a new consent offers ticked: every rubric but 1.2 (which may hold the material arrangements of an
    agent covered by art. L. 5212-13) and 2.5 (the personal situation), which the agent ticks expressly."""
    return frozenset(r.key for r in rubrics(kind) if not r.sensitive)


def check_rubrics(kind: SynthesisKind, chosen: frozenset[str]) -> frozenset[str]:
    """The rubrics a consent names, checked against the document's."""
    known = {r.key for r in rubrics(kind)}
    if not chosen:
        raise ValidationError("Cochez au moins une rubrique que l'agent accepte de transmettre à ce destinataire.")
    if not chosen <= known:
        raise ValidationError(f"Rubrique inconnue dans ce document : {', '.join(sorted(chosen - known))}.")
    return chosen


def journal_rubrics(kind: SynthesisKind, keys: frozenset[str]) -> str:
    """How the journal says which rubrics a consent or a copy names, by key and without content, the shorter
    way: « 1.1,2.5 » or « toutes-sauf:1.2,2.5 »."""
    named = [r.key for r in rubrics(kind) if r.key in keys]
    left_out = [r.key for r in rubrics(kind) if r.key not in keys]
    if not left_out:
        return "toutes"
    return ",".join(named) if len(named) <= len(left_out) else "toutes-sauf:" + ",".join(left_out)


@dataclass
class Consent:
    """What the agent agreed to send, to whom, from when, until withdrawn: the rubrics it names (`rubrics`)
    go, the others are withheld from the copy."""

    synthesis_id: int
    recipient_kind: RecipientKind
    recipient_name: str
    scope: str
    given_on: date
    withdrawn_on: date | None = None
    id: int | None = None
    rubrics: frozenset[str] = frozenset()

    def is_live(self, on: date) -> bool:
        return self.given_on <= on and (self.withdrawn_on is None or on < self.withdrawn_on)

    def validated(self, today: date) -> "Consent":
        self.recipient_name = clean_short(self.recipient_name, "Nom ou service du destinataire", required=True)
        self.scope = clean_short(self.scope, "Objet du consentement", required=True)
        check_plausible(self.given_on, "Consentement donné le", today=today, future_years=0)
        check_order(self.given_on, self.withdrawn_on, "Le retrait ne peut pas précéder le consentement.")
        return self


def live_consent_for(consents: list[Consent], kind: RecipientKind, name: str, on: date) -> Consent:
    """The consent that allows sending to this recipient today, or a DomainError saying why not."""
    for consent in consents:
        if (consent.recipient_kind is kind and consent.recipient_name.casefold() == name.strip().casefold()
                and consent.is_live(on)):
            return consent
    raise DomainError(
        f"L'agent n'a pas donné (ou a retiré) son consentement à la transmission du document au "
        f"destinataire « {kind.label} ». Recueillez son accord avant toute transmission."
    )
