"""Interval fuzz, pure and deterministic: a per-card spread so cards learned together drift apart."""

from __future__ import annotations

# Same ranges as FSRS: no fuzz below 2.5 days, then ±15 %, ±10 % and ±5 % of each stretch.
_RANGES = ((2.5, 7.0, 0.15), (7.0, 20.0, 0.10), (20.0, float("inf"), 0.05))


def card_seed(card_id: int, day: int, salt: str = "") -> int:
    """A stable pseudo-random number for one card on one day (no global random state)."""
    import hashlib  # here: its import is a few ms of every cold start, the first fuzzed answer pays it

    digest = hashlib.blake2b(f"{salt}:{card_id}:{day}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def fuzz_range(interval: int) -> tuple[int, int]:
    """The smallest and largest interval fuzz may turn `interval` into."""
    if interval < 2.5:
        return interval, interval
    delta = 1.0 + sum(factor * max(min(interval, end) - start, 0.0) for start, end, factor in _RANGES)
    low = max(2, round(interval - delta))
    high = max(low, round(interval + delta))
    return low, high


def fuzz_interval(interval: int, seed: int) -> int:
    """`interval` moved to a point of its fuzz range chosen by `seed`; intervals under 2.5 days stay."""
    low, high = fuzz_range(interval)
    return low + seed % (high - low + 1)
