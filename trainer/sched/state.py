"""A card's whole schedule as a frozen value, with the closed sets it uses; pure, no storage, no clock."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

from trainer.sched.sm2 import INITIAL_EASE_X100, State


class Queue(IntEnum):
    """Where a card waits. Suspended and buried are negative so the due index skips them."""

    RETIRED = -3  # its point was removed from the deck; history kept
    BURIED = -2
    SUSPENDED = -1
    NEW = 0
    LEARNING = 1
    REVIEW = 2


class Algorithm(StrEnum):
    """The scheduler a deck uses (`scheduler:` in the deck file)."""

    SM2 = "sm2"
    FSRS = "fsrs"

    @classmethod
    def parse(cls, value: object) -> Algorithm:
        """The algorithm named by `value`; unknown or empty names fall back to SM-2."""
        try:
            return cls(str(value or "sm2").strip().lower())
        except ValueError:
            return cls.SM2


@dataclass(frozen=True, slots=True)
class Schedule:
    """Everything the scheduler knows about one card.

    Attributes:
        queue: Where the card waits (new, review, suspended ...).
        due_day: Study day number (`date.toordinal()`) the card is next due; 0 for a new card.
        reps: Successful repetitions in a row.
        ease: SM-2 easiness factor (kept, unused, for FSRS decks).
        interval: Days from the last graded review to `due_day`.
        lapses: Times the card was forgotten (graded below 3) after having been learned.
        leech: True once the card has lapsed too often; it is then suspended.
        stability: FSRS memory stability in days (None for SM-2 decks and new cards).
        difficulty: FSRS difficulty 1–10 (None for SM-2 decks and new cards).
    """

    queue: Queue = Queue.NEW
    due_day: int = 0
    reps: int = 0
    ease: float = INITIAL_EASE_X100 / 100
    interval: int = 0
    lapses: int = 0
    leech: bool = False
    stability: float | None = None
    difficulty: float | None = None

    @property
    def sm2(self) -> State | None:
        """The SM-2 state, or None for a card never graded."""
        if self.queue is Queue.NEW:
            return None
        return State(repetitions=self.reps, ease=self.ease, interval=self.interval)

    @property
    def last_review_day(self) -> int | None:
        """The study day of the last graded review (due day minus interval), None for a new card."""
        if self.queue is Queue.NEW or self.interval <= 0:
            return None
        return self.due_day - self.interval


NEW_CARD = Schedule()
