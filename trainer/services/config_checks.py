"""Checking the config's exam date and time zone, whatever a hand-edited file or the command line holds;
no file I/O beyond the time zone database.

A value that cannot be a setting is a ValueError with a message for the learner (the config turns it
into a ConfigError naming the file and line); nothing here lets a library's own error or warning out.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Iterator
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

# An exam further ahead than this is a typo (`2207-03-28`): planning for it would project every point
# over decades, day by day, and `trainer plan` would not come back.
MAX_YEARS_AHEAD = 3
MIN_EXAM_DATE = date(2000, 1, 1)
# A date as a learner writes it: 2027-03-28, 2027/3/28, 2027.3.28, 2027年3月28日 (full-width digits too).
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_ZONE_NAME_MAX = 100  # the longest IANA names are about 30 characters


def exam_date(value: Any, today: date | None = None) -> date | None:
    """The exam date from a config value (None, a date, or `YYYY-MM-DD` text), None when cleared."""
    if value is None or str(value).strip().lower() in ("", "none", "off"):
        return None
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        m = _DATE.fullmatch(unicodedata.normalize("NFKC", str(value)).strip())
        try:
            value = date(int(m[1]), int(m[2]), int(m[3])) if m else date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError("expected a date like 2027-03-28 (or 2027/3/28, 2027年3月28日)") from None
    latest = (today or date.today()) + timedelta(days=366 * MAX_YEARS_AHEAD)
    if not MIN_EXAM_DATE <= value <= latest:
        raise ValueError(
            f"{value.isoformat()} is not a plausible exam date (from {MIN_EXAM_DATE.isoformat()} "
            f"to {MAX_YEARS_AHEAD} years from today)"
        )
    return value


def not_past(value: date | None, today: date) -> None:
    """Refuse an exam date before `today` when the learner sets one. Never called when the config is
    read: an exam that has passed must not stop the app from starting."""
    if value is not None and value < today:
        raise ValueError(
            f"the exam date {value.isoformat()} is past (today is {today.isoformat()}); give today or a later date"
        )


def zone(name: str) -> tzinfo | None:
    """The time zone called `name`, or None when there is none by that name (never an exception or a
    warning: dateutil warns about, or fails on, names that are paths, too long or not zone files)."""
    if len(name) > _ZONE_NAME_MAX or not name.isprintable() or ".." in name.split("/"):
        return None
    from dateutil import tz

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return tz.gettz(name)
        except (OSError, ValueError, OverflowError):
            return None


def zone_name(value: Any) -> str:
    """A config value as a time zone name ("" for the machine's own zone)."""
    name = "" if value is None else str(value).strip()
    if name.lower() in ("", "local", "none"):
        return ""
    if zone(name) is None:
        raise ValueError("unknown time zone (use a name like Asia/Shanghai)")
    return name


def _nodes(text: str) -> Iterator[Any]:
    """Every node of config `text` in document order (keys, values, items); nothing when it is no YAML."""
    import yaml

    try:
        stack = [yaml.compose(text, Loader=yaml.SafeLoader)]
    except yaml.YAMLError:
        return
    while stack:
        n = stack.pop()
        if n is None:
            continue
        yield n
        if isinstance(n, yaml.MappingNode):
            stack.extend(v for pair in reversed(n.value) for v in reversed(pair))
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(reversed(n.value))


def bad_value_line(text: str) -> int | None:
    """The 1-based line of the first value in config `text` that YAML reads as a date but no calendar
    holds (`2027-02-30`), or None."""
    import yaml

    for n in _nodes(text):
        if isinstance(n, yaml.ScalarNode) and n.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(n)
            except ValueError:
                return n.start_mark.line + 1
    return None


def duplicate_key(text: str) -> tuple[str, int] | None:
    """The first key config `text` gives twice in one mapping, and its second line; None when there is
    none (YAML would keep the last value silently)."""
    import yaml

    for n in _nodes(text):
        if isinstance(n, yaml.MappingNode):
            keys = [k for k, _v in n.value if isinstance(k, yaml.ScalarNode)]
            seen: set[str] = set()
            for k in keys:
                if k.value in seen:
                    return k.value, k.start_mark.line + 1
                seen.add(k.value)
    return None
