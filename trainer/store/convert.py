"""Rows to domain values: the one place ORM/Core rows become plain frozen values for screens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from trainer.core.cards import Card, cards_for_topic
from trainer.core.model import Point, Section, SectionKind, Topic
from trainer.errors import StaleCardError
from trainer.sched.state import Queue, Schedule

# A card's schedule as the store holds it: the pure scheduler's own value.
CardState = Schedule


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
    total: int | None  # None: not counted yet (see `drill.deck_summaries`)


def state_from_row(row: Any) -> CardState:
    """A card_state row (anything with the columns as attributes) to a CardState."""
    return CardState(
        queue=Queue(row.queue),
        due_day=row.due_day,
        reps=row.reps,
        ease=row.ease,
        interval=row.interval,
        lapses=row.lapses,
        leech=bool(row.leech),
        stability=row.stability,
        difficulty=row.difficulty,
    )


def section_from_notes(rows: list[Any]) -> tuple[str, Section]:
    """Notes of one section (ordered by `ord`) back to (topic title, Section)."""
    first = rows[0]
    points = tuple(Point(id=r.key, head=r.head, body=r.body, long_head=r.long_head) for r in rows)
    return first.topic, Section(kind=SectionKind(first.section_kind), heading=first.heading, points=points)


def card_from_notes(key: str, rows: list[Any]) -> Card:
    """Rebuild the card with `key` from its section's notes (a pair card: both lists' notes, in `ord`
    order per section), with the same pure code that made it.

    Raises:
        StaleCardError: the notes no longer give a card with this key.
    """
    groups: dict[str, list[Any]] = {}
    for row in rows:
        groups.setdefault(row.section_key, []).append(row)
    sections = [section_from_notes(group)[1] for group in groups.values()]
    # A pair's problems list comes before its countermeasures list, as in the document.
    sections.sort(key=lambda s: s.kind is not SectionKind.PROBLEMS)
    topic = Topic(title=rows[0].topic, sections=tuple(sections))
    for card in cards_for_topic(topic):
        if card.key == key:
            return card
    raise StaleCardError(f"card {key!r} is not derived from its section any more", keys=(key,))
