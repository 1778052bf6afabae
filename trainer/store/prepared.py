"""Prepared statements for the per-keypress paths: Core statements compiled once, run on the DBAPI cursor.

SQLAlchemy spends about 70–100 µs in Python on each `Connection.execute` (cache key, execution
context, result metadata); sqlite3 runs these one-row statements in about 5 µs. On SQLite, a
`Prepared` statement is compiled once from its Core construct (so the SQL still comes from the
models) and run on the cursor of the session's own connection, inside the caller's transaction,
with the same bind and result conversions SQLAlchemy would apply. Other backends take the
ordinary `Connection.execute` path. No queries are written here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import Executable

_Processor = Callable[[Any], Any] | None


class _Compiled:
    __slots__ = ("binds", "fixed", "results", "sql")

    def __init__(self, statement: Any, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        self.sql = str(compiled)
        names = compiled.positiontup or []
        self.binds: list[tuple[str, _Processor]] = [
            (name, compiled.binds[name].type._cached_bind_processor(dialect)) for name in names
        ]
        # Literal values in the statement (`queue == 2`) travel with it, as SQLAlchemy would send them.
        self.fixed = {n: compiled.binds[n].effective_value for n in names if not compiled.binds[n].required}
        columns = statement.selected_columns if hasattr(statement, "selected_columns") else ()
        returning = getattr(statement, "_returning", ()) or ()
        self.results: list[_Processor] = [
            c.type._cached_result_processor(dialect, None) for c in (*columns, *returning)
        ]

    def params(self, values: Mapping[str, Any]) -> tuple[Any, ...]:
        if self.fixed:
            values = {**self.fixed, **values}
        return tuple(values[n] if p is None else p(values[n]) for n, p in self.binds)

    def row(self, raw: tuple[Any, ...] | None) -> tuple[Any, ...] | None:
        if raw is None or not any(self.results):
            return raw
        return tuple(v if p is None else p(v) for v, p in zip(raw, self.results, strict=True))


class Prepared:
    """One Core statement, compiled once per SQLite dialect and run on the raw cursor there.

    Rows come back as plain tuples in the statement's column order (Rows elsewhere, which unpack
    the same way).
    """

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._compiled: dict[int, _Compiled] = {}

    def _fast(self, conn: Connection) -> _Compiled | None:
        dialect = conn.dialect
        if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
            return None
        compiled = self._compiled.get(id(dialect))
        if compiled is None:
            compiled = self._compiled[id(dialect)] = _Compiled(self.statement, dialect)
        return compiled

    def first(self, conn: Connection, values: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """The first row, or None."""
        c = self._fast(conn)
        if c is None:
            row = conn.execute(self.statement, dict(values)).first()
            return None if row is None else tuple(row)
        return c.row(conn.connection.driver_connection.execute(c.sql, c.params(values)).fetchone())

    def all(self, conn: Connection, values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """Every row."""
        c = self._fast(conn)
        if c is None:
            return [tuple(r) for r in conn.execute(self.statement, dict(values))]
        raw = conn.connection.driver_connection.execute(c.sql, c.params(values)).fetchall()
        return raw if not any(c.results) else [c.row(r) for r in raw]  # type: ignore[misc]

    def run(self, conn: Connection, values: Mapping[str, Any]) -> None:
        """Execute for its effect."""
        c = self._fast(conn)
        if c is None:
            conn.execute(self.statement, dict(values))
        else:
            conn.connection.driver_connection.execute(c.sql, c.params(values))
