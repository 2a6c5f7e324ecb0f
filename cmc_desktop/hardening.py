"""Process hardening at start-up: no core dumps of the app's memory, logs that cannot carry content.

A core dump would hold the database key and decrypted records; where the platform allows it, dumps are
turned off (RLIMIT_CORE = 0 and, on Linux, PR_SET_DUMPABLE = 0, which also keeps other processes of the
same user from attaching a debugger). Elsewhere these are no-ops.

Logs must carry event codes and pseudonymous ids only. The filter and formatter here are a safety net for
mistakes, not a licence to log content: argument values that do not look like codes are masked, exception
messages (which may quote SQL parameters) are dropped and only exception types and code locations are kept —
file paths from the package or library root (a user's folder names are personal), function names, line
numbers, never a value. The same masked traceback makes the error report a CMC can send (`error_report`), and
every exception nobody caught, in any thread, goes to the log that way (`configure_safe_logging`).
"""

import ctypes
import logging
import platform
import re
import sys
import threading
import traceback
from collections.abc import Sequence
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from types import TracebackType
from typing import IO

from . import __version__

PR_SET_DUMPABLE = 4
MASK = "[masqué]"
_CODE_LIKE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:/=-]{0,79}$")
# What a code location may show: a path under a package or library root, a function's name (<lambda> too).
_CODE_PATH = re.compile(r"^[A-Za-z0-9_<][A-Za-z0-9_./<>-]{0,199}$")
_CODE_NAME = re.compile(r"^[A-Za-z0-9_<>.]{1,80}$")
_NOISY_LOGGERS = ("sqlalchemy", "alembic", "keyring", "urllib3", "PIL", "pypdf", "reportlab")


def disable_core_dumps() -> bool:
    """Turn core dumps off for this process; True when the platform allowed it."""
    try:
        import resource
    except ImportError:  # Windows: no rlimits; crash dumps are left to Windows Error Reporting settings
        return False
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        return False
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
                return False
        except (OSError, AttributeError):
            return False
    return True


def _safe_arg(value: object) -> object:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Enum):
        return value.value if isinstance(value.value, int) else _safe_arg(str(value.value))
    if isinstance(value, str) and _CODE_LIKE.match(value):
        return value
    return MASK


class ContentFilter(logging.Filter):
    """Masks log arguments that are not code-like (names, free text, paths with personal folder names)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not isinstance(record.msg, str):
            record.msg, record.args = type(record.msg).__name__, None
        if isinstance(record.args, dict):
            record.args = {key: _safe_arg(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(_safe_arg(value) for value in record.args)
        return True


def _code_roots() -> list[Path]:
    """Where code lives: our package's parent, then the import path (the longest first)."""
    roots = {Path(__file__).resolve().parent.parent, *(Path(entry).resolve() for entry in sys.path if entry)}
    return sorted(roots, key=lambda root: len(root.parts), reverse=True)


def code_path(filename: str) -> str:
    """A frame's file as a path under the package or library root it belongs to; masked when it is under none
    (a script in a user's folder) or does not look like code."""
    if filename.startswith("<"):  # <frozen importlib._bootstrap>, <string>
        return filename if _CODE_PATH.match(filename) else MASK
    path = Path(filename).resolve()
    for root in _code_roots():
        if path.is_relative_to(root):
            shown = path.relative_to(root).as_posix()
            return shown if _CODE_PATH.match(shown) else MASK
    return MASK


def masked_traceback(error: BaseException | None, tb: TracebackType | None = None) -> list[str]:
    """The traceback of `error` and of the exceptions it arose from (cause or context, outermost first) as code
    locations and exception types, ending with the chain of types: no message, no value."""
    lines = ["Traceback (messages masqués) :"]
    chain: list[str] = []
    while error is not None and len(chain) < 10:
        if chain:
            lines.append("  … à la suite de :")
        for frame in traceback.extract_tb(tb if tb is not None else error.__traceback__):
            name = frame.name if _CODE_NAME.match(frame.name) else MASK
            lines.append(f'  File "{code_path(frame.filename)}", line {frame.lineno}, in {name}')
        lines.append(f"  {type(error).__qualname__}")
        chain.append(type(error).__qualname__)
        error, tb = error.__cause__ or error.__context__, None
    lines.append(" <- ".join(chain))
    return lines


def error_report(error: BaseException, extra: Sequence[str] = ()) -> str:
    """What a CMC can send about an unexpected error: versions, system, the masked traceback — no data."""
    return "\n".join([
        "Rapport d'erreur de cmc-desktop (sans donnée personnelle : messages et valeurs masqués)",
        f"Version : cmc-desktop {__version__}",
        f"Système : {platform.system()} {platform.release()} ({platform.machine()}) ; "
        f"Python {platform.python_version()}",
        *extra,
        f"Date : {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"Erreur : {type(error).__qualname__}",
        *masked_traceback(error),
    ])


class SafeFormatter(logging.Formatter):
    """Formats exceptions as their types and code locations only: their messages may quote data."""

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        _, error, tb = ei
        return "\n".join(masked_traceback(error, tb))

    def format(self, record: logging.LogRecord) -> str:
        record.exc_text = None  # never reuse a traceback text another formatter cached with its messages
        return super().format(record)


def configure_safe_logging(level: int = logging.INFO, stream: IO[str] | None = None) -> logging.Handler:
    """Route the root logger through the filter and formatter above; third-party loggers stay at WARNING
    (SQLAlchemy at INFO would print statements with their parameters)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.addFilter(ContentFilter())
    handler.setFormatter(SafeFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in _NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    sys.excepthook = log_uncaught
    threading.excepthook = _log_uncaught_in_thread
    return handler


def log_uncaught(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook: an exception nobody caught goes to the log, masked (Python would print its message)."""
    logging.getLogger("cmc_desktop").error("uncaught %s", kind.__name__, exc_info=(kind, error, tb))


def _log_uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        log_uncaught(args.exc_type, args.exc_value, args.exc_traceback)
