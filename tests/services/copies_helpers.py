"""Documents with a marker to destroy, and a search for that marker in every file of the folders a destruction must
reach: raw bytes, decrypted database pages (free pages included) and decrypted WAL frames."""

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from cmc_desktop.domain.synthesis import Author
from cmc_desktop.domain.synthesis_schema import SynthesisKind
from cmc_desktop.services import synthesis as synthesis_service
from cmc_desktop.services.workspace import Workspace

from .factories import make_agent
from .helpers import PAGE_SIZE, RESERVE, plaintext_hits

# Plain ASCII as well as accented: a search that only knows one form cannot miss the other.
ASCII_MARKER = "Quastenbruckzzq"


def marked_synthesis(ws: Workspace, marker: str) -> tuple[int, str]:
    """A document whose personal-situation field holds `marker` (the agent's own name does not)."""
    synthesis_id = synthesis_service.create_synthesis(ws, make_agent(ws, "Neutre", "Léa"), SynthesisKind.E2)
    synthesis_service.set_field(ws, synthesis_id, "e2.1", f"Projet de {marker} {ASCII_MARKER}", Author.AGENT)
    return synthesis_id, synthesis_service.load_synthesis(ws, synthesis_id).pseudo_id


def wal_hits(path: Path, key: bytes, needle: str) -> int:
    """Frames of a SQLCipher WAL holding the needle once decrypted (each frame: 24-byte header + one page)."""
    data = path.read_bytes() if path.exists() else b""
    hits, offset, frame = 0, 32, 24 + PAGE_SIZE
    while offset + frame <= len(data):
        page_number = int.from_bytes(data[offset:offset + 4], "big")
        page = data[offset + 24:offset + frame]
        iv = page[PAGE_SIZE - RESERVE:PAGE_SIZE - RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        clear = decryptor.update(page[16 if page_number == 1 else 0:PAGE_SIZE - RESERVE]) + decryptor.finalize()
        hits += needle.encode() in clear or needle.lower().encode() in clear
        offset += frame
    return hits


def marker_hits(folders: list[Path], key: bytes, *markers: str) -> dict[str, int]:
    """Every file under `folders` that holds a marker: as raw bytes, or in a page or WAL frame decrypted with
    `key` (a database under another key decrypts to noise: it is checked apart)."""
    found: dict[str, int] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            raw = path.read_bytes()
            hits = 0
            for marker in markers:
                hits += sum(form in raw for form in {marker.encode(), marker.lower().encode()})
                if path.name.endswith("-wal"):
                    hits += wal_hits(path, key, marker)
                elif len(raw) >= PAGE_SIZE and len(raw) % PAGE_SIZE == 0:
                    hits += plaintext_hits(path, key, marker)
            if hits:
                found[str(path)] = hits
    return found
