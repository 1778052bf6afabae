"""Writing review history brought from another app through trainer's own answer path; no file reading.

Each past answer is graded by `trainer.sched.grade` and written with `write_answer`'s effects
(`write_replayed`: one log INSERT, a card's schedule written once), in time order, at its own moment and
study day, so the log, the card states and `trainer db replay` agree exactly as if the learner had
answered in trainer. Only cards with no history of their own are written to.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Row, delete, select
from sqlalchemy.orm import Session

from trainer.errors import StoreError
from trainer.sched.answer import Policy, grade
from trainer.sched.days import require_aware
from trainer.sched.state import NEW_CARD, Algorithm
from trainer.store.answers import Replayed, write_replayed
from trainer.store.convert import state_from_row
from trainer.store.models import CardRow, CardStateRow, DayMarkRow, DeckRow, ReviewLogRow

_CHUNK = 500  # keys or ids per IN (...) list, well under every backend's limit on bound parameters


@dataclass(frozen=True, slots=True)
class PastAnswer:
    """An answer given elsewhere: when (time-zone aware), its SM-2 quality and the time it took."""

    at: datetime
    quality: int
    duration_ms: int = 0


@dataclass(frozen=True, slots=True)
class HistoryReport:
    """What writing past answers did.

    Attributes:
        answers: Answers written to the review log.
        cards: Cards that got them.
        kept: Cards left alone because they already had history (or were not new) in trainer.
        missing: Keys with no card in the deck (a list card the deck does not make, say).
        scheduler: The deck's scheduler the answers were graded with.
    """

    answers: int
    cards: int
    kept: int
    missing: int
    scheduler: str


def _chunks(items: Sequence[object]) -> list[Sequence[object]]:
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]


def write_history(
    session: Session,
    deck: str,
    answers: Mapping[str, Sequence[PastAnswer]],
    *,
    policy_for: Callable[[Algorithm], Policy],
    day_of: Callable[[datetime], int],
) -> HistoryReport:
    """Replay past answers onto the cards of `deck` with these keys, inside the caller's transaction.

    A card that already has answers in the review log, or is not a new card (suspended, buried,
    retired), is left alone: nothing is merged and nothing is written twice, so writing the same
    history again adds nothing. Answers of all cards are written in time order (ties keep their
    given order); a card's second answer on one study day is a same-day repeat, as in a session.

    Args:
        session: A session inside the caller's write transaction.
        deck: The deck's name (already synced).
        answers: Per card key, its past answers.
        policy_for: The policy for the deck's scheduler (exam day and fuzz from the settings).
        day_of: The study day of a moment (the learner's zone and day start).

    Raises:
        StoreError: no deck of that name, or a card changed under the import.
        ValueError: an answer's moment is naive, or its quality is not 0-5.
    """
    session.flush()
    found = session.execute(select(DeckRow.id, DeckRow.scheduler).where(DeckRow.name == deck)).first()
    if found is None:
        raise StoreError(f"no deck named {deck!r} to write history to")
    deck_id, algorithm = found.id, Algorithm.parse(found.scheduler)
    policy = policy_for(algorithm)
    wanted = [k for k, a in answers.items() if a]
    rows: list[Row[Any]] = []
    for part in _chunks(wanted):
        rows += session.execute(
            select(CardRow.id, CardRow.key, CardRow.retired, *CardStateRow.__table__.c)
            .join(CardStateRow, CardStateRow.card_id == CardRow.id)
            .where(CardRow.deck_id == deck_id, CardRow.key.in_(part))
        ).all()
    answered: set[int] = set()
    for part in _chunks([r.id for r in rows]):
        answered.update(session.scalars(select(ReviewLogRow.card_id).where(ReviewLogRow.card_id.in_(part))).all())
    states = {r.id: state_from_row(r) for r in rows if not r.retired and r.id not in answered}
    states = {cid: s for cid, s in states.items() if s == NEW_CARD}
    events = sorted(
        ((require_aware(a.at), n, r.id, a) for r in rows if r.id in states for n, a in enumerate(answers[r.key])),
        key=lambda e: (e[0], e[2], e[1]),
    )
    last_day: dict[int, int] = {}
    graded: list[Replayed] = []
    for at, _n, card_id, past in events:
        before = states[card_id]
        today = day_of(at)
        repeat = last_day.get(card_id) == today
        outcome = grade(before, past.quality, today=today, card_id=card_id, policy=policy, repeat=repeat)
        graded.append(Replayed(card_id, before, outcome, past.quality, past.duration_ms, at, today))
        states[card_id], last_day[card_id] = outcome.after, today
    write_replayed(session, graded, policy=policy)
    if events:
        # The day summaries were folded from the log as it was: rebuild them (and the streak) from it.
        session.execute(delete(DayMarkRow))
    return HistoryReport(
        answers=len(events),
        cards=len(last_day),
        kept=len(rows) - len(states),
        missing=len(wanted) - len(rows),
        scheduler=algorithm.value,
    )
