"""Anki review history (revlog) read from an open Anki collection, as answers per trainer card key; no store.

Anki's buttons become SM-2 qualities (Again 1, Hard 3, Good 4, Easy 5). Manual reschedules and other
entries that were not an answer (revlog type 4 and above, ease 0) are left out. Only the grade, the
moment and the time taken are kept: trainer's own scheduler rebuilds the schedule from them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field

# Anki's ease buttons (schedulers v2 and v3): Again, Hard, Good, Easy.
QUALITY_OF_EASE = {1: 1, 2: 3, 3: 4, 4: 5}
# Scheduler v1 showed three buttons to learning and relearning cards: Again, Good, Easy.
V1_LEARNING_QUALITY = {1: 1, 2: 4, 3: 5}
V1_LEARNING_TYPES = (0, 2)
# Revlog types: 0 learn, 1 review, 2 relearn, 3 filtered; 4 manual (reschedule, forget, set due
# date) and 5 rescheduled (FSRS) record no answer.
ANSWER_TYPES = (0, 1, 2, 3)
# The review screen counts a card left open longer than this as this long (trainer/tui/screens/review.py).
MAX_ANSWER_MS = 300_000


@dataclass(frozen=True, slots=True)
class AnkiReview:
    """One answer from Anki's review log.

    Attributes:
        at_ms: When it was given, in milliseconds since the epoch (UTC), the revlog id.
        quality: The SM-2 quality its button maps to.
        duration_ms: Time taken, capped at `MAX_ANSWER_MS`.
    """

    at_ms: int
    quality: int
    duration_ms: int


@dataclass(frozen=True, slots=True)
class AnkiHistory:
    """The answers of every Anki card that maps to a trainer card, and what could not be used.

    Attributes:
        answers: Per trainer card key, its answers in time order.
        unmapped: Anki cards with answers but no trainer card (a slogan cloze c2.., a Basic note's
            reverse card, a note that was skipped).
        left_out: Revlog entries that are not answers (manual reschedules, ease 0).
    """

    answers: Mapping[str, tuple[AnkiReview, ...]] = field(default_factory=dict)
    unmapped: int = 0
    left_out: int = 0

    @property
    def reviews(self) -> int:
        """How many answers map to trainer cards."""
        return sum(len(a) for a in self.answers.values())


def scheduler_version(db: sqlite3.Connection, tables: set[str]) -> int:
    """The collection's scheduler version (1, 2 or 3 as Anki numbers v3's base: 2); 2 when unknown."""
    try:
        if "config" in tables:
            row = db.execute("SELECT val FROM config WHERE key = 'schedVer'").fetchone()
            value = json.loads(bytes(row[0]).decode()) if row else 2
        else:
            row = db.execute("SELECT conf FROM col").fetchone()
            value = json.loads(row[0] or "{}").get("schedVer", 2) if row else 2
        return int(value)
    except (ValueError, TypeError, AttributeError):
        return 2


def quality_of(ease: int, kind: int, *, v1: bool = False) -> int | None:
    """The SM-2 quality of a revlog entry, or None when it records no answer."""
    if kind not in ANSWER_TYPES or ease <= 0:
        return None
    table = V1_LEARNING_QUALITY if v1 and kind in V1_LEARNING_TYPES else QUALITY_OF_EASE
    return table.get(ease)


def read_history(db: sqlite3.Connection, tables: set[str], targets: Mapping[int, Mapping[int, str]]) -> AnkiHistory:
    """Every answer in the collection's revlog, by the trainer card key its Anki card maps to.

    Args:
        db: The open Anki collection.
        tables: Its table names.
        targets: Per Anki note id, the trainer card key of each card ord that maps to one.
    """
    if "revlog" not in tables:
        return AnkiHistory()
    v1 = scheduler_version(db, tables) == 1
    cards = {cid: (nid, ord_) for cid, nid, ord_ in db.execute("SELECT id, nid, ord FROM cards")}
    by_key: dict[str, list[AnkiReview]] = {}
    unmapped: set[int] = set()
    left_out = 0
    for at_ms, cid, ease, taken, kind in db.execute("SELECT id, cid, ease, time, type FROM revlog ORDER BY id"):
        quality = quality_of(int(ease or 0), int(kind or 0), v1=v1)
        if quality is None:
            left_out += 1
            continue
        nid, ord_ = cards.get(cid, (None, None))
        key = targets.get(nid, {}).get(ord_) if nid is not None and ord_ is not None else None
        if key is None:
            unmapped.add(cid)
            continue
        duration = min(max(int(taken or 0), 0), MAX_ANSWER_MS)
        by_key.setdefault(key, []).append(AnkiReview(at_ms=int(at_ms), quality=quality, duration_ms=duration))
    return AnkiHistory(answers={k: tuple(v) for k, v in by_key.items()}, unmapped=len(unmapped), left_out=left_out)
