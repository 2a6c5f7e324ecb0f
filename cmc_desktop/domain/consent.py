"""The agent's consent to communicate the synthesis to a third party (guide 001, « Diffusion »)."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .dates import check_order, check_plausible
from .errors import DomainError
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


@dataclass
class Consent:
    """What the agent agreed to send, to whom, from when, until withdrawn. The sensitive fields (2.5, the
    personal situation) go only if the agent agreed to that too (`includes_sensitive`)."""

    synthesis_id: int
    recipient_kind: RecipientKind
    recipient_name: str
    scope: str
    given_on: date
    withdrawn_on: date | None = None
    id: int | None = None
    includes_sensitive: bool = False

    def is_live(self, on: date) -> bool:
        return self.given_on <= on and (self.withdrawn_on is None or on < self.withdrawn_on)

    def validated(self, today: date) -> "Consent":
        self.recipient_name = clean_short(self.recipient_name, "Destinataire", required=True)
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
