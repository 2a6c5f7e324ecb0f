"""Access and portability: everything held about one agent, nothing about anyone else, as a PDF and a JSON file
written privately, never over an existing file, with no temporary copy; journaled."""

import io
import json
import os
import stat
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from cmc_desktop.domain.audit import AuditCode
from cmc_desktop.domain.consent import RecipientKind
from cmc_desktop.domain.data_rights import RightsRequestKind
from cmc_desktop.domain.errors import DomainError
from cmc_desktop.domain.interview import InterviewType
from cmc_desktop.domain.satisfaction import AccompanimentKind, AnswerVia, Satisfaction
from cmc_desktop.domain.synthesis import Author
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services import accompaniments, agent_export, rights, satisfaction
from cmc_desktop.services import synthesis as synthesis_service
from cmc_desktop.services.accompaniments import RequestInput
from cmc_desktop.services.agents import AgentInput, create_agent, get_agent_file
from cmc_desktop.services.audit_journal import list_entries
from cmc_desktop.services.consents import give_consent
from cmc_desktop.services.dashboard import dashboard
from cmc_desktop.services.interviews import InterviewInput, start_interview, update_interview
from cmc_desktop.services.workspace import Workspace

OTHER = "Wolfgangbert Ysoline-Quirinal"
NOTE = "Confidence privée du conseiller"


def person(ws: Workspace, last: str, first: str, secret: str) -> int:
    agent_id = create_agent(ws, AgentInput(last, first, email=f"{first.lower()}@exemple.invalid",
                                           private_notes=f"{NOTE} : {secret}", birth_year=1980))
    accompaniments.record_request(ws, agent_id, RequestInput(date(2026, 10, 1), need=f"Besoin de {secret}",
                                                             promised_days=15))
    interview = start_interview(ws, agent_id, InterviewType.E2, date(2026, 10, 6))
    update_interview(ws, interview, InterviewInput(date(2026, 10, 6), subject=f"Projet {secret}",
                                                   progress_shared=f"Avancement {secret}",
                                                   private_notes=f"{NOTE} d'entretien : {secret}"))
    document = synthesis_service.create_synthesis(ws, agent_id, SynthesisKind.E2)
    synthesis_service.set_field(ws, document, "e2.1", f"Rubrique de {secret}", Author.AGENT)
    give_consent(ws, document, RecipientKind.SERVICE_RH, "Service RH fictif", "Document", date(2026, 10, 7))
    satisfaction.record(ws, Satisfaction(agent_id, AccompanimentKind.E2, date(2026, 10, 8), AnswerVia.PAPIER,
                                         overall=9, comment=f"Merci {secret}"))
    return agent_id


@pytest.fixture
def two(ws: Workspace) -> tuple[int, int]:
    return person(ws, "Arbousier", "Hélène", "Zéphyrine"), person(ws, "Wolfgangbert", "Ysoline", OTHER)


def pdf_text(data: bytes, password: str | None = None) -> str:
    reader = PdfReader(io.BytesIO(data))
    if password:
        reader.decrypt(password)
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_everything_about_the_agent_and_nothing_about_the_other(ws: Workspace, two: tuple[int, int]) -> None:
    export = agent_export.build_export(ws, two[0], include_private_notes=False)
    data = json.dumps(export.data, ensure_ascii=False)
    for held in ("Arbousier", "Besoin de Zéphyrine", "Projet Zéphyrine", "Avancement Zéphyrine",
                 "Rubrique de Zéphyrine", "Service RH fictif", "Merci Zéphyrine", "hélène@exemple.invalid"):
        assert held in data, held
    assert "Wolfgangbert" not in data and "Ysoline" not in data and OTHER not in data
    assert NOTE not in data and export.data["notes_privees_incluses"] is False
    assert [k for k in export.data if k not in ("format", "version", "genere_le", "reference",
                                                "notes_privees_incluses")] == [
        "identite", "demandes_accompagnement", "demandes_bpp", "entretiens", "bpp", "documents_de_synthese",
        "questionnaires_satisfaction", "demandes_sur_ses_donnees", "journal"]
    assert {e["action"] for e in export.data["journal"]} >= {"agent.created", "accompaniment.requested",
                                                              "consent.given"}
    texts = " ".join(export.document.texts())
    assert "ne sont pas incluses" in texts and "Wolfgangbert" not in texts


def test_private_notes_go_only_when_the_cmc_includes_them(ws: Workspace, two: tuple[int, int]) -> None:
    export = agent_export.build_export(ws, two[0], include_private_notes=True)
    data = json.dumps(export.data, ensure_ascii=False)
    assert f"{NOTE} : Zéphyrine" in data and f"{NOTE} d'entretien : Zéphyrine" in data
    assert export.data["notes_privees_incluses"] is True
    assert OTHER not in data
    assert agent_export.NOTES_INCLUDED in export.document.intro


def test_the_files_are_private_new_and_written_without_a_temporary_copy(ws: Workspace, two: tuple[int, int],
                                                                        tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "remise"
    created: list[str] = []
    real_open = os.open

    def recording_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if flags & os.O_CREAT:
            created.append(str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", recording_open)
    files = agent_export.write_export(ws, two[0], out, include_private_notes=False)
    monkeypatch.undo()
    pseudo = files.pdf.name.removeprefix("donnees-").removesuffix(".pdf")
    assert pseudo.startswith("AG-") and files.json.name == f"donnees-{pseudo}.json"
    assert [Path(p).name for p in created if not p.endswith(("store.db-wal", "store.db-shm", "store.db"))] == [
        files.pdf.name, files.json.name]
    assert sorted(p.name for p in out.iterdir()) == sorted([files.pdf.name, files.json.name])
    for path in (files.pdf, files.json):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    text = pdf_text(files.pdf.read_bytes())
    for expected in ("Vos données personnelles", "Besoin de Zéphyrine", "Rubrique de Zéphyrine", "ne sont pas incluses",
                     "Journal des actions sur votre dossier"):
        assert expected in text, expected
    assert OTHER not in text and "Wolfgangbert" not in text and NOTE not in text
    assert json.loads(files.json.read_text(encoding="utf-8"))["reference"] == pseudo
    # A second export never replaces the first.
    with pytest.raises(DomainError, match="contient déjà donnees-AG-.*pdf et donnees-AG-.*json"):
        agent_export.write_export(ws, two[0], out, include_private_notes=True)
    assert json.loads(files.json.read_text(encoding="utf-8"))["notes_privees_incluses"] is False


def test_the_pdf_can_be_protected_and_the_export_is_journaled_answering_the_request(
        ws: Workspace, two: tuple[int, int], tmp_path: Path) -> None:
    rights.record_rights_request(ws, two[0], RightsRequestKind.ACCES, date(2026, 11, 2))
    [line] = [i for i in dashboard(ws) if i.kind == "droits"]
    assert (line.due, line.severity) == (date(2026, 12, 2), "info")
    files = agent_export.write_export(ws, two[0], tmp_path / "x", include_private_notes=True,
                                      pdf_password="mot de passe long")
    assert PdfReader(io.BytesIO(files.pdf.read_bytes())).is_encrypted
    assert "Besoin de Zéphyrine" in pdf_text(files.pdf.read_bytes(), "mot de passe long")
    [entry] = [e for e in list_entries(ws) if e.code == AuditCode.AGENT_EXPORTED]
    assert entry.detail == "notes_privees=oui protection=oui" and entry.subject.startswith("AG-")
    assert [i for i in dashboard(ws) if i.kind == "droits"] == []
    [request] = get_agent_file(ws, two[0]).rights_requests
    assert request.answered_on == date(2026, 11, 16)


def test_a_failed_write_leaves_nothing_and_journals_nothing(ws: Workspace, two: tuple[int, int],
                                                            tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "plein"
    out.mkdir()
    real_open = os.open

    def json_fails(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).endswith(".json"):
            raise PermissionError(13, "refusé")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", json_fails)
    with pytest.raises(DomainError, match="Aucun fichier n'a été écrit"):
        agent_export.write_export(ws, two[0], out, include_private_notes=False)
    monkeypatch.undo()
    assert list(out.iterdir()) == []
    assert all(e.code != AuditCode.AGENT_EXPORTED for e in list_entries(ws))


def test_the_accessible_copy_holds_the_same_content_with_real_headings_and_tables(
        ws: Workspace, two: tuple[int, int], tmp_path: Path) -> None:
    from tests.documents.odf_reader import read_odt

    files = agent_export.write_export(ws, two[0], tmp_path / "remise", include_private_notes=False, accessible=True)
    assert files.odt is not None and files.odt.name == files.pdf.name.replace(".pdf", ".odt")
    assert sorted(p.name for p in (tmp_path / "remise").iterdir()) == sorted(
        [files.pdf.name, files.json.name, files.odt.name])
    assert stat.S_IMODE(files.odt.stat().st_mode) == 0o600
    odt = read_odt(files.odt.read_bytes())
    export = agent_export.build_export(ws, two[0], include_private_notes=False)
    assert odt.language == "fr-FR" and odt.headings[0] == (1, "Vos données personnelles")
    assert [text for level, text in odt.headings if level == 2] == [s.title for s in export.document.sections]
    assert odt.tables and all(table.header for table in odt.tables)  # every table says what its columns hold
    text = " ".join(odt.text.split())
    for expected in ("Besoin de Zéphyrine", "Rubrique de Zéphyrine", "ne sont pas incluses", "Service RH fictif"):
        assert expected in text, expected
    assert OTHER not in text and "Wolfgangbert" not in text and NOTE not in text
    [entry] = [e for e in list_entries(ws) if e.code == AuditCode.AGENT_EXPORTED]
    assert entry.detail == "notes_privees=non protection=non accessible=oui"


def test_printing_the_export_writes_nothing_and_is_journaled(ws: Workspace, two: tuple[int, int]) -> None:
    before = set(ws.store.paths.root.rglob("*"))
    data = agent_export.printable_export(ws, two[0], include_private_notes=True)
    text = pdf_text(data)
    assert "Besoin de Zéphyrine" in text and f"{NOTE} : Zéphyrine" in text and OTHER not in text
    assert {p for p in ws.store.paths.root.rglob("*") if p.suffix in (".pdf", ".odt", ".json")} == {
        p for p in before if p.suffix in (".pdf", ".odt", ".json")}
    [entry] = [e for e in list_entries(ws) if e.code == AuditCode.AGENT_EXPORTED]
    assert entry.detail == "notes_privees=oui impression=oui"
