"""Engines for the store: SQLite (WAL, busy timeout, file mode 0600) or PostgreSQL; no queries here."""

from __future__ import annotations

import inspect
import os
import re
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import DatabaseError, OperationalError

from trainer.errors import StoreError
from trainer.paths import make_private_dirs
from trainer.store.lite import friendly

BUSY_TIMEOUT_MS = 10_000
CONNECT_TIMEOUT_S = 10  # PostgreSQL: give up on a server that does not answer (libpq's connect_timeout)
# PostgreSQL: give up on a statement the server has not answered in this time (a server that accepted
# the connection and then hangs would hold every command for good); the connection is then closed.
STATEMENT_TIMEOUT_S = 60.0
# SQLite's page cache per connection, in KiB (its default is 2 MiB): the day's plan looks up a few
# thousand cards by id, and pages read once stay for the rest of the session.
CACHE_KIB = 16 * 1024
# An execution option: transactions on such connections start deferred (plain BEGIN), see `reader`.
READ_ONLY = "trainer_read_only"


def reader(engine: Engine) -> Engine:
    """The same engine (same pool) for reads: on SQLite its transactions begin deferred, so a long read
    (the stats screen, the home screen's topic counts) neither waits for nor holds the write lock that
    writers take up front; on PostgreSQL they are READ ONLY. `trainer.store.handle.Store.read` uses it.
    """
    if engine.dialect.name == "postgresql":
        return engine.execution_options(**{READ_ONLY: True}, postgresql_readonly=True)
    return engine.execution_options(**{READ_ONLY: True})


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other backends and in-memory databases.

    A URI-style URL (`sqlite:///file:/path/trainer.db?mode=ro&uri=true`) names `/path/trainer.db`.
    """
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    database = u.database
    if u.query.get("uri") == "true" and database.startswith("file:"):
        database = database.removeprefix("file:")
        if database in ("", ":memory:") or u.query.get("mode") == "memory":
            return None
    return Path(database)


def _translate_errors(engine: Engine, where: object) -> None:
    @event.listens_for(engine, "handle_error")
    def _on_error(ctx: ExceptionContext) -> BaseException | None:
        # Operational failures (locks, read-only files, full disks, broken connections) are expected in
        # the field: turn them into one clear StoreError. Integrity and programming errors stay bugs.
        exc = ctx.sqlalchemy_exception
        if isinstance(exc, OperationalError) or type(exc) is DatabaseError:
            return StoreError(friendly(ctx.original_exception, BUSY_TIMEOUT_MS), path=where)
        return None


def _masked(url: str) -> str:
    """`url` with the password of its `user:password@` part starred (for a URL make_url cannot parse)."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


def _refuse_foreign(path: Path) -> None:
    """Refuse another program's SQLite database before a connection sets WAL on it (which rewrites its
    header) or the schema is created in it; read-only, so the file is left exactly as it is."""
    if path.stat().st_size == 0:
        return
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            con.close()
    except sqlite3.Error:
        return  # not a database, or busy: the engine's own checks say so
    names = {n for n in names if not n.startswith("sqlite_")}
    if names and not names & {"alembic_version", "cards"}:
        shown = ", ".join(sorted(names)[:5]) + (" …" if len(names) > 5 else "")
        raise StoreError(f"not a trainer database (it holds other tables: {shown}); refusing to touch it", path=path)


def _create_private(path: Path) -> None:
    make_private_dirs(path.parent)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)


def make_engine(url: str) -> Engine:
    """Build the engine for `url`; for SQLite, create the file 0600 and set WAL and a busy timeout.

    Raises:
        StoreError: the URL is malformed or its driver is not installed.
    """
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise StoreError(f"invalid database URL {_masked(url)!r}: {exc}") from None
    path = sqlite_path(url)
    if path is not None:
        try:
            _create_private(path)
        except OSError as exc:
            raise StoreError(f"cannot create database: {exc.strerror or exc}", path=path) from None
        if not path.is_file():  # a FIFO, a device or a folder: SQLite would block or say "disk I/O error"
            raise StoreError("not a regular file: the database must be a file (check TRAINER_DB)", path=path)
        _refuse_foreign(path)
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000}
    elif parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        # A server that accepts the connection and never answers would hang every command for good.
        kwargs["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_S}
    try:
        engine = create_engine(parsed, **kwargs)
    except Exception as exc:
        shown = parsed.render_as_string(hide_password=True)
        raise StoreError(f"cannot use database {shown!r}: {exc}") from None
    if parsed.get_backend_name() == "sqlite":
        _configure_sqlite(engine)
    elif parsed.get_backend_name() == "postgresql" and engine.dialect.driver == "psycopg":
        _bound_psycopg_waits(engine)
    _translate_errors(engine, path if path is not None else parsed.render_as_string(hide_password=True))
    return engine


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN IMMEDIATE: a writer takes the lock up front,
        # so two processes wait on the busy timeout instead of failing mid-transaction.
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")


def _timed_connection_class(dbapi: Any) -> Any:
    """psycopg's Connection whose every wait on the server (a statement, its results, a commit) gives up
    after `STATEMENT_TIMEOUT_S`: the connection is closed and an OperationalError says it timed out."""
    timeout_error = getattr(dbapi.errors, "_WaitTimeout", dbapi.OperationalError)

    class TimedConnection(dbapi.Connection):  # type: ignore[misc,name-defined]
        def wait(self, gen: Any, interval: float = 0.1, timeout: float | None = None) -> Any:
            limit = STATEMENT_TIMEOUT_S if timeout is None else min(timeout, STATEMENT_TIMEOUT_S)
            try:
                return super().wait(gen, interval=interval, timeout=limit)
            except timeout_error:
                if timeout is not None and timeout <= STATEMENT_TIMEOUT_S:
                    raise  # the caller's own, shorter timeout (notifies, cancel): theirs to handle
                self.pgconn.finish()  # a statement still in flight: this connection is of no more use
                raise dbapi.OperationalError(
                    f"timed out: no answer from the server in {STATEMENT_TIMEOUT_S:g} s"
                ) from None

    return TimedConnection


def _bound_psycopg_waits(engine: Engine) -> None:
    """Connect through `_timed_connection_class` (where this psycopg's `wait` takes a timeout, 3.2+)."""
    dbapi = engine.dialect.loaded_dbapi
    if "timeout" not in inspect.signature(dbapi.Connection.wait).parameters:
        return
    timed = _timed_connection_class(dbapi)

    @event.listens_for(engine, "do_connect")
    def _on_connect(_dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        return timed.connect(*cargs, **cparams)
