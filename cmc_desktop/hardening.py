"""Process hardening at start-up: no core dumps of the app's memory, logs that cannot carry content.

A core dump would hold the database key and decrypted records; where the platform allows it, dumps are
turned off (RLIMIT_CORE = 0 and, on Linux, PR_SET_DUMPABLE = 0, which also keeps other processes of the
same user from attaching a debugger). Elsewhere these are no-ops.

Logs must carry event codes and pseudonymous ids only. The filter and formatter here are a safety net for
mistakes, not a licence to log content: argument values that do not look like codes are masked, exception
messages (which may quote SQL parameters) are dropped and only exception types and code locations are kept.
"""

import ctypes
import logging
import re
import sys
import traceback
from enum import Enum
from typing import IO

PR_SET_DUMPABLE = 4
MASK = "[masqué]"
_CODE_LIKE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:/=-]{0,79}$")
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


class SafeFormatter(logging.Formatter):
    """Formats exceptions as their types and code locations only: their messages may quote data."""

    def formatException(self, ei) -> str:
        _, error, tb = ei
        lines = ["Traceback (messages masqués) :"]
        lines += [f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}'
                  for frame in traceback.extract_tb(tb)]
        chain: list[str] = []
        while error is not None and len(chain) < 10:
            chain.append(type(error).__qualname__)
            error = error.__cause__ or error.__context__
        lines.append(" <- ".join(chain))
        return "\n".join(lines)

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
    return handler
