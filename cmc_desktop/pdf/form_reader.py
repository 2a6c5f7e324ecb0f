"""The child process that reads a completed form: the only code that parses a PDF received from outside.

A crafted PDF of a few kilobytes can keep a parser busy for minutes or make it allocate gigabytes (measured
with pypdf 7.1: a 6 KB page of 100 000 text operators, 12 s of extraction; a field tree 5 000 levels deep; an
object stream per field). This process is started by form_sandbox.py for each import, limits itself before
importing pypdf (address space, CPU time, no file may be written: RLIMIT_FSIZE = 0, no core dump), lowers
pypdf's own decompression limits, and is killed by its parent on a wall-clock deadline or when the CMC
cancels.

Protocol, over the pipes only (nothing is written to disk, stderr is discarded by the parent):
- the parent writes one JSON line `{"password": str, "limits": {...}}`, then the PDF's bytes, then closes
  nothing: the byte count is in the header (`"size"`);
- the child answers one JSON line: `{"sceau": {"pseudo_id": str, "token": str}}`, or `{"refus": code, ...}`;
- once the parent has checked the seal against the store it writes `continuer` and a newline (anything else,
  or the pipe closing, ends the child), and the child answers `{"champs": {name: value}}` or a refusal.

Refusal codes (the parent turns them into French messages): `illisible`, `mot_de_passe`, `limite`,
`contenu_actif` (with `quoi`), `sans_formulaire` (with `aplati`: the page still shows our form's notice).
"""

import contextlib
import io
import json
import sys
from collections.abc import Iterator
from typing import IO, Any

FORM_READER_ARG = "--lire-formulaire"  # how the frozen application is told to be this process (launcher.py)
PSEUDO_ID_FIELD, TOKEN_FIELD = "cmc_pseudo_id", "cmc_token"
# The first words of the notice our fillable PDF prints under its title (fillable.NOTICE): still there once printed.
FORM_MARK = "Complétez les cadres dans votre lecteur PDF"
CONTINUE = b"continuer\n"
MAX_HEADER = 64 * 1024

# Actions that run something, reach outside the file, or carry files: refused wherever they appear.
_ACTIVE_KEYS = {"/JS": "JavaScript", "/JavaScript": "JavaScript", "/OpenAction": "action à l'ouverture",
                "/EmbeddedFiles": "fichier joint", "/EmbeddedFile": "fichier joint", "/Launch": "lancement",
                "/RichMedia": "média", "/XFA": "formulaire XFA"}
_ACTIVE_ACTIONS = {"/JavaScript": "JavaScript", "/Launch": "lancement de programme", "/GoToR": "lien externe",
                   "/GoToE": "lien externe", "/SubmitForm": "envoi du formulaire", "/ImportData": "import de données",
                   "/URI": "lien internet", "/Rendition": "média", "/RichMediaExecute": "média",
                   "/Sound": "média", "/Movie": "média"}
_ACTIVE_SUBTYPES = {"/FileAttachment": "fichier joint", "/RichMedia": "média", "/Screen": "média",
                    "/Movie": "média", "/Sound": "média"}
_MAX_DEPTH = 64  # direct (non-indirect) nesting inside one object; ours never go past 4


class Refused(Exception):
    def __init__(self, code: str, **detail: object) -> None:
        super().__init__(code)
        self.reply = {"refus": code, **detail}


def limit_resources(memory_bytes: int, cpu_seconds: int) -> None:
    """Before anything else is imported: bounded memory and CPU, no file written, no core dump."""
    try:
        import resource
    except ImportError:  # Windows: only the parent's deadline and pypdf's own limits apply
        return
    for name, value in (("RLIMIT_AS", memory_bytes), ("RLIMIT_CPU", cpu_seconds), ("RLIMIT_FSIZE", 0),
                        ("RLIMIT_CORE", 0)):
        limit = getattr(resource, name, None)
        if limit is None:
            continue
        with contextlib.suppress(ValueError, OSError):  # macOS refuses RLIMIT_AS, for one
            resource.setrlimit(limit, (value, value))


def main(stdin: IO[bytes] | None = None, stdout: IO[bytes] | None = None) -> int:
    source = stdin or sys.stdin.buffer
    sink = stdout or sys.stdout.buffer
    header = json.loads(source.readline(MAX_HEADER))
    limits = header["limits"]
    limit_resources(int(limits["memory_bytes"]), int(limits["cpu_seconds"]))
    data = source.read(int(header["size"]))
    try:
        reader = _open(data, str(header.get("password", "")), limits)
        _reply(sink, {"sceau": _seal(reader, limits)})
        if source.readline(len(CONTINUE) + 1) != CONTINUE:
            return 0
        _refuse_active_content(reader, limits)
        _reply(sink, {"champs": _fields(reader, limits)})
    except Refused as refusal:
        _reply(sink, refusal.reply)
    except (MemoryError, RecursionError):
        _reply(sink, {"refus": "limite"})
    except Exception as error:  # an untrusted file: whatever the parser raises, the file is unreadable
        kind = type(error).__name__  # a class name, for the parent's log: never the message (it may quote the file)
        _reply(sink, {"refus": "limite" if kind == "LimitReachedError" else "illisible", "erreur": kind})
    return 0


def _reply(sink: IO[bytes], message: dict[str, Any]) -> None:
    sink.write(json.dumps(message).encode("ascii") + b"\n")
    sink.flush()


def _open(data: bytes, password: str, limits: dict[str, int]) -> Any:
    from pypdf import PasswordType, PdfReader, overwrite_configuration

    stream, objects, fields = int(limits["stream_bytes"]), int(limits["objects"]), int(limits["fields"])
    # pypdf's own limits, far below its defaults (75 MB a stream): our form has no image, no stream over 64 KB.
    overwrite_configuration(
        disable_legacy_handling=True, jbig2dec_binary=None, maximum_declared_stream_length=stream,
        array_based_stream_maximum_output_length=stream, jbig2_maximum_output_length=stream,
        lzw_maximum_output_length=stream, run_length_maximum_output_length=stream, zlib_maximum_output_length=stream,
        brotli_maximum_output_length=stream, image_maximum_buffer_size=stream,
        stream_decoding_work_maximum_length=4 * stream, xmp_maximum_input_length=stream,
        array_maximum_element_count=objects, dictionary_maximum_element_count=objects,
        page_tree_maximum_entries=objects, form_fields_maximum_entries=fields, form_fields_maximum_depth=16,
        stream_parsing_work_maximum_count=int(limits["page_text_tokens"]), xform_maximum_invocations_per_extraction=8)
    reader = PdfReader(io.BytesIO(data), strict=False, root_object_recovery_limit=objects,
                       xref_stream_maximum_entries=objects)
    if sum(len(numbers) for numbers in reader.xref.values()) + len(reader.xref_objStm) > objects:
        raise Refused("limite")
    if reader.is_encrypted and reader.decrypt(password) is PasswordType.NOT_DECRYPTED:
        raise Refused("mot_de_passe")
    return reader


def _top_fields(reader: Any, limits: dict[str, int]) -> list[Any]:
    form: Any = reader.trailer["/Root"].get("/AcroForm")
    form = form.get_object() if form is not None else None
    fields: Any = form.get("/Fields") if isinstance(form, dict) else None
    fields = fields.get_object() if fields is not None else None
    if not isinstance(fields, list):
        return []
    if len(fields) > int(limits["fields"]):
        raise Refused("limite")
    return [field.get_object() for field in fields]


def _seal(reader: Any, limits: dict[str, int]) -> dict[str, str]:
    """The two hidden fields that identify the document, read without walking the rest of the form."""
    fields = [field for field in _top_fields(reader, limits) if hasattr(field, "get")]
    if not fields:
        raise Refused("sans_formulaire", aplati=_shows_our_title(reader, limits))
    seal = {"pseudo_id": "", "token": ""}
    for field in fields:
        name, value = field.get("/T"), field.get("/V")
        key = {PSEUDO_ID_FIELD: "pseudo_id", TOKEN_FIELD: "token"}.get(name if isinstance(name, str) else "")
        if key is not None and isinstance(value, str):
            seal[key] = str(value)[:200]
    return seal


def _shows_our_title(reader: Any, limits: dict[str, int]) -> bool:
    """Whether the first page reads like our form printed to PDF (its fields drawn flat into the page).

    Extracting text is the costliest thing done here (a 1 KB page can call a heavy form XObject again and
    again): a small page only, and on POSIX an interval timer stops it after `page_text_seconds`."""
    try:
        with _time_box(float(limits["page_text_seconds"])):
            page = reader.pages[0]
            contents = page.get_contents()
            if contents is None or len(contents.get_data()) > int(limits["page_text_bytes"]):
                return False
            return FORM_MARK in " ".join(page.extract_text().split())
    except (MemoryError, RecursionError):
        raise
    except (Exception, _OutOfTime):  # unreadable, over a limit or out of time: not recognised
        return False


class _OutOfTime(BaseException):
    """Not an Exception: pypdf's extraction catches those and carries on."""


@contextlib.contextmanager
def _time_box(seconds: float) -> Iterator[None]:
    try:
        import signal

        timer = signal.ITIMER_REAL
    except (ImportError, AttributeError):  # Windows: the CPU budget and the parent's deadline still apply
        yield
        return

    def out_of_time(_signal: int, _frame: object) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, out_of_time)
    signal.setitimer(timer, seconds)
    try:
        yield
    finally:
        signal.setitimer(timer, 0)
        signal.signal(signal.SIGALRM, previous)


def _objects(reader: Any) -> Iterator[Any]:
    from pypdf.generic import IndirectObject

    for generation, numbers in reader.xref.items():
        for number in numbers:
            yield IndirectObject(number, generation, reader)
    for number in reader.xref_objStm:
        yield IndirectObject(number, 0, reader)


def _refuse_active_content(reader: Any, limits: dict[str, int]) -> None:
    """Every object of the file, each looked at once (references are not followed: they are objects too)."""
    found = _active(reader.trailer, 0)
    if found:
        raise Refused("contenu_actif", quoi=found)
    for reference in _objects(reader):
        try:
            found = _active(reference.get_object(), 0)
        except (MemoryError, RecursionError, Refused):
            raise
        except Exception:  # an object pypdf cannot read is not one a viewer can run either
            continue
        if found:
            raise Refused("contenu_actif", quoi=found)


def _active(value: Any, depth: int) -> str:
    """What active content `value` holds, named by what it does (a script rather than the key it hangs on)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    if depth > _MAX_DEPTH:
        raise Refused("limite")
    if isinstance(value, DictionaryObject | StreamObject):
        action = value.get("/S")
        if "/JS" in value or (isinstance(action, str) and action == "/JavaScript"):
            return "JavaScript"
        if isinstance(action, str) and action in _ACTIVE_ACTIONS:
            return _ACTIVE_ACTIONS[action]
        children: Any = value.values()
    elif isinstance(value, ArrayObject):
        children = value
    else:
        return ""
    for child in children:
        if not isinstance(child, IndirectObject):
            found = _active(child, depth + 1)
            if found:
                return found
    if isinstance(value, DictionaryObject | StreamObject):
        for key, kind in _ACTIVE_KEYS.items():
            if key in value:
                return kind
        subtype = value.get("/Subtype")
        if isinstance(subtype, str) and subtype in _ACTIVE_SUBTYPES:
            return _ACTIVE_SUBTYPES[subtype]
    return ""


def _fields(reader: Any, limits: dict[str, int]) -> dict[str, str]:
    """Every terminal field by its full name: its text value, "" for anything else."""
    fields = reader.get_fields() or {}
    if len(fields) > int(limits["fields"]):
        raise Refused("limite")
    return {str(name): str(field.get("/V")) if isinstance(field.get("/V"), str) and not _is_name(field.get("/V"))
            else "" for name, field in fields.items()}


def _is_name(value: object) -> bool:
    from pypdf.generic import NameObject

    return isinstance(value, NameObject)


if __name__ == "__main__":
    sys.exit(main())
