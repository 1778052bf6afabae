"""Opening an up-to-date SQLite store with the standard library, for a start-up that must not import SQLAlchemy.

This module must not import SQLAlchemy or Alembic (a test checks it in a subprocess): the TUI opens
the store here, paints the first card through `trainer.store.drill` on this connection, and only
then builds its SQLAlchemy engine in the background. Anything unusual (a URL that is not a plain
SQLite file, a missing or empty file, a schema not at HEAD, a file that is not a database) gets
None, and the caller takes the full path (`trainer.store.open_store`: engine, checks, migrations).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from trainer.sched.state import Queue
from trainer.store.revisions import HEAD

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from trainer.store.sqlrun import Runner

# The same as `trainer.store.engine.BUSY_TIMEOUT_MS` (a test keeps them equal).
BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 16 * 1024  # as `trainer.store.engine.CACHE_KIB`
_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")


def sqlite_file(url: str) -> Path | None:
    """The file behind a plain SQLite URL (`sqlite:///path`), or None for anything else.

    Agrees with `trainer.store.engine.sqlite_path` where it answers; URLs with a query string (URI
    filenames, options) and in-memory databases get None, so they take the full path.
    """
    for prefix in _PREFIXES:
        if url.startswith(prefix):
            rest = url[len(prefix) :]
            break
    else:
        return None
    if not rest or "?" in rest:
        return None
    database = unquote(rest)
    if database == ":memory:":
        return None
    return Path(database)


def configure(con: sqlite3.Connection) -> None:
    """The pragmas `trainer.store.engine` sets on every connection: busy timeout, foreign keys, WAL."""
    con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


def open_current(url: str) -> sqlite3.Connection | None:
    """A connection (autocommit; `BEGIN` is explicit) to the SQLite file at `url` if its schema is at HEAD.

    Creates nothing: a missing or empty file, a schema to migrate, or a file that is not a trainer
    database gives None, and the caller opens the store the full way, which creates, migrates or
    explains.
    """
    path = sqlite_file(url)
    if path is None:
        return None
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return None
    except OSError:
        return None
    try:
        con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        configure(con)
        rows = con.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error:
        con.close()
        return None
    if rows != [(HEAD,)]:
        con.close()
        return None
    return con


@contextmanager
def snapshot(con: sqlite3.Connection) -> Iterator[Runner]:
    """A runner inside one deferred read transaction, so the block sees one state of the database."""
    from trainer.store.sqlrun import sqlite_runner

    con.execute("BEGIN")
    try:
        yield sqlite_runner(con)
    finally:
        con.execute("COMMIT")


# ---- the home screen's other reads, as portable SQL on a drill Runner ------------------------------


def reviews_on(run: Runner, day: int) -> int:
    """How many answers were given on study day `day` (as `queries.reviews_on`; index ix_review_log_day)."""
    return int(run("SELECT COUNT(*) FROM review_log WHERE day = :day", {"day": day})[0][0])


def card_ids_in_topic(run: Runner, deck_id: int, topic: str) -> set[int]:
    """Ids of every card (head and list) of one topic of a deck (as `browse.card_ids_in_topic`)."""
    rows = run(
        "SELECT id FROM cards WHERE deck_id = :deck AND section_key IN"
        " (SELECT section_key FROM notes WHERE deck_id = :deck AND topic = :topic)",
        {"deck": deck_id, "topic": topic},
    )
    return {r[0] for r in rows}


# Buried cards of every deck, through ix_card_state_due (deck_id, queue, ...), not a table scan.
_BURIED_WHERE = f"deck_id IN (SELECT id FROM decks) AND queue = {int(Queue.BURIED)} AND aside_day < :today"


def unbury_past(con: sqlite3.Connection, today: int) -> int:
    """Give back every card buried before study day `today` (as `card_ops.unbury_past`); how many came back.

    Looks first with a read, so a start-up with nothing to give back takes no write lock.
    """
    params: dict[str, Any] = {"today": today}
    if not con.execute(f"SELECT EXISTS (SELECT 1 FROM card_state WHERE {_BURIED_WHERE})", params).fetchone()[0]:
        return 0
    con.execute("BEGIN IMMEDIATE")
    try:
        cur = con.execute(
            f"UPDATE card_state SET queue = CASE WHEN last_review IS NULL THEN {int(Queue.NEW)}"
            f" ELSE {int(Queue.REVIEW)} END, aside_day = NULL WHERE {_BURIED_WHERE}",
            params,
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return cur.rowcount


# ---- the engine, built when first needed -------------------------------------------------------------


class LazyEngine:
    """Stands in for a SQLAlchemy Engine until one is needed: `get()` (or any engine attribute) builds it
    once, from any thread, and later calls get the same engine."""

    def __init__(self, build: Callable[[], Engine]) -> None:
        self._build = build
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    @property
    def ready(self) -> bool:
        """Whether the engine has been built."""
        return self._engine is not None

    def get(self) -> Engine:
        """The engine, built on the first call (SQLAlchemy is imported then)."""
        engine = self._engine
        if engine is None:
            with self._lock:
                if self._engine is None:
                    self._engine = self._build()
                engine = self._engine
        return engine

    def __getattr__(self, name: str) -> Any:
        # Only reached for names this class lacks: everything an Engine offers (begin, connect, url ...).
        return getattr(self.get(), name)

    # An ORM Session keys its connections by engine: `Session(lazy)` must find the connection it
    # opened on the real engine, or a second one would wait on the first one's write lock.
    def __hash__(self) -> int:
        return hash(self.get())

    def __eq__(self, other: object) -> bool:
        return self.get() is (other.get() if isinstance(other, LazyEngine) else other)
