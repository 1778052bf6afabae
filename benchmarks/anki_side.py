"""Anki's engine on the same workload: add_notes, the same states and history, answer_card, queue build.

Uses the `anki` package from PyPI (the Rust engine Anki's desktop app runs), through its public
Python API: `Collection.add_notes`, `sched.get_queued_cards`, `sched.build_answer`/`answer_card`.
The synthetic states and history are written with `col.db` (Anki's own SQL), untimed, as our side
writes them with the store's bulk paths.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from benchmarks.populate import plans
from benchmarks.synth import make_deck
from benchmarks.timing import clock, summary
from trainer.store.models import Queue

DECK = "bench"


def available() -> str | None:
    """None when `anki` can be imported, else why not."""
    try:
        import anki.collection  # noqa: F401
    except ImportError as exc:
        return f"anki is not installed ({exc}); pip install '.[bench]'"
    return None


def _open(path: Path) -> Any:
    from anki.collection import Collection

    return Collection(str(path))


def _notes(col: Any, points: int, did: int) -> list[Any]:
    from anki.collection import AddNoteRequest

    notetype = col.models.by_name("Basic")
    requests = []
    for topic, section, point in make_deck(points).points():
        note = col.new_note(notetype)
        note["Front"] = f"{topic.title} › {section.heading}<br>{point.head}"
        note["Back"] = point.body
        requests.append(AddNoteRequest(note=note, deck_id=did))
    return requests


def _prepare(col: Any) -> int:
    did = col.decks.id(DECK)
    col.decks.select(did)
    conf = col.decks.config_dict_for_deck_id(did)
    conf["new"]["perDay"] = 20  # as trainer's default new_per_day
    conf["rev"]["perDay"] = 100_000  # trainer does not cap reviews
    col.decks.save(conf)
    return int(did)


def build(path: Path, points: int) -> dict[str, Any]:
    """A collection with `points` notes, timed while adding; then the same states and history as ours."""
    for p in path.parent.glob(path.name + "*"):
        p.unlink()
    col = _open(path)
    did = _prepare(col)
    t0 = clock()
    requests = _notes(col, points, did)
    t1 = clock()
    col.add_notes(requests)
    t2 = clock()
    counts = _apply_plans(col)
    col.close()
    counts.update(
        add_notes_ms=round((t2 - t1) * 1000, 1),
        build_notes_ms=round((t1 - t0) * 1000, 1),
        file_bytes=path.stat().st_size,
    )
    return counts


def _apply_plans(col: Any) -> dict[str, Any]:
    today = col.sched.today
    cids = col.db.list("SELECT id FROM cards ORDER BY id")
    now_ms = int(time.time() * 1000)
    cards, logs = [], []
    seq = 0
    for cid, plan in zip(cids, plans(len(cids)), strict=True):
        if plan.queue is Queue.NEW:
            continue
        factor = round(plan.ease * 1000)
        if plan.queue is Queue.LEARNING:  # an interday relearning card, due today
            cards.append((3, 3, today + plan.due_offset, plan.interval, factor, plan.reps, plan.lapses, 1, cid))
        else:
            cards.append((2, 2, today + plan.due_offset, plan.interval, factor, plan.reps, plan.lapses, 0, cid))
        last = 0
        for ago, quality, interval in plan.history:
            seq += 1
            ease = 1 if quality < 3 else min(4, quality - 1)
            logs.append((now_ms - ago * 86_400_000 - seq, cid, -1, ease, interval, last, factor, 6000, 1))
            last = interval
    col.db.executemany(
        "UPDATE cards SET type=?, queue=?, due=?, ivl=?, factor=?, reps=?, lapses=?, left=? WHERE id=?", cards
    )
    col.db.executemany(
        "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) VALUES (?,?,?,?,?,?,?,?,?)", logs
    )
    return {"cards": len(cids), "review_log": len(logs)}


def add_notes(path: Path, points: int, runs: int) -> dict[str, Any]:
    """`col.add_notes` of `points` notes into an empty collection (note objects built first, timed apart)."""
    add, total = [], []
    for _ in range(runs):
        for p in path.parent.glob(path.name + "*"):
            p.unlink()
        col = _open(path)
        did = _prepare(col)
        t0 = clock()
        requests = _notes(col, points, did)
        t1 = clock()
        col.add_notes(requests)
        t2 = clock()
        col.close()
        add.append((t2 - t1) * 1000)
        total.append((t2 - t0) * 1000)
    out = summary(add)
    out["with_note_building"] = summary(total)
    return out


def _first_card(col: Any) -> tuple[Any, Any]:
    from anki.cards import Card

    queued = col.sched.get_queued_cards()
    if not queued.cards:
        return None, None
    card = Card(col)
    card._load_from_backend_card(queued.cards[0].card)
    card.start_timer()
    return card, queued.cards[0].states


def answer_next(path: Path, scratch: Path, answers: int, runs: int) -> dict[str, Any]:
    """answer_card, then get_queued_cards and load the next card: Anki's answer → next card ready."""
    import shutil

    from anki.scheduler.v3 import CardAnswer

    from benchmarks.ours import grades

    ratings = {1: CardAnswer.AGAIN, 3: CardAnswer.HARD, 4: CardAnswer.GOOD, 5: CardAnswer.EASY}
    samples: list[float] = []
    cpu: list[float] = []  # CPU time of the answering thread (Anki's engine runs in it)
    for _ in range(runs):
        shutil.copyfile(path, scratch)
        col = _open(scratch)
        card, states = _first_card(col)
        for quality in grades(answers):
            if card is None:
                break
            t0, c0 = clock(), time.thread_time()
            col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=ratings[quality]))
            card, states = _first_card(col)
            samples.append((clock() - t0) * 1000)
            cpu.append((time.thread_time() - c0) * 1000)
        col.close()
    for p in scratch.parent.glob(scratch.name + "*"):
        p.unlink()
    return {**summary(samples), "cpu": summary(cpu)}


def due_queue(path: Path, runs: int) -> dict[str, Any]:
    """The first get_queued_cards after opening the collection, which builds the day's queues."""
    samples: list[float] = []
    length = 0
    for _ in range(runs):
        col = _open(path)
        t0 = clock()
        queued = col.sched.get_queued_cards()
        samples.append((clock() - t0) * 1000)
        length = queued.new_count + queued.learning_count + queued.review_count
        col.close()
    out = summary(samples)
    out["queue_length"] = length
    return out
