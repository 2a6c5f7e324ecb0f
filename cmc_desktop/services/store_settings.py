"""Small on/off settings kept in the encrypted store (they travel with its backups)."""

from ..data.repositories import settings
from .workspace import Workspace

PROVIDER_MODE = "provider_mode"
"""The CMC works for an external provider: a synthesis may not be kept once transmitted (DOMAIN.md)."""


def get_bool(ws: Workspace, key: str, default: bool) -> bool:
    with ws.store.session() as s:
        return settings.get_bool(s, key, default)


def set_bool(ws: Workspace, key: str, value: bool) -> None:
    with ws.store.session() as s:
        settings.put(s, key, bool(value))
