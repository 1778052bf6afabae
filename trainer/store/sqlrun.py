"""Running plain SQL on any DB-API-like connection: the runner type, the bare `sqlite3` runner and IN-list
helpers; no SQLAlchemy, no domain rules (the drill's and the day summaries' reads are built on it)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

# Runs one statement with named parameters and returns every row as a sequence.
Runner = Callable[[str, Mapping[str, Any]], Sequence[Sequence[Any]]]
# Longest IN (...) list per statement (SQLite's default limit on variables is far higher).
CHUNK = 500


def sqlite_runner(con: sqlite3.Connection) -> Runner:
    """A runner on a `sqlite3` connection, in whatever transaction the connection is in (the store
    handle, `trainer.store.handle`, begins and ends them)."""

    def run(sql: str, params: Mapping[str, Any]) -> list[Any]:
        return con.execute(sql, params).fetchall()

    return run


def in_list(name: str, values: Sequence[Any], params: dict[str, Any]) -> str:
    """`(:name0, :name1, ...)` for an IN test, with the values added to `params`."""
    keys = [f"{name}{i}" for i in range(len(values))]
    params.update(zip(keys, values, strict=True))
    return "(" + ", ".join(f":{k}" for k in keys) + ")"


def chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    """`values` in slices of at most CHUNK (one IN list each)."""
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def deck_names(run: Runner, deck_ids: Iterable[int] | None = None, *, live: bool = False) -> dict[int, str]:
    """Deck names by id (every deck when `deck_ids` is None; `live`: not the removed ones)."""
    if deck_ids is None:
        where = " WHERE content_hash NOT LIKE 'removed:%'" if live else ""
        return dict(run(f"SELECT id, name FROM decks{where}", {}))  # type: ignore[arg-type]
    out: dict[int, str] = {}
    for chunk in chunks(list(deck_ids)):
        params: dict[str, Any] = {}
        out.update(run(f"SELECT id, name FROM decks WHERE id IN {in_list('d', chunk, params)}", params))  # type: ignore[arg-type]
    return out
