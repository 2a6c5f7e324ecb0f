"""Reading back a completed fillable PDF: within a budget, seal first, and only what the template holds.

The file comes from outside (the agent, or anyone posing as the agent): it is parsed only by form_reader.py
in a child process with limits (form_sandbox.py). The seal — the document's pseudonymous id and its token —
is read first and handed to `check_seal` (the caller proves it against the store) before the fields are even
parsed. A PDF carrying active content (JavaScript, an action at opening, a program launch, embedded files),
one missing fields of the template, or one whose fields were flattened is refused with a French message that
says what to ask the agent. Control and bidirectional-override characters are taken out of every value: they
could hide or reorder text in what the CMC reviews.
"""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..domain.synthesis import MAX_ACTIONS, PlanAction
from ..domain.synthesis_schema import DEFAULT_ACTION_COUNT, FieldKind, SynthesisKind, field_specs
from ..domain.text import LONG_TEXT_MAX
from . import form_sandbox
from .fillable import (
    ACTION_PARTS,
    MAX_FILLABLE_BYTES,
    PSEUDO_ID_FIELD,
    TOKEN_FIELD,
    FillableContent,
    FillableError,
    action_field,
    field_name,
)
from .form_sandbox import Cancellation, FormReaderProcess, Limits, ReadCancelled, ReaderFailed

log = logging.getLogger(__name__)

NOTHING_IMPORTED = "Rien n'a été importé."
ASK_AGAIN = ("Demandez à l'agent de reprendre le PDF que vous lui avez envoyé, de le compléter dans son lecteur PDF "
             "et de l'enregistrer (Fichier > Enregistrer), puis de vous renvoyer ce fichier tel quel.")
# C0 controls but tab and newline, DEL, C1 controls, bidirectional embeddings, overrides, isolates and marks, and
# lone surrogates (which no file can store and JSON lets through).
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@dataclass(frozen=True)
class Seal:
    """What identifies the document a completed PDF belongs to, as found in the file (not yet verified)."""

    pseudo_id: str
    token: str


class ImportCancelled(FillableError):
    """The CMC stopped the reading (or the application locked): nothing was read, nothing imported."""

    def __init__(self) -> None:
        super().__init__(f"Lecture du PDF annulée. {NOTHING_IMPORTED}")


def strip_invisible(text: str) -> str:
    """`text` without control or bidirectional-formatting characters (tab and newline stay)."""
    return _INVISIBLE.sub("", text)


def read_fillable(data: bytes, check_seal: Callable[[Seal], SynthesisKind], *, password: str = "",
                  cancellation: Cancellation | None = None, limits: Limits | None = None) -> FillableContent:
    """The values of a completed fillable PDF; FillableError for anything that is not one of ours, whatever
    `check_seal` raises when the seal is not this document's (then no field has been parsed)."""
    if len(data) > MAX_FILLABLE_BYTES:
        raise FillableError(f"Ce fichier est trop volumineux ({MAX_FILLABLE_BYTES // (1024 * 1024)} Mo au "
                            f"maximum) pour être un document de synthèse complété. {NOTHING_IMPORTED}")
    if b"%PDF-" not in data[:1024]:
        raise FillableError(f"Ce fichier n'est pas un PDF. {NOTHING_IMPORTED}")
    try:
        with FormReaderProcess(data, password, limits or form_sandbox.LIMITS, cancellation or Cancellation()) as reader:
            seal = _seal(reader.reply())
            kind = check_seal(seal)
            reader.proceed()
            fields = _fields(reader.reply())
    except ReadCancelled:
        raise ImportCancelled() from None
    except ReaderFailed as failure:
        raise _budget_error() if failure.overrun else FillableError(
            "La lecture du PDF n'a pas pu aboutir sur ce poste (le lecteur de formulaires ne s'est pas lancé). "
            f"{NOTHING_IMPORTED}") from None
    _require_template(fields, kind)
    specs = field_specs(kind)
    values = {key: _checked(fields[field_name(key)], spec.label, one_line=spec.kind in (FieldKind.LINE, FieldKind.DATE))
              for key, spec in specs.items()}
    return FillableContent(seal.pseudo_id, seal.token, values, _actions(fields))


def _seal(reply: dict[str, object]) -> Seal:
    _refuse(reply)
    seal = reply.get("sceau")
    if not isinstance(seal, dict):
        raise FillableError(f"Ce PDF est endommagé ou illisible. {NOTHING_IMPORTED}")
    pseudo_id, token = str(seal.get("pseudo_id", "")).strip(), str(seal.get("token", "")).strip()
    if not pseudo_id:
        raise FillableError("Ce PDF n'est pas un document de synthèse à compléter exporté par cmc-desktop. "
                            f"{NOTHING_IMPORTED}")
    if not token:
        raise FillableError("Ce PDF ne porte pas de jeton de contrôle : il ne peut pas être importé. "
                            f"{NOTHING_IMPORTED}")
    return Seal(pseudo_id, token)


def _fields(reply: dict[str, object]) -> dict[str, str]:
    _refuse(reply)
    fields = reply.get("champs")
    if not isinstance(fields, dict):
        raise FillableError(f"Ce PDF est endommagé ou illisible. {NOTHING_IMPORTED}")
    return {str(name): _text(value) for name, value in fields.items()}


def _refuse(reply: dict[str, object]) -> None:
    """The child's refusal, as the message the CMC reads."""
    code = reply.get("refus")
    if code is None:
        return
    if code == "mot_de_passe":
        raise FillableError("Ce PDF est protégé par un mot de passe qui n'a pas été fourni ou qui est inexact. "
                            f"{NOTHING_IMPORTED}")
    if code == "limite":
        raise _budget_error()
    if code == "contenu_actif":
        raise FillableError(
            f"Ce PDF contient des éléments actifs ({reply.get('quoi', 'script')}) qu'un document de synthèse à "
            f"compléter ne contient jamais : il n'a pas été lu. {NOTHING_IMPORTED} {ASK_AGAIN}")
    if code == "sans_formulaire" and reply.get("aplati") is True:
        raise FillableError(
            "Ce PDF ne contient plus de cadres à compléter : ils ont été « aplatis », ce qui arrive quand le "
            "document est imprimé en PDF (Imprimer > Enregistrer au format PDF) au lieu d'être enregistré. Ce qui "
            f"y est écrit ne peut pas être relu. {NOTHING_IMPORTED} {ASK_AGAIN} Surtout pas par « Imprimer ».")
    if code == "sans_formulaire":
        raise FillableError(
            "Ce PDF n'est pas un document de synthèse à compléter exporté par cmc-desktop : il ne contient aucun "
            "cadre à compléter. S'il s'agit du document envoyé à l'agent, il a sans doute été imprimé en PDF au "
            f"lieu d'être enregistré. {NOTHING_IMPORTED} {ASK_AGAIN}")
    log.info("pdf.form_unreadable %s", str(reply.get("erreur", code)))
    raise FillableError(f"Ce PDF est endommagé ou illisible. {NOTHING_IMPORTED}")


def _budget_error() -> FillableError:
    return FillableError(
        "Ce PDF est bien plus complexe qu'un document de synthèse à compléter (taille une fois décompressé, nombre "
        f"d'objets ou temps de lecture) : sa lecture a été arrêtée. {NOTHING_IMPORTED} {ASK_AGAIN}")


def _text(value: object) -> str:
    # Some viewers end lines with "\r" in multiline fields.
    return strip_invisible(value.replace("\r\n", "\n").replace("\r", "\n")) if isinstance(value, str) else ""


def _require_template(fields: dict[str, str], kind: SynthesisKind) -> None:
    """Every field the form was sent with is still there (the first rows of the plan at least)."""
    expected = [field_name(key) for key in field_specs(kind)]
    expected += [action_field(index, part) for index in range(1, DEFAULT_ACTION_COUNT + 1) for part in ACTION_PARTS]
    missing = [name for name in (PSEUDO_ID_FIELD, TOKEN_FIELD, *expected) if name not in fields]
    if missing:
        count = f"{len(missing)} cadre{'s' if len(missing) > 1 else ''} sur {len(expected) + 2}"
        raise FillableError(
            f"Il manque à ce PDF des cadres du document envoyé ({count}) : il a été transformé par un logiciel "
            f"qui les a retirés ou aplatis. {NOTHING_IMPORTED} {ASK_AGAIN}")


def _checked(text: str, label: str, *, one_line: bool = False) -> str:
    if len(text) > LONG_TEXT_MAX:
        raise FillableError(f"Le champ « {label} » du PDF dépasse {LONG_TEXT_MAX:_} caractères : "
                            "rien n'a été importé.".replace("_", "\u00a0"))
    return " ".join(text.split()) if one_line else text


def _actions(fields: dict[str, str]) -> list[PlanAction]:
    actions: list[PlanAction] = []
    for index in range(1, MAX_ACTIONS + 1):
        parts = [fields.get(action_field(index, part)) for part in ACTION_PARTS]
        if all(part is None for part in parts):
            break
        label = f"Action {index}"
        title, duree, date, steps = (_checked(part or "", label, one_line=n < 3) for n, part in enumerate(parts))
        actions.append(PlanAction(title, duree, date, [s.strip() for s in steps.split("\n") if s.strip()]))
    while actions and actions[-1] == PlanAction():
        actions.pop()
    return actions
