"""The agent's requests about their own data (RGPD): a copy of everything held (access, portability), or the
erasure of the file. Either is answered within a month of its receipt (RGPD, art. 12.3: « dans les meilleurs
délais et en tout état de cause dans un délai d'un mois à compter de la réception de la demande »)."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .dates import add_months, check_order, check_plausible, format_fr
from .errors import DomainError

ANSWER_MONTHS = 1
# How many days ahead the dashboard warns that the answer is due.
ANSWER_WARNING_DAYS = 10


class RightsRequestKind(StrEnum):
    ACCES = "acces"
    EFFACEMENT = "effacement"

    @property
    def label(self) -> str:
        return {"acces": "Accès à ses données (copie et portabilité)",
                "effacement": "Effacement de son dossier"}[self.value]


@dataclass
class RightsRequest:
    agent_id: int
    kind: RightsRequestKind
    requested_on: date
    answered_on: date | None = None
    id: int | None = None

    @property
    def due_on(self) -> date:
        return add_months(self.requested_on, ANSWER_MONTHS)

    def validated(self, today: date) -> "RightsRequest":
        self.kind = RightsRequestKind(self.kind)
        check_plausible(self.requested_on, "Date de la demande", today=today, future_years=0)
        check_order(self.requested_on, self.answered_on, "La réponse ne peut pas précéder la demande.")
        return self

    def answer(self, on: date) -> None:
        if self.answered_on is not None:
            raise DomainError(f"Cette demande a déjà reçu sa réponse le {format_fr(self.answered_on)}.")
        check_order(self.requested_on, on, "La réponse ne peut pas précéder la demande.")
        self.answered_on = on
