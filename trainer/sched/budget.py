"""Fitting a day's queue into the learner's minutes, weakest first, and pacing new points before an exam;
pure: candidates and estimates in, a queue out; no storage, no clock.

Kept apart from `trainer.sched.queue` (which picks the day's cards by limits and the sibling rule):
these functions only reorder and cut what it gives.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from trainer.sched.memory import recall
from trainer.sched.queue import Candidate, avoid_adjacent, is_extra
from trainer.sched.state import Queue

# fsrs-optimizer's default seconds per showing, by rating Again/Hard/Good/Easy.
FIRST_SECONDS = (33.79, 24.3, 13.68, 6.5)
LATER_SECONDS = (23.0, 11.68, 7.33, 5.6)
# fsrs-optimizer's default first ratings; a recalled review is Hard/Good/Easy this often.
FIRST_RATINGS = (0.24, 0.094, 0.495, 0.171)
RECALLED_RATINGS = (0.15, 0.75, 0.10)
# New points are all seen this many days before the exam, so each has time to be secured.
NEW_LEAD_DAYS = 21


@dataclass(frozen=True, slots=True)
class DayBudget:
    """What exam mode and the learner's minutes ask of a day's queue.

    Attributes:
        exam_day: The exam's day number, or None.
        minutes: Minutes a day for every deck together, or None.
        deck_minutes: Minutes a day of single decks, by deck name.
    """

    exam_day: int | None = None
    minutes: int | None = None
    deck_minutes: Mapping[str, int] = field(default_factory=dict, hash=False)

    @property
    def active(self) -> bool:
        """Whether the day's queue is planned by it at all (else the plain queue is kept as it is)."""
        return self.exam_day is not None or self.minutes is not None or bool(self.deck_minutes)

    def seconds_for(self, deck: str) -> float | None:
        """The deck's own budget in seconds, or None."""
        minutes = self.deck_minutes.get(deck)
        return None if minutes is None else minutes * 60.0


def _repeat_seconds() -> float:
    """Expected seconds of the same-day repeats after an answer below Good (each is recalled; Hard repeats)."""
    recalled = sum(p * s for p, s in zip(RECALLED_RATINGS, LATER_SECONDS[1:], strict=True))
    return recalled / (1 - RECALLED_RATINGS[0])


def expected_seconds(recall_now: float | None) -> float:
    """Expected time a card takes today, repeats included: a new card (None), or a review recalled
    with probability `recall_now`."""
    again = _repeat_seconds()
    if recall_now is None:
        first = sum(p * s for p, s in zip(FIRST_RATINGS, FIRST_SECONDS, strict=True))
        return first + (FIRST_RATINGS[0] + FIRST_RATINGS[1]) * again
    r = min(max(recall_now, 0.0), 1.0)
    recalled = sum(p * s for p, s in zip(RECALLED_RATINGS, LATER_SECONDS[1:], strict=True))
    below_good = (1 - r) + r * RECALLED_RATINGS[0]
    return r * recalled + (1 - r) * LATER_SECONDS[0] + below_good * again


def list_seconds(recalls: Sequence[float]) -> float:
    """Expected time of a list showing whose points are recalled with probabilities `recalls`: each point
    answered as a review, and the whole list again when one is forgotten (`trainer.sched.lists`)."""
    if not recalls:
        return expected_seconds(None)
    recalled = sum(p * s for p, s in zip(RECALLED_RATINGS, LATER_SECONDS[1:], strict=True))
    rs = [min(max(r, 0.0), 1.0) for r in recalls]
    once = sum(r * recalled + (1 - r) * LATER_SECONDS[0] for r in rs)
    all_recalled = math.prod(rs)
    return once + (1 - all_recalled) * len(rs) * _repeat_seconds()


def review_estimate(stability: float | None, last_day: int | None, today: int, exam_day: int | None) -> float:
    """How weak a review is, 0 (weakest) to 1: its recall on the exam day (today without an exam),
    from the FSRS stability its schedule holds; 0 when none is known yet."""
    if stability is None or last_day is None or stability <= 0:
        return 0.0
    return recall((exam_day if exam_day is not None and exam_day > today else today) - last_day, stability)


def exam_pace(unseen: int, today: int, exam_day: int | None) -> int:
    """New points a day the exam plan wants, so every one of `unseen` is seen `NEW_LEAD_DAYS` before
    the exam (0 without an exam or with nothing left to introduce)."""
    if exam_day is None or unseen <= 0:
        return 0
    days = max(1, exam_day - NEW_LEAD_DAYS - today)
    return math.ceil(unseen / days)


def paced_new(unseen: int, today: int, exam_day: int | None, limit: int) -> int:
    """New points to introduce today: the deck's limit, raised to the exam plan's pace (`exam_pace`).

    A limit of 0 is the learner pausing new cards and is kept: the pace is told (the home screen and
    the 备考计划 say what it would be), never forced.
    """
    if limit <= 0:
        return 0
    return max(limit, exam_pace(unseen, today, exam_day))


def weakest_first(queue: Sequence[Candidate], estimate: Mapping[int, float], pending: int = 0) -> list[Candidate]:
    """The queue with its reviews ordered weakest first (lowest `estimate`); the first `pending` cards
    (today's repeats) stay in front and new cards after the reviews.

    Points come before the cards that ask them again another way (`trainer.sched.queue.is_extra`):
    the reviews of points and lists, then new points, then the list cards entering today, then the
    extras (their reviews weakest first, then new ones, pair cards among them). A cut to the minutes
    takes extras first.
    """
    head = list(queue[:pending])
    rest = queue[pending:]
    reviews = [c for c in rest if c.queue is not Queue.NEW and not is_extra(c)]
    extra_reviews = [c for c in rest if c.queue is not Queue.NEW and is_extra(c)]
    new = [c for c in rest if c.queue is Queue.NEW and c.point and not is_extra(c)]
    entering = [c for c in rest if c.queue is Queue.NEW and not c.point]
    extra_new = [c for c in rest if c.queue is Queue.NEW and is_extra(c)]
    by_estimate = lambda c: (estimate.get(c.card_id, 0.0), c.due_day, c.card_id)  # noqa: E731
    reviews.sort(key=by_estimate)
    extra_reviews.sort(key=by_estimate)
    return avoid_adjacent([*head, *reviews, *new, *entering, *extra_reviews, *extra_new])


def fit_minutes(
    queue: Sequence[Candidate],
    seconds: Mapping[int, float],
    *,
    budget: float | None,
    spent: float = 0.0,
    pending: int = 0,
    deck_budgets: Mapping[int, float] | None = None,
    deck_spent: Mapping[int, float] | None = None,
) -> list[Candidate]:
    """The longest prefix of `queue` expected to fit the day's budget, less the cards of decks past their own.

    Args:
        queue: The day's queue, in the order it will be studied.
        seconds: Each card's expected seconds (`expected_seconds`); a card missing is counted as new.
        budget: The day's budget in seconds; None keeps the whole queue.
        spent: Seconds already studied today.
        pending: The first `pending` cards (today's repeats) are kept whatever the budget.
        deck_budgets: Seconds a day of single decks, by deck id.
        deck_spent: Seconds already studied today, by deck id.
    """
    if budget is None and not deck_budgets:
        return list(queue)
    deck_budgets = deck_budgets or {}
    by_deck = dict(deck_spent or {})
    out = list(queue[:pending])
    used = spent
    for c in out:
        cost = seconds.get(c.card_id, expected_seconds(None))
        used += cost
        by_deck[c.deck_id] = by_deck.get(c.deck_id, 0.0) + cost
    for c in queue[pending:]:
        cost = seconds.get(c.card_id, expected_seconds(None))
        if budget is not None and used + cost > budget:
            break
        own = deck_budgets.get(c.deck_id)
        if own is not None and by_deck.get(c.deck_id, 0.0) + cost > own:
            continue
        used += cost
        by_deck[c.deck_id] = by_deck.get(c.deck_id, 0.0) + cost
        out.append(c)
    return out


def over_budget(spent: float, budget: float | None) -> bool:
    """Whether the day's time is used up: no further card is shown (the last one may run past it)."""
    return budget is not None and spent >= budget


def fit_day(
    planned: Sequence[Candidate],
    memory: Mapping[int, tuple[float | None, int | None]],
    *,
    today: int,
    exam_day: int | None,
    budget: float | None,
    spent: float = 0.0,
    pending: int = 0,
    deck_budgets: Mapping[int, float] | None = None,
    deck_spent: Mapping[int, float] | None = None,
    points: Mapping[int, Sequence[int]] | None = None,
) -> list[Candidate]:
    """The day's queue (`trainer.sched.queue.build_queue`'s) ordered weakest first and cut to the budget.

    A list card is a review of each of its points (their head cards are answered through it): it is
    as weak as its weakest point and takes the time of all of them (`list_seconds`).

    Args:
        planned: The day's queue, today's repeats (`pending` of them) first.
        memory: (FSRS stability, day of the last answer) of the reviews, by card id, from their schedules.
        today: The study day.
        exam_day: The exam's day number, or None: reviews are then ordered by their recall today.
        budget: Seconds the learner has today, or None.
        spent: Seconds already studied today.
        pending: How many cards at the front are today's repeats (kept whatever the budget).
        deck_budgets: Seconds a day of single decks, by deck id (see `fit_minutes`).
        deck_spent: Seconds already studied today, by deck id.
        points: The head cards of each list card's points, by list card id (their memory in `memory`).
    """
    estimate: dict[int, float] = {}
    seconds: dict[int, float] = {}

    def now(card_id: int) -> float:
        stability, last = memory.get(card_id, (None, None))
        known = stability is not None and last is not None and stability > 0
        return recall(today - last, stability) if known else 0.0  # type: ignore[operator,arg-type]

    for c in planned:
        heads = (points or {}).get(c.card_id, ()) if not c.point else ()
        if heads:
            estimate[c.card_id] = min(review_estimate(*memory.get(h, (None, None)), today, exam_day) for h in heads)
            seconds[c.card_id] = list_seconds([now(h) for h in heads])
            continue
        if c.queue is Queue.NEW:
            continue
        stability, last = memory.get(c.card_id, (None, None))
        estimate[c.card_id] = review_estimate(stability, last, today, exam_day)
        seconds[c.card_id] = expected_seconds(now(c.card_id))
    ordered = weakest_first(planned, estimate, pending)
    return fit_minutes(
        ordered, seconds, budget=budget, spent=spent, pending=pending, deck_budgets=deck_budgets, deck_spent=deck_spent
    )
