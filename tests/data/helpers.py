"""Helpers for data-layer tests: raw-byte snapshots and searches of a directory."""

import hashlib
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
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


def names(root: Path) -> list[str]:
    """Every file under root, sidecars included: a failed open must not even create an empty -wal or -shm."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@contextmanager
def read_only_folder(directory: Path) -> Iterator[None]:
    """The folder read-only as the application sees it: a read-only bind mount for root (who ignores file
    modes), else the modes."""
    if os.geteuid() == 0:
        subprocess.run(["mount", "--bind", str(directory), str(directory)], check=True)
        try:
            subprocess.run(["mount", "-o", "remount,bind,ro", str(directory)], check=True)
            yield
        finally:
            subprocess.run(["umount", str(directory)], check=True)
    else:
        modes = {p: p.stat().st_mode for p in [directory, *directory.iterdir()]}
        for path in modes:
            path.chmod(0o500 if path.is_dir() else 0o400)
        try:
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
