"""Filling a trainer database with a synthetic deck and a year of history, through the store's bulk paths."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.orm import Session

from trainer.core.model import Deck
from trainer.store.models import CardStateRow, Queue, ReviewLogRow
from trainer.store.sync import sync_deck

# The mix of a learner a year in: a third of the cards not started, a few in learning, the rest in
# review with intervals up to a year; about 1–2 % of the reviews fall due on any one day.
SHARE_NEW = 0.35
SHARE_LEARNING = 0.01
SHARE_DUE_TODAY = 0.015
MAX_INTERVAL = 365


@dataclass(frozen=True, slots=True)
class CardPlan:
    """The synthetic schedule and history of one card (also replayed on Anki's side)."""

    queue: Queue
    due_offset: int  # due day minus today
    reps: int
    ease: float
    interval: int
    lapses: int
    history: tuple[tuple[int, int, int], ...]  # (days ago, quality, interval after)


def plan_card(rng: random.Random) -> CardPlan:
    """Draw one card's state and history."""
    roll = rng.random()
    if roll < SHARE_NEW:
        return CardPlan(Queue.NEW, 0, 0, 2.5, 0, 0, ())
    if roll < SHARE_NEW + SHARE_LEARNING:
        ago = rng.randint(0, 2)
        return CardPlan(Queue.LEARNING, -rng.randint(0, 1), 0, 2.36, 1, 1, ((ago, 2, 1),))
    # Few cards sit at the 1- and 6-day steps (only the last days' new cards), so any one day holds
    # about a thousand answers in the log, as a learner's real day does.
    reps = rng.choices(range(1, 9), weights=(0.05, 0.3, 8, 10, 10, 8, 6, 4))[0]
    ease = round(rng.uniform(1.5, 2.8), 2)
    lapses = rng.choice((0, 0, 0, 0, 1, 1, 2))
    intervals = [1, 6]
    while len(intervals) < reps:
        intervals.append(min(MAX_INTERVAL, -(-intervals[-1] * round(ease * 100) // 100)))
    interval = intervals[reps - 1]
    due = -rng.randint(0, 5) if rng.random() < SHARE_DUE_TODAY else rng.randint(1, max(1, interval))
    history: list[tuple[int, int, int]] = []
    ago = interval - due
    for lapse in range(lapses):
        history.append((ago + 40 * (lapse + 1), 1, 1))
    for r in range(reps - 1, -1, -1):
        history.append((max(0, ago), rng.choice((3, 4, 4, 4, 5)), intervals[r]))
        ago += intervals[r - 1] if r else 1
    history.sort(key=lambda h: -h[0])
    return CardPlan(Queue.REVIEW, due, reps, ease, interval, lapses, tuple(history))


def plans(n: int, seed: int = 3) -> list[CardPlan]:
    """`n` card plans, seeded."""
    rng = random.Random(seed)
    return [plan_card(rng) for _ in range(n)]


def populate(engine: Engine, deck: Deck, *, today: int, now: datetime | None = None, seed: int = 3) -> dict[str, int]:
    """Sync `deck` into the database and give its cards the planned states and history.

    Returns:
        Counts: cards, and cards per queue, and review log rows.
    """
    now = now or datetime.now(UTC)
    with Session(engine) as s, s.begin():
        sync_deck(s, deck, path=f"/synthetic/{deck.name}.yaml", content_hash="synthetic", now=now)
    with Session(engine) as s, s.begin():
        card_ids = list(s.scalars(select(CardStateRow.card_id).order_by(CardStateRow.card_id)))
        states: list[dict[str, Any]] = []
        logs: list[dict[str, Any]] = []
        counts = {"cards": len(card_ids), "new": 0, "learning": 0, "review": 0, "due_reviews": 0}
        for card_id, plan in zip(card_ids, plans(len(card_ids), seed), strict=True):
            counts[plan.queue.name.lower()] += 1
            if plan.queue is Queue.NEW:
                continue
            counts["due_reviews"] += plan.queue is Queue.REVIEW and plan.due_offset <= 0
            states.append(
                {
                    "card_id": card_id,
                    "queue": plan.queue,
                    "due_day": today + plan.due_offset,
                    "reps": plan.reps,
                    "ease": plan.ease,
                    "interval": plan.interval,
                    "lapses": plan.lapses,
                    "last_review": now - timedelta(days=plan.history[-1][0]),
                }
            )
            prev = (Queue.NEW, 0, 2.5, 0, 0)
            for ago, quality, interval in plan.history:
                after = (Queue.REVIEW, today - ago + interval, plan.ease, interval, 0)
                logs.append(
                    {
                        "card_id": card_id,
                        "reviewed_at": now - timedelta(days=ago),
                        "day": today - ago,
                        "quality": quality,
                        "duration_ms": 6000,
                        "queue_before": prev[0],
                        "reps_before": 0,
                        "ease_before": prev[2],
                        "interval_before": prev[3],
                        "due_before": prev[1],
                        "lapses_before": 0,
                        "queue_after": after[0],
                        "reps_after": 0,
                        "ease_after": after[2],
                        "interval_after": after[3],
                        "due_after": after[1],
                        "lapses_after": 0,
                    }
                )
                prev = after
        if states:
            s.execute(update(CardStateRow), states)
        for start in range(0, len(logs), 50_000):
            s.execute(insert(ReviewLogRow), logs[start : start + 50_000])
        counts["review_log"] = s.scalar(select(func.count()).select_from(ReviewLogRow)) or 0
    return counts
