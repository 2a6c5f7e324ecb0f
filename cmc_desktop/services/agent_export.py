"""The agent's right of access and to portability: everything held about one agent, as a readable PDF and a JSON
file whose schema is documented in docs/export-agent.md.

Everything held means the file's rows and every row that points at them: identity, demandes d'accompagnement and
their outcome, demandes de BPP and decisions, interviews, BPP (séances attended, exercises), documents de synthèse
with their versions, imports, attachments, consents and transmissions, questionnaires, the agent's requests about
their data and the journal entries about them. Nothing about anyone else: a promotion is named, not its other
participants nor its confidential points; journal entries are read by subject, and their detail (which may name
other rows) is left out. The CMC's private notes (on the file and on each interview) go only when the CMC includes
them, and both documents say which applies.

On request the same content goes as an accessible OpenDocument text too (documents/agent_export.py), for an agent
who uses a screen reader; and it may be printed instead of written (`printable_export`, journaled alike).

The files are written the way other exports are: readable by their owner only (0600), created new — an existing
file is never overwritten — and directly under their final name, with no temporary copy anywhere. The export is
journaled once both files are written.
"""

import contextlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..data.models import AgentRow, RightsRequestRow, SynthesisRow
from ..data.repositories import audit
from ..domain.audit import AuditCode
from ..domain.dates import format_fr
from ..domain.errors import DomainError
from ..domain.export_document import Document
from . import agent_export_parts as parts
from .workspace import Workspace

FORMAT = "cmc-desktop/export-agent"
VERSION = 1
NOTES_INCLUDED = ("Les notes privées du conseiller (sur le dossier et sur chaque entretien) sont incluses, à la "
                  "décision du conseiller.")
NOTES_EXCLUDED = ("Les notes privées du conseiller (sur le dossier et sur chaque entretien) ne sont pas incluses : "
                  "le conseiller a choisi de ne pas les joindre. Vous pouvez les lui demander.")


@dataclass(frozen=True)
class AgentExport:
    """The two views of the same content: `data` for the JSON file, `document` for the PDF."""

    pseudo_id: str
    data: dict[str, Any]
    document: Document


@dataclass(frozen=True)
class ExportedFiles:
    pdf: Path
    json: Path
    odt: Path | None = None
    """The accessible copy, when it was asked for."""

    @property
    def names(self) -> str:
        """« donnees-AG-….pdf et donnees-AG-….json » (with the .odt when there is one)."""
        names = [path.name for path in (self.pdf, self.json, self.odt) if path is not None]
        return ", ".join(names[:-1]) + " et " + names[-1]


def export_filenames(pseudo_id: str) -> tuple[str, str]:
    """Names that say nothing about the agent but the pseudonymous reference."""
    return f"donnees-{pseudo_id}.pdf", f"donnees-{pseudo_id}.json"


def accessible_filename(pseudo_id: str) -> str:
    return f"donnees-{pseudo_id}.odt"


def find_agent(ws: Workspace, *, pseudo_id: str | None = None, first: bool = False) -> int:
    """The agent designated by its pseudonymous id, or the first of the list (trials, demonstration)."""
    with ws.store.session() as s:
        if first:
            found = s.execute(select(AgentRow.id).order_by(AgentRow.last_name, AgentRow.first_name, AgentRow.id)
                              ).scalars().first()
            if found is None:
                raise DomainError("Aucun agent dans ce dossier.")
            return found
        found = s.execute(select(AgentRow.id).where(AgentRow.pseudo_id == (pseudo_id or "").strip())).scalar()
        if found is None:
            raise DomainError(f"Aucun agent n'a l'identifiant {pseudo_id}.")
        return found


def build_export(ws: Workspace, agent_id: int, *, include_private_notes: bool) -> AgentExport:
    """Read everything held about the agent (no write, no journal)."""
    with ws.store.session() as s:
        return _build(s, agent_id, include_private_notes, ws.clock.now())


def printable_export(ws: Workspace, agent_id: int, *, include_private_notes: bool) -> bytes:
    """The PDF of `write_export`, in memory only, to be printed; journaled as an export on paper."""
    from ..pdf.agent_export_pdf import render_document

    export = build_export(ws, agent_id, include_private_notes=include_private_notes)
    pdf = render_document(export.document)
    with ws.store.session() as s:
        audit.append(s, AuditCode.AGENT_EXPORTED, ws.clock.now(), subject=export.pseudo_id,
                     detail=f"notes_privees={'oui' if include_private_notes else 'non'} impression=oui")
    return pdf


def write_export(ws: Workspace, agent_id: int, out_dir: Path, *, include_private_notes: bool,
                 pdf_password: str | None = None, accessible: bool = False) -> ExportedFiles:
    """Write the PDF and the JSON file into `out_dir` (created, private, if missing) — and the accessible ODT
    when `accessible` —; journal the export and answer the agent's pending requests for access."""
    from ..documents.agent_export import agent_export_document
    from ..documents.odt import render_odt
    from ..pdf.agent_export_pdf import render_document
    from ..pdf.protect import protect

    export = build_export(ws, agent_id, include_private_notes=include_private_notes)
    pdf = render_document(export.document)
    if pdf_password:
        pdf = protect(pdf, pdf_password)
    data = json.dumps(export.data, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8")
    odt = render_odt(agent_export_document(export.document), now=ws.clock.now()) if accessible else None
    pdf_name, json_name = export_filenames(export.pseudo_id)
    paths = ExportedFiles(out_dir / pdf_name, out_dir / json_name,
                          out_dir / accessible_filename(export.pseudo_id) if accessible else None)
    written = [(path, content) for path, content in ((paths.pdf, pdf), (paths.json, data), (paths.odt, odt))
               if path is not None and content is not None]
    _prepare(out_dir, [path for path, _ in written])
    done: list[Path] = []
    try:
        for path, content in written:
            _write_new(path, content)
            done.append(path)
    except BaseException:  # all the files or none
        for path in done:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    today = ws.clock.today()
    with ws.store.session() as s:
        for row in s.execute(select(RightsRequestRow).where(
                RightsRequestRow.agent_id == agent_id, RightsRequestRow.kind == "acces",
                RightsRequestRow.answered_on.is_(None))).scalars():
            row.answered_on = today
        audit.append(s, AuditCode.AGENT_EXPORTED, ws.clock.now(), subject=export.pseudo_id,
                     detail=f"notes_privees={'oui' if include_private_notes else 'non'} "
                            f"protection={'oui' if pdf_password else 'non'}"
                            + (" accessible=oui" if accessible else ""))
    return paths


# ----- writing ---------------------------------------------------------------------------------------------------

def _prepare(out_dir: Path, targets: list[Path]) -> None:
    try:
        out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        raise DomainError("Impossible de créer le dossier de destination : vérifiez son emplacement et vos "
                          "droits. Aucun fichier n'a été écrit.") from None
    if not out_dir.is_dir():
        raise DomainError("La destination n'est pas un dossier. Aucun fichier n'a été écrit.")
    existing = [path.name for path in targets if path.exists()]
    if existing:
        raise DomainError(f"Ce dossier contient déjà {' et '.join(existing)} : choisissez un autre dossier ou "
                          "déplacez l'export précédent. Aucun fichier n'a été écrit.")


def _write_new(path: Path, data: bytes) -> None:
    """Create `path` (never replacing a file), private to its owner, and write it whole; a failure removes it."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    except FileExistsError:
        raise DomainError(f"Le fichier {path.name} existe déjà : il n'a pas été remplacé.") from None
    except OSError:
        raise DomainError("Impossible d'écrire dans ce dossier : vérifiez vos droits. Aucun fichier n'a été "
                          "écrit.") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        with contextlib.suppress(OSError):
            path.unlink()
        raise DomainError("Le fichier n'a pas pu être écrit en entier (disque plein ou support retiré ?) : il a "
                          "été retiré.") from None


# ----- reading ---------------------------------------------------------------------------------------------------

def _build(s: Session, agent_id: int, notes: bool, now: datetime) -> AgentExport:
    agent = s.get(AgentRow, agent_id)
    if agent is None:
        raise DomainError("Agent introuvable : son dossier a peut-être été effacé.")
    syntheses = list(s.execute(select(SynthesisRow).where(SynthesisRow.agent_id == agent_id)
                               .order_by(SynthesisRow.id)).scalars())
    built = [parts.identity(agent, notes), parts.accompaniments(s, agent_id), parts.demandes(s, agent_id),
             parts.interviews(s, agent_id, notes), parts.bpps(s, agent_id), parts.syntheses(s, syntheses),
             parts.questionnaires(s, agent_id), parts.rights(s, agent_id),
             parts.journal(s, [agent.pseudo_id, *(row.pseudo_id for row in syntheses)])]
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION, "genere_le": now.isoformat(),
                            "reference": agent.pseudo_id, "notes_privees_incluses": notes}
    for key, value, _section in built:
        data[key] = value
    document = Document(
        title="Vos données personnelles",
        subtitle=f"Tout ce que le poste du conseiller mobilité-carrière contient à votre sujet — référence "
                 f"{agent.pseudo_id}, extrait le {format_fr(now.date())}",
        intro=("Ce document répond à votre demande d'accès à vos données (droit d'accès et droit à la "
               "portabilité). Le même contenu vous est remis dans un fichier JSON lisible par un autre logiciel.",
               NOTES_INCLUDED if notes else NOTES_EXCLUDED,
               "Il ne contient rien qui concerne une autre personne : les autres participants d'une promotion ne "
               "sont pas nommés."),
        sections=tuple(section for _key, _value, section in built),
        footer=f"Vos données — référence {agent.pseudo_id}")
    return AgentExport(agent.pseudo_id, data, document)
