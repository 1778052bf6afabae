"""FSRS-6's memory model, pure: a point's stability and difficulty from its answers, and its recall on a
later day; floats in, floats out, no clock, no I/O.

This is the model of the `fsrs` package (its formulas, its default parameters; a test checks both
against `fsrs.Scheduler`), written on plain floats because exam planning folds every answer of a
point and the package's `review_card` copies a card and builds datetimes each time.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# fsrs 6.x `fsrs.scheduler.DEFAULT_PARAMETERS` (w0 ... w20); tests/test_exam_plan.py checks they match.
DEFAULT_PARAMETERS: tuple[float, ...] = (
    0.212,
    1.2931,
    2.3065,
    8.2956,
    6.4133,
    0.8334,
    3.0194,
    0.001,
    1.8722,
    0.1666,
    0.796,
    1.4835,
    0.0614,
    0.2629,
    1.6483,
    0.6014,
    1.8729,
    0.5425,
    0.0912,
    0.0658,
    0.1542,
)
STABILITY_MIN = 0.001
MIN_DIFFICULTY, MAX_DIFFICULTY = 1.0, 10.0


@dataclass(frozen=True, slots=True)
class Memory:
    """What FSRS believes about one point after its last answer.

    Attributes:
        stability: Days until recall falls to 90 %.
        difficulty: 1 (easy) to 10 (hard).
        day: The study day of the last answer.
    """

    stability: float
    difficulty: float
    day: int


def rating_of(quality: int) -> int:
    """Quality 0–5 onto FSRS's ratings: 0–2 Again (1), 3 Hard (2), 4 Good (3), 5 Easy (4)."""
    return 1 if quality < 3 else quality - 1


def _decay(w: Sequence[float]) -> tuple[float, float]:
    decay = -w[20]
    return decay, 0.9 ** (1 / decay) - 1


def recall(elapsed: float, stability: float, w: Sequence[float] = DEFAULT_PARAMETERS) -> float:
    """The probability of recall `elapsed` days after the last answer (FSRS-6's forgetting curve)."""
    decay, factor = _decay(w)
    return (1 + factor * max(0.0, elapsed) / stability) ** decay


def days_until(retention: float, stability: float, w: Sequence[float] = DEFAULT_PARAMETERS) -> float:
    """Days after the last answer until recall falls to `retention` (the inverse of `recall`)."""
    decay, factor = _decay(w)
    return stability / factor * (retention ** (1 / decay) - 1)


def _clamp_d(d: float) -> float:
    return min(max(d, MIN_DIFFICULTY), MAX_DIFFICULTY)


def _next_d(d: float, rating: int, w: Sequence[float]) -> float:
    easy_init = w[4] - math.exp(w[5] * 3) + 1
    damped = d + (10.0 - d) * -(w[6] * (rating - 3)) / 9.0
    return _clamp_d(w[7] * easy_init + (1 - w[7]) * damped)


def remember(before: Memory | None, quality: int, day: int, w: Sequence[float] = DEFAULT_PARAMETERS) -> Memory:
    """The memory after one answer of `quality` on study day `day` (`before` None: the first showing).

    Answers on the day of the previous one use FSRS-6's short-term rule, as `fsrs.Scheduler` does.
    """
    rating = rating_of(quality)
    if before is None:
        s = max(w[rating - 1], STABILITY_MIN)
        return Memory(s, _clamp_d(w[4] - math.exp(w[5] * (rating - 1)) + 1), day)
    s, d = before.stability, before.difficulty
    elapsed = day - before.day
    if elapsed < 1:
        inc = math.exp(w[17] * (rating - 3 + w[18])) * s ** -w[19]
        if rating > 1:
            inc = max(inc, 1.0)
        s = s * inc
    else:
        r = recall(elapsed, s, w)
        if rating == 1:
            long = w[11] * d ** -w[12] * ((s + 1) ** w[13] - 1) * math.exp((1 - r) * w[14])
            s = min(long, s / math.exp(w[17] * w[18]))
        else:
            bonus = (w[15] if rating == 2 else 1) * (w[16] if rating == 4 else 1)
            s = s * (1 + math.exp(w[8]) * (11 - d) * s ** -w[9] * (math.exp((1 - r) * w[10]) - 1) * bonus)
    return Memory(max(s, STABILITY_MIN), _next_d(d, rating, w), day)


def fold(answers: Iterable[tuple[int, int]], w: Sequence[float] = DEFAULT_PARAMETERS) -> Memory | None:
    """The memory after a point's answers, given as (day, quality) oldest first; None when there are none."""
    memory = None
    for day, quality in answers:
        memory = remember(memory, quality, day, w)
    return memory
