"""Decks as the learner manages them: list, rename and remove (retire every card, keep the history).

A removed deck keeps its row, its cards and its review log; its `content_hash` becomes
`removed:<hash of the file it came from>`, so a sync of that unchanged file leaves it removed while a
changed file, or a sync that names the file, brings it back (cards revived where their last answer left
them). The caller owns the session and the transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from trainer.errors import DeckError
from trainer.store.models import CardRow, CardStateRow, DeckRow, NoteRow, Queue

REMOVED = "removed:"


def is_removed(content_hash: str) -> bool:
    """Whether a deck row's content hash marks it removed."""
    return content_hash.startswith(REMOVED)


@dataclass(frozen=True, slots=True)
class DeckInfo:
    """A deck for `trainer deck list`: where it came from, its live cards, whether it was removed."""

    name: str
    path: str
    cards: int
    retired: int
    removed: bool
    synced_at: datetime | None


def list_decks(session: Session) -> list[DeckInfo]:
    """Every deck the database knows, by name, removed ones included."""
    counts = dict(
        session.execute(
            select(CardRow.deck_id, func.count()).where(CardRow.retired.is_(False)).group_by(CardRow.deck_id)
        ).all()
    )
    retired = dict(
        session.execute(
            select(CardRow.deck_id, func.count()).where(CardRow.retired.is_(True)).group_by(CardRow.deck_id)
        ).all()
    )
    rows = session.scalars(select(DeckRow).order_by(DeckRow.name)).all()
    return [
        DeckInfo(r.name, r.path, counts.get(r.id, 0), retired.get(r.id, 0), is_removed(r.content_hash), r.synced_at)
        for r in rows
    ]


def deck_row(session: Session, name: str) -> DeckRow:
    """The row of a deck by name.

    Raises:
        DeckError: there is no deck of that name.
    """
    row = session.scalars(select(DeckRow).where(DeckRow.name == name)).first()
    if row is None:
        known = ", ".join(session.scalars(select(DeckRow.name).order_by(DeckRow.name)).all()) or "none"
        raise DeckError(f"no deck named {name!r} (decks: {known})")
    return row


def remove_deck(session: Session, name: str) -> int:
    """Retire every card and point of a deck and mark it removed; the review log is kept.

    Returns:
        How many cards were retired (0 when it was removed already).
    """
    row = deck_row(session, name)
    ids = session.scalars(select(CardRow.id).where(CardRow.deck_id == row.id, CardRow.retired.is_(False))).all()
    if ids:
        session.execute(update(CardRow).where(CardRow.id.in_(ids)).values(retired=True))
        session.execute(update(CardStateRow).where(CardStateRow.card_id.in_(ids)).values(queue=Queue.RETIRED))
    session.execute(update(NoteRow).where(NoteRow.deck_id == row.id).values(retired=True))
    if not is_removed(row.content_hash):
        row.content_hash = REMOVED + row.content_hash
    return len(ids)


def rename_deck(
    session: Session, old: str, new: str, *, path: str | None = None, content_hash: str | None = None
) -> None:
    """Give a deck a new name (its cards, points and answers stay with it), and the file it now comes from.

    Raises:
        DeckError: no deck `old`, or `new` is empty or already a deck's name.
    """
    new = new.strip()
    if not new:
        raise DeckError("a deck name cannot be empty")
    row = deck_row(session, old)
    if new != old and session.scalars(select(DeckRow.id).where(DeckRow.name == new)).first() is not None:
        raise DeckError(f"there is already a deck named {new!r}")
    row.name = new
    if path is not None:
        row.path = path
    if content_hash is not None:
        row.content_hash = content_hash


def mark_file_removed(session: Session, name: str, path: str, content_hash: str) -> None:
    """Remember a deck file (of a deck name no deck has now) as removed, so syncing it unchanged adds
    nothing: a bundled deck renamed into the learner's own copy."""
    session.add(DeckRow(name=name, path=path, content_hash=REMOVED + content_hash))


def live_points(session: Session, name: str) -> dict[str, tuple[str, str]] | None:
    """The points of the deck called `name` as (head, body) by id, retired ones left out; None when
    there is no such deck (or it was removed)."""
    row = session.scalars(select(DeckRow).where(DeckRow.name == name)).first()
    if row is None or is_removed(row.content_hash):
        return None
    rows = session.execute(
        select(NoteRow.key, NoteRow.head, NoteRow.body).where(NoteRow.deck_id == row.id, NoteRow.retired.is_(False))
    ).all()
    return {key: (head, body) for key, head, body in rows}
