"""Core dumps are turned off; the safe log setup masks content and exception messages."""

import io
import logging
import subprocess
import sys
from pathlib import Path

import pytest

from cmc_desktop.hardening import ContentFilter, SafeFormatter
from tests.conftest import MARKER

ROOT = Path(__file__).resolve().parent.parent

CHECK_DUMPS = """
import ctypes, resource, sys
from cmc_desktop.hardening import disable_core_dumps
assert disable_core_dumps() is True
assert resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)
if sys.platform.startswith("linux"):
    assert ctypes.CDLL(None).prctl(3, 0, 0, 0, 0) == 0  # PR_GET_DUMPABLE
print("ok")
"""


@pytest.mark.skipif(sys.platform == "win32", reason="pas de limites de ressources sous Windows")
def test_core_dumps_are_disabled() -> None:
    result = subprocess.run([sys.executable, "-c", CHECK_DUMPS], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.fixture
def safe_log():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ContentFilter())
    handler.setFormatter(SafeFormatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("cmc_desktop.test_hardening")
    logger.addHandler(handler)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def test_code_like_arguments_pass_and_content_is_masked(safe_log) -> None:
    logger, stream = safe_log
    logger.warning("agent.opened %s count=%d kind=%s", "AG-7KQ2M9PX", 3, "OperationalError")
    logger.warning("agent.renamed %s", MARKER)
    logger.warning("note %s", "texte libre avec des espaces")
    logger.warning(ValueError(MARKER))
    text = stream.getvalue()
    assert "agent.opened AG-7KQ2M9PX count=3 kind=OperationalError" in text
    assert "agent.renamed [masqué]" in text and "note [masqué]" in text
    assert MARKER not in text and "ValueError" in text


def test_exception_messages_are_dropped(safe_log) -> None:
    logger, stream = safe_log
    try:
        try:
            raise KeyError(MARKER)
        except KeyError as inner:
            raise RuntimeError(f"parameters: ('{MARKER}',)") from inner
    except RuntimeError:
        logger.exception("store.write_failed")
    text = stream.getvalue()
    assert MARKER not in text
    assert "RuntimeError <- KeyError" in text and "test_hardening.py" in text


CHECK_LOGGING = """
import io, logging
from cmc_desktop.hardening import configure_safe_logging
stream = io.StringIO()
configure_safe_logging(stream=stream)
logging.getLogger("sqlalchemy.engine").info("SELECT ... parameters %s", "secret")
logging.getLogger("cmc_desktop.x").info("store.opened %s", "Hélène")
print(stream.getvalue())
"""


def test_configured_logging_silences_sql_and_masks_content() -> None:
    result = subprocess.run([sys.executable, "-c", CHECK_LOGGING], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "store.opened [masqué]" in result.stdout
    assert "secret" not in result.stdout and "Hélène" not in result.stdout
