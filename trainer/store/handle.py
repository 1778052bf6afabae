"""The one handle on the store: the start-up `sqlite3` connection, the engine built when first needed, and
transactions (`read()` deferred and read-only, `write()` immediate); no queries here, and no SQLAlchemy
import until something needs the engine (the first screen does not).

The App, its screens, the CLI and `StudySession` hold a `Store` and nothing else:

    with store.read() as r:      # plain SQL through r.run, Core through r.connection, the ORM through r.session
        overview(r.session, today)
    with store.write() as w:     # BEGIN IMMEDIATE on SQLite: the lock up front, or wait and fail whole
        write_answer(w.connection, ...)

A read never takes SQLite's write lock, so a long read (the stats screen at 100k points) holds up no
writer in this or another process; on PostgreSQL it is a READ ONLY transaction.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from trainer.errors import StoreError
from trainer.store import lite
from trainer.store.sqlrun import Runner, sqlite_runner

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.orm import Session


class Transaction:
    """One transaction of the store, used through `run` (plain SQL, as `trainer.store.drill` takes),
    `connection` (SQLAlchemy Core) or `session` (the ORM, joined to that connection's transaction). The
    first one used decides the connection: `run` on the thread that opened the store's start-up
    connection uses it (no SQLAlchemy); the others use the engine."""

    __slots__ = ("_began", "_con", "_conn", "_owned", "_run", "_session", "_store", "_write")

    def __init__(self, store: Store, *, write: bool) -> None:
        self._store = store
        self._write = write
        self._conn: Connection | None = None  # the engine's connection, when used
        self._session: Session | None = None
        self._con: sqlite3.Connection | None = None  # the sqlite3 connection `run` uses, when it does
        self._owned = False  # `_con` was opened for this transaction (a worker thread before the engine)
        self._began = False  # this transaction issued BEGIN on `_con` (a read may join an open one)
        self._run: Runner | None = None

    @property
    def run(self) -> Runner:
        """A runner for plain SQL inside this transaction."""
        if self._run is None:
            if self._conn is None:
                con, owned = self._store._sqlite_connection()
                if con is not None:
                    self._con, self._owned = con, owned
                    self._begin(con)
                    self._run = sqlite_runner(con)
                    return self._run
            from trainer.store.queries import runner

            self._run = runner(self.connection)
        return self._run

    @property
    def connection(self) -> Connection:
        """The engine's connection inside this transaction (builds the engine when it is not built yet)."""
        if self._conn is None:
            if self._con is not None:
                raise RuntimeError("this transaction runs on the start-up sqlite3 connection: use `run`")
            store = self._store
            conn = (store.engine if self._write else store._reader()).connect()
            try:
                conn.begin()  # BEGIN IMMEDIATE for a write on SQLite, deferred for a read (`engine.reader`)
            except BaseException:
                conn.close()
                raise
            self._conn = conn
        return self._conn

    @property
    def session(self) -> Session:
        """An ORM session inside this transaction: its changes are flushed and committed with it."""
        if self._session is None:
            from sqlalchemy.orm import Session

            # Joined to the connection's transaction: the session's commit only flushes, its rollback
            # rolls the whole transaction back; the transaction itself ends with the block.
            self._session = Session(bind=self.connection, join_transaction_mode="rollback_only")
        return self._session

    @property
    def dialect(self) -> str:
        """The database's dialect name (`sqlite`, `postgresql`)."""
        if self._con is not None:
            return "sqlite"
        return self.connection.dialect.name

    def _begin(self, con: sqlite3.Connection) -> None:
        if self._write:
            con.execute("BEGIN IMMEDIATE")
            self._began = True
        elif not con.in_transaction:  # a read inside a read on this connection joins it
            con.execute("BEGIN")  # deferred: takes no lock until it reads, and never the write lock
            self._began = True

    def _finish(self, ok: bool) -> None:
        """Commit (`ok`) or roll back, and let go of the connection; a failed commit is rolled back."""
        session, conn, con = self._session, self._conn, self._con
        self._session = self._conn = self._con = None
        try:
            if conn is not None:
                try:
                    if session is not None:
                        if ok:
                            session.commit()  # flushes; the connection's transaction commits below
                        else:
                            session.rollback()
                    if ok:
                        conn.commit()
                    else:
                        conn.rollback()
                finally:
                    if session is not None:
                        session.close()
                    conn.close()  # rolls back whatever a failed commit left
            if con is not None and self._began and con.in_transaction:
                try:
                    con.execute("COMMIT" if ok else "ROLLBACK")
                except BaseException:
                    if con.in_transaction:
                        with contextlib.suppress(sqlite3.Error):
                            con.execute("ROLLBACK")
                    raise
        finally:
            if con is not None and self._owned:
                con.close()


class Store:
    """The learner's database: give it an Engine, or a function that builds one (called once, when first
    needed), and for a cold start the `sqlite3` connection (`trainer.store.lite.open_current`) that the
    first screen reads through. The connection is used only in the thread that opened it."""

    def __init__(self, engine: Engine | Callable[[], Engine], *, lite: sqlite3.Connection | None = None) -> None:
        self._engine: Engine | None = None
        self._build: Callable[[], Engine] | None = None
        if callable(engine):
            self._build = engine
        else:
            self._engine = engine
        self._lock = threading.Lock()
        self._read_engine: Engine | None = None
        self.lite = lite
        self._lite_thread = threading.get_ident()
        # Its file, for worker threads' own connections before the engine is built.
        self._lite_url = ""
        if lite is not None:
            path = next(r[2] for r in lite.execute("PRAGMA database_list") if r[1] == "main")
            self._lite_url = f"sqlite:///{path}"

    @property
    def engine_ready(self) -> bool:
        """Whether the engine has been built (SQLAlchemy is loaded)."""
        return self._engine is not None

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, built on first use (from any thread; every caller gets the same one)."""
        engine = self._engine
        if engine is None:
            with self._lock:
                if self._engine is None:
                    assert self._build is not None
                    self._engine = self._build()
                engine = self._engine
        return engine

    def _reader(self) -> Engine:
        """The engine with read-only options, made once (on PostgreSQL each one adds a connect listener)."""
        if self._read_engine is None:
            from trainer.store.engine import reader

            self._read_engine = reader(self.engine)
        return self._read_engine

    def _sqlite_connection(self) -> tuple[sqlite3.Connection | None, bool]:
        """The `sqlite3` connection plain SQL runs on in this thread, and whether it was opened for it; (None,
        False) when reads go through the engine."""
        if self.lite is None:
            return None, False
        if threading.get_ident() == self._lite_thread:
            return self.lite, False
        if self.engine_ready:
            return None, False
        # A worker thread before the engine exists: a connection of its own (connections stay in their thread).
        con = lite.open_current(self._lite_url)
        return con, con is not None

    @contextmanager
    def read(self) -> Iterator[Transaction]:
        """A read transaction: deferred on SQLite (no write lock, one view of the database), READ ONLY on
        PostgreSQL."""
        with self._transaction(write=False) as txn:
            yield txn

    @contextmanager
    def write(self) -> Iterator[Transaction]:
        """A write transaction, committed when the block ends and rolled back when it raises; on SQLite it
        takes the write lock up front (a busy database waits, then fails whole)."""
        with self._transaction(write=True) as txn:
            yield txn

    @contextmanager
    def _transaction(self, *, write: bool) -> Iterator[Transaction]:
        txn = Transaction(self, write=write)
        try:
            yield txn
            txn._finish(True)
        except BaseException as exc:
            with contextlib.suppress(Exception):
                txn._finish(False)
            # sqlite3's own failures (the start-up connection, or a runner on the driver's connection) say
            # what they mean, as the engine's do; integrity and programming errors stay bugs.
            if isinstance(exc, sqlite3.OperationalError) or type(exc) is sqlite3.DatabaseError:
                raise StoreError(lite.friendly(exc), path=self._file()) from None
            raise

    def _file(self) -> str | None:
        if self._lite_url:
            return self._lite_url.removeprefix("sqlite:///")
        engine = self._engine
        return None if engine is None else engine.url.database

    def close(self) -> None:
        """Close the start-up connection and the engine's pool."""
        if self.lite is not None:
            self.lite.close()
            self.lite = None
        if self._engine is not None:
            self._engine.dispose()


def as_store(store: Store | Engine) -> Store:
    """`store` itself, or a handle on an Engine (for callers that built one themselves: tools, tests)."""
    return store if isinstance(store, Store) else Store(store)
