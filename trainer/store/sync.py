"""Loading a typed Deck into the database: upsert points and cards, retire removed ones, keep history."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from trainer.cards import cards_for_deck
from trainer.errors import DeckError
from trainer.model import Deck, section_id
from trainer.sched.state import Algorithm
from trainer.store.models import CardRow, CardStateRow, DeckRow, NoteRow, Queue, ReviewLogRow

# SQLite page cache during a sync, in KiB (given back afterwards).
SYNC_CACHE_KIB = 64 * 1024


@dataclass(frozen=True, slots=True)
class SyncResult:
    """What one deck's sync changed."""

    deck: str
    points: int
    cards_added: int
    cards_retired: int
    cards_kept: int


def insert_rows(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT many rows (all with the same keys) in the caller's transaction.

    On SQLite the rows go straight to the driver's executemany: SQLAlchemy's per-row parameter
    processing costs more than SQLite's own insert (~2 s of a 100k-point sync). Columns left out get
    their model's scalar defaults, as Core would give them.
    """
    if not rows:
        return
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table), rows)
        return
    cols = list(rows[0])
    given = [table.c[c] for c in cols]
    defaults = [c for c in table.columns if c.name not in rows[0] and c.default is not None and c.default.is_scalar]
    names = ", ".join(f'"{c.name}"' for c in (*given, *defaults))
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * (len(given) + len(defaults)))})'
    # Values pass through the columns' bind processors (booleans, hundredths, epoch ms), as in Core.
    procs = [(i, p) for i, c in enumerate(given) if (p := c.type.bind_processor(conn.dialect)) is not None]
    tail = tuple(_bind(c, c.default.arg, conn.dialect) for c in defaults)  # type: ignore[union-attr]
    params = []
    for r in rows:
        values = [r[c] for c in cols]
        for i, proc in procs:
            values[i] = proc(values[i])
        params.append((*values, *tail))
    conn.exec_driver_sql(sql, params)


def _bind(column: Any, value: Any, dialect: Any) -> Any:
    proc = column.type.bind_processor(dialect)
    return value if proc is None else proc(value)


def deck_hash(session: Session, path: str) -> str | None:
    """The content hash recorded for the deck last synced from `path`, if any."""
    return session.scalars(select(DeckRow.content_hash).where(DeckRow.path == path)).first()


def synced_deck(session: Session, path: str) -> tuple[str, str] | None:
    """(deck name, content hash) of the deck last synced from `path`, if any."""
    row = session.execute(select(DeckRow.name, DeckRow.content_hash).where(DeckRow.path == path)).first()
    return None if row is None else (row.name, row.content_hash)


def sync_deck(session: Session, deck: Deck, *, path: str, content_hash: str, now: datetime) -> SyncResult:
    """Upsert `deck` into the database inside the caller's transaction.

    Matched points and cards (same id/key) keep their state and history; points and cards no longer
    in the deck are retired (never deleted); new ones are added as new cards.
    """
    row = session.scalars(select(DeckRow).where(DeckRow.name == deck.name)).first()
    scheduler = str(deck.settings.get("scheduler") or "sm2").strip().lower()
    if scheduler not in {a.value for a in Algorithm}:
        allowed = ", ".join(a.value for a in Algorithm)
        raise DeckError(f"unknown scheduler {scheduler!r} (use one of: {allowed})", path=path)
    if row is None:
        row = DeckRow(name=deck.name, path=path, content_hash=content_hash, scheduler=scheduler, synced_at=now)
        session.add(row)
        session.flush()
    else:
        row.path, row.content_hash, row.scheduler, row.synced_at = path, content_hash, scheduler, now
    deck_id = row.id

    with _page_cache(session, SYNC_CACHE_KIB):
        _sync_notes(session, deck, deck_id)
        return _sync_cards(session, deck, deck_id)


@contextmanager
def _page_cache(session: Session, kib: int) -> Iterator[None]:
    """A larger SQLite page cache while a deck's rows go in: its index inserts land all over the
    (deck_id, key) b-trees, and the default 2 MB cache rereads pages (100k points: 11.6 -> 9.0 s)."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        yield
        return
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


def _sync_notes(session: Session, deck: Deck, deck_id: int) -> None:
    existing = dict(session.execute(select(NoteRow.key, NoteRow.id).where(NoteRow.deck_id == deck_id)).all())
    fresh, changed = [], []
    for topic in deck.topics:
        for section in topic.sections:
            skey = section_id(topic.title, section.kind, section.heading)
            for k, point in enumerate(section.points, 1):
                values = {
                    "deck_id": deck_id,
                    "key": point.id,
                    "topic": topic.title,
                    "section_key": skey,
                    "section_kind": section.kind.value,
                    "heading": section.heading,
                    "ord": k,
                    "head": point.head,
                    "body": point.body,
                    "long_head": point.long_head,
                    "retired": False,
                }
                note_id = existing.pop(point.id, None)
                if note_id is None:
                    fresh.append(values)
                else:
                    changed.append({"id": note_id, **values})
    if fresh:
        insert_rows(session, NoteRow.__table__, fresh)  # type: ignore[arg-type]
    if changed:
        session.execute(update(NoteRow), changed)
    if existing:
        session.execute(update(NoteRow).where(NoteRow.id.in_(existing.values())).values(retired=True))


def _sync_cards(session: Session, deck: Deck, deck_id: int) -> SyncResult:
    rows = session.execute(
        select(CardRow.key, CardRow.id, CardRow.retired, CardStateRow.reps)
        .join(CardStateRow, CardStateRow.card_id == CardRow.id)
        .where(CardRow.deck_id == deck_id)
    ).all()
    existing = {r.key: r for r in rows}
    cards = cards_for_deck(deck)
    fresh, revived = [], []
    for card in cards:
        row = existing.pop(card.key, None)
        if row is None:
            fresh.append(card)
        elif row.retired:
            revived.append(row)
    if fresh:
        insert_rows(
            session,
            CardRow.__table__,  # type: ignore[arg-type]
            [
                {"deck_id": deck_id, "key": c.key, "kind": c.kind.value, "section_key": c.section_key, "retired": False}
                for c in fresh
            ],
        )
        # One scan of the deck's cards (the unique (deck_id, key) index) rather than an IN of every new key.
        ids = dict(session.execute(select(CardRow.key, CardRow.id).where(CardRow.deck_id == deck_id)).all())
        order = {c.key: i for i, c in enumerate(cards)}
        new = int(Queue.NEW)
        insert_rows(
            session,
            CardStateRow.__table__,  # type: ignore[arg-type]
            [{"card_id": ids[c.key], "deck_id": deck_id, "queue": new, "new_ord": order[c.key]} for c in fresh],
        )
    for row in revived:
        session.execute(update(CardRow).where(CardRow.id == row.id).values(retired=False))
        # Back where its last answer left it (review, or suspended as a leech); new if never answered.
        last = session.scalars(
            select(ReviewLogRow.queue_after)
            .where(ReviewLogRow.card_id == row.id)
            .order_by(ReviewLogRow.id.desc())
            .limit(1)
        ).first()
        queue = Queue.NEW if last is None else Queue(last)
        session.execute(update(CardStateRow).where(CardStateRow.card_id == row.id).values(queue=queue))
    retired_ids = [r.id for r in existing.values() if not r.retired]
    if retired_ids:
        session.execute(update(CardRow).where(CardRow.id.in_(retired_ids)).values(retired=True))
        session.execute(update(CardStateRow).where(CardStateRow.card_id.in_(retired_ids)).values(queue=Queue.RETIRED))
    return SyncResult(
        deck=deck.name,
        points=sum(len(s.points) for t in deck.topics for s in t.sections),
        cards_added=len(fresh),
        cards_retired=len(retired_ids),
        cards_kept=len(cards) - len(fresh),
    )
