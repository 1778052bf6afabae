"""Reading the store for export: decks rebuilt from notes, card schedules, the review log; read-only.

Rows become plain frozen values here; `trainer.exchange` turns them into files.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from trainer.core.model import Deck, Point, Section, SectionKind, Topic
from trainer.errors import StoreError
from trainer.store.models import CardRow, CardStateRow, DeckRow, NoteRow, Queue, ReviewLogRow

QUEUE_NAMES = {q.value: q.name.lower() for q in Queue}


def deck_ids_by_name(session: Session, names: Collection[str] | None) -> dict[str, int]:
    """Deck name -> id for the named decks (all decks for None), in name order.

    Raises:
        StoreError: a named deck is not in the database.
    """
    rows = dict(session.execute(select(DeckRow.name, DeckRow.id).order_by(DeckRow.name)).all())
    if names is None:
        return rows
    missing = [n for n in names if n not in rows]
    if missing:
        known = ", ".join(rows) or "none; run `trainer sync` first"
        raise StoreError(f"no deck named {', '.join(map(repr, missing))} (decks: {known})")
    return {n: rows[n] for n in rows if n in names}


def load_decks(session: Session, names: Collection[str] | None = None) -> list[Deck]:
    """The live points of the named decks (all for None) as typed Decks, topics and sections in deck order."""
    ids = deck_ids_by_name(session, names)
    out = []
    for name, deck_id in ids.items():
        notes = session.scalars(
            select(NoteRow).where(NoteRow.deck_id == deck_id, ~NoteRow.retired).order_by(NoteRow.id)
        ).all()
        topics: dict[str, dict[str, list[NoteRow]]] = {}
        for n in notes:
            topics.setdefault(n.topic, {}).setdefault(n.section_key, []).append(n)
        out.append(
            Deck(
                name=name,
                topics=tuple(
                    Topic(
                        title=title,
                        sections=tuple(
                            Section(
                                kind=SectionKind(rows[0].section_kind),
                                heading=rows[0].heading,
                                points=tuple(
                                    Point(id=r.key, head=r.head, body=r.body, long_head=r.long_head)
                                    for r in sorted(rows, key=lambda r: r.ord)
                                ),
                            )
                            for rows in sections.values()
                        ),
                    )
                    for title, sections in topics.items()
                ),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class CardSchedule:
    """One card's schedule, for export."""

    deck: str
    key: str
    kind: str
    retired: bool
    queue: str
    due_day: int
    interval: int
    ease: float
    reps: int
    lapses: int
    leech: bool
    last_review: datetime | None


def card_schedules(session: Session, names: Collection[str] | None = None) -> list[CardSchedule]:
    """Every card (retired ones too) of the named decks with its schedule, by deck then card id."""
    ids = deck_ids_by_name(session, names)
    rows = session.execute(
        select(DeckRow.name, CardRow.key, CardRow.kind, CardRow.retired, CardStateRow)
        .join(DeckRow, DeckRow.id == CardRow.deck_id)
        .join(CardStateRow, CardStateRow.card_id == CardRow.id)
        .where(CardRow.deck_id.in_(list(ids.values())))
        .order_by(DeckRow.name, CardRow.id)
    ).all()
    return [
        CardSchedule(
            deck=r.name,
            key=r.key,
            kind=r.kind,
            retired=r.retired,
            queue=QUEUE_NAMES.get(r.CardStateRow.queue, str(r.CardStateRow.queue)),
            due_day=r.CardStateRow.due_day,
            interval=r.CardStateRow.interval,
            ease=r.CardStateRow.ease,
            reps=r.CardStateRow.reps,
            lapses=r.CardStateRow.lapses,
            leech=r.CardStateRow.leech,
            last_review=r.CardStateRow.last_review,
        )
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One answer from the review log, with its card named by deck and key."""

    id: int
    deck: str
    card: str
    reviewed_at: datetime
    day: int
    quality: int
    duration_ms: int
    queue_before: str
    reps_before: int
    ease_before: float
    interval_before: int
    due_before: int
    lapses_before: int
    queue_after: str
    reps_after: int
    ease_after: float
    interval_after: int
    due_after: int
    lapses_after: int
    repeat: bool = False  # a same-day repeat (logged; the schedule unchanged)
    via: str = ""  # for a point's answer given in a list review: the list card's key


def review_log(session: Session, names: Collection[str] | None = None) -> Iterator[LogEntry]:
    """The whole review log of the named decks, oldest first, streamed in batches."""
    ids = deck_ids_by_name(session, names)
    via = aliased(CardRow)
    stmt = (
        select(DeckRow.name, CardRow.key, ReviewLogRow, via.key)
        .join(CardRow, CardRow.id == ReviewLogRow.card_id)
        .join(DeckRow, DeckRow.id == CardRow.deck_id)
        .outerjoin(via, via.id == ReviewLogRow.via_card_id)
        .where(CardRow.deck_id.in_(list(ids.values())))
        .order_by(ReviewLogRow.id)
        .execution_options(yield_per=1000)
    )
    for name, key, r, via_key in session.execute(stmt):
        yield LogEntry(
            id=r.id,
            deck=name,
            card=key,
            reviewed_at=r.reviewed_at,
            day=r.day,
            quality=r.quality,
            duration_ms=r.duration_ms,
            queue_before=QUEUE_NAMES.get(r.queue_before, str(r.queue_before)),
            reps_before=r.reps_before,
            ease_before=r.ease_before,
            interval_before=r.interval_before,
            due_before=r.due_before,
            lapses_before=r.lapses_before,
            queue_after=QUEUE_NAMES.get(r.queue_after, str(r.queue_after)),
            reps_after=r.reps_after,
            ease_after=r.ease_after,
            interval_after=r.interval_after,
            due_after=r.due_after,
            lapses_after=r.lapses_after,
            repeat=bool(r.repeat),
            via=via_key or "",
        )
