"""An in-memory keyring standing in for the desktop one (the usual case on Windows and on a Linux desktop)."""

from keyring.backend import KeyringBackend

from cmc_desktop.data.vault import KeyVault


class MemoryKeyring(KeyringBackend):
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


def memory_vault() -> KeyVault:
    return KeyVault(MemoryKeyring(), frozenset({f"{MemoryKeyring.__module__}.{MemoryKeyring.__qualname__}"}))
