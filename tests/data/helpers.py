"""Helpers for data-layer tests: raw-byte snapshots and searches of a directory."""

import hashlib
from pathlib import Path


def digest_tree(root: Path) -> dict[str, str]:
    """sha256 of every file under root, to prove a refused operation modified nothing.

    SQLite's shared-memory index (-shm) and an empty WAL, which a read-only open may create, hold no data.
    """
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.endswith("-shm") and not (p.name.endswith("-wal") and not p.stat().st_size)}


def files_containing(root: Path, needle: str) -> list[Path]:
    """Files whose raw bytes contain the needle in UTF-8, UTF-16 or lower-case form."""
    forms = {needle.encode("utf-8"), needle.encode("utf-16-le"), needle.lower().encode("utf-8")}
    hits = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if any(form in data for form in forms):
                hits.append(path)
    return hits
