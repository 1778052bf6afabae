"""Store queries for the daily drill: counts, the due queue, loading cards; answers live in `answers`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, func, select, text
from sqlalchemy.orm import Session

from trainer.sched.queue import Candidate, Limits, Today
from trainer.sched.state import Algorithm
from trainer.store import drill, sqlrun
from trainer.store.answers import Answer, Leech, leeches, record_answer, undo_answer, write_answer
from trainer.store.convert import DeckSummary, ReviewCard
from trainer.store.models import CardStateRow, Queue, ReviewLogRow

__all__ = [
    "Answer",
    "Leech",
    "deck_summaries",
    "due_queue",
    "leeches",
    "load_card",
    "load_cards",
    "plan_day",
    "record_answer",
    "today_activity",
    "undo_answer",
    "write_answer",
]

LimitsFor = drill.LimitsFor


def runner(session: Session | Connection) -> sqlrun.Runner:
    """A `drill` runner inside the caller's transaction: the driver's own connection on SQLite (no
    SQLAlchemy processing per row), `text()` statements elsewhere."""
    conn = session.connection() if isinstance(session, Session) else session
    if conn.dialect.name == "sqlite":
        return sqlrun.sqlite_runner(conn.connection.driver_connection)  # type: ignore[arg-type]

    def run(sql: str, params: Mapping[str, Any]) -> Sequence[Any]:
        result = conn.execute(text(sql), dict(params))
        return result.all() if result.returns_rows else []

    return run


def today_activity(session: Session, today: int, deck_ids: Iterable[int] | None = None) -> Today:
    """What the review log says about study day `today` (see `drill.today_activity`)."""
    return drill.today_activity(runner(session), today, deck_ids)


def deck_names(session: Session, deck_ids: Iterable[int] | None = None) -> dict[int, str]:
    """Deck names by id."""
    return sqlrun.deck_names(runner(session), deck_ids)


def deck_algorithms(session: Session, deck_ids: Iterable[int]) -> dict[int, Algorithm]:
    """The scheduler each deck uses (`scheduler:` in its file)."""
    return drill.deck_algorithms(runner(session), deck_ids)


def plan_day(
    session: Session,
    today: int,
    deck_ids: list[int],
    *,
    limits_for: LimitsFor | None = None,
    new_per_day: int = Limits().new,
    activity: Today | None = None,
) -> list[Candidate]:
    """The day's queue for these decks: pending repeats, due reviews, new cards (see `drill.plan_day`)."""
    return drill.plan_day(
        runner(session), today, deck_ids, limits_for=limits_for, new_per_day=new_per_day, activity=activity
    )


def due_queue(
    session: Session,
    today: int,
    deck_ids: list[int],
    new_per_day: int = Limits().new,
    *,
    limits_for: LimitsFor | None = None,
) -> list[int]:
    """Card ids to study today, in order (see `plan_day`)."""
    return [c.card_id for c in plan_day(session, today, deck_ids, limits_for=limits_for, new_per_day=new_per_day)]


def deck_summaries(
    session: Session, today: int, new_per_day: int = Limits().new, *, limits_for: LimitsFor | None = None
) -> list[DeckSummary]:
    """Every deck with today's due reviews and new cards (within its limits) and pending repeats."""
    return drill.deck_summaries(runner(session), today, new_per_day, limits_for=limits_for)


def load_cards(session: Session, card_ids: Iterable[int], *, stale: set[int] | None = None) -> dict[int, ReviewCard]:
    """Cards with their content and state, in bulk (see `drill.load_cards`)."""
    return drill.load_cards(runner(session), card_ids, stale=stale)


def load_card(session: Session, card_id: int) -> ReviewCard:
    """The card with its content rebuilt from its section's notes, and its state."""
    return drill.load_cards(runner(session), [card_id])[card_id]


def answered_on_day(session: Session, card_ids: Iterable[int], day: int) -> set[int]:
    """Which of these cards have an answer logged on study day `day` (by any process)."""
    return drill.answered_on_day(runner(session), card_ids, day)


def next_due_day(session: Session, after_day: int, deck_ids: list[int]) -> int | None:
    """The first day after `after_day` with a review due in these decks."""
    return session.scalars(
        select(func.min(CardStateRow.due_day)).where(
            CardStateRow.deck_id.in_(deck_ids),
            CardStateRow.queue == Queue.REVIEW,
            CardStateRow.due_day > after_day,
        )
    ).first()


def reviews_on(session: Session, day: int) -> int:
    """How many answers were given on a study day."""
    return session.scalar(select(func.count()).select_from(ReviewLogRow).where(ReviewLogRow.day == day)) or 0
