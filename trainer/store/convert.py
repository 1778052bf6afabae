"""Rows to domain values: the one place ORM/Core rows become plain frozen values for screens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from trainer.cards import Card, cards_for_section
from trainer.model import Point, Section, SectionKind
from trainer.sched import State
from trainer.store.models import Queue


@dataclass(frozen=True, slots=True)
class CardState:
    """A card's schedule as the store holds it."""

    queue: Queue
    due_day: int
    reps: int
    ease: float
    interval: int
    lapses: int

    @property
    def sm2(self) -> State | None:
        """The SM-2 state, or None for a card never graded."""
        if self.queue is Queue.NEW:
            return None
        return State(repetitions=self.reps, ease=self.ease, interval=self.interval)


@dataclass(frozen=True, slots=True)
class ReviewCard:
    """A card ready to review: what to show and its schedule."""

    card_id: int
    deck: str
    card: Card
    state: CardState


@dataclass(frozen=True, slots=True)
class DeckSummary:
    """One line of the home screen."""

    deck_id: int
    name: str
    due: int
    new: int
    learning: int
    total: int


def state_from_row(row: Any) -> CardState:
    """A card_state row (anything with the columns as attributes) to a CardState."""
    return CardState(
        queue=Queue(row.queue),
        due_day=row.due_day,
        reps=row.reps,
        ease=row.ease,
        interval=row.interval,
        lapses=row.lapses,
    )


def state_from_values(values: tuple[Any, ...] | list[Any]) -> CardState:
    """(queue, due_day, reps, ease, interval, lapses) to a CardState."""
    queue, due_day, reps, ease, interval, lapses = values
    return CardState(queue=Queue(queue), due_day=due_day, reps=reps, ease=ease, interval=interval, lapses=lapses)


class NoteFields(NamedTuple):
    """The note columns a card is rebuilt from, in the order the card loader selects them."""

    key: str
    topic: str
    section_kind: str
    heading: str
    head: str
    body: str
    long_head: bool


def section_from_notes(rows: list[Any]) -> tuple[str, Section]:
    """Notes of one section (ordered by `ord`) back to (topic title, Section)."""
    first = rows[0]
    points = tuple(Point(id=r.key, head=r.head, body=r.body, long_head=r.long_head) for r in rows)
    return first.topic, Section(kind=SectionKind(first.section_kind), heading=first.heading, points=points)


def card_from_notes(key: str, rows: list[Any]) -> Card:
    """Rebuild the card with `key` from its section's notes, with the same pure code that made it."""
    topic, section = section_from_notes(rows)
    for card in cards_for_section(topic, section):
        if card.key == key:
            return card
    raise LookupError(f"card {key!r} is not derived from its section any more")
