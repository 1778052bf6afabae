"""Column types for the store: timezone-aware UTC datetimes and compact encodings on every backend; no queries here."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.types import BigInteger, DateTime, Integer, TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC (SQLite drops zones); refuses naive ones; returns UTC-aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime refused: {value!r}")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)


class EpochMillis(TypeDecorator[datetime]):
    """Aware datetimes stored as integer milliseconds since 1970 UTC (6 bytes in SQLite, not 26 of text).

    Refuses naive datetimes; returns UTC-aware ones. Sub-millisecond parts are dropped (floored).
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime refused: {value!r}")
        return (value - _EPOCH) // _MS

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return _EPOCH + int(value) * _MS


class Hundredths(TypeDecorator[float]):
    """A float kept to two decimals, stored as an integer count of hundredths (SM-2 ease: 2.5 -> 250)."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: float | None, dialect: Dialect) -> int | None:
        return None if value is None else round(value * 100)

    def process_result_value(self, value: Any, dialect: Dialect) -> float | None:
        return None if value is None else value / 100
