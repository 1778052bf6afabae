"""FSRS through the `fsrs` package, pure: day-based reviews with no learning steps; no clock, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any

import fsrs

from trainer.sched.sm2 import check_quality


@dataclass(frozen=True, slots=True)
class FsrsResult:
    """Memory state and interval after one FSRS review."""

    stability: float
    difficulty: float
    interval: int


def rating_for(quality: int) -> int:
    """Quality 0–5 onto FSRS's ratings: 0–2 Again (1), 3 Hard (2), 4 Good (3), 5 Easy (4)."""
    check_quality(quality)
    return 1 if quality < 3 else quality - 1


def _noon(day: int) -> datetime:
    # Reviews are placed at noon UTC of their study day so FSRS sees whole days between them.
    return datetime.combine(date.fromordinal(day), time(12), tzinfo=UTC)


@cache
def _scheduler() -> Any:
    # Day-based: no minute-long learning steps (same-day repeats are handled by the session) and no
    # fuzz here (trainer fuzzes every scheduler the same, deterministically).
    return fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def fsrs_review(
    stability: float | None,
    difficulty: float | None,
    last_day: int | None,
    quality: int,
    *,
    today: int,
) -> FsrsResult:
    """One FSRS review on study day `today`.

    Args:
        stability: The card's stability, None for a card FSRS has never seen.
        difficulty: The card's difficulty, None for a card FSRS has never seen.
        last_day: The study day of the previous review, None for a new card.
        quality: The grade 0–5.
        today: The study day number of this review.
    """
    rating = fsrs.Rating(rating_for(quality))
    if stability is None or difficulty is None or last_day is None:
        card = fsrs.Card(card_id=1, state=fsrs.State.Learning, step=0, due=_noon(today))
    else:
        card = fsrs.Card(
            card_id=1,
            state=fsrs.State.Review,
            stability=stability,
            difficulty=difficulty,
            due=_noon(today),
            last_review=_noon(last_day),
        )
    reviewed, _log = _scheduler().review_card(card, rating, review_datetime=_noon(today))
    interval = max(1, (reviewed.due - _noon(today)) // timedelta(days=1))
    return FsrsResult(stability=float(reviewed.stability), difficulty=float(reviewed.difficulty), interval=interval)
