"""Two `trainer` processes on one database: two reviewers, or a sync while reviewing.

Writers wait for each other (busy timeout, BEGIN IMMEDIATE on SQLite; row locks on PostgreSQL) or fail
with one clear message; nothing is corrupted and no answer a process reported as saved is lost. The
tests marked `postgres` run the same against the server given with --db-url.
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tests.conftest import make_deck
from tests.helpers.decks import big_deck
from trainer.cli import main
from trainer.deckfile import decks
from trainer.services.library import sync_files
from trainer.store import open_store
from trainer.store.models import DeckRow, ReviewLogRow
from trainer.store.replay import replay
from trainer.store.sync import sync_deck

HELPERS = Path(__file__).resolve().parent / "helpers"
ROOT = HELPERS.parents[1]


@pytest.fixture
def store() -> Iterator[Callable[[str], Engine]]:
    """Opens stores that are disposed when the test ends, failed or not (a leaked PostgreSQL connection
    would otherwise fail whichever test the garbage collector happens to run in)."""
    opened: list[Engine] = []

    def open_(url: str) -> Engine:
        opened.append(open_store(url))
        return opened[-1]

    yield open_
    for engine in opened:
        engine.dispose()


@pytest.fixture(autouse=True)
def _reap_workers() -> Iterator[None]:
    """Kills the worker processes a failed test left waiting."""
    yield
    while _SPAWNED:
        proc = _SPAWNED.pop()
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


_SPAWNED: list[subprocess.Popen[str]] = []


def _load(engine: Engine, *names: str, n: int = 120) -> None:
    with Session(engine) as s, s.begin():
        for name in names:
            sync_deck(s, big_deck(name, n), path=f"{name}.yaml", content_hash=name, now=datetime.now(UTC))


def _worker(url: str, home: Path, seed: int, count: int, *deck_names: str) -> subprocess.Popen[str]:
    env = {**os.environ, "TRAINER_DB": url, "TRAINER_HOME": str(home), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, str(HELPERS / "answer_worker.py"), str(seed), str(count), *deck_names],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
    )
    _SPAWNED.append(proc)
    return proc


def _go(*procs: subprocess.Popen[str]) -> None:
    """Wait until every worker has loaded its session, then let them all answer at once."""
    for proc in procs:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line == "LOADED\n", line + (proc.stderr.read() if proc.stderr else "")
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("GO\n")
        proc.stdin.flush()


def _finish(proc: subprocess.Popen[str]) -> tuple[list[tuple[int, int, int]], list[str]]:
    out, err = proc.communicate(timeout=180)
    assert proc.returncode == 0, err
    assert "Traceback" not in err, err
    answered = [tuple(map(int, ln.split()[1:4])) for ln in out.splitlines() if ln.startswith("ANSWERED ")]
    refused = [ln for ln in out.splitlines() if ln.startswith("REFUSED ")]
    assert out.splitlines()[-1] == f"DONE {len(answered)}", out[-500:]
    return answered, refused  # type: ignore[return-value]


def _check_store(engine: Engine, answered: list[tuple[int, int, int]]) -> None:
    with Session(engine) as s:
        log = {r.id: (r.card_id, r.quality) for r in s.scalars(select(ReviewLogRow))}
        report = replay(s)
    for log_id, card_id, quality in answered:
        assert log.get(log_id) == (card_id, quality), f"answer {log_id} lost"
    assert len(log) == len(answered), "the log holds answers no process reported"
    assert report.ok, report.mismatches[:5]


def _integrity(url: str) -> None:
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        finally:
            conn.close()


def _two_reviewers(engine: Engine, url: str, home: Path, *, same_deck: bool) -> None:
    _load(engine, "甲", "乙")
    decks_a, decks_b = (("甲",), ("甲",)) if same_deck else (("甲",), ("乙",))
    count = 50 if same_deck else 100  # two reviewers of one deck share its 121 new cards
    a = _worker(url, home, 1, count, *decks_a)
    b = _worker(url, home, 2, count, *decks_b)
    _go(a, b)
    answered_a, refused_a = _finish(a)
    answered_b, refused_b = _finish(b)
    assert len(answered_a) == len(answered_b) == count
    # They really ran at the same time: their log ids interleave.
    ids_a, ids_b = {x[0] for x in answered_a}, {x[0] for x in answered_b}
    assert min(ids_b) < max(ids_a) and min(ids_a) < max(ids_b)
    refused = refused_a + refused_b
    assert all("changed elsewhere" in r for r in refused), refused[:3]
    if not same_deck:
        assert refused == []
    print(f"{len(refused)} answers refused as changed elsewhere")
    _integrity(url)
    _check_store(engine, answered_a + answered_b)


@pytest.mark.postgres
@pytest.mark.parametrize("same_deck", [False, True], ids=["different decks", "same deck"])
def test_two_reviewers_at_once(store: Callable[[str], Engine], db_url: str, tmp_path: Path, same_deck: bool) -> None:
    _two_reviewers(store(db_url), db_url, tmp_path / "home", same_deck=same_deck)


@pytest.mark.postgres
def test_sync_while_reviewing(store: Callable[[str], Engine], db_url: str, tmp_path: Path) -> None:
    engine = store(db_url)
    deck_file = tmp_path / "甲.yaml"
    base = big_deck("甲", 120)
    decks.save(base, deck_file)
    sync_files(engine, [deck_file], now=datetime.now(UTC))  # what `trainer sync FILE` does
    worker = _worker(db_url, tmp_path / "home", 3, 150, "甲")
    _go(worker)
    syncs = 0
    while worker.poll() is None and syncs < 40:
        # The deck is edited and synced again and again while the other process answers its cards:
        # points come and go (retired, revived), the cards being answered stay.
        extra = big_deck(f"新增{syncs}-", 8 * (syncs % 3 + 1)).topics
        decks.save(dataclasses.replace(base, topics=base.topics + extra), deck_file)
        assert not sync_files(engine, [deck_file], now=datetime.now(UTC))[0].skipped
        syncs += 1
    answered, refused = _finish(worker)
    assert syncs >= 3, "the sync never overlapped the reviews"
    assert len(answered) == 150 and refused == []
    _integrity(db_url)
    _check_store(engine, answered)


def _hold_write_lock(db: Path, seconds: float, started: threading.Event) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    started.set()
    time.sleep(seconds)
    conn.execute("ROLLBACK")
    conn.close()


def test_a_writer_waits_for_the_lock(_isolated_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck_file = tmp_path / "甲.yaml"
    decks.save(make_deck("甲"), deck_file)
    assert main(["stats", "--json"]) == 0
    started = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(_isolated_home / "trainer.db", 1.0, started))
    holder.start()
    started.wait()
    t0 = time.monotonic()
    assert main(["sync", str(deck_file)]) == 0
    waited = time.monotonic() - t0
    holder.join()
    assert waited >= 0.5  # it waited for the other writer instead of failing
    engine = open_store(f"sqlite:///{_isolated_home / 'trainer.db'}")
    with Session(engine) as s:
        assert s.scalars(select(DeckRow.name)).all() == ["甲"]
    engine.dispose()


def test_a_lock_held_too_long_fails_with_a_clear_message(
    _isolated_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import trainer.store.engine

    deck_file = tmp_path / "甲.yaml"
    decks.save(make_deck("甲"), deck_file)
    assert main(["stats", "--json"]) == 0
    monkeypatch.setattr(trainer.store.engine, "BUSY_TIMEOUT_MS", 200)
    started = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(_isolated_home / "trainer.db", 2.0, started))
    holder.start()
    started.wait()
    capsys.readouterr()
    code = main(["sync", str(deck_file)])
    err = capsys.readouterr().err
    holder.join()
    assert code == 2
    assert err.startswith(f"trainer: error: {_isolated_home / 'trainer.db'}: the database is busy"), err
    assert "Traceback" not in err
    conn = sqlite3.connect(_isolated_home / "trainer.db")
    assert conn.execute("SELECT count(*) FROM decks").fetchone() == (0,)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()


def test_two_review_apps_on_one_database(store: Callable[[str], Engine], tmp_path: Path) -> None:
    """Two terminals running the review app on the same cards: one is told, neither loses an answer."""
    db = tmp_path / "home" / "trainer.db"
    url = f"sqlite:///{db}"
    engine = store(url)
    _load(engine, "甲", n=200)
    env = {**os.environ, "TRAINER_DB": url, "TRAINER_HOME": str(tmp_path / "home"), "PYTHONPATH": str(ROOT)}
    apps = [
        subprocess.Popen(
            [sys.executable, str(HELPERS / "review_driver.py"), str(seed), "40", "--wait-go", "--restart-on-error"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=ROOT,
        )
        for seed in (11, 12)
    ]
    _SPAWNED.extend(apps)
    _go(*apps)
    answered: list[tuple[int, int, int]] = []
    refused: list[str] = []
    for app in apps:
        out, err = app.communicate(timeout=180)
        assert app.returncode == 0, err[-2000:]
        assert "Traceback" not in err
        lines = out.splitlines()
        assert lines[-1] == "DONE 40", lines[-5:]
        answered += [tuple(map(int, ln.split()[1:4])) for ln in lines if ln.startswith("ANSWERED ")]  # type: ignore[misc]
        refused += [ln for ln in lines if ln.startswith("REFUSED ")]
    assert len(answered) == 80
    print(f"{len(refused)} answers refused in the app", refused[:2])
    for line in refused:  # the dialog said why, and the refused card was still the one on screen
        _, _card, still_shown, message = line.split(" ", 3)
        assert still_shown == "1" and "changed elsewhere" in message, line
    _integrity(url)
    _check_store(engine, answered)
