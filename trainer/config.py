"""User settings with their defaults; read once at start-up, never on the review path."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from trainer.sched.days import DEFAULT_DAY_START_HOUR

DEFAULT_NEW_PER_DAY = 20


@dataclass(frozen=True, slots=True)
class Settings:
    """How the daily drill is run.

    Attributes:
        new_per_day: New cards introduced per deck per day.
        day_start_hour: Local hour at which a study day begins (a 1 a.m. session counts for the day before).
        zone: The learner's time zone; None means the machine's local zone.
    """

    new_per_day: int = DEFAULT_NEW_PER_DAY
    day_start_hour: int = DEFAULT_DAY_START_HOUR
    zone: tzinfo | None = None

    def tz(self) -> tzinfo:
        """The zone to count study days in."""
        if self.zone is not None:
            return self.zone
        from dateutil.tz import tzlocal

        return tzlocal()


def load_settings() -> Settings:
    """The learner's settings (defaults until a config file sets them)."""
    return Settings()
