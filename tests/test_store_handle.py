"""The store handle: reads never take the write lock, writes take it up front, on the start-up sqlite3
connection and on the engine alike; PostgreSQL reads are READ ONLY; failures read as StoreError."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from tests.conftest import make_deck
from tests.tui_support import sync
from trainer.errors import StoreError
from trainer.store import drill, lite
from trainer.store.engine import make_engine
from trainer.store.handle import Store
from trainer.store.models import CardRow


def _lite_store(url: str) -> Store:
    con = lite.open_current(url)
    assert con is not None
    return Store(lambda: make_engine(url), lite=con)


@pytest.fixture
def stores(engine: Engine, sqlite_url: str) -> Iterator[dict[str, Store]]:
    """The two ways a store is opened: for a cold start (the sqlite3 connection, no engine yet), and
    with the engine (every other start)."""
    sync(engine, make_deck())
    cold = _lite_store(sqlite_url)
    warm = Store(make_engine(sqlite_url))
    yield {"start-up connection": cold, "engine": warm}
    cold.close()
    warm.close()


def _path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _cards(url: str) -> int:
    """How many cards the file holds, read with sqlite3 alone."""
    con = sqlite3.connect(_path(url))
    try:
        return int(con.execute("SELECT COUNT(*) FROM cards").fetchone()[0])
    finally:
        con.close()


def _can_write_at_once(url: str) -> bool:
    """Whether another process could take the write lock now (no waiting)."""
    con = sqlite3.connect(_path(url), isolation_level=None, timeout=0)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        con.close()


@pytest.mark.parametrize("way", ["start-up connection", "engine"])
@pytest.mark.parametrize("reader", ["run", "session"])
def test_a_read_held_open_leaves_the_write_lock_free(stores: dict[str, Store], sqlite_url: str, way: str, reader: str):
    store = stores[way]
    if way == "start-up connection" and reader == "session":
        store = Store(lambda: make_engine(sqlite_url), lite=store.lite)  # the ORM builds the engine
    with store.read() as r:
        if reader == "run":
            assert r.run("SELECT COUNT(*) FROM cards", {})[0][0] == _cards(sqlite_url) > 0
        else:
            assert r.session.scalar(select(func.count()).select_from(CardRow)) == _cards(sqlite_url) > 0
        assert _can_write_at_once(sqlite_url)
    assert store.engine_ready is (way == "engine" or reader == "session")


@pytest.mark.parametrize("way", ["start-up connection", "engine"])
def test_a_write_takes_the_lock_up_front_and_commits_or_rolls_back(
    stores: dict[str, Store], sqlite_url: str, way: str
) -> None:
    store = stores[way]
    with store.write() as w:
        w.run("UPDATE decks SET name = :name", {"name": "改名"})
        assert not _can_write_at_once(sqlite_url)
    with pytest.raises(ZeroDivisionError), store.write() as w:
        w.run("UPDATE decks SET name = :name", {"name": "不会留下"})
        _ = 1 / 0
    assert _can_write_at_once(sqlite_url)
    with store.read() as r:
        assert drill.deck_names(r.run) == {1: "改名"}


def test_a_read_inside_a_read_on_the_start_up_connection_joins_it(stores: dict[str, Store], sqlite_url: str) -> None:
    store = stores["start-up connection"]
    with store.read() as outer:
        outer.run("SELECT 1", {})
        with store.read() as inner:
            assert inner.run("SELECT COUNT(*) FROM cards", {})[0][0] == _cards(sqlite_url)
        assert store.lite is not None and store.lite.in_transaction  # still the outer one's
    assert not store.lite.in_transaction
    with store.read() as r:
        r.run("SELECT 1", {})
        with pytest.raises(RuntimeError, match="use `run`"):
            r.session  # noqa: B018 -- one transaction is one connection


def test_a_worker_thread_before_the_engine_reads_on_a_connection_of_its_own(
    stores: dict[str, Store], sqlite_url: str
) -> None:
    store = stores["start-up connection"]
    seen: list[object] = []

    def work() -> None:
        with store.read() as r:
            seen.append(r.run("SELECT COUNT(*) FROM cards", {})[0][0])

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(30)
    assert seen == [_cards(sqlite_url)]
    assert not store.engine_ready  # no SQLAlchemy for it


@pytest.mark.parametrize("way", ["start-up connection", "engine"])
def test_a_busy_database_is_a_store_error_and_the_store_stays_usable(
    stores: dict[str, Store], sqlite_url: str, way: str
) -> None:
    store = stores[way]
    with store.read() as r:  # the engine's pool connection exists, so its busy timeout can be lowered
        r.run("SELECT 1", {})
    if way == "start-up connection":
        assert store.lite is not None
        store.lite.execute("PRAGMA busy_timeout = 50")
    else:
        store.engine.dispose()
        store = Store(make_engine(sqlite_url))
        from sqlalchemy import event

        event.listen(store.engine, "connect", lambda con, _rec: con.execute("PRAGMA busy_timeout = 50"))
    holder = sqlite3.connect(_path(sqlite_url), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError, match="the database is busy") as caught, store.write() as w:
            w.run("UPDATE decks SET name = 'x'", {})
        assert str(caught.value).startswith(str(_path(sqlite_url)))
        with store.read() as r:  # a read does not wait for the writer
            assert r.run("SELECT name FROM decks", {})[0][0] != "x"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with store.write() as w:
        w.run("UPDATE decks SET name = 'x'", {})


@pytest.mark.postgres
def test_reads_are_read_only_and_writes_are_not(engine: Engine) -> None:
    sync(engine, make_deck())
    store = Store(engine)
    with store.read() as r:
        if r.dialect == "postgresql":
            assert r.session.execute(text("SHOW transaction_read_only")).scalar() == "on"
        else:
            assert _can_write_at_once(str(engine.url))
    with store.write() as w:
        if w.dialect == "postgresql":
            assert w.session.execute(text("SHOW transaction_read_only")).scalar() == "off"
        w.run("UPDATE decks SET name = :n", {"n": "写入"})
    with store.read() as r:  # the pool's connection came back writable and read-only again as asked
        assert drill.deck_names(r.run) == {1: "写入"}
    with store.write() as w:
        w.run("UPDATE decks SET name = :n", {"n": "再写"})
