"""Declarative base and the column types shared by every table."""

import json
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from sqlalchemy import MetaData, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

NAMING = {"ix": "ix_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
          "ck": "ck_%(table_name)s_%(constraint_name)s",
          "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s", "pk": "pk_%(table_name)s"}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def utcnow() -> datetime:
    return datetime.now(UTC)


class EnumValue(TypeDecorator[Any]):
    """A str/int Enum stored as its value, so renaming a member never rewrites stored data."""

    impl = String(40)
    cache_ok = True

    def __init__(self, enum_cls: type[Enum]) -> None:
        super().__init__()
        self.enum_cls = enum_cls
        # The members' value type (str or int), found once: every row read goes through process_result_value.
        self._value_type = type(next(iter(enum_cls)).value)

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else str(self.enum_cls(value).value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else self.enum_cls(self._value_type(value))


class EnumSet(TypeDecorator[Any]):
    """A frozenset of enum members stored as sorted comma-separated values."""

    impl = String(200)
    cache_ok = True

    def __init__(self, enum_cls: type[Enum]) -> None:
        super().__init__()
        self.enum_cls = enum_cls

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return ",".join(sorted(str(self.enum_cls(v).value) for v in (value or ())))

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return frozenset(self.enum_cls(v) for v in (value or "").split(",") if v)


class JsonText(TypeDecorator[Any]):
    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes stored as ISO-8601 UTC text."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC).isoformat()

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else datetime.fromisoformat(value)
