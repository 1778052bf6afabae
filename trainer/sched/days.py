"""Study days, pure: which day an aware moment counts for, given a zone and the hour a day starts."""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

DEFAULT_DAY_START_HOUR = 4


def require_aware(moment: datetime) -> datetime:
    """Return `moment` if it carries a time zone; refuse naive datetimes with ValueError."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime refused: {moment!r}")
    return moment


def study_date(moment: datetime, zone: tzinfo, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> date:
    """The study day `moment` belongs to: before `day_start_hour` local time counts for the day before."""
    local = require_aware(moment).astimezone(zone)
    return (local - timedelta(hours=day_start_hour)).date()


def study_day(moment: datetime, zone: tzinfo, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> int:
    """The study day as a day number (`date.toordinal()`), the unit `due_day` is stored in."""
    return study_date(moment, zone, day_start_hour).toordinal()


def day_to_date(day: int) -> date:
    """A day number back to a date."""
    return date.fromordinal(day)
