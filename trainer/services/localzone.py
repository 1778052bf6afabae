"""The machine's local time zone as a `tzinfo`, read from the C library at each moment; no settings."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, tzinfo


class LocalZone(tzinfo):
    """The machine's zone as the C library sees it at each moment (dateutil's `tzlocal`, without the
    ~10 ms import of `dateutil.tz` on every start-up); follows daylight saving like `tzlocal`."""

    def fromutc(self, dt: datetime) -> datetime:
        if dt.tzinfo is not self:
            raise ValueError("fromutc: dt.tzinfo is not self")
        stamp = dt.replace(tzinfo=UTC).timestamp()
        # fromtimestamp sets fold=1 on the second of two equal wall times (clocks set back).
        return datetime.fromtimestamp(stamp).replace(tzinfo=self)

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        if dt is None:
            return None
        stamp = dt.replace(tzinfo=None).timestamp()
        return datetime.fromtimestamp(stamp) - datetime.fromtimestamp(stamp, UTC).replace(tzinfo=None)

    def dst(self, dt: datetime | None) -> timedelta | None:
        if dt is None:
            return None
        if time.localtime(dt.replace(tzinfo=None).timestamp()).tm_isdst <= 0:
            return timedelta(0)
        return timedelta(seconds=time.timezone - time.altzone)

    def tzname(self, dt: datetime | None) -> str | None:
        if dt is None:
            return None
        return time.localtime(dt.replace(tzinfo=None).timestamp()).tm_zone

    def __repr__(self) -> str:
        return "LocalZone()"


LOCAL_ZONE = LocalZone()
