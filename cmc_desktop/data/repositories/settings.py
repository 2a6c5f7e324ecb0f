"""Store settings: small typed values kept inside the encrypted store (never in QSettings)."""

from typing import Any

from sqlalchemy.orm import Session

from ..models import StoreSettingRow


def get_int(session: Session, key: str, default: int, *, minimum: int, maximum: int) -> int:
    """The integer setting `key`, or `default` when unset or outside [minimum, maximum]."""
    row = session.get(StoreSettingRow, key)
    value: Any = None if row is None else row.value
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        return default
    return value


def get_bool(session: Session, key: str, default: bool) -> bool:
    """The boolean setting `key`, or `default` when unset or not a boolean."""
    row = session.get(StoreSettingRow, key)
    return row.value if row is not None and isinstance(row.value, bool) else default


def put(session: Session, key: str, value: Any) -> None:
    row = session.get(StoreSettingRow, key)
    if row is None:
        session.add(StoreSettingRow(key=key, value=value))
    else:
        row.value = value


def get_str(session: Session, key: str) -> str | None:
    """The text setting `key`, or None when unset or not text."""
    row = session.get(StoreSettingRow, key)
    return row.value if row is not None and isinstance(row.value, str) else None


def get_json(session: Session, key: str) -> Any:
    """The setting `key` as stored (any JSON value), or None when unset."""
    row = session.get(StoreSettingRow, key)
    return None if row is None else row.value
