"""Scheduling in an Anki package: card schedules and the review log written into the collection genanki
made, as Anki's own "include scheduling information" export does; plain sqlite3, no store, no UI.

Anki counts a review card's due date in days from the collection's creation day (`col.crt`). The
collection is dated `DAY0_BACK` days before today, at the start of the study day (`day-start-hour`,
also written as Anki's rollover hour), so a card due on study day D gets `due = D - (today - DAY0_BACK)`
and Anki, opening or importing the package, finds it due the same day. Answers become revlog rows
(Again for grades 0–2, Hard 3, Good 4, Easy 5), which trainer's own import reads back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# A grade's Anki button: Again 1, Hard 2, Good 3, Easy 4 (trainer's import maps them back to 1, 3, 4, 5).
ANKI_EASE = {0: 1, 1: 1, 2: 1, 3: 2, 4: 3, 5: 4}
DAY0_BACK = 3650
# Anki's card queues and types.
QUEUE = {"new": 0, "learning": 2, "review": 2, "suspended": -1, "buried": -3}
TYPE_NEW, TYPE_REVIEW = 0, 2
LOG_LEARN, LOG_REVIEW, LOG_RELEARN = 0, 1, 2


@dataclass(frozen=True, slots=True)
class CardPlan:
    """A trainer card's schedule (queue by name: new, learning, review, suspended, buried)."""

    queue: str
    due_day: int
    interval: int
    ease: float
    lapses: int
    leech: bool


@dataclass(frozen=True, slots=True)
class LoggedAnswer:
    """One answer of the review log."""

    at_ms: int
    day: int
    quality: int
    duration_ms: int
    repeat: bool
    new_before: bool
    interval_before: int
    interval_after: int
    ease_after: float


@dataclass(frozen=True, slots=True)
class Scheduling:
    """What the package carries besides the notes: every card's schedule and answers by (deck, card key).

    Attributes:
        today: The study day of the export.
        day_start: The moment (epoch seconds) today's study day began.
        day_start_hour: The learner's day-start hour (Anki's rollover).
    """

    today: int
    day_start: int
    day_start_hour: int = 4
    cards: Mapping[tuple[str, str], CardPlan] = field(default_factory=dict)
    answers: Mapping[tuple[str, str], Sequence[LoggedAnswer]] = field(default_factory=dict)

    @property
    def day0(self) -> int:
        """The study day that is Anki's day 0 (the collection's creation day)."""
        return self.today - DAY0_BACK

    def leech(self, deck: str, keys: Iterable[str]) -> bool:
        """Whether any of these cards is a leech (Anki tags the note `leech`)."""
        return any((plan := self.cards.get((deck, k))) is not None and plan.leech for k in keys)


def card_columns(plan: CardPlan, answers: int, day0: int) -> dict[str, int]:
    """Anki's card columns for a trainer schedule (a card never graded keeps genanki's new-card order)."""
    if plan.interval <= 0:
        return {"type": TYPE_NEW, "queue": QUEUE.get(plan.queue, 0) if plan.queue != "learning" else 0}
    return {
        "type": TYPE_REVIEW,
        "queue": QUEUE.get(plan.queue, 2),
        "due": plan.due_day - day0,
        "ivl": plan.interval,
        "factor": round(plan.ease * 1000),
        "reps": answers,
        "lapses": plan.lapses,
    }


def revlog_rows(card_id: int, answers: Sequence[LoggedAnswer]) -> list[tuple[int, ...]]:
    """Anki revlog rows (id, cid, usn, ease, ivl, lastIvl, factor, time, type) for one card's answers."""
    rows: list[tuple[int, ...]] = []
    first_day = answers[0].day if answers else None
    for a in answers:
        if a.new_before:
            kind = LOG_LEARN
        elif a.repeat:
            kind = LOG_LEARN if a.day == first_day else LOG_RELEARN
        else:
            kind = LOG_REVIEW
        ease = ANKI_EASE[a.quality]
        rows.append(
            (
                a.at_ms,
                card_id,
                -1,
                ease,
                a.interval_after,
                a.interval_before,
                round(a.ease_after * 1000),
                a.duration_ms,
                kind,
            )
        )
    return rows


def write_scheduling(
    conn: sqlite3.Connection, scheduling: Scheduling, targets: Mapping[str, tuple[str, Mapping[int, str]]]
) -> None:
    """Write schedules and answers into the collection genanki wrote on `conn`.

    Args:
        conn: The package's collection.
        scheduling: The schedules and answers.
        targets: Per note guid, its deck and the trainer card key of each card ord.
    """
    day0 = scheduling.day0
    crt = scheduling.day_start - DAY0_BACK * 86400
    conf = json.loads(conn.execute("SELECT conf FROM col").fetchone()[0] or "{}")
    conf["rollover"] = scheduling.day_start_hour
    conf["schedVer"] = 2  # four buttons in learning too (a v1 collection's learning Good would read as Easy)
    conn.execute("UPDATE col SET crt = ?, conf = ?", (crt, json.dumps(conf)))
    cards = conn.execute("SELECT c.id, n.guid, c.ord FROM cards c JOIN notes n ON n.id = c.nid").fetchall()
    used: set[int] = set()
    for card_id, guid, ord_ in cards:
        deck, keys = targets.get(guid, ("", {}))
        key = keys.get(ord_)
        if key is None or (plan := scheduling.cards.get((deck, key))) is None:
            continue
        answers = scheduling.answers.get((deck, key), ())
        cols = card_columns(plan, len(answers), day0)
        sets = ", ".join(f"{name} = :{name}" for name in cols)  # names from card_columns, not from data
        conn.execute(f"UPDATE cards SET {sets} WHERE id = :id", {**cols, "id": card_id})
        for row in revlog_rows(card_id, answers):
            at = row[0]
            while at in used:  # revlog ids are unique milliseconds
                at += 1
            used.add(at)
            conn.execute("INSERT INTO revlog VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", (at, *row[1:]))
