"""User settings: defaults, the config file in the data directory, `trainer config`; read once at start-up, no
database, no UI.

Nothing here runs on the review path: the study session gets a frozen Settings when it starts.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, tzinfo
from pathlib import Path
from typing import Any

from trainer.errors import ConfigError
from trainer.paths import data_dir, make_private_dirs
from trainer.sched.answer import Policy
from trainer.sched.budget import DayBudget
from trainer.sched.days import DEFAULT_DAY_START_HOUR
from trainer.sched.exam import EXAM_TARGET_PERCENT
from trainer.sched.queue import DEFAULT_NEW_PER_DAY, DEFAULT_REVIEWS_PER_DAY, Limits
from trainer.sched.state import Algorithm
from trainer.services import config_checks as checks
from trainer.services.localzone import LOCAL_ZONE

MAX_CONFIG_BYTES = 1_000_000  # a config is a few lines

CONFIG_NAME = "config.yaml"
_HEADER = "# trainer settings: edit with `trainer config set KEY VALUE` (see `trainer config list`)\n"


@dataclass(frozen=True, slots=True)
class DeckLimits:
    """One deck's own limits; None keeps the global one."""

    new_per_day: int | None = None
    reviews_per_day: int | None = None
    typed: bool | None = None
    minutes_per_day: int | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """How the daily drill is run.

    Attributes:
        new_per_day: New cards introduced per deck per day.
        day_start_hour: Local hour at which a study day begins (a 1 a.m. session counts for the day before).
        zone: The learner's time zone; None means the machine's local zone.
        reviews_per_day: Reviews per deck per day.
        exam_date: The exam; no interval runs past it. None when not set.
        fuzz: Spread intervals of 3 days and more a little, per card.
        decks: Per-deck limits by deck name.
        zone_name: The configured zone's name ("" for the machine's zone).
        typed: Start reviews in typed-answer mode (per deck in `decks`).
        minutes_per_day: The learner's daily minutes (all decks together; per deck in `decks`); the
            day's queue is fitted into them, weakest first. None: no budget.
        time_limit: Seconds on a card's front before its answer is shown; 0 for no limit.
    """

    new_per_day: int = DEFAULT_NEW_PER_DAY
    day_start_hour: int = DEFAULT_DAY_START_HOUR
    zone: tzinfo | None = None
    reviews_per_day: int = DEFAULT_REVIEWS_PER_DAY
    exam_date: date | None = None
    fuzz: bool = False
    decks: Mapping[str, DeckLimits] = field(default_factory=dict, hash=False)
    zone_name: str = ""
    typed: bool = False
    minutes_per_day: int | None = None
    time_limit: int = 0

    def tz(self) -> tzinfo:
        """The zone to count study days in."""
        if self.zone is not None:
            return self.zone
        return LOCAL_ZONE

    def limits_for(self, deck: str) -> Limits:
        """The new and review limits of the deck named `deck`."""
        own = self.decks.get(deck, DeckLimits())
        return Limits(
            new=self.new_per_day if own.new_per_day is None else own.new_per_day,
            reviews=self.reviews_per_day if own.reviews_per_day is None else own.reviews_per_day,
        )

    def typed_for(self, deck: str) -> bool:
        """Whether reviews of the deck named `deck` start in typed-answer mode."""
        own = self.decks.get(deck, DeckLimits()).typed
        return self.typed if own is None else own

    def minutes_for(self, deck: str) -> int | None:
        """The deck's own daily minutes, None when it has none of its own (the overall budget applies)."""
        return self.decks.get(deck, DeckLimits()).minutes_per_day

    def day_budget(self) -> DayBudget:
        """What exam mode and the daily minutes ask of the day's queue."""
        own = {name: d.minutes_per_day for name, d in self.decks.items() if d.minutes_per_day is not None}
        return DayBudget(exam_day=self.exam_day, minutes=self.minutes_per_day, deck_minutes=own)

    @property
    def exam_day(self) -> int | None:
        """The exam as a day number, or None."""
        return None if self.exam_date is None else self.exam_date.toordinal()

    def policy(self, algorithm: Algorithm = Algorithm.SM2) -> Policy:
        """The scheduling policy for a deck using `algorithm`."""
        target = None if self.exam_day is None else EXAM_TARGET_PERCENT
        return Policy(algorithm=algorithm, exam_day=self.exam_day, fuzz=self.fuzz, exam_target=target)


# ---- values ---------------------------------------------------------------------------------------


def _int_in(low: int, high: int) -> Callable[[Any], int]:
    def parse(value: Any) -> int:
        if isinstance(value, bool):
            raise ValueError("expected a whole number")
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ValueError("expected a whole number") from None
        if not low <= number <= high:
            raise ValueError(f"expected a number from {low} to {high}")
        return number

    return parse


def _minutes(value: Any) -> int | None:
    if value is None or str(value).strip().lower() in ("", "none", "off", "0"):
        return None
    return _int_in(1, 1440)(value)


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "on", "1"):
        return True
    if text in ("false", "no", "off", "0"):
        return False
    raise ValueError("expected true or false")


_COUNT = _int_in(0, 100_000)
# Key in the file and on the command line -> (parser, default, help).
KEYS: dict[str, tuple[Callable[[Any], Any], Any, str]] = {
    "exam-date": (
        checks.exam_date,
        None,
        "the exam date (YYYY-MM-DD): exam mode plans every point for it; `none` to clear",
    ),
    "minutes-per-day": (_minutes, None, "minutes a day for study; the day's queue fits them, weakest first"),
    "new-per-day": (_COUNT, DEFAULT_NEW_PER_DAY, "new cards per deck per day"),
    "reviews-per-day": (_COUNT, DEFAULT_REVIEWS_PER_DAY, "reviews per deck per day"),
    "day-start-hour": (_int_in(0, 23), DEFAULT_DAY_START_HOUR, "local hour a study day starts (0-23)"),
    "timezone": (checks.zone_name, "local", "time zone name, e.g. Asia/Shanghai (default: the machine's)"),
    "fuzz": (_bool, False, "spread intervals of 3+ days a little, per card (true/false)"),
    "typed": (_bool, False, "start reviews in typed-answer mode (true/false; `t` still toggles)"),
    "time-limit": (_int_in(0, 3600), 0, "seconds on a card's front before its answer is shown (0: no limit)"),
}
DECK_KEYS = ("new-per-day", "reviews-per-day", "typed", "minutes-per-day")


def config_path() -> Path:
    """The config file: config.yaml in the data directory."""
    return data_dir() / CONFIG_NAME


def _line_of(text: str, *path: str) -> int | None:
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    line = None
    for key in path:
        if not isinstance(node, yaml.MappingNode):
            return line
        for k, v in node.value:
            if k.value == key:
                line, node = k.start_mark.line + 1, v
                break
        else:
            return line
    return line


def read_config(path: Path | None = None) -> dict[str, Any]:
    """The config file's values, checked and parsed (an absent file is an empty config).

    Raises:
        ConfigError: the file is not YAML, not a mapping, or holds an unknown key or a bad value.
    """
    path = path or config_path()
    try:
        st = os.stat(path)
        # A FIFO or a device would block every command for good, a huge file fill the memory.
        if not stat.S_ISREG(st.st_mode):
            raise ConfigError("the config is not a regular file (a pipe, a device or a folder?)", path=path)
        if st.st_size > MAX_CONFIG_BYTES:
            raise ConfigError(f"the config is over {MAX_CONFIG_BYTES // 1000} KB; is it the right file?", path=path)
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config: {exc}", path=path) from None
    import yaml  # only when there is a config file: start-up without one never loads PyYAML

    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError("not valid YAML", path=path, line=mark.line + 1 if mark else None) from None
    except ValueError as exc:  # `exam-date: 2027-02-30`: YAML reads a date no calendar holds
        raise ConfigError(f"not a real date ({exc})", path=path, line=checks.bad_value_line(text)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError("the config must be a mapping of keys", path=path, line=1)
    if twice := checks.duplicate_key(text):
        raise ConfigError(f"{twice[0]!r} is given twice (which one is meant?)", path=path, line=twice[1])
    out: dict[str, Any] = {}
    for key, value in data.items():
        key = str(key)
        if key == "decks":
            out["decks"] = _read_decks(value, text, path)
            continue
        if key not in KEYS:
            raise ConfigError(
                f"unknown setting {key!r} (known: {', '.join(KEYS)})", path=path, line=_line_of(text, key)
            )
        try:
            out[key] = KEYS[key][0](value)
        except ValueError as exc:
            raise ConfigError(f"{key}: {exc}", path=path, line=_line_of(text, key)) from None
    return out


def _read_decks(value: Any, text: str, path: Path) -> dict[str, dict[str, Any]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError("`decks` must map deck names to limits", path=path, line=_line_of(text, "decks"))
    decks: dict[str, dict[str, Any]] = {}
    for name, limits in value.items():
        where = _line_of(text, "decks", str(name))
        if not isinstance(limits, dict):
            raise ConfigError(f"deck {name!r}: expected {' / '.join(DECK_KEYS)}", path=path, line=where)
        entry = {}
        for key, v in limits.items():
            if key not in DECK_KEYS:
                raise ConfigError(f"deck {name!r}: unknown setting {key!r}", path=path, line=where)
            try:
                entry[key] = KEYS[key][0](v)
            except ValueError as exc:
                raise ConfigError(f"deck {name!r}: {key}: {exc}", path=path, line=where) from None
        decks[str(name)] = entry
    return decks


def settings_from(values: Mapping[str, Any]) -> Settings:
    """Settings from checked config values, defaults for the rest."""
    zone_name = values.get("timezone", "")
    decks = {
        name: DeckLimits(
            new_per_day=v.get("new-per-day"),
            reviews_per_day=v.get("reviews-per-day"),
            typed=v.get("typed"),
            minutes_per_day=v.get("minutes-per-day"),
        )
        for name, v in values.get("decks", {}).items()
    }
    return Settings(
        new_per_day=values.get("new-per-day", DEFAULT_NEW_PER_DAY),
        reviews_per_day=values.get("reviews-per-day", DEFAULT_REVIEWS_PER_DAY),
        day_start_hour=values.get("day-start-hour", DEFAULT_DAY_START_HOUR),
        zone=_gettz(zone_name) if zone_name else None,
        zone_name=zone_name,
        exam_date=values.get("exam-date"),
        fuzz=values.get("fuzz", False),
        typed=values.get("typed", False),
        minutes_per_day=values.get("minutes-per-day"),
        time_limit=values.get("time-limit", 0),
        decks=decks,
    )


def _gettz(name: str) -> tzinfo | None:
    return checks.zone(name)


def load_settings(path: Path | None = None) -> Settings:
    """The learner's settings: the config file over the defaults."""
    return settings_from(read_config(path))


# ---- `trainer config` -----------------------------------------------------------------------------


def _check_key(key: str, deck: str | None) -> None:
    if key not in KEYS:
        raise ConfigError(f"unknown setting {key!r} (known: {', '.join(KEYS)})")
    if deck is not None and key not in DECK_KEYS:
        raise ConfigError(f"{key} is not a per-deck setting (per deck: {', '.join(DECK_KEYS)})")


def _show(value: Any) -> str:
    if value is None or value == "":
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _write(values: dict[str, Any], path: Path) -> None:
    import yaml

    from trainer.deckfile.fsutil import atomic_write

    data: dict[str, Any] = {k: v for k, v in values.items() if k != "decks" and v not in (None, "")}
    decks = {name: lim for name, lim in values.get("decks", {}).items() if lim}
    if decks:
        data["decks"] = decks
    make_private_dirs(path.parent)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False) if data else ""
    atomic_write(path, (_HEADER + body).encode("utf-8"))


def set_value(
    key: str, value: str, *, deck: str | None = None, path: Path | None = None, today: date | None = None
) -> str:
    """Check and store one setting (for one deck if `deck` is given); returns the value as stored. Given
    `today` (the study day's date), an exam date before it is refused.

    Raises:
        ConfigError: unknown key, bad value, or a config file that cannot be read or written.
    """
    _check_key(key, deck)
    path = path or config_path()
    values = read_config(path)
    try:
        parsed = KEYS[key][0](value)
        if key == "exam-date" and today is not None:
            checks.not_past(parsed, today)
    except ValueError as exc:
        raise ConfigError(f"{key}: {exc}") from None
    if deck is None:
        values[key] = parsed
    else:
        values.setdefault("decks", {}).setdefault(deck, {})[key] = parsed
    _write(values, path)
    return _show(parsed)


def unset_value(key: str, *, deck: str | None = None, path: Path | None = None) -> None:
    """Remove one setting so its default (or the global value, for a deck) applies again."""
    _check_key(key, deck)
    path = path or config_path()
    values = read_config(path)
    if deck is None:
        values.pop(key, None)
    else:
        values.get("decks", {}).get(deck, {}).pop(key, None)
    _write(values, path)


def get_value(key: str, *, deck: str | None = None, path: Path | None = None) -> str:
    """The effective value of one setting, as text."""
    _check_key(key, deck)
    values = read_config(path)
    if deck is not None:
        own = values.get("decks", {}).get(deck, {})
        if key in own:
            return _show(own[key])
    return _show(values.get(key, KEYS[key][1]))


def list_values(path: Path | None = None) -> list[tuple[str, str, bool]]:
    """Every setting as (key, effective value, set in the file); deck limits as `deck NAME key`."""
    values = read_config(path)
    rows = [(key, _show(values.get(key, default)), key in values) for key, (_p, default, _h) in KEYS.items()]
    for name, limits in sorted(values.get("decks", {}).items()):
        rows += [(f"deck {name} {key}", _show(v), True) for key, v in limits.items()]
    return rows
