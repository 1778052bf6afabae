"""List and pair cards in the day's plan, pure: when they enter, and what a list answers for; no I/O, no clock.

A list card (every head of a section, in order) is not new material: it asks for points the learner
has already learned one by one. So it enters as soon as they are known, whatever the new-card budget
and the sibling rule say, and on a day it is shown its points' head cards are answered through it.

- **Known**: a card is known once it has been graded 3 or better at least once (SM-2's pass): its
  repetitions are above 0, or it has lapsed since (a lapse needs a learned card).
- **Entry**: a list card is *ready* the day after the last of its section's points became known; a
  pair card the day after the last point of both of its lists (problems and countermeasures) did.
  The store keeps that day in the new card's `due_day` (0: not ready), see `ready_day`.
- **One showing a day**: in the plan a list card wins over the cards of its section queued before it
  (its head cards are answered through it; other cards of its points wait a day), see `trainer.sched.queue`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from trainer.sched.state import Queue, Schedule

if TYPE_CHECKING:
    from trainer.sched.queue import Candidate


def known(state: Schedule) -> bool:
    """True once the card has been graded 3 or better at least once (it has repetitions, or lapsed since)."""
    return state.queue is not Queue.NEW and (state.reps > 0 or state.lapses > 0)


def became_known(before: Schedule, after: Schedule) -> bool:
    """True when this answer is the one that made the card known."""
    return not known(before) and known(after)


def ready_day(first_known: Iterable[tuple[int, int] | None]) -> int:
    """The day a list (or pair) card enters: the day after the answer that made the last of its points known.

    Args:
        first_known: For each point of the list(s), (log id, study day) of the answer that first made its
            head card known, or None when it is not known yet.

    Returns:
        That answer's day plus one, or 0 while some point is not known (or there are no points). The last
        answer is the last in log order, as the session marks it: a clock set back between two sessions
        can give it an earlier day than an earlier answer's.
    """
    marks = list(first_known)
    if not marks or any(m is None for m in marks):
        return 0
    return max(m for m in marks if m is not None)[1] + 1


def is_ready(c: Candidate, today: int) -> bool:
    """A new list or pair card whose entry day has come (the store gives it `due_day` = its entry day)."""
    return c.queue is Queue.NEW and 0 < c.due_day <= today


# A list answer comes back the same day only when one of its points was forgotten (graded below this).
# A Hard point was recalled: FSRS's short-term steps repeat a forgotten card, not a recalled one, and
# repeating the whole list for one hesitation costs every point's time again (about half of all list
# showings were such repeats in benchmarks.learning).
LIST_AGAIN_BELOW = 3


def list_grade(grades: Sequence[int]) -> int:
    """The grade of a list answer: the lowest of its points' grades.

    A list is recalled as well as its worst point: one point forgotten means the list was not
    written out whole, so the list comes back today (`list_comes_back`).

    Raises:
        ValueError: no grades.
    """
    if not grades:
        raise ValueError("a list answer needs a grade per point")
    return min(grades)


def list_comes_back(grades: Sequence[int]) -> bool:
    """Whether a list answer brings the list back later the same day: a point was forgotten (below 3).

    Raises:
        ValueError: no grades.
    """
    return list_grade(grades) < LIST_AGAIN_BELOW


def comes_back_today(quality: int, *, listed: bool) -> bool:
    """Whether a card's last answer today brings it back today, as the session's queue does.

    Args:
        quality: The grade of the card's last answer today.
        listed: The answer was a list card's own, or a point's given through a list: the list comes
            back only for a forgotten point (`list_comes_back`), and its points only with it.
    """
    return quality < (LIST_AGAIN_BELOW if listed else 4)


def absorb_pending(pending: Sequence[Candidate]) -> list[Candidate]:
    """Pending repeats less the point cards of a section whose list card is pending too.

    A point graded below 4 in a list answer is repeated by repeating the list (its grade is the
    lowest of its points'), not on its own.
    """
    lists = {(c.deck_id, c.section) for c in pending if not c.point}
    if not lists:
        return list(pending)
    return [c for c in pending if not c.point or (c.deck_id, c.section) not in lists]
