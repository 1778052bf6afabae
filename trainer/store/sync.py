"""Loading a typed Deck into the database: upsert points and cards, retire removed ones, keep history; no file
reading, caller commits."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Table, func, insert, literal, select, update
from sqlalchemy.orm import Session

from trainer.core.cards import CardKind, CardRef, card_refs, section_keys
from trainer.core.model import Deck
from trainer.core.safetext import clean_deck
from trainer.errors import DeckError
from trainer.sched.state import Algorithm
from trainer.store import list_entry
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


def insert_values(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: list[tuple[Any, ...]],
    *,
    same: Mapping[str, Any] | None = None,
) -> None:
    """INSERT many rows, each a tuple of values for `columns`, in the caller's transaction.

    `same` holds values shared by every row; columns in neither get their model's scalar defaults, as
    Core would give them. On SQLite the rows go straight to the driver's executemany: SQLAlchemy's
    per-row parameter processing costs more than SQLite's own insert (~2 s of a 100k-point sync).
    """
    if not rows:
        return
    same = dict(same or {})
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        conn.execute(insert(table), [{**same, **dict(zip(columns, row, strict=True))} for row in rows])
        return
    given = [table.c[c] for c in columns]
    # Shared values and defaults go into the statement as literals, rendered by SQLAlchemy through the
    # columns' types: adding them to every row's parameters cost more than their inserts.
    for c in table.columns:
        if c.name not in columns and c.name not in same and c.default is not None and c.default.is_scalar:
            same[c.name] = c.default.arg  # type: ignore[attr-defined]
    fixed = [table.c[name] for name in same]
    literals = [
        str(literal(same[c.name], c.type).compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
        for c in fixed
    ]
    names = ", ".join(f'"{c.name}"' for c in (*given, *fixed))
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join(["?"] * len(given) + literals)})'
    # Values pass through the columns' bind processors (hundredths, epoch ms), as in Core; but for
    # booleans, which the driver binds as 1 and 0 itself (a pass in Python over every row otherwise).
    procs = [
        (i, p)
        for i, c in enumerate(given)
        if not isinstance(c.type, Boolean) and (p := c.type.bind_processor(conn.dialect)) is not None
    ]
    if procs:
        processed: list[Any] = []
        for row in rows:
            values = list(row)
            for i, proc in procs:
                values[i] = proc(values[i])
            processed.append(tuple(values))
        rows = processed
    conn.exec_driver_sql(sql, rows)


def synced_deck(session: Session, path: str) -> tuple[str, str] | None:
    """(deck name, content hash) of the deck last synced from `path`, if any."""
    row = session.execute(select(DeckRow.name, DeckRow.content_hash).where(DeckRow.path == path)).first()
    return None if row is None else (row.name, row.content_hash)


def sync_deck(session: Session, deck: Deck, *, path: str, content_hash: str, now: datetime) -> SyncResult:
    """Upsert `deck` into the database inside the caller's transaction.

    Matched points and cards (same id/key) keep their state and history; points and cards no longer
    in the deck are retired (never deleted); new ones are added as new cards.
    """
    deck = clean_deck(deck)  # whatever path a deck came by, its text is stored without terminal control
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

    keys = section_keys(deck)
    with _page_cache(session, SYNC_CACHE_KIB):
        _sync_notes(session, deck, deck_id, keys)
        result, changed = _sync_cards(session, deck, deck_id, keys)
    if changed:  # a section gained, lost or got back points: its lists' entry follows the rule again
        list_entry.resettle(session, deck_id, changed)
    return result


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


def _sync_notes(session: Session, deck: Deck, deck_id: int, keys: list[str]) -> None:
    existing = dict(session.execute(select(NoteRow.key, NoteRow.id).where(NoteRow.deck_id == deck_id)).all())
    fresh: list[tuple[Any, ...]] = []
    changed: list[dict[str, Any]] = []
    skeys = iter(keys)
    for topic in deck.topics:
        title = topic.title
        for section in topic.sections:
            skey = next(skeys)
            kind, heading = section.kind.value, section.heading
            for k, point in enumerate(section.points, 1):
                values = (point.id, title, skey, kind, heading, k, point.head, point.body, point.long_head)
                note_id = existing.pop(point.id, None) if existing else None
                if note_id is None:
                    fresh.append(values)
                else:
                    changed.append({"id": note_id, **dict(zip(_NOTE_COLUMNS, values, strict=True)), "retired": False})
    insert_values(session, NoteRow.__table__, _NOTE_COLUMNS, fresh, same={"deck_id": deck_id})  # type: ignore[arg-type]
    if changed:
        session.execute(update(NoteRow), changed)
    if existing:
        session.execute(update(NoteRow).where(NoteRow.id.in_(existing.values())).values(retired=True))


_NOTE_COLUMNS = ("key", "topic", "section_key", "section_kind", "heading", "ord", "head", "body", "long_head")
_KIND_VALUES = {k: k.value for k in CardKind}


def _sync_cards(session: Session, deck: Deck, deck_id: int, keys: list[str]) -> tuple[SyncResult, set[str]]:
    """The sync's result and the sections whose cards were added, revived or retired (none on a first sync)."""
    rows = session.execute(
        select(CardRow.key, CardRow.id, CardRow.retired, CardStateRow.reps, CardRow.section_key)
        .join(CardStateRow, CardStateRow.card_id == CardRow.id)
        .where(CardRow.deck_id == deck_id)
    ).all()
    existing = {r.key: r for r in rows}
    refs = card_refs(deck, keys)
    kinds = _KIND_VALUES
    if not existing:  # a deck's first sync: every card is new
        _insert_all_cards(session, deck_id, refs)
        first = SyncResult(deck=deck.name, points=_points(deck), cards_added=len(refs), cards_retired=0, cards_kept=0)
        return first, set()
    # (new_ord, key, kind, section key) of the cards to add: new_ord is the card's place in the deck.
    fresh: list[tuple[int, str, str, str]] = []
    revived = []
    for i, (key, kind, skey) in enumerate(refs):
        row = existing.pop(key, None)
        if row is None:
            fresh.append((i, key, kinds[kind], skey))
        elif row.retired:
            revived.append(row)
    if fresh:
        _insert_cards(session, deck_id, fresh)
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
    changed = {skey for _, _, _, skey in fresh} | {r.section_key for r in revived}
    changed |= {r.section_key for r in existing.values() if not r.retired}
    result = SyncResult(
        deck=deck.name,
        points=_points(deck),
        cards_added=len(fresh),
        cards_retired=len(retired_ids),
        cards_kept=len(refs) - len(fresh),
    )
    return result, changed


def _points(deck: Deck) -> int:
    return sum(len(s.points) for t in deck.topics for s in t.sections)


def _next_card_id(session: Session) -> int:
    """The id SQLite would give the next card: given explicitly, the ids are known without reading the
    rows back. The caller's transaction holds SQLite's write lock (its first write came before), so no
    other writer can take them meanwhile."""
    return int(session.scalar(select(func.coalesce(func.max(CardRow.id), 0))) or 0) + 1


def _insert_all_cards(session: Session, deck_id: int, refs: list[CardRef]) -> None:
    """Insert a deck's first cards, in deck order, and their states, new."""
    kinds = _KIND_VALUES
    if session.connection().dialect.name != "sqlite":
        _insert_cards(session, deck_id, [(i, key, kinds[kind], skey) for i, (key, kind, skey) in enumerate(refs)])
        return
    first = _next_card_id(session)
    insert_values(
        session,
        CardRow.__table__,  # type: ignore[arg-type]
        ("id", "key", "kind", "section_key"),
        [(first + i, key, kinds[kind], skey) for i, (key, kind, skey) in enumerate(refs)],
        same={"deck_id": deck_id},
    )
    # The states in one statement (no row passes through Python): card i of the deck has id first + i,
    # and its place among the new cards is i. Queue and the rest take their defaults: a new card.
    session.execute(
        insert(CardStateRow).from_select(
            ["card_id", "deck_id", "new_ord"],
            select(CardRow.id, CardRow.deck_id, CardRow.id - first).where(CardRow.id >= first),
        )
    )


def _insert_cards(session: Session, deck_id: int, fresh: list[tuple[int, str, str, str]]) -> None:
    """Insert new cards (new_ord, key, kind, section key) and their states, new."""
    columns = ("key", "kind", "section_key")
    if session.connection().dialect.name == "sqlite":
        first = _next_card_id(session)
        insert_values(
            session,
            CardRow.__table__,  # type: ignore[arg-type]
            ("id", *columns),
            [(first + i, key, kind, skey) for i, (_, key, kind, skey) in enumerate(fresh)],
            same={"deck_id": deck_id},
        )
        states = [(first + i, order) for i, (order, _, _, _) in enumerate(fresh)]
    else:
        insert_values(
            session,
            CardRow.__table__,  # type: ignore[arg-type]
            columns,
            [(key, kind, skey) for _, key, kind, skey in fresh],
            same={"deck_id": deck_id},
        )
        # One scan of the deck's cards (the unique (deck_id, key) index) rather than an IN of every new key.
        by_key = dict(session.execute(select(CardRow.key, CardRow.id).where(CardRow.deck_id == deck_id)).all())
        states = [(by_key[key], order) for order, key, _, _ in fresh]
    # Queue and the rest take their defaults: a new card.
    insert_values(session, CardStateRow.__table__, ("card_id", "new_ord"), states, same={"deck_id": deck_id})  # type: ignore[arg-type]
