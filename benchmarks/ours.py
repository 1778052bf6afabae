"""The trainer side of the benchmarks: build databases, then time answering, queue build, sync and parsing."""

from __future__ import annotations

import random
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from time import thread_time
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from benchmarks.populate import populate
from benchmarks.synth import make_deck, make_document
from benchmarks.timing import clock, repeat, summary
from trainer.deckfile import decks
from trainer.sched.days import study_day
from trainer.services.config import load_settings
from trainer.store import open_store
from trainer.store.handle import Store
from trainer.store.models import DeckRow


def today_and_now() -> tuple[int, datetime]:
    """The study day now, counted as the `trainer` command counts it (the learner's settings)."""
    now = datetime.now(UTC)
    settings = load_settings()
    return study_day(now, settings.tz(), settings.day_start_hour), now


def url(path: Path) -> str:
    """The SQLite URL of a file."""
    return f"sqlite:///{path}"


def checkpoint(path: Path) -> None:
    """Fold the WAL into the main file so its size is the data's size."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def build_db(path: Path, points: int) -> dict[str, Any]:
    """A trainer database at `path` holding a synthetic deck of `points` points with a year's history."""
    path.unlink(missing_ok=True)
    today, now = today_and_now()
    engine = open_store(url(path))
    t0 = clock()
    counts = populate(engine, make_deck(points), today=today, now=now)
    counts["populate_s"] = round(clock() - t0, 2)
    engine.dispose()
    checkpoint(path)
    return counts


def deck_ids(engine: Any) -> list[int]:
    """Every deck id in the database."""
    with Session(engine) as s:
        return list(s.scalars(select(DeckRow.id).order_by(DeckRow.id)))


def grades(n: int, seed: int = 5) -> list[int]:
    """A learner's grades: mostly 4, some 5 and 3, one in ten forgotten."""
    rng = random.Random(seed)
    return [rng.choice((4, 4, 4, 4, 4, 4, 4, 5, 3, 1)) for _ in range(n)]


def answer_next(db: Path, scratch: Path, answers: int, runs: int) -> dict[str, Any]:
    """Answer → next card ready: commit the answer, then pick and load the next card (no painting)."""
    from trainer.services.study import StudySession

    samples: list[float] = []
    cpu: list[float] = []  # the answering thread's CPU time: moves far less than wall time on a busy machine
    for _ in range(runs):
        for stale in (scratch, scratch.with_name(scratch.name + "-wal"), scratch.with_name(scratch.name + "-shm")):
            stale.unlink(missing_ok=True)  # a WAL left by an earlier run would not match the fresh copy
        shutil.copyfile(db, scratch)
        engine = open_store(url(scratch))
        session = StudySession.start(Store(engine), deck_ids(engine), load_settings(), lambda: datetime.now(UTC))
        session.current()
        for quality in grades(min(answers, session.left - 1)):
            t0, c0 = clock(), thread_time()
            session.answer(quality, duration_ms=5000)
            session.current()
            samples.append((clock() - t0) * 1000)
            cpu.append((thread_time() - c0) * 1000)
        engine.dispose()
    scratch.unlink(missing_ok=True)
    return {**summary(samples), "cpu": summary(cpu)}


def due_queue(db: Path, runs: int) -> dict[str, Any]:
    """Building the day's queue at the start of a session (StudySession.start on a warm engine)."""
    from trainer.services.study import StudySession

    engine = open_store(url(db))
    ids = deck_ids(engine)
    settings = load_settings()
    StudySession.start(Store(engine), ids, settings, lambda: datetime.now(UTC))
    left = 0

    def once() -> None:
        nonlocal left
        left = StudySession.start(Store(engine), ids, settings, lambda: datetime.now(UTC)).left

    out = summary(repeat(once, runs))
    out["queue_length"] = left
    engine.dispose()
    return out


def bytes_per_card(db: Path, cards: int) -> dict[str, Any]:
    """File size over card count, and which tables and indexes hold the bytes."""
    checkpoint(db)
    size = db.stat().st_size
    out: dict[str, Any] = {"file_bytes": size, "cards": cards, "bytes_per_card": round(size / cards, 1)}
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC").fetchall()
        out["by_object"] = {name: round(total / cards, 1) for name, total in rows}
    except sqlite3.OperationalError:
        pass  # SQLite built without dbstat
    finally:
        con.close()
    return out


def write_yaml(folder: Path, points: int) -> int:
    """Write the synthetic deck as deck files in `folder`, as `trainer build` would; returns their total size.

    Deck files over `decks.MAX_DECK_BYTES` are refused, so a big deck is split by topics into parts
    (`<name>·1`, `<name>·2`, ...) of at most that size, as a learner would keep it.
    """
    from dataclasses import replace

    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    deck = make_deck(points)
    whole = len(decks.dumps(deck).encode("utf-8"))
    parts = max(1, -(-whole * 11 // 10 // decks.MAX_DECK_BYTES))  # 10 % headroom: topics differ in size
    per = -(-len(deck.topics) // parts)
    for k in range(parts):
        part = replace(deck, name=f"{deck.name}·{k + 1}", topics=deck.topics[k * per : (k + 1) * per])
        decks.save(part, folder / f"part{k + 1:02d}.yaml")
    return sum(p.stat().st_size for p in folder.glob("*.yaml"))


def load(folder: Path, scratch: Path, runs: int) -> dict[str, Any]:
    """`trainer sync` of the deck files in `folder` into an empty database (schema created beforehand, not timed).

    Besides the whole sync, times its parts on their own, with the cyclic GC paused as the sync pauses
    it: reading the deck files (`yaml_parse`), deriving the card keys (`card_refs`); `insert_ms` is the
    rest (hashing, rows, indexes, commits).
    """
    import gc

    from trainer.core.cards import card_refs
    from trainer.services.library import find_deck_files, sync_files

    files = find_deck_files([folder])
    total: list[float] = []
    parse: list[float] = []
    refs: list[float] = []
    for _ in range(runs):
        scratch.unlink(missing_ok=True)
        engine = open_store(url(scratch))
        t0 = clock()
        reports = sync_files(Store(engine), files, now=datetime.now(UTC))
        total.append((clock() - t0) * 1000)
        engine.dispose()
        gc.disable()
        try:
            t0 = clock()
            loaded = [decks.load(f) for f in files]
            parse.append((clock() - t0) * 1000)
            t0 = clock()
            for deck in loaded:
                card_refs(deck)
            refs.append((clock() - t0) * 1000)
        finally:
            gc.enable()
        del loaded
    scratch.unlink(missing_ok=True)
    out = summary(total)
    out["cards_added"] = sum(r.added for r in reports)
    out["files"] = len(files)
    out["yaml_parse"] = summary(parse)
    out["card_refs"] = summary(refs)
    out["insert_ms"] = round(out["median_ms"] - out["yaml_parse"]["median_ms"] - out["card_refs"]["median_ms"], 1)
    return out


def parsing(size_bytes: int, runs: int) -> dict[str, Any]:
    """Throughput of the document parser behind `trainer build`, in MB of UTF-8 text per second."""
    from trainer.parse import parse_document

    text = make_document(size_bytes)
    n = len(text.encode("utf-8"))
    try:
        samples = repeat(lambda: parse_document(text, source="synthetic.txt"), runs)
    except NotImplementedError:
        return {"skipped": "trainer.parse.parse_document is not implemented on this branch yet", "bytes": n}
    out = summary(samples)
    out["bytes"] = n
    out["mb_per_s"] = round(n / 1e6 / (out["median_ms"] / 1000), 2)
    return out


def card_count(db: Path) -> int:
    """Cards in a database built earlier (`--reuse-db`)."""
    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT COUNT(*) FROM cards").fetchone()[0])
    finally:
        con.close()
