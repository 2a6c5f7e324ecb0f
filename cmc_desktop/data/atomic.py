"""Atomic file replacement: the old file stays whole until the new one is fully on disk."""

import contextlib
import os
import tempfile
from pathlib import Path

from .errors import DiskWriteFailed


def write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise DiskWriteFailed(error.strerror or str(error)) from None


def fsync_dir(directory: Path) -> None:
    if os.name == "posix":
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
