"""Timing helpers for the benchmarks: a clock, medians and p95 of repeated runs; nothing measured here."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

clock = time.perf_counter


def summary(samples_ms: list[float]) -> dict[str, Any]:
    """Median, p95, min and max of samples in milliseconds, with the samples' count."""
    if not samples_ms:
        return {"n": 0}
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "median_ms": round(statistics.median(ordered), 4),
        "p95_ms": round(p95, 4),
        "min_ms": round(ordered[0], 4),
        "max_ms": round(ordered[-1], 4),
    }


def repeat(fn: Callable[[], Any], times: int) -> list[float]:
    """Run `fn` `times` times; the wall time of each run in milliseconds."""
    out = []
    for _ in range(times):
        t0 = clock()
        fn()
        out.append((clock() - t0) * 1000)
    return out
