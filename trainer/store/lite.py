"""Opening an up-to-date SQLite store with the standard library, and the home screen's reads as portable SQL,
for a start-up that must not import SQLAlchemy.

This module must not import SQLAlchemy or Alembic (a test checks it in a subprocess): the TUI opens
the store here, paints the first card through `trainer.store.drill` on this connection (held by
`trainer.store.handle.Store`), and only then builds its SQLAlchemy engine in the background. Anything unusual (a URL that is not a plain
SQLite file, a missing or empty file, a schema not at HEAD, a file that is not a database) gets
None, and the caller takes the full path (`trainer.store.open_store`: engine, checks, migrations).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import unquote

from trainer.sched.state import Queue
from trainer.store.revisions import HEAD
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


def friendly(orig: BaseException, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> str:
    """What a database failure means for the learner (the driver's wording stays at the end)."""
    text = str(orig)
    low = text.lower()
    if "locked" in low or "busy" in low:
        return (
            f"the database is busy: another trainer process kept it locked for over {busy_timeout_ms / 1000:g} s; "
            f"nothing was written, try again ({text})"
        )
    if "readonly" in low or "read-only" in low or "read only" in low:
        return f"the database is read-only (check the file's permissions); nothing was written ({text})"
    if "full" in low:
        return f"the disk is full; nothing was written, free some space and try again ({text})"
    if "timeout" in low or "timed out" in low:
        return f"the database server did not answer in time; is it running, and is TRAINER_DB right? ({text})"
    if "not a database" in low or "malformed" in low:
        return f"not a trainer database, or a damaged one (see `trainer restore`) ({text})"
    return f"database error: {text}"


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
        # Asked before `configure`: WAL rewrites the file's header, and another program's database
        # must be left byte for byte as it is (the full path refuses it).
        rows = con.execute("SELECT version_num FROM alembic_version").fetchall()
        if rows == [(HEAD,)]:
            configure(con)
    except sqlite3.Error:
        con.close()
        return None
    if rows != [(HEAD,)]:
        con.close()
        return None
    return con


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


def buried_before(run: Runner, today: int) -> bool:
    """Whether a card buried before study day `today` waits to be given back (a read: no write lock)."""
    return bool(run(f"SELECT EXISTS (SELECT 1 FROM card_state WHERE {_BURIED_WHERE})", {"today": today})[0][0])


def unbury_past(run: Runner, today: int) -> None:
    """Give back every card buried before study day `today` (as `card_ops.unbury_past`), in the caller's
    write transaction."""
    run(
        f"UPDATE card_state SET queue = CASE WHEN last_review IS NULL THEN {int(Queue.NEW)}"
        f" ELSE {int(Queue.REVIEW)} END, aside_day = NULL WHERE {_BURIED_WHERE}",
        {"today": today},
    )
