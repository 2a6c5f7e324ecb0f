"""An in-memory keyring standing in for the desktop one (the usual case on Windows and on a Linux desktop).

The start-up probe selects it the way a user's configuration would, with keyring's own
PYTHON_KEYRING_BACKEND=bench.memory_keyring.MemoryKeyring: the app then loads keyring and this backend where it
loads the real one (off the GUI thread, after the first paint). Its one secret comes from CMC_BENCH_KEYRING
("store_id key_hex", the generated store's — fictional data).
"""

import os

from keyring.backend import KeyringBackend

from cmc_desktop.data.vault import SERVICE, KeyVault

SEED_VARIABLE = "CMC_BENCH_KEYRING"
QUALIFIED_NAME = "bench.memory_keyring.MemoryKeyring"


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}
        seed = os.environ.get(SEED_VARIABLE, "").split()
        if len(seed) == 2:
            self.secrets[(SERVICE, seed[0])] = seed[1]

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def memory_vault() -> KeyVault:
    return KeyVault(MemoryKeyring(), frozenset({QUALIFIED_NAME}))
