"""The study session's rules, pure: grading, list answers, same-day repeats, the queue and undo.

Values in, values out: no storage, no clock. `trainer.services.study` holds a session's state, asks
these functions what an answer or an undo does, and writes the result to the store.

- A card graded below 4 comes back `REPEAT_GAP` cards later the same session (SM-2 step 7); its
  repeats are logged but change neither ease nor interval.
- A list answer grades each point: every point's grade is an answer of that point's head card (its
  review of the day), and the list card's own grade is the lowest of them (`trainer.sched.lists`).
  The points' head cards leave the queue: they were answered through the list. The list comes back
  the same day only when a point was forgotten (`trainer.sched.lists.list_comes_back`), not for a Hard one.
- Undo takes back one step, a list answer with all its points' answers.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from trainer.sched.answer import Outcome, Policy, grade
from trainer.sched.lists import list_comes_back, list_grade
from trainer.sched.memory import Memory, remember
from trainer.sched.state import Queue, Schedule

# A card graded below 4 comes back this many cards later (or at the end of a shorter queue).
REPEAT_GAP = 7


@dataclass(frozen=True, slots=True)
class Graded:
    """One card's answer, graded: what the store writes.

    Attributes:
        card_id: The card.
        quality: The grade, 0–5.
        before: Its schedule before the answer.
        outcome: What the answer does to it.
        first_today: False when the card was already answered today (a same-day repeat).
    """

    card_id: int
    quality: int
    before: Schedule
    outcome: Outcome
    first_today: bool


@dataclass(frozen=True, slots=True)
class Step:
    """One answer of the session, as undo takes it back.

    Attributes:
        card: The card shown (a list card, or any other).
        points: For a list answer, its points' head cards, in order; else empty.
        requeued: Whether the card went back into the queue for a same-day repeat.
        removed: Cards taken out of the queue because they were answered through the list.
    """

    card: Graded
    points: tuple[Graded, ...] = ()
    requeued: bool = False
    removed: tuple[int, ...] = ()

    @property
    def answers(self) -> tuple[Graded, ...]:
        """Every answer the step writes, the shown card's first."""
        return (self.card, *self.points)


def grade_card(
    card_id: int,
    state: Schedule,
    quality: int,
    *,
    today: int,
    policy: Policy,
    answered: Collection[int],
    memory: Mapping[int, Memory | None] | None = None,
    owner: Mapping[int, int] | None = None,
) -> Graded:
    """Grade one card; a card already answered today (`answered`) is graded as a same-day repeat.

    `memory` holds the FSRS memory that exam mode plans by, by `memory_key`: a point's, folded from
    the answers of every card that asks it (`owner` maps each card to its point's own card).
    """
    repeat = card_id in answered
    mem = memory.get(memory_key(card_id, owner)) if memory is not None else None
    outcome = grade(state, quality, today=today, card_id=card_id, policy=policy, repeat=repeat, memory=mem)
    return Graded(card_id, quality, state, outcome, not repeat)


def grade_list(
    card_id: int,
    state: Schedule,
    points: Sequence[tuple[int, Schedule]],
    grades: Sequence[int],
    *,
    today: int,
    policy: Policy,
    answered: Collection[int],
    memory: Mapping[int, Memory | None] | None = None,
    owner: Mapping[int, int] | None = None,
) -> tuple[Graded, tuple[Graded, ...]]:
    """Grade a list answer: each point's head card with its own grade, the list with the lowest.

    A point whose head card is set aside (suspended, buried) still counts for the list's grade, but
    is not answered (an answer would put it back into the queue).

    Args:
        card_id: The list card.
        state: Its schedule.
        points: (card id, schedule) of each point's head card, in the list's order.
        grades: One grade per point, in the same order.
        today: The study day.
        policy: The deck's policy (a list and its points are of one deck).
        answered: Cards already answered today (their answers are same-day repeats).
        memory: The FSRS memory of the list's and its points' cards, in exam mode (see `grade_card`).
        owner: Each card's point's own card, whose memory it plans by (see `memory_key`).

    Raises:
        ValueError: not one grade per point.
    """
    if len(grades) != len(points):
        raise ValueError(f"a list of {len(points)} points needs {len(points)} grades, not {len(grades)}")
    graded = tuple(
        grade_card(cid, st, q, today=today, policy=policy, answered=answered, memory=memory, owner=owner)
        for (cid, st), q in zip(points, grades, strict=True)
        if st.queue >= Queue.NEW
    )
    lowest = list_grade(grades)
    own = grade_card(card_id, state, lowest, today=today, policy=policy, answered=answered, memory=memory, owner=owner)
    if own.outcome.again and not list_comes_back(grades):
        own = replace(own, outcome=replace(own.outcome, again=False))
    return own, graded


def days_shown(outcome: Outcome, today: int) -> int:
    """What a grade key shows: days until the card is due again, 0 when it comes back today."""
    return 0 if outcome.again else outcome.after.due_day - today


def after_answer(
    queue: Sequence[int], card: Graded, points: Sequence[Graded] = (), *, gap: int = REPEAT_GAP
) -> tuple[list[int], Step]:
    """The queue after answering its first card, and the step that undo takes back.

    The card leaves the front and, when it must come back today, goes back in `gap` cards later; a
    list answer's points leave the queue wherever they are.
    """
    through = {p.card_id for p in points} - {card.card_id}
    rest = list(queue)
    if rest and rest[0] == card.card_id:
        del rest[0]
    else:
        rest = [c for c in rest if c != card.card_id]
    removed = tuple(c for c in rest if c in through) if through else ()
    if removed:
        rest = [c for c in rest if c not in through]
    again = card.outcome.again
    if again:
        rest.insert(min(len(rest), gap), card.card_id)
    return rest, Step(card=card, points=tuple(points), requeued=again, removed=removed)


def memory_key(card_id: int, owner: Mapping[int, int] | None = None) -> int:
    """The card whose memory `card_id` plans by in exam mode: its point's own card (`owner`), else itself.

    Exam mode plans points: every card that asks a point (its head, overlap, slogan, pair cards, and
    the list through its head) is an answer of that point's one memory, so a lapse on any of them
    brings the point back and a point secured by any of them is left alone.
    """
    return card_id if owner is None else owner.get(card_id, card_id)


def remembered(
    memory: Mapping[int, Memory | None], step: Step, today: int, owner: Mapping[int, int] | None = None
) -> dict[int, Memory | None]:
    """Exam mode: the FSRS memory each answer of `step` leaves, by `memory_key` (what the next grade plans by)."""
    out: dict[int, Memory | None] = {}
    for g in step.answers:
        key = memory_key(g.card_id, owner)
        out[key] = remember(out.get(key, memory.get(key)), g.quality, today)
    return out


def after_undo(queue: Sequence[int], step: Step) -> list[int]:
    """The queue after taking `step` back: its card first again, the cards it took out back after it."""
    rest = list(queue)
    if step.requeued and step.card.card_id in rest:
        rest.remove(step.card.card_id)
    return [step.card.card_id, *step.removed, *rest]


def answered_after_undo(answered: Collection[int], step: Step) -> set[int]:
    """The cards answered today once `step` is taken back (its first answers of the day no longer are)."""
    out = set(answered)
    out.difference_update(g.card_id for g in step.answers if g.first_today)
    return out


def answered_after(answered: Collection[int], step: Step) -> set[int]:
    """The cards answered today after `step`."""
    return set(answered) | {g.card_id for g in step.answers}


@dataclass(frozen=True, slots=True)
class Summary:
    """What a session did, for the summary screen."""

    reviewed: int  # answers, same-day repeats included; a list answer counts its points' too, as the log does
    correct: int  # of those, graded 3 or better
    seconds: float
    left: int  # cards still in this session's queue
    next_due: date | None  # today while cards are left
    cards: int = 0  # distinct cards shown (a list once: its points' head cards, graded through it, are not)
    practice: bool = False  # a custom practice: nothing written, no schedule changed
    shown: int = 0  # cards shown and answered (a list once)
    lists: int = 0  # list answers
    list_points: int = 0  # point answers given through them

    @property
    def accuracy(self) -> float:
        """Share of answers graded 3 or better."""
        return self.correct / self.reviewed if self.reviewed else 0.0


def summarize(
    steps: Sequence[tuple[Step, int]], *, left: int, next_due: date | None, practice: bool = False
) -> Summary:
    """What a session's steps (each with its duration in ms) add up to, counted as the review log counts:
    every answer a step writes is one, so a list answer is its own and its points' answers."""
    answers = [g for step, _ in steps for g in step.answers]
    listed = [step for step, _ in steps if step.points]
    return Summary(
        reviewed=len(answers),
        correct=sum(1 for g in answers if g.quality >= 3),
        seconds=sum(ms for _, ms in steps) / 1000,
        left=left,
        next_due=next_due,
        cards=len({step.card.card_id for step, _ in steps}),
        practice=practice,
        shown=len(steps),
        lists=len(listed),
        list_points=sum(len(step.points) for step in listed),
    )
