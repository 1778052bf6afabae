"""Running plain SQL on any DB-API-like connection: the runner type, the bare `sqlite3` runner and IN-list
helpers; no SQLAlchemy, no domain rules (the drill's and the day summaries' reads are built on it)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

# Runs one statement with named parameters and returns every row as a sequence.
Runner = Callable[[str, Mapping[str, Any]], Sequence[Sequence[Any]]]
# Longest IN (...) list per statement (SQLite's default limit on variables is far higher).
CHUNK = 500


class SqliteRunner:
    """A runner on a `sqlite3` connection in autocommit mode (isolation_level None): each read is its
    own transaction, and `writing()` groups writes in one BEGIN IMMEDIATE ... COMMIT."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def __call__(self, sql: str, params: Mapping[str, Any]) -> list[Any]:
        return self.con.execute(sql, params).fetchall()

    @contextmanager
    def writing(self) -> Iterator[SqliteRunner]:
        """A write transaction that takes the lock up front (so a busy database waits, then fails whole)."""
        self.con.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")


def sqlite_runner(con: sqlite3.Connection) -> SqliteRunner:
    """A runner on a `sqlite3` connection (see `SqliteRunner`)."""
    return SqliteRunner(con)


def in_list(name: str, values: Sequence[Any], params: dict[str, Any]) -> str:
    """`(:name0, :name1, ...)` for an IN test, with the values added to `params`."""
    keys = [f"{name}{i}" for i in range(len(values))]
    params.update(zip(keys, values, strict=True))
    return "(" + ", ".join(f":{k}" for k in keys) + ")"


def chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    """`values` in slices of at most CHUNK (one IN list each)."""
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def deck_names(run: Runner, deck_ids: Iterable[int] | None = None) -> dict[int, str]:
    """Deck names by id (every deck when `deck_ids` is None)."""
    if deck_ids is None:
        return dict(run("SELECT id, name FROM decks", {}))  # type: ignore[arg-type]
    out: dict[int, str] = {}
    for chunk in chunks(list(deck_ids)):
        params: dict[str, Any] = {}
        out.update(run(f"SELECT id, name FROM decks WHERE id IN {in_list('d', chunk, params)}", params))  # type: ignore[arg-type]
    return out
