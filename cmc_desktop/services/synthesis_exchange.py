"""The document de synthèse leaving and coming back: PDF export (agent's copy or, with consent, a third party's),
fillable PDF sent to the agent at a distance, and the review of what the agent wrote in it.

Every export is journaled, the agent's own copy included. Services return bytes; the UI chooses where to write
them (write_atomically). A fillable PDF carries a token:
HMAC-SHA256, keyed by a secret kept inside the encrypted store, over the document's pseudonymous id and the
digest of the version saved at export. An import whose token does not verify, or that belongs to another
document, is refused before anything is written, and before its fields are even parsed: the file is read in
a child process with a budget (pdf/form_sandbox.py).
"""

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy.orm import Session

from ..data import atomic
from ..data.errors import DiskWriteFailed
from ..data.models import ConsentRow, PdfImportRow, TransmissionRow
from ..data.repositories import audit, profile, settings, syntheses
from ..domain.audit import AuditCode
from ..domain.consent import RecipientKind, journal_rubrics, live_consent_for
from ..domain.errors import DomainError, ValidationError
from ..domain.synthesis import (
    Author,
    Change,
    PlanAction,
    Synthesis,
    action_content,
    copy_for_recipient,
    diff_snapshots,
)
from ..domain.synthesis_schema import FieldKind, SynthesisKind, field_specs
from ..domain.text import clean_long, clean_short
from .consents import consents
from .destruction import request_after_provider_transmission
from .workspace import Workspace

if TYPE_CHECKING:
    from ..pdf.form_sandbox import Cancellation

FILLABLE_SECRET_SETTING = "fillable_secret"
_TOKEN = re.compile(r"v(\d{1,9})-([0-9a-f]{64})")


@dataclass(frozen=True)
class ImportReview:
    """What a completed fillable PDF proposes, field by field, for the CMC to accept or not."""

    synthesis_id: int
    import_id: int
    changes: list[Change]


def export_pdf(ws: Workspace, synthesis_id: int, *, for_recipient: int | None = None,
               password: str | None = None, accessible: bool = False) -> bytes:
    """The document as a PDF: the agent's copy, or for the recipient of consent `for_recipient`, which must
    be live (the transmission is then recorded; the rubrics the consent does not name are withheld).
    Optionally protected by a password (AES-256). `accessible`: the same copy as an ODT a screen reader can
    navigate (documents/odt.py), which cannot carry a password."""
    from ..pdf.protect import protect
    from ..pdf.synthesis_pdf import render_synthesis

    if accessible and password is not None:
        raise ValidationError("Le document accessible (ODT) ne peut pas être protégé par un mot de passe : "
                              "choisissez le PDF pour le protéger.")
    now, protected = ws.clock.now(), "non" if password is None else "oui"
    written_as = " format=odt" if accessible else ""
    with ws.store.session() as s:
        stored = syntheses.row(s, synthesis_id)
        doc = syntheses.to_synthesis(s, stored)
        if for_recipient is None:
            audit.append(s, AuditCode.SYNTHESIS_EXPORTED, now, subject=doc.pseudo_id,
                         detail=f"copie=agent protege={protected}{written_as}")
        else:
            chosen = s.get(ConsentRow, for_recipient)
            if chosen is None or chosen.synthesis_id != synthesis_id:
                raise DomainError("Ce consentement ne concerne pas ce document : choisissez un destinataire dans "
                                  "le registre des consentements du document.")
            consent = live_consent_for(consents(s, synthesis_id), chosen.recipient_kind, chosen.recipient_name,
                                       ws.clock.today())
            sent = TransmissionRow(synthesis_id=synthesis_id, consent_id=consent.id,
                                   recipient_kind=consent.recipient_kind, recipient_name=consent.recipient_name,
                                   sent_at=now)
            s.add(sent)
            s.flush()
            audit.append(s, AuditCode.SYNTHESIS_EXPORTED_THIRD_PARTY, now, subject=doc.pseudo_id,
                         detail=f"transmission={sent.id} consentement={consent.id} "
                                f"destinataire={consent.recipient_kind.value} protege={protected} "
                                f"rubriques={journal_rubrics(doc.kind, consent.rubrics)}{written_as}")
            doc = copy_for_recipient(doc, consent.rubrics)
            if consent.recipient_kind is RecipientKind.AUTRE_CMC:
                request_after_provider_transmission(s, stored, ws.clock.today(), now)
        if accessible:
            from ..documents.odt import render_odt
            from ..documents.synthesis import synthesis_document

            return render_odt(synthesis_document(doc), now=now)
        data = render_synthesis(doc, profile=profile.get(s))
        # Inside the transaction: a refused password or a rendering failure leaves no journal entry.
        return data if password is None else protect(data, password)


def suggested_filename(ws: Workspace, synthesis_id: int, *, fillable: bool = False, accessible: bool = False) -> str:
    """A file name that says nothing about the agent: « synthese-DS-XXXXXXXX.pdf » (« .odt » when accessible)."""
    with ws.store.session() as s:
        pseudo_id = syntheses.row(s, synthesis_id).pseudo_id
    return f"synthese-{pseudo_id}{'-a-completer' if fillable else ''}.{'odt' if accessible else 'pdf'}"


def write_atomically(path: Path | str, data: bytes) -> None:
    """Write an export where the CMC chose: the old file stays whole until the new one is on disk, and no
    partial copy is left behind (the temporary file is in the same folder, private, then renamed)."""
    try:
        atomic.write_atomically(Path(path), data)
    except (DiskWriteFailed, OSError):
        raise DomainError("Le fichier n'a pas pu être enregistré à cet emplacement : vérifiez que le dossier "
                          "existe, l'espace disque et les droits d'écriture. Aucun fichier incomplet n'a été "
                          "laissé.") from None


def export_fillable(ws: Workspace, synthesis_id: int) -> bytes:
    """A PDF form of the document for the agent to complete at a distance; the content sent is kept as a
    version, which the import compares against."""
    from ..pdf.fillable import export_fillable as render_fillable

    now = ws.clock.now()
    with ws.store.session() as s:
        doc = syntheses.get(s, synthesis_id)
        if doc.locked:
            raise DomainError("Le document a été finalisé par l'agent : il ne peut plus être complété. "
                              "Il faut d'abord une demande de réouverture de l'agent.")
        number = syntheses.add_version(s, doc, "Envoyé à l'agent à compléter (PDF)", now)
        token = _token(_secret_for_export(s), doc.pseudo_id, number, doc.snapshot())
        audit.append(s, AuditCode.FILLABLE_EXPORTED, now, subject=doc.pseudo_id, detail=f"version={number}")
        return render_fillable(doc, token, profile.get(s))


def review_import(ws: Workspace, synthesis_id: int, data: bytes, *,
                  cancellation: "Cancellation | None" = None) -> ImportReview:
    """Read a completed fillable PDF and list what the agent changed since it was sent.

    A file that is not one of our fillable PDFs, that belongs to another document, whose token was tampered
    with, or whose document has since been finalised is refused with a French message and changes nothing.
    The seal is checked against the store before the fields are parsed, and the parsing has a budget
    (pdf/form_sandbox.py); `cancellation` stops it from another thread.
    """
    from ..pdf.fillable_import import Seal, read_fillable

    def check_seal(seal: Seal) -> SynthesisKind:
        with ws.store.session() as s:  # read only: a refused seal writes nothing
            doc = syntheses.get(s, synthesis_id)
            _check_seal(s, doc, seal.pseudo_id, seal.token)
            return doc.kind

    content = read_fillable(data, check_seal, cancellation=cancellation)
    now = ws.clock.now()
    with ws.store.session() as s:
        doc = syntheses.get(s, synthesis_id)
        base_number = _check_seal(s, doc, content.pseudo_id, content.token)
        fields, actions = _proposals(doc, syntheses.version_snapshot(s, synthesis_id, base_number),
                                     content.values, content.actions)
        stored = PdfImportRow(synthesis_id=synthesis_id, imported_at=now, accepted_keys=[],
                              values={"base": base_number, "values": fields,
                                      "actions": {str(i): a for i, a in actions.items()}})
        s.add(stored)
        s.flush()
        changes = _changes(doc, fields, actions)
        audit.append(s, AuditCode.FILLABLE_IMPORTED, now, subject=doc.pseudo_id,
                     detail=f"import={stored.id} propositions={len(changes)}")
        return ImportReview(synthesis_id, stored.id, changes)


def _check_seal(session: Session, doc: Synthesis, pseudo_id: str, token: str) -> int:
    """The number of the version the PDF was sent as, once the seal is proven this document's; the document
    must still be open to the agent's changes."""
    if pseudo_id != doc.pseudo_id:
        raise DomainError("Ce PDF est celui d'un autre document de synthèse (autre agent ou autre bilan) : "
                          "rien n'a été importé. Vérifiez le fichier reçu.")
    base_number = _verified_version(session, doc, token)
    if doc.locked:
        raise DomainError("Le document a été finalisé par l'agent depuis l'envoi du PDF : rien n'a été "
                          "importé. Il faut d'abord une demande de réouverture de l'agent.")
    return base_number


def accept_import(ws: Workspace, synthesis_id: int, import_id: int, accepted_keys: list[str]) -> None:
    """Apply exactly the accepted proposals of a reviewed import, attributed to the agent; a version is kept.

    The import then keeps only the list of accepted keys: its proposals are in the document or were refused.
    """
    now = ws.clock.now()
    with ws.store.session() as s:
        stored = s.get(PdfImportRow, import_id)
        if stored is None or stored.synthesis_id != synthesis_id:
            raise DomainError("Cet import n'existe pas pour ce document.")
        if not stored.values:
            raise DomainError("Cet import a déjà été traité.")
        fields: dict[str, str] = stored.values["values"]
        actions = {int(i): a for i, a in stored.values["actions"].items()}
        keys = set(accepted_keys)
        unknown = keys - set(fields) - {_action_key(i) for i in actions}
        if unknown:
            raise ValidationError("Ces rubriques ne font pas partie des modifications proposées par l'import : "
                                  + ", ".join(sorted(unknown)) + ". Rien n'a été modifié.")
        doc = syntheses.get(s, synthesis_id)
        changed = [key for key, text in fields.items() if key in keys and doc.set_text(key, text, Author.AGENT, now)]
        for key in changed:
            syntheses.save_field(s, doc, key)
        accepted_actions = {i: a for i, a in actions.items() if _action_key(i) in keys}
        plan_changed = bool(accepted_actions) and doc.set_actions(_merged_actions(doc, accepted_actions),
                                                                  Author.AGENT, now)
        if plan_changed:
            syntheses.save_actions(s, doc)
        if changed or plan_changed:
            syntheses.save_state(s, doc, now)
            syntheses.add_version(s, doc, "Import du PDF complété par l'agent", now)
        stored.accepted_keys, stored.values = sorted(keys), {}
        audit.append(s, AuditCode.FILLABLE_ACCEPTED, now, subject=doc.pseudo_id,
                     detail=f"import={import_id} acceptees={len(keys)} proposees={len(fields) + len(actions)}")


def _secret(session: Session) -> bytes | None:
    """The store's key for fillable tokens; None until the first fillable PDF is exported."""
    value = settings.get_str(session, FILLABLE_SECRET_SETTING)
    return None if value is None else bytes.fromhex(value)


def _secret_for_export(session: Session) -> bytes:
    secret = _secret(session)
    if secret is None:
        secret = secrets.token_bytes(32)
        settings.put(session, FILLABLE_SECRET_SETTING, secret.hex())
    return secret


def _token(secret: bytes, pseudo_id: str, number: int, snapshot: dict[str, Any]) -> str:
    digest = hashlib.sha256(json.dumps(snapshot, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    mac = hmac.new(secret, "\x1f".join((pseudo_id, str(number), digest)).encode(), hashlib.sha256).hexdigest()
    return f"v{number}-{mac}"


def _verified_version(session: Session, doc: Synthesis, token: str) -> int:
    """The number of the version the PDF was made from, once its token is proven ours and untouched."""
    refused = DomainError("Ce PDF a été modifié en dehors des rubriques à compléter, ou ne provient pas de ce "
                          "poste : son sceau ne correspond pas. Rien n'a été importé.")
    match = _TOKEN.fullmatch(token or "")
    secret = _secret(session)
    if match is None or secret is None or doc.id is None:
        raise refused
    number = int(match.group(1))
    try:
        snapshot = syntheses.version_snapshot(session, doc.id, number)
    except DomainError:
        raise refused from None
    if not hmac.compare_digest(_token(secret, doc.pseudo_id, number, snapshot), token):
        raise refused
    return number


def _proposals(doc: Synthesis, base: dict[str, Any], values: dict[str, str],
               actions: list[PlanAction]) -> tuple[dict[str, str], dict[int, dict[str, Any] | None]]:
    """What the agent changed in the PDF since it was sent (the base), leaving out what the document already
    says; an action proposed as None was removed by the agent."""
    specs = field_specs(doc.kind)
    base_values = base.get("values", {})
    fields: dict[str, str] = {}
    for key, text in values.items():
        spec = specs.get(key)
        if spec is None:
            continue
        if spec.kind in (FieldKind.LINE, FieldKind.DATE):
            text = clean_short(" ".join(text.split()), spec.label)
        else:
            text = clean_long(_unify_newlines(text), spec.label)
        if not (_same(text, base_values.get(key, "")) or _same(text, doc.text(key))):
            fields[key] = text
    base_actions = _trimmed(base.get("actions", []))
    sent_back = _trimmed([action_content(_cleaned_action(a)) for a in actions])
    current = [action_content(a) for a in doc.actions]
    proposed: dict[int, dict[str, Any] | None] = {}
    for index in range(max(len(base_actions), len(sent_back))):
        new = _at(sent_back, index)
        new = new if _has_content(new) else None  # an emptied column is an action the agent removed
        if not (_same_action(new, _at(base_actions, index)) or _same_action(new, _at(current, index))):
            proposed[index] = new
    return fields, proposed


def _changes(doc: Synthesis, fields: dict[str, str], actions: dict[int, dict[str, Any] | None]) -> list[Change]:
    """The proposals as changes of the current document, in the order of the document."""
    before = doc.snapshot()
    after_values = {k: v for k, v in {**cast(dict[str, str], before["values"]), **fields}.items() if v}
    after_actions = list(cast(list[Any], before["actions"]))
    for index, action in sorted(actions.items()):
        after_actions += [None] * (index + 1 - len(after_actions))
        after_actions[index] = action or {}
    return diff_snapshots(doc.kind, before, {"values": after_values, "actions": after_actions})


def _merged_actions(doc: Synthesis, accepted: dict[int, dict[str, Any] | None]) -> list[PlanAction]:
    """The current plan with the accepted actions put at their number (blank columns fill a gap) and the
    actions the agent removed taken out."""
    merged: list[PlanAction | None] = list(doc.actions)
    for index, action in sorted(accepted.items()):
        merged += [PlanAction() for _ in range(index + 1 - len(merged))]
        kept = merged[index]  # the fillable PDF does not carry the criteria of follow-up: they stay
        merged[index] = None if action is None else PlanAction(
            str(action["title"]), str(action["duree"]), str(action["date_realisation"]),
            [str(step) for step in action["steps"]], criteria=kept.criteria if kept is not None else "")
    return [a for a in merged if a is not None]


def _cleaned_action(action: PlanAction) -> PlanAction:
    steps = [_unify_newlines(step) for step in action.steps]
    while steps and not steps[-1].strip():
        steps.pop()
    return PlanAction(clean_short(" ".join(action.title.split()), "Action"),
                      clean_short(" ".join(action.duree.split()), "Durée"),
                      clean_short(" ".join(action.date_realisation.split()), "Date de réalisation"),
                      [clean_long(step, "Étape") for step in steps])


def _trimmed(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Without trailing blank columns (the form offers spare ones)."""
    actions = list(actions)
    while actions and not _has_content(actions[-1]):
        actions.pop()
    return actions


def _has_content(action: dict[str, Any] | None) -> bool:
    if not action:
        return False
    texts = [action.get(k, "") for k in ("title", "duree", "date_realisation")] + list(action.get("steps", []))
    return any(_norm(str(text)) for text in texts)


def _same_action(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if not _has_content(a) or not _has_content(b):
        return _has_content(a) == _has_content(b)
    assert a is not None and b is not None
    return all(_same(str(a[k]), str(b[k])) for k in ("title", "duree", "date_realisation")) and (
        [_norm(str(s)) for s in a["steps"] if _norm(str(s))] == [_norm(str(s)) for s in b["steps"] if _norm(str(s))])


def _at(actions: list[dict[str, Any]], index: int) -> dict[str, Any] | None:
    return actions[index] if index < len(actions) else None


def _same(a: str, b: str) -> bool:
    return _norm(a) == _norm(b)


def _norm(text: str) -> str:
    """PDF forms turn narrow no-break spaces into no-break spaces and may change line ends or trailing
    spaces: none of that is a change by the agent."""
    return "\n".join(line.rstrip() for line in _unify_newlines(text).replace("\u202f", " ")
                     .replace("\u00a0", " ").split("\n")).strip()


def _unify_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _action_key(index: int) -> str:
    return f"action.{index + 1}"
