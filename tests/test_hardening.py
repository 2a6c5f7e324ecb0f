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


# A frame of code kept in a user's folder: its path names the person.
USER_SCRIPT = f"/home/{MARKER}/Documents/outil.py"


def _fail_in_user_script() -> None:
    code = compile("def outil(nom):\n    secret = nom\n    raise ValueError('nom=' + secret)\n", USER_SCRIPT, "exec")
    namespace: dict = {}
    exec(code, namespace)
    try:
        namespace["outil"](MARKER)
    except ValueError as error:
        error.add_note(f"note : {MARKER}")
        raise KeyError(MARKER) from error


def test_a_logged_traceback_shows_where_never_what(safe_log) -> None:
    """Frames, values held in them, messages and notes carrying the marker: the log keeps file paths from the
    package or library root, line numbers, function names and exception types, and masks the user's path."""
    logger, stream = safe_log
    try:
        _fail_in_user_script()
    except KeyError:
        logger.exception("ui.unexpected_error %s", "KeyError")
    text = stream.getvalue()
    assert MARKER not in text and "Quastenbr" not in text and "Documents" not in text
    assert 'File "tests/test_hardening.py", line' in text and "in _fail_in_user_script" in text
    assert 'File "[masqué]", line 3, in outil' in text
    assert text.rstrip().endswith("KeyError <- ValueError")


def test_the_error_report_has_versions_and_the_masked_traceback_only() -> None:
    from cmc_desktop import __version__
    from cmc_desktop.hardening import error_report

    try:
        _fail_in_user_script()
    except KeyError as error:
        report = error_report(error, ["Qt 6.x"])
    assert MARKER not in report and "Quastenbr" not in report
    lines = report.splitlines()
    assert lines[0].startswith("Rapport d'erreur de cmc-desktop (sans donnée personnelle")
    assert f"Version : cmc-desktop {__version__}" in lines and "Qt 6.x" in lines and "Erreur : KeyError" in lines
    assert any(line.startswith("Système : ") for line in lines)
    assert "in _fail_in_user_script" in report and lines[-1] == "KeyError <- ValueError"


CHECK_UNCAUGHT = """
import io, logging, sys, threading
from cmc_desktop.hardening import configure_safe_logging
stream = io.StringIO()
configure_safe_logging(stream=stream)
def work():
    raise RuntimeError("Zéphyrine Quastenbrück")
thread = threading.Thread(target=work)
thread.start()
thread.join()
sys.excepthook(ValueError, ValueError("Zéphyrine Quastenbrück"), None)
print(stream.getvalue())
"""


def test_uncaught_exceptions_in_any_thread_are_logged_masked() -> None:
    result = subprocess.run([sys.executable, "-c", CHECK_UNCAUGHT], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "uncaught RuntimeError" in result.stdout and "uncaught ValueError" in result.stdout
    assert "in work" in result.stdout
    assert "Quastenbrück" not in result.stdout + result.stderr
