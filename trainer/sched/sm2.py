"""SM-2 as a pure function on frozen values: state and quality in, new state out; no clock, no I/O."""

from __future__ import annotations

from dataclasses import dataclass

INITIAL_EASE_X100 = 250
MIN_EASE_X100 = 130


@dataclass(frozen=True, slots=True)
class State:
    """A card's SM-2 state after its last graded repetition.

    Attributes:
        repetitions: Successful repetitions in a row (reset to 0 by a quality below 3).
        ease: The easiness factor, at least 1.3, always exactly two decimals.
        interval: Days until the next review, at least 1.
    """

    repetitions: int = 0
    ease: float = INITIAL_EASE_X100 / 100
    interval: int = 0

    @property
    def ease_x100(self) -> int:
        """The ease in hundredths, the exact integer the arithmetic works on."""
        return round(self.ease * 100)


def ease_delta_x100(quality: int) -> int:
    """SM-2's ease change in hundredths: 0.1 - (5-q)(0.08 + (5-q)0.02), exactly."""
    miss = 5 - quality
    return 10 - miss * (8 + miss * 2)


def check_quality(quality: int) -> int:
    """Return `quality` if it is an int grade 0–5, else raise ValueError."""
    if isinstance(quality, bool) or not isinstance(quality, int) or not 0 <= quality <= 5:
        raise ValueError(f"quality must be an integer from 0 to 5, got {quality!r}")
    return quality


def review(state: State | None, quality: int) -> State:
    """Apply one graded repetition to a card's state, exactly as SM-2 defines it.

    Args:
        state: The card's state, or None for a new card.
        quality: The grade, 0 (complete blackout) to 5 (perfect).

    Returns:
        The new state. The interval is 1 day after a lapse or a first repetition, 6 after the
        second, then ceil(previous interval x new ease), computed on integers so no float noise
        can push an exact product up.
    """
    check_quality(quality)
    state = state or State()
    ease_x100 = max(MIN_EASE_X100, state.ease_x100 + ease_delta_x100(quality))
    if quality < 3:
        repetitions, interval = 0, 1
    else:
        repetitions = state.repetitions + 1
        if repetitions == 1:
            interval = 1
        elif repetitions == 2:
            interval = 6
        else:
            interval = -(-max(state.interval, 1) * ease_x100 // 100)
    return State(repetitions=repetitions, ease=ease_x100 / 100, interval=interval)
