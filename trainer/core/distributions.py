"""How answers and schedules are spread: grades, intervals, ease, hour of day; pure values and buckets,
no I/O (the store counts, `trainer.store.distributions`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# Interval buckets in days: (label, lowest, highest).
INTERVAL_BUCKETS: tuple[tuple[str, int, int], ...] = (
    ("1天", 1, 1),
    ("2–3天", 2, 3),
    ("4–7天", 4, 7),
    ("8–14天", 8, 14),
    ("15–30天", 15, 30),
    ("1–3月", 31, 90),
    ("3–6月", 91, 180),
    ("6–12月", 181, 365),
    ("1年以上", 366, 10**9),
)
# Ease buckets (SM-2 ease, two decimals): (label, lowest, highest).
EASE_BUCKETS: tuple[tuple[str, float, float], ...] = (
    ("1.30–1.69", 1.3, 1.69),
    ("1.70–2.09", 1.7, 2.09),
    ("2.10–2.49", 2.1, 2.49),
    ("2.50", 2.5, 2.5),
    ("2.51–2.89", 2.51, 2.89),
    ("2.90+", 2.9, 100.0),
)


@dataclass(frozen=True, slots=True)
class Bucket:
    """One bar of a distribution: its label and how many fall in it."""

    label: str
    count: int


@dataclass(frozen=True, slots=True)
class Distributions:
    """Answers by grade (0–5) and by local hour (0–23); graded cards by interval and by ease."""

    grades: tuple[int, ...]
    hours: tuple[int, ...]
    intervals: tuple[Bucket, ...]
    ease: tuple[Bucket, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain values for JSON."""
        return {
            "grades": [{"grade": g, "answers": n} for g, n in enumerate(self.grades)],
            "hours": [{"hour": h, "answers": n} for h, n in enumerate(self.hours)],
            "intervals": [{"bucket": b.label, "cards": b.count} for b in self.intervals],
            "ease": [{"bucket": b.label, "cards": b.count} for b in self.ease],
        }


def bucketed(counts: Iterable[tuple[float, int]], buckets: tuple[tuple[str, Any, Any], ...]) -> tuple[Bucket, ...]:
    """Counts of values (value, how many) summed into buckets; values outside every bucket are left out."""
    totals = dict.fromkeys((label for label, _, _ in buckets), 0)
    for value, n in counts:
        for label, low, high in buckets:
            if low <= round(value, 2) <= high:
                totals[label] += n
                break
    return tuple(Bucket(label, n) for label, n in totals.items())


def by_local_hour(utc_hours: Mapping[int, int], offset_minutes: int) -> tuple[int, ...]:
    """Answers per UTC hour turned into answers per local hour (the zone's offset, rounded down to an hour)."""
    shift = offset_minutes // 60
    local = [0] * 24
    for hour, n in utc_hours.items():
        local[(hour + shift) % 24] += n
    return tuple(local)
