"""The budget of one fillable-PDF import: form_reader.py run in a child process, killed when it overruns.

The child limits its own memory (address space) and CPU time and can write no file; the parent adds a
wall-clock deadline and kills it when the CMC cancels or the application locks (`Cancellation`, safe to call
from the GUI thread while a worker thread waits on the child). Killing the child is what makes cancelling
immediate: the worker's read of the pipe returns at once.

Measured here (2 cores, pypdf 7.1): starting the child and importing pypdf, 0.15 s; reading our own export of
56 fields, 0.1 s more.
"""

import contextlib
import json
import os
import subprocess
import sys
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from .form_reader import CONTINUE, FORM_READER_ARG

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent


@dataclass(frozen=True)
class Limits:
    """What one import may cost. Our own export of a full document has about 200 objects and 60 fields."""

    memory_bytes: int = 512 * 1024 * 1024  # address space of the child; reading our export peaks near 130 MiB
    cpu_seconds: int = 5
    wall_seconds: float = 15.0
    objects: int = 5_000
    fields: int = 1_000
    stream_bytes: int = 8 * 1024 * 1024  # decompressed, per stream
    # Page 1 is read only to recognise our form printed to PDF (about 6 KB and 1 400 tokens for ours).
    page_text_bytes: int = 64 * 1024
    page_text_tokens: int = 20_000
    page_text_seconds: float = 1.0
    reply_bytes: int = 16 * 1024 * 1024


LIMITS = Limits()


class ReadCancelled(Exception):
    """The CMC cancelled the import (or the application locked) while the PDF was being read."""


class ReaderFailed(Exception):
    """The child gave no usable answer: `overrun` when a limit stopped it, else it failed to run at all."""

    def __init__(self, overrun: bool) -> None:
        super().__init__("limite" if overrun else "échec")
        self.overrun = overrun


class Cancellation:
    """Stops a running read from another thread: the child is killed at once, the reader raises ReadCancelled."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancelled = False
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    @property
    def child_pid(self) -> int | None:
        """The reading child's process id while there is one."""
        with self._lock:
            return None if self._process is None else self._process.pid

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            process = self._process
        if process is not None:
            _kill(process)

    def attach(self, process: "subprocess.Popen[bytes] | None") -> bool:
        """Follow `process` (None: stop following); False when cancelled already."""
        with self._lock:
            self._process = process
            return not self._cancelled


def child_command() -> list[str]:
    """The form reader: the frozen application itself (launcher.py dispatches on the argument; on Windows its
    console twin, whose standard streams are the pipes) or this Python, ignoring PYTHON* variables and the
    user's site, writing no bytecode."""
    if getattr(sys, "frozen", False):
        executable = Path(sys.executable)
        twin = executable.with_name("cmc-desktop-cli.exe")
        return [str(twin if os.name == "nt" and twin.is_file() else executable), FORM_READER_ARG]
    return [sys.executable, "-E", "-s", "-B", "-m", "cmc_desktop.pdf.form_reader"]


class FormReaderProcess:
    """One conversation with a child form reader; as a context manager, the child never outlives it."""

    def __init__(self, data: bytes, password: str, limits: Limits, cancellation: Cancellation) -> None:
        self._data, self._password, self._limits = data, password, limits
        self._cancellation = cancellation
        self._expired = False
        self._process: subprocess.Popen[bytes] | None = None
        self._timer: threading.Timer | None = None

    def __enter__(self) -> "FormReaderProcess":
        if self._cancellation.cancelled:
            raise ReadCancelled
        self._process = process = subprocess.Popen(
            child_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            cwd=None if getattr(sys, "frozen", False) else _PACKAGE_ROOT, env=_child_environment(),
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))
        self._timer = threading.Timer(self._limits.wall_seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()
        if not self._cancellation.attach(process):
            self.__exit__(None, None, None)
            raise ReadCancelled
        header = {"size": len(self._data), "password": self._password, "limits": asdict(self._limits)}
        self._send(json.dumps(header).encode("ascii") + b"\n" + self._data)
        return self

    def __exit__(self, *_: object) -> None:
        process = self._process
        if self._timer is not None:
            self._timer.cancel()
        self._cancellation.attach(None)
        if process is not None:
            _kill(process)
            process.wait()
            for pipe in (process.stdin, process.stdout):
                if pipe is not None:
                    pipe.close()

    def reply(self) -> dict[str, Any]:
        """The child's next answer; ReadCancelled or ReaderFailed when there is none."""
        stdout = self._pipe(self._process.stdout if self._process else None)
        line = stdout.readline(self._limits.reply_bytes + 1)
        if line.endswith(b"\n"):
            try:
                message = json.loads(line)
            except ValueError:
                message = None
            if isinstance(message, dict):
                return message
        raise self._failure(overrun=len(line) > self._limits.reply_bytes)

    def proceed(self) -> None:
        """The seal is ours: let the child read the fields."""
        self._send(CONTINUE)

    def _send(self, data: bytes) -> None:
        stdin = self._pipe(self._process.stdin if self._process else None)
        try:
            stdin.write(data)
            stdin.flush()
        except OSError:  # the child is gone (a limit, a cancel): reply() says why
            pass

    @staticmethod
    def _pipe(pipe: IO[bytes] | None) -> IO[bytes]:
        assert pipe is not None
        return pipe

    def _expire(self) -> None:
        self._expired = True
        if self._process is not None:
            _kill(self._process)

    def _failure(self, *, overrun: bool) -> Exception:
        if self._cancellation.cancelled:
            return ReadCancelled()
        process = self._process
        assert process is not None
        _kill(process)
        code = process.wait()
        # Killed by a signal (the CPU limit's SIGXCPU, the deadline's SIGKILL) or by the deadline on Windows.
        return ReaderFailed(overrun or self._expired or code < 0)


def _kill(process: "subprocess.Popen[bytes]") -> None:
    if process.poll() is None:
        with contextlib.suppress(OSError):  # it ended meanwhile
            process.kill()


def _child_environment() -> dict[str, str]:
    """Nothing of the parent's environment but what starting a program needs (Windows needs SYSTEMROOT)."""
    return {name: os.environ[name] for name in ("PATH", "SYSTEMROOT", "SYSTEMDRIVE") if name in os.environ}
