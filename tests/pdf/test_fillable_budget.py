"""The fillable-PDF import has a budget: crafted files are refused in bounded time and memory by a child process
that each limit stops, the seal is checked before any field is parsed, active content, missing template fields
and flattened forms are refused with what to ask the agent, invisible characters are stripped, a read can be
cancelled from another thread, and the reading process writes no file.

Crafted files are generated (tests/pdf/crafted.py). Read in process by pypdf 7.1, as before the budget, they
cost up to 17 s and 225 MiB (10 object streams of 16 MiB), a 6 KB page 6.5 s (measure_import.py --in-process).
"""

import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from cmc_desktop.domain.errors import DomainError
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.pdf.fillable import export_fillable, field_name
from cmc_desktop.pdf.fillable_import import ImportCancelled, Seal, read_fillable
from cmc_desktop.pdf.form_reader import CONTINUE
from cmc_desktop.pdf.form_sandbox import LIMITS, Cancellation, Limits, child_command
from tests.pdf import crafted
from tests.pdf.samples import synthesis

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "v1-0123abcd"
TOO_COMPLEX = "bien plus complexe qu'un document de synthèse"
NOT_OURS = "n'est pas un document de synthèse à compléter"
# A page that calls a heavy form XObject: with the page-text limits lifted, reading it takes a minute.
SLOW = crafted.repeated_form_xobject(5000, 40_000)
UNBOUNDED_TEXT = {"page_text_tokens": 10**8, "page_text_seconds": 600.0}


def accept(seal: Seal) -> SynthesisKind:
    return SynthesisKind.BPP


def refusal(data: bytes, limits: Limits | None = None) -> tuple[str, float]:
    start = time.monotonic()
    with pytest.raises(DomainError) as refused:
        read_fillable(data, accept, limits=limits)
    return str(refused.value), time.monotonic() - start


@pytest.fixture(scope="module")
def exported() -> bytes:
    return export_fillable(synthesis(), TOKEN)


def rewritten(data: bytes, change) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_crafted_files_are_refused_quickly_with_little_memory() -> None:
    # A process of its own, so that the children's peak resident size is theirs alone.
    result = subprocess.run([sys.executable, "-m", "tests.pdf.measure_import", "--json"], cwd=ROOT,
                            capture_output=True, timeout=300, check=True)
    *cases, peak = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(cases) == 7
    for case in cases:
        assert case["issue"].startswith("Ce PDF"), case  # refused, with a message for the CMC
        assert "Rien n'a été importé" in case["issue"] or NOT_OURS in case["issue"], case
        assert case["secondes"] < LIMITS.wall_seconds, case
    assert peak["pic_mio"] < 200  # the child may use 512 MiB of address space; none comes close


# Each case lifts the other limits (a minute of CPU and of wall clock, where the file would need many): the
# refusal coming well before that minute is the limit under test at work. Times are wall clock on a machine
# that may be busy: 1 s of CPU can take several.
@pytest.mark.parametrize(("data", "limits", "message", "within"), [
    pytest.param(SLOW, Limits(cpu_seconds=1, wall_seconds=60, **UNBOUNDED_TEXT), TOO_COMPLEX, 30, id="temps CPU"),
    pytest.param(SLOW, Limits(cpu_seconds=60, wall_seconds=1, **UNBOUNDED_TEXT), TOO_COMPLEX, 10, id="échéance"),
    pytest.param(SLOW, Limits(cpu_seconds=60, wall_seconds=60, page_text_tokens=10**8, page_text_seconds=0.5),
                 NOT_OURS, 30, id="lecture de la page 1"),
    pytest.param(crafted.object_stream_bomb(1, 300), Limits(stream_bytes=1 << 30, memory_bytes=256 << 20,
                                                             cpu_seconds=60, wall_seconds=60),
                 TOO_COMPLEX, 30, id="mémoire"),
    pytest.param(crafted.object_stream_bomb(1, 9), LIMITS, TOO_COMPLEX, 10, id="taille décompressée"),
    pytest.param(crafted.many_fields(LIMITS.objects + 10), LIMITS, TOO_COMPLEX, 10, id="nombre d'objets"),
    pytest.param(crafted.deep_field_tree(100, sealed=True), LIMITS, TOO_COMPLEX, 10, id="profondeur des champs"),
])
def test_each_limit_stops_a_file_that_needs_more(data: bytes, limits: Limits, message: str, within: float) -> None:
    text, elapsed = refusal(data, limits)
    assert message in text
    assert elapsed < within


def test_the_seal_is_checked_before_any_field_is_parsed() -> None:
    seen: list[Seal] = []

    def not_this_document(seal: Seal) -> SynthesisKind:
        seen.append(seal)
        raise DomainError("Ce PDF est celui d'un autre document de synthèse.")

    hostile_fields = crafted.deep_field_tree(100, sealed=True)  # its fields are over the depth limit
    with pytest.raises(DomainError, match="autre document"):
        read_fillable(hostile_fields, not_this_document)
    assert seen == [Seal("DS-CRAFTED", "v1-0")]
    assert TOO_COMPLEX in refusal(hostile_fields)[0]  # once the seal is accepted, the fields are parsed


def _action(kind: str, **entries: object) -> DictionaryObject:
    action = DictionaryObject({NameObject("/S"): NameObject(kind)})
    action.update({NameObject(f"/{key}"): TextStringObject(str(value)) for key, value in entries.items()})
    return action


def _javascript(writer: PdfWriter) -> None:
    """A document-level script, as in the /Names tree of the catalogue."""
    script = writer._add_object(_action("/JavaScript", JS="app.alert('bonjour');"))
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("bonjour"), script])})})


def _field_script(writer: PdfWriter) -> None:
    """A script run when the agent's viewer formats a field (additional actions of the widget)."""
    widget = writer.pages[0]["/Annots"][3].get_object()
    widget[NameObject("/AA")] = DictionaryObject({NameObject("/F"): _action("/JavaScript", JS="this.submitForm()")})


def _open_action(writer: PdfWriter) -> None:
    writer._root_object[NameObject("/OpenAction")] = ArrayObject([writer.pages[0].indirect_reference,
                                                                  NameObject("/Fit")])


def _launch(writer: PdfWriter) -> None:
    widget = writer.pages[0]["/Annots"][2].get_object()
    widget[NameObject("/A")] = writer._add_object(_action("/Launch", F="calc.exe"))


def _attachment(writer: PdfWriter) -> None:
    writer.add_attachment("notes.txt", b"des notes")


@pytest.mark.parametrize(("change", "what"), [(_javascript, "JavaScript"), (_field_script, "JavaScript"),
                                              (_open_action, "action à l'ouverture"),
                                              (_launch, "lancement de programme"), (_attachment, "fichier joint")])
def test_active_content_is_refused(exported: bytes, change, what: str) -> None:
    text, _ = refusal(rewritten(exported, change))
    assert f"éléments actifs ({what})" in text and "Rien n'a été importé" in text
    assert "Demandez à l'agent" in text


def test_a_form_missing_a_field_of_the_template_is_refused(exported: bytes) -> None:
    def drop_motivations(writer: PdfWriter) -> None:
        fields = writer._root_object["/AcroForm"]["/Fields"]
        for index, field in enumerate(fields):
            if field.get_object().get("/T") == field_name("2.2.3"):
                del fields[index]
                break
        for page in writer.pages:
            page[NameObject("/Annots")] = ArrayObject(
                a for a in page.get("/Annots", []) if a.get_object().get("/T") != field_name("2.2.3"))

    text, _ = refusal(rewritten(exported, drop_motivations))
    assert "Il manque à ce PDF des cadres du document envoyé (1 cadre sur" in text
    assert "Rien n'a été importé" in text


def _flattened(writer: PdfWriter) -> None:
    del writer._root_object["/AcroForm"]
    for page in writer.pages:
        page.pop("/Annots", None)


def test_a_flattened_form_says_so_and_what_to_ask_the_agent(exported: bytes, tmp_path: Path) -> None:
    text, _ = refusal(rewritten(exported, _flattened))
    assert "ils ont été « aplatis »" in text and "imprimé en PDF" in text
    assert "Demandez à l'agent de reprendre le PDF que vous lui avez envoyé" in text
    # What "print to PDF" really does, by poppler's cairo backend.
    (tmp_path / "a-completer.pdf").write_bytes(exported)
    subprocess.run(["pdftocairo", "-pdf", str(tmp_path / "a-completer.pdf"), str(tmp_path / "imprime.pdf")],
                   check=True, capture_output=True)
    assert "ils ont été « aplatis »" in refusal((tmp_path / "imprime.pdf").read_bytes())[0]


def test_control_and_bidirectional_characters_are_stripped(exported: bytes) -> None:
    hostile = "\u202eélbatpmoc\u202c tab\tet\u0007 cloche \u2066isolé\u2069\u0085 fin\u200f\nligne 2\x1b[31m"

    def fill(writer: PdfWriter) -> None:
        writer.update_page_form_field_values(None, {field_name("2.2.3"): hostile, field_name("agent"): "A\u202eB"},
                                             auto_regenerate=False)

    content = read_fillable(rewritten(exported, fill), accept)
    assert content.values["2.2.3"] == "élbatpmoc tab\tet cloche isolé fin\nligne 2[31m"
    assert content.values["agent"] == "AB"


def test_a_read_can_be_cancelled_from_another_thread() -> None:
    cancellation = Cancellation()
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_fillable(SLOW, accept, cancellation=cancellation,
                          limits=Limits(cpu_seconds=60, wall_seconds=60, **UNBOUNDED_TEXT))
        except BaseException as error:
            outcome.append(error)

    worker = threading.Thread(target=read)
    worker.start()
    deadline = time.monotonic() + 10
    while cancellation.child_pid is None and time.monotonic() < deadline:
        time.sleep(0.01)
    pid = cancellation.child_pid
    assert pid is not None
    started = time.monotonic()
    cancellation.cancel()
    worker.join(10)
    assert not worker.is_alive() and time.monotonic() - started < 2
    assert len(outcome) == 1 and isinstance(outcome[0], ImportCancelled)
    assert "annulée" in str(outcome[0]) and "Rien n'a été importé" in str(outcome[0])
    assert not Path(f"/proc/{pid}").exists()  # killed and reaped
    assert cancellation.child_pid is None


def test_the_reading_process_writes_no_file(exported: bytes, tmp_path: Path) -> None:
    """Every file the child opens, traced: only reads (Python, pypdf), nothing created or written."""
    trace = tmp_path / "strace.txt"
    header = json.dumps({"size": len(exported), "password": "", "limits": asdict(LIMITS)}).encode() + b"\n"
    result = subprocess.run(
        [shutil.which("strace") or "strace", "-f", "-qq", "-o", str(trace), "-e",
         "trace=open,openat,openat2,creat,mkdir,mkdirat,rename,renameat,renameat2,link,linkat,symlink,unlink,"
         "unlinkat,truncate", *child_command()],
        input=header + exported + CONTINUE, capture_output=True, cwd=ROOT, env={"PATH": os.environ["PATH"]},
        timeout=60)
    assert result.stdout.count(b"\n") == 2 and b'"champs"' in result.stdout  # it did read the form
    calls = trace.read_text().splitlines()
    assert any("pypdf" in call for call in calls)
    writes = [call for call in calls
              if re.search(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_TMPFILE|^\d+ +(creat|mkdir|rename|link|symlink|unlink"
                           r"|truncate)", call)]
    assert writes == []
