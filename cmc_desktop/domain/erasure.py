"""Erasing an agent's whole file: why, who asked, and what holds it back for now.

Two holds, from the texts:

- **A BPP under its contrat d'engagement et de confidentialité, not closed.** Guide 001: « Pendant le bilan de
  parcours professionnel collectif l'agent est en mission » — the enrolment, the séances attended and the
  signed contract are what the agent's absences from the post rest on, and the group's confidentiality frame
  names the participants. The agent first leaves the bilan (the CMC closes it or withdraws the agent from the
  promotion); the file can then be erased. A BPP whose contract is not signed binds nobody yet: no hold.
- **A transmission the agent asked of a provider, not made yet.** Guide 001: « le document de synthèse est
  transmis si l'agent le demande, à un professionnel qualifié […] de son administration ». In provider mode a
  live consent to the administration's CMC is that request: erasing first would destroy the only copy the
  agent asked to be handed over. The CMC transmits it, or records the withdrawal of the consent.

A pending destruction is no hold: the erasure carries it out.
"""

from dataclasses import dataclass
from enum import StrEnum

from .text import normalise_for_search

# The provider's reason for erasing, word for word (guide 001, « Diffusion et confidentialité »).
PROVIDER_RULE = ("Un organisme externe à l'administration ne pouvant pas garder des documents et des données "
                 "personnelles d'un agent public, le prestataire doit prévoir la destruction du document de synthèse.")
IN_MISSION = "Pendant le bilan de parcours professionnel collectif l'agent est en mission."


class ErasureReason(StrEnum):
    """Why a whole file is erased; the value is the tombstone's reason code."""

    AGENT_REQUEST = "demande_agent"
    MISTAKE = "creation_par_erreur"
    PROVIDER = "prestataire"

    @property
    def label(self) -> str:
        return {"demande_agent": "À la demande de l'agent (droit à l'effacement)",
                "creation_par_erreur": "Dossier créé par erreur",
                "prestataire": "Fin de mission du prestataire"}[self.value]

    @property
    def initiative(self) -> str:
        """Who asked, as the attestation and the dashboard say it."""
        return {"demande_agent": "à la demande de l'agent",
                "creation_par_erreur": "à l'initiative du conseiller, le dossier ayant été créé par erreur",
                "prestataire": "à l'initiative du prestataire"}[self.value]

    @property
    def keeps_activity(self) -> bool:
        """Whether anonymous counts of the work done stay for the indicators: a file created by mistake
        recorded no real activity."""
        return self is not ErasureReason.MISTAKE


@dataclass(frozen=True)
class ErasureFacts:
    bpp_under_contract: bool = False
    """A BPP whose contract is signed and which is not closed."""
    transmissions_asked: tuple[str, ...] = ()
    """Provider mode: recipients the agent consented to, to whom nothing has been transmitted yet."""


def erasure_holds(facts: ErasureFacts) -> list[str]:
    """Why the file cannot be erased now, in French (nothing: it can)."""
    holds = []
    if facts.bpp_under_contract:
        holds.append("Un BPP est en cours sous contrat d'engagement et de confidentialité : « " + IN_MISSION
                     + " » Clôturez le bilan ou retirez l'agent de sa promotion, puis effacez le dossier.")
    for recipient in facts.transmissions_asked:
        holds.append(f"L'agent a demandé que son document de synthèse soit transmis ({recipient}) et il ne l'a pas "
                     "encore été : transmettez-le, ou enregistrez le retrait de son consentement, avant d'effacer.")
    return holds


def confirmation_matches(typed: str, last_name: str) -> bool:
    """The CMC types the agent's last name to confirm; accents, case and surrounding spaces do not matter."""
    expected = normalise_for_search(last_name).strip()
    return bool(expected) and normalise_for_search(typed).strip() == expected
