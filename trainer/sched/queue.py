"""Building a day's study queue, pure: limits, siblings and spreading points; no storage, no clock."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from trainer.sched.lists import absorb_pending
from trainer.sched.state import Queue

DEFAULT_NEW_PER_DAY = 20
DEFAULT_REVIEWS_PER_DAY = 200


@dataclass(frozen=True, slots=True)
class Limits:
    """How many cards of one deck a study day may hold.

    Attributes:
        new: New cards introduced per day.
        reviews: Reviews (first answers of the day on already learned cards) per day.
        by_points: Count `new` in points, not cards (exam mode's pacing, `trainer.sched.budget.paced_new`):
            a new card of a point's own (`is_point_card`) counts; a new card that asks a point again
            another way (`is_extra`) does not, and up to `new` of them follow the day's new points.
    """

    new: int = DEFAULT_NEW_PER_DAY
    reviews: int = DEFAULT_REVIEWS_PER_DAY
    by_points: bool = False


class Candidate(NamedTuple):
    """A card that may be studied today (a named tuple: the day's plan builds thousands of them).

    Attributes:
        card_id: The card.
        deck_id: Its deck.
        section: The stable key of its section (the list it belongs to).
        point: The point it tests, or "" for a list card (which tests every point of its section).
        queue: NEW or REVIEW (anything else is never a candidate).
        due_day: Day number it is due (reviews).
        new_ord: Document order (new cards).
        kind: The card's kind (`trainer.core.cards.CardKind` value); "" when not known, read as a
            point's own card.
    """

    card_id: int
    deck_id: int
    section: str
    point: str
    queue: Queue
    due_day: int = 0
    new_ord: int = 0
    kind: str = ""


# The card that is a point's own (its head cloze); "" is a candidate whose kind is not known.
POINT_KINDS = frozenset({"", "head"})


def is_point_card(c: Candidate) -> bool:
    """A point's own card: the one whose answers are the point's (a list answers through them)."""
    return bool(c.point) and c.kind in POINT_KINDS


def is_extra(c: Candidate) -> bool:
    """A card that asks a point again another way (overlap, slogan, pair, cloze): not the point's own,
    not a list. Exam mode plans points, so these follow the points within the day's minutes."""
    return bool(c.point) and c.kind not in POINT_KINDS


@dataclass(frozen=True, slots=True)
class Today:
    """What has already happened today, from the review log.

    Attributes:
        answered: Cards graded today (their first answers), as candidates for the sibling rule.
        pending: Cards whose last answer today was below 4 and must come back, oldest first.
        new_done: New cards started today per deck.
        reviews_done: Reviews done today per deck.
    """

    answered: Sequence[Candidate] = ()
    pending: Sequence[Candidate] = ()
    new_done: Mapping[int, int] | None = None
    reviews_done: Mapping[int, int] | None = None


def siblings(a: Candidate, b: Candidate) -> bool:
    """True when two different cards test the same point (a point's card and its section's list card)."""
    if a.card_id == b.card_id or a.deck_id != b.deck_id or a.section != b.section:
        return False
    return not a.point or not b.point or a.point == b.point


class _SiblingGuard:
    """Remembers the points touched today, by section, to turn later siblings away."""

    def __init__(self) -> None:
        self._points: dict[tuple[int, str], set[str]] = defaultdict(set)
        self._ids: set[int] = set()

    def conflicts(self, c: Candidate) -> bool:
        touched = self._points.get((c.deck_id, c.section))
        if not touched or c.card_id in self._ids:
            return False
        return not c.point or "" in touched or c.point in touched

    def add(self, c: Candidate) -> None:
        self._points[(c.deck_id, c.section)].add(c.point)
        self._ids.add(c.card_id)

    def add_all(self, cards: Iterable[Candidate]) -> None:
        """`add` for many cards (the day's answered cards: thousands on a busy day)."""
        points, ids = self._points, self._ids
        for card_id, deck_id, section, point, *_ in cards:
            points[(deck_id, section)].add(point)
            ids.add(card_id)


def build_queue(
    reviews: Iterable[Candidate],
    new: Iterable[Candidate],
    *,
    today: Today,
    limits: Mapping[int, Limits],
    ready: Iterable[Candidate] = (),
) -> list[Candidate]:
    """The day's queue: pending same-day repeats, list cards that enter today, due reviews, then new cards.

    Reviews come most overdue first and new cards in document order, each within the deck's limits
    minus what was already done today. A card whose sibling was answered today or comes earlier in the
    queue waits a day (it is left out; it stays due), except that a list card wins over the cards of
    its section queued before it (see `trainer.sched.lists`). Cards of one list are spread so that
    they are not shown back to back.

    Args:
        ready: New list and pair cards whose points are known (`trainer.sched.lists.is_ready`): they
            enter outside the new-card budget, before everything but the pending repeats.
    """
    answered = _SiblingGuard()
    answered.add_all(today.answered)
    pending = absorb_pending(today.pending)
    if today.pending is not today.answered:  # the day summaries give one tuple for both
        answered.add_all(today.pending)
    guard = _SiblingGuard()  # what this plan queues
    planned: dict[tuple[int, str], list[Candidate]] = defaultdict(list)
    new_done = dict(today.new_done or {})
    reviews_done = dict(today.reviews_done or {})

    queued = {c.card_id for c in today.pending}  # a card is queued once, whatever lists it is read from

    def take(cands: Iterable[Candidate], done: dict[int, int] | None, limit_of: str) -> list[Candidate]:
        entering = done is None  # entering list and pair cards: only what was answered today turns them away
        out: list[Candidate] = []
        for c in cands:
            limit = getattr(limits.get(c.deck_id, Limits()), limit_of)
            if (done is not None and done.get(c.deck_id, 0) >= limit) or c.card_id in queued:
                continue
            if answered.conflicts(c):
                continue
            if not entering and guard.conflicts(c):
                if c.point:
                    continue
                _drop_planned(planned.pop(_list_key(c), []), out, queued)  # a list wins: see lists.py
            queued.add(c.card_id)
            guard.add(c)
            if not entering:
                planned[_list_key(c)].append(c)
            if done is not None:
                done[c.deck_id] = done.get(c.deck_id, 0) + 1
            out.append(c)
        return out

    by_points = {d for d, lim in limits.items() if lim.by_points}
    entering = take(sorted(ready, key=lambda c: (bool(c.point), c.due_day, c.deck_id, c.card_id)), None, "new")
    # Paced by points, a point's own card is taken before the cards that ask it another way, so that
    # the sibling rule leaves those (not the point) for another day.
    later = (lambda c: c.deck_id in by_points and is_extra(c)) if by_points else (lambda c: False)
    due = take(sorted(reviews, key=lambda c: (later(c), c.due_day, c.card_id)), reviews_done, "reviews")
    order = sorted((c for c in new if c.point), key=lambda c: (c.deck_id, c.new_ord, c.card_id))
    if not by_points:
        fresh = take(order, new_done, "new")
        return avoid_adjacent([*pending, *spread([*entering, *due]), *spread(fresh)])
    # Paced by points: the new points first, then as many new cards that ask seen points another way.
    paced = [c for c in order if c.deck_id not in by_points or not is_extra(c)]
    fresh = take(paced, new_done, "new")
    seen = _seen(paced)
    extras = take([c for c in order if c.deck_id in by_points and is_extra(c) and seen(c)], {}, "new")
    return avoid_adjacent([*pending, *spread([*entering, *due]), *spread(fresh), *spread(extras)])


def _seen(points: Sequence[Candidate]) -> Callable[[Candidate], bool]:
    """Whether a new card asking a point another way may come: its point was introduced on an earlier day.

    `points` are the new point cards offered, the first unseen ones of each deck in document order (a
    point's other cards follow its own card in that order): an extra of a point among them, or after
    the last of them, is of a point not seen yet.
    """
    last: dict[int, int] = {}
    unseen: set[tuple[int, str, str]] = set()
    for c in points:
        last[c.deck_id] = max(last.get(c.deck_id, c.new_ord), c.new_ord)
        unseen.add((c.deck_id, c.section, c.point))
    return lambda c: (
        c.deck_id not in last or (c.new_ord < last[c.deck_id] and (c.deck_id, c.section, c.point) not in unseen)
    )


def _drop_planned(cards: list[Candidate], out: list[Candidate], queued: set[int]) -> None:
    """Take cards queued earlier in this plan back out (a list card of their section is shown instead)."""
    gone = {c.card_id for c in cards}
    out[:] = [c for c in out if c.card_id not in gone]
    queued.difference_update(gone)


def _list_key(c: Candidate) -> tuple[int, str]:
    return (c.deck_id, c.section)


def spread(cards: Sequence[Candidate]) -> list[Candidate]:
    """Round-robin over lists: the first card of each list, then the second of each, and so on.

    Keeps the given order within a list and among lists.
    """
    rank: dict[tuple[int, str], int] = defaultdict(int)
    keyed = []
    for pos, c in enumerate(cards):
        keyed.append((rank[_list_key(c)], pos, c))
        rank[_list_key(c)] += 1
    return [c for _, _, c in sorted(keyed, key=lambda t: (t[0], t[1]))]


def avoid_adjacent(cards: Sequence[Candidate], window: int = 64) -> list[Candidate]:
    """Reorder as little as possible so that no two neighbours belong to the same list, where avoidable."""
    rest = deque(cards)
    out: list[Candidate] = []
    while rest:
        first = rest[0]
        if out and first.deck_id == out[-1].deck_id and first.section == out[-1].section:
            last = out[-1]
            for i in range(1, min(window, len(rest))):
                c = rest[i]
                if c.deck_id != last.deck_id or c.section != last.section:
                    del rest[i]
                    out.append(c)
                    break
            else:
                out.append(rest.popleft())
            continue
        out.append(rest.popleft())
    return out


def reinsert_at(queue_len: int, gap: int) -> int:
    """Where a card graded below 4 goes back in: `gap` cards later, or at the end of a shorter queue."""
    return min(queue_len, gap)
