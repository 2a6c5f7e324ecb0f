"""The document de synthèse: property of the agent, co-edited, finalised by the agent, co-signed."""

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from .agent import new_pseudo_id
from .dates import check_order
from .errors import DomainError, ValidationError
from .synthesis_schema import ACTION_PLAN_KEY, CRITERIA_LABEL, FieldKind, SynthesisKind, field_specs, rubrics
from .text import clean_long, clean_short

MAX_ACTIONS = 20
MAX_STEPS = 12
#: What a finalised document shows where the agent chose to write nothing.
NOT_FILLED = "non renseigné"


class Author(StrEnum):
    AGENT = "agent"
    CMC = "cmc"

    @property
    def label(self) -> str:
        return {"agent": "l'agent", "cmc": "le conseiller"}[self.value]


class SynthesisStatus(StrEnum):
    EN_COURS = "en_cours"
    FINALISE = "finalise"

    @property
    def label(self) -> str:
        return {"en_cours": "En cours de rédaction", "finalise": "Finalisé par l'agent"}[self.value]


@dataclass
class FieldValue:
    text: str = ""
    author: Author | None = None
    updated_at: datetime | None = None


@dataclass
class PlanAction:
    """One column of the calendar (3.1.1.) with its operational steps (3.1.2.) and the elements of follow-up or
    evaluation that will say whether its objective is reached (guide 001, phase 3)."""

    title: str = ""
    duree: str = ""
    date_realisation: str = ""
    steps: list[str] = field(default_factory=list)
    author: Author | None = None
    updated_at: datetime | None = None
    criteria: str = ""


@dataclass
class Synthesis:
    agent_id: int
    kind: SynthesisKind = SynthesisKind.BPP
    values: dict[str, FieldValue] = field(default_factory=dict)
    actions: list[PlanAction] = field(default_factory=list)
    status: SynthesisStatus = SynthesisStatus.EN_COURS
    finalised_on: date | None = None
    agent_signatory: str = ""
    agent_signed_on: date | None = None
    cmc_signatory: str = ""
    cmc_signed_on: date | None = None
    bpp_id: int | None = None
    id: int | None = None
    pseudo_id: str = field(default_factory=lambda: new_pseudo_id("DS"))
    collective: bool = True
    """A BPP document of a collective bilan (the model's title says so); the repository reads it from the BPP."""
    withheld: frozenset[str] = frozenset()
    """In a copy for a third party: the rubrics the agent's consent does not name (emptied, said as withheld)."""

    @property
    def locked(self) -> bool:
        return self.status is SynthesisStatus.FINALISE

    def text(self, key: str) -> str:
        value = self.values.get(key)
        return value.text if value else ""

    def _check_editable(self) -> None:
        if self.locked:
            raise DomainError(
                "Le document a été finalisé par l'agent : il ne peut être modifié qu'après une demande "
                "de réouverture de l'agent."
            )

    def set_text(self, key: str, text: str, author: Author, now: datetime) -> bool:
        """Write one field; return False when nothing changed (so no authorship is stolen)."""
        self._check_editable()
        spec = field_specs(self.kind).get(key)
        if spec is None:
            raise ValidationError(f"Rubrique inconnue : {key}.")
        text = clean_short(text, spec.label) if spec.kind in (FieldKind.LINE, FieldKind.DATE) else (
            clean_long(text, spec.label))
        if self.text(key) == text:
            return False
        self.values[key] = FieldValue(text, author, now)
        return True

    def set_actions(self, actions: list[PlanAction], author: Author, now: datetime) -> bool:
        """Replace the action plan; rows whose content changed are attributed to `author`."""
        self._check_editable()
        if len(actions) > MAX_ACTIONS:
            raise ValidationError(f"Le plan d'action compte {MAX_ACTIONS} actions au maximum.")
        changed = len(actions) != len(self.actions)
        cleaned: list[PlanAction] = []
        for index, action in enumerate(actions):
            if len(action.steps) > MAX_STEPS:
                raise ValidationError(f"Une action compte {MAX_STEPS} étapes au maximum.")
            new = PlanAction(
                clean_short(action.title, "Action"), clean_short(action.duree, "Durée"),
                clean_short(action.date_realisation, "Date de réalisation"),
                [clean_long(s, "Étape") for s in action.steps], action.author, action.updated_at,
                clean_long(action.criteria, CRITERIA_LABEL),
            )
            old = self.actions[index] if index < len(self.actions) else None
            if old is None or action_content(old) != action_content(new):
                new.author, new.updated_at, changed = author, now, True
            else:
                new.author, new.updated_at = old.author, old.updated_at
            cleaned.append(new)
        self.actions = cleaned
        return changed

    def finalise(self, on: date) -> None:
        """Only the agent finalises the document; it is then locked. Rubrics left empty stay so (it is the
        agent's choice, asked first: see empty_rubrics) and read « non renseigné »."""
        self._check_editable()
        self.status, self.finalised_on = SynthesisStatus.FINALISE, on

    def empty_rubrics(self) -> list[str]:
        """The headings of the rubrics with nothing written (the action plan counts as one), in order."""
        return [r.heading for r in rubrics(self.kind)
                if not (self.actions if r.key == ACTION_PLAN_KEY else self.text(r.key).strip())]

    def cosign(self, agent_name: str, agent_on: date, cmc_name: str, cmc_on: date) -> None:
        if not self.locked:
            raise DomainError("La co-signature intervient après la finalisation du document par l'agent.")
        self.agent_signatory = clean_short(agent_name, "Nom de l'agent", required=True)
        self.cmc_signatory = clean_short(cmc_name, "Nom du conseiller", required=True)
        check_order(self.finalised_on, agent_on, "La signature ne peut pas précéder la finalisation.")
        check_order(self.finalised_on, cmc_on, "La signature ne peut pas précéder la finalisation.")
        self.agent_signed_on, self.cmc_signed_on = agent_on, cmc_on

    def reopen(self, agent_request: str) -> None:
        """Reopen at the agent's request (recorded by the caller); signatures no longer hold."""
        if not self.locked:
            raise DomainError("Le document n'est pas finalisé.")
        if not agent_request.strip():
            raise ValidationError("Indiquez la demande de réouverture formulée par l'agent.")
        self.status, self.finalised_on = SynthesisStatus.EN_COURS, None
        self.agent_signatory, self.agent_signed_on = "", None
        self.cmc_signatory, self.cmc_signed_on = "", None

    def snapshot(self) -> dict[str, object]:
        """The content only (for versions and diffs): texts and action plan."""
        return {
            "values": {k: v.text for k, v in sorted(self.values.items()) if v.text},
            "actions": [action_content(a) for a in self.actions],
        }


WITHHELD = ("Rubrique non transmise : l'agent n'a pas consenti à sa communication à ce destinataire. "
            "Elle figure dans le document qu'il conserve.")


def copy_for_recipient(synthesis: Synthesis, consented: frozenset[str]) -> Synthesis:
    """The copy for a recipient whose consent names the rubrics `consented`: every other rubric is emptied and
    marked withheld, filled or not (an empty rubric would tell something too). The header and the dates always
    go. The document itself is left as it is."""
    withheld = frozenset(r.key for r in rubrics(synthesis.kind) if r.key not in consented)
    values = {key: value for key, value in synthesis.values.items() if key not in withheld}
    actions = [] if ACTION_PLAN_KEY in withheld else list(synthesis.actions)
    return replace(synthesis, values=values, actions=actions, withheld=withheld)


def action_content(action: PlanAction) -> dict[str, object]:
    content: dict[str, object] = {"title": action.title, "duree": action.duree,
                                  "date_realisation": action.date_realisation, "steps": list(action.steps)}
    if action.criteria:  # versions kept before criteria existed compare equal to a plan without any
        content["criteria"] = action.criteria
    return content


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    before: str
    after: str


def diff_snapshots(kind: SynthesisKind, before: dict, after: dict) -> list[Change]:
    """What changed between two versions, field by field, in the order of the document."""
    specs = field_specs(kind)
    old_values, new_values = before.get("values", {}), after.get("values", {})
    changes = [
        Change(key, spec.heading, old_values.get(key, ""), new_values.get(key, ""))
        for key, spec in specs.items()
        if old_values.get(key, "") != new_values.get(key, "")
    ]
    old_actions, new_actions = before.get("actions", []), after.get("actions", [])
    for index in range(max(len(old_actions), len(new_actions))):
        old = old_actions[index] if index < len(old_actions) else None
        new = new_actions[index] if index < len(new_actions) else None
        if old != new:
            changes.append(Change(f"action.{index + 1}", f"Plan d'action — action {index + 1}",
                                  _describe_action(old), _describe_action(new)))
    return changes


def _describe_action(action: dict | None) -> str:
    if not action:
        return ""
    lines = [str(action.get("title", "")), f"Durée : {action.get('duree', '')}",
             f"Date de réalisation : {action.get('date_realisation', '')}"]
    lines += [f"Étape {i}: {s}" for i, s in enumerate(action.get("steps", []), start=1)]
    if action.get("criteria"):
        lines.append(f"{CRITERIA_LABEL} : {action['criteria']}")
    return "\n".join(lines)
