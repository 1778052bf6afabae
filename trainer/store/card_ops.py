"""Changing one card outside grading: bury, suspend, retire, point texts, card info; no UI, caller commits.

Point edits go through `trainer.services.edits` (deck file first, then a sync), never straight to the notes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from trainer.errors import StoreError
from trainer.store.convert import CardState, state_from_row
from trainer.store.models import CardRow, CardStateRow, DeckRow, NoteRow, Queue, ReviewLogRow


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One past answer of a card, for the card info screen."""

    reviewed_at: datetime
    day: int
    quality: int
    duration_ms: int
    interval_after: int
    ease_after: float


@dataclass(frozen=True, slots=True)
class CardInfo:
    """A card's schedule and its whole history."""

    card_id: int
    deck: str
    key: str
    kind: str
    state: CardState
    leech: bool
    last_review: datetime | None
    history: tuple[LogEntry, ...]


@dataclass(frozen=True, slots=True)
class PointText:
    """The editable text of one point."""

    point_id: str
    head: str
    body: str


@dataclass(frozen=True, slots=True)
class DeckSource:
    """Where a card's deck was last synced from."""

    deck_id: int
    name: str
    path: str
    scheduler: str
    kinds: tuple[str, ...]  # the card kinds the deck has made so far


def deck_source(session: Session, card_id: int) -> DeckSource:
    """The deck a card belongs to and the file it was synced from.

    Raises:
        StoreError: the card does not exist.
    """
    row = session.execute(
        select(DeckRow.id, DeckRow.name, DeckRow.path, DeckRow.scheduler)
        .join(CardRow, CardRow.deck_id == DeckRow.id)
        .where(CardRow.id == card_id)
    ).first()
    if row is None:
        raise StoreError(f"card {card_id} does not exist")
    kinds = session.scalars(select(CardRow.kind).where(CardRow.deck_id == row.id).distinct()).all()
    return DeckSource(row.id, row.name, row.path, row.scheduler, tuple(sorted(kinds)))


def _state_row(session: Session, card_id: int) -> CardStateRow:
    row = session.get(CardStateRow, card_id)
    if row is None:
        raise StoreError(f"card {card_id} does not exist")
    return row


def _restored_queue(row: CardStateRow) -> Queue:
    """Where a buried or suspended card goes back to: review once it has been graded, else new."""
    return Queue.REVIEW if row.last_review is not None else Queue.NEW


def bury(session: Session, card_id: int, today: int) -> CardState:
    """Hide a card until the next study day. Returns its state before, so the caller can undo.

    A buried card keeps its whole schedule (so `trainer db replay` still finds what its log gives);
    `aside_day` records the day, which is how `unbury_past` knows it was buried before the next day.
    """
    row = _state_row(session, card_id)
    before = state_from_row(row)
    row.queue, row.aside_day = Queue.BURIED, today
    return before


def unbury_past(session: Session, today: int) -> int:
    """Give back every card buried on a day before `today`; returns how many came back."""
    rows = session.scalars(
        select(CardStateRow).where(CardStateRow.queue == Queue.BURIED, CardStateRow.aside_day < today)
    ).all()
    for row in rows:
        row.queue, row.aside_day = _restored_queue(row), None
    return len(rows)


def suspend(session: Session, card_id: int) -> CardState:
    """Take a card out of every queue until it is unsuspended. Returns its state before."""
    row = _state_row(session, card_id)
    before = state_from_row(row)
    row.queue = Queue.SUSPENDED
    return before


def unsuspend(session: Session, card_id: int) -> None:
    """Put a suspended (or buried) card back where it belongs; other cards are left alone."""
    row = _state_row(session, card_id)
    if row.queue in (Queue.SUSPENDED, Queue.BURIED):
        row.queue, row.aside_day = _restored_queue(row), None


def restore_state(session: Session, card_id: int, state: CardState) -> None:
    """Put back a state returned by `bury` or `suspend` (undo of a non-grading change)."""
    session.execute(
        update(CardStateRow)
        .where(CardStateRow.card_id == card_id)
        .values(
            queue=state.queue,
            due_day=state.due_day,
            reps=state.reps,
            ease=state.ease,
            interval=state.interval,
            lapses=state.lapses,
            leech=state.leech,
            stability=state.stability,
            difficulty=state.difficulty,
            aside_day=None,
        )
    )


def retire_cards(session: Session, card_ids: Iterable[int]) -> None:
    """Take cards their points no longer give out of every queue, as sync does; history is kept.

    A later sync brings a card back if its deck gives it again.
    """
    ids = list(card_ids)
    if ids:
        session.execute(update(CardRow).where(CardRow.id.in_(ids)).values(retired=True))
        session.execute(update(CardStateRow).where(CardStateRow.card_id.in_(ids)).values(queue=Queue.RETIRED))


def point_texts(session: Session, card_id: int, point_ids: tuple[str, ...]) -> list[PointText]:
    """The current head and body of the points a card tests, in the card's order."""
    deck_id = session.scalar(select(CardRow.deck_id).where(CardRow.id == card_id))
    if deck_id is None:
        raise StoreError(f"card {card_id} does not exist")
    rows = session.execute(
        select(NoteRow.key, NoteRow.head, NoteRow.body).where(NoteRow.deck_id == deck_id, NoteRow.key.in_(point_ids))
    ).all()
    by_key = {r.key: PointText(r.key, r.head, r.body) for r in rows}
    return [by_key[p] for p in point_ids if p in by_key]


def card_info(session: Session, card_id: int) -> CardInfo:
    """A card's deck, schedule and every answer given to it, oldest first."""
    row = session.execute(
        select(CardRow.key, CardRow.kind, DeckRow.name, CardStateRow)
        .join(DeckRow, DeckRow.id == CardRow.deck_id)
        .join(CardStateRow, CardStateRow.card_id == CardRow.id)
        .where(CardRow.id == card_id)
    ).first()
    if row is None:
        raise StoreError(f"card {card_id} does not exist")
    logs = session.scalars(select(ReviewLogRow).where(ReviewLogRow.card_id == card_id).order_by(ReviewLogRow.id)).all()
    history = tuple(
        LogEntry(r.reviewed_at, r.day, r.quality, r.duration_ms, r.interval_after, r.ease_after) for r in logs
    )
    st = row.CardStateRow
    return CardInfo(
        card_id=card_id,
        deck=row.name,
        key=row.key,
        kind=row.kind,
        state=state_from_row(st),
        leech=st.leech,
        last_review=st.last_review,
        history=history,
    )
