"""Fixtures shared by every test: a real SQLCipher store in tmp_path, a fixed clock, a test keyring."""

import logging
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never let a test reach the developer's real keyring.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

from cmc_desktop.data.keyfile import KdfParams  # noqa: E402
from cmc_desktop.data.store import Store  # noqa: E402
from cmc_desktop.data.vault import KeyVault  # noqa: E402
from cmc_desktop.domain.clock import FixedClock  # noqa: E402
from cmc_desktop.hardening import SafeFormatter  # noqa: E402
from cmc_desktop.services.workspace import Workspace  # noqa: E402

PASSPHRASE = "phrase de récupération d'essai"
FAST_KDF = KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)
MARKER = "Zéphyrine Quastenbrück"
# The log filter masks every non-ASCII argument, so the accented marker can never show a name logged by mistake;
# a plain ASCII surname passes the filter like a code would.
ASCII_MARKER = "Vandermolenaar"


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring standing in for a secure OS backend."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def secure_vault(backend: KeyringBackend) -> KeyVault:
    cls = type(backend)
    return KeyVault(backend, frozenset({f"{cls.__module__}.{cls.__qualname__}"}))


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def vault(memory_keyring: MemoryKeyring) -> KeyVault:
    return secure_vault(memory_keyring)


@pytest.fixture
def no_vault() -> KeyVault:
    """The headless case: no secure backend at all."""
    return KeyVault()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "donnees"


@pytest.fixture
def store(data_dir: Path, no_vault: KeyVault):
    s = Store.create(data_dir, PASSPHRASE, vault=no_vault, kdf=FAST_KDF)
    yield s
    s.close()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 16, 9, 30, tzinfo=UTC))


@pytest.fixture
def ws(store: Store, clock: FixedClock) -> Workspace:
    return Workspace(store, clock)


@pytest.fixture
def paris_time() -> Iterator[None]:
    """Local time is French time while the test runs, whatever the machine's zone: expected times are written by
    hand. The rule of Europe/Paris (CET, CEST from the last Sunday of March to the last Sunday of October) as a
    POSIX TZ string, which needs no time-zone database on the machine."""
    previous = os.environ.get("TZ")
    os.environ["TZ"] = "CET-1CEST,M3.5.0,M10.5.0/3"
    time.tzset()
    try:
        yield
    finally:
        if previous is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = previous
        time.tzset()


@pytest.fixture(autouse=True)
def application_log_handler_removed() -> Iterator[None]:
    """A test that runs the command line in this process installs the application's log handler on the stream
    pytest captured for that test: once the test is over, later ones would log into a closed stream."""
    root = logging.getLogger()
    before = list(root.handlers)
    yield
    for handler in list(root.handlers):
        if isinstance(handler.formatter, SafeFormatter) and handler not in before:
            root.removeHandler(handler)
