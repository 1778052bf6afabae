"""Store queries for the daily drill: counts, the due queue, loading a card, recording an answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, bindparam, case, delete, func, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from trainer.errors import StoreError
from trainer.sched import review
from trainer.sched.sm2 import check_quality
from trainer.store.convert import (
    CardState,
    DeckSummary,
    NoteFields,
    ReviewCard,
    card_from_notes,
    state_from_values,
)
from trainer.store.models import CardRow, CardStateRow, DeckRow, NoteRow, Queue, ReviewLogRow
from trainer.store.prepared import Prepared


def new_studied(session: Session, today: int, deck_id: int | None = None) -> dict[int, int]:
    """How many new cards each deck has started today."""
    stmt = (
        select(CardStateRow.deck_id, func.count())
        .select_from(ReviewLogRow)
        .join(CardStateRow, CardStateRow.card_id == ReviewLogRow.card_id)
        .where(ReviewLogRow.day == today, ReviewLogRow.queue_before == Queue.NEW)
        .group_by(CardStateRow.deck_id)
    )
    if deck_id is not None:
        stmt = stmt.where(CardStateRow.deck_id == deck_id)
    return {d: n for d, n in session.execute(stmt).all()}


def deck_summaries(session: Session, today: int, new_per_day: int) -> list[DeckSummary]:
    """Every deck with its due, new (capped by today's allowance) and learning counts."""
    s = CardStateRow
    counts = select(
        s.deck_id,
        func.sum(case((and_(s.queue == Queue.REVIEW, s.due_day <= today), 1), else_=0)).label("due"),
        func.sum(case((s.queue == Queue.NEW, 1), else_=0)).label("new"),
        func.sum(case((s.queue == Queue.LEARNING, 1), else_=0)).label("learning"),
        func.sum(case((s.queue != Queue.RETIRED, 1), else_=0)).label("total"),
    ).group_by(s.deck_id)
    by_deck = {r.deck_id: r for r in session.execute(counts).all()}
    started = new_studied(session, today)
    out = []
    for deck in session.execute(select(DeckRow.id, DeckRow.name).order_by(DeckRow.name)).all():
        r = by_deck.get(deck.id)
        allowance = max(0, new_per_day - started.get(deck.id, 0))
        out.append(
            DeckSummary(
                deck_id=deck.id,
                name=deck.name,
                due=int(r.due or 0) if r else 0,
                new=min(int(r.new or 0), allowance) if r else 0,
                learning=int(r.learning or 0) if r else 0,
                total=int(r.total or 0) if r else 0,
            )
        )
    return out


def due_queue(session: Session, today: int, deck_ids: list[int], new_per_day: int) -> list[int]:
    """Card ids to study today, in order: learning, then due reviews (oldest first), then new cards."""
    s = CardStateRow
    ids: list[int] = []
    for deck_id in deck_ids:
        ids += session.scalars(
            select(s.card_id).where(s.deck_id == deck_id, s.queue == Queue.LEARNING, s.due_day <= today)
        ).all()
    for deck_id in deck_ids:
        ids += session.scalars(
            select(s.card_id)
            .where(s.deck_id == deck_id, s.queue == Queue.REVIEW, s.due_day <= today)
            .order_by(s.due_day, s.card_id)
        ).all()
    started = new_studied(session, today)
    for deck_id in deck_ids:
        allowance = max(0, new_per_day - started.get(deck_id, 0))
        if allowance:
            ids += session.scalars(
                select(s.card_id).where(s.deck_id == deck_id, s.queue == Queue.NEW).order_by(s.new_ord).limit(allowance)
            ).all()
    return ids


_LOAD_CARD = Prepared(
    select(
        CardRow.key,
        CardRow.section_key,
        CardRow.deck_id,
        DeckRow.name,
        CardStateRow.queue,
        CardStateRow.due_day,
        CardStateRow.reps,
        CardStateRow.ease,
        CardStateRow.interval,
        CardStateRow.lapses,
    )
    .join(DeckRow, DeckRow.id == CardRow.deck_id)
    .join(CardStateRow, CardStateRow.card_id == CardRow.id)
    .where(CardRow.id == bindparam("card_id"))
)
_SECTION_NOTES = Prepared(
    select(
        NoteRow.key, NoteRow.topic, NoteRow.section_kind, NoteRow.heading, NoteRow.head, NoteRow.body, NoteRow.long_head
    )
    .where(
        NoteRow.deck_id == bindparam("deck_id"),
        NoteRow.section_key == bindparam("section_key"),
        ~NoteRow.retired,
    )
    .order_by(NoteRow.ord)
)


def load_card(session: Session, card_id: int) -> ReviewCard:
    """The card with its content rebuilt from its section's notes, and its state."""
    # Runs between two answers: prepared statements on the connection, plain rows, no ORM objects.
    conn = session.connection()
    row = _LOAD_CARD.first(conn, {"card_id": card_id})
    if row is None:
        raise StoreError(f"card {card_id} does not exist")
    key, section_key, deck_id, deck_name, *state = row
    notes = [NoteFields(*n) for n in _SECTION_NOTES.all(conn, {"deck_id": deck_id, "section_key": section_key})]
    card = card_from_notes(key, notes)
    return ReviewCard(card_id=card_id, deck=deck_name, card=card, state=state_from_values(state))


@dataclass(frozen=True, slots=True)
class Answer:
    """What recording one answer did."""

    log_id: int
    before: CardState
    after: CardState


# The answer path runs once per keypress: its statements are built once here (SQLAlchemy then reuses
# their compiled form) and run on the session's connection, skipping ORM statement handling.
_STATE = CardStateRow
_LOAD_STATE = Prepared(
    select(_STATE.queue, _STATE.due_day, _STATE.reps, _STATE.ease, _STATE.interval, _STATE.lapses).where(
        _STATE.card_id == bindparam("card_id")
    )
)
_SAVE_STATE = Prepared(
    update(_STATE)
    .where(_STATE.card_id == bindparam("b_card_id"))
    .values(
        queue=bindparam("b_queue"),
        due_day=bindparam("b_due_day"),
        reps=bindparam("b_reps"),
        ease=bindparam("b_ease"),
        interval=bindparam("b_interval"),
        lapses=bindparam("b_lapses"),
        last_review=bindparam("b_last_review", type_=_STATE.last_review.type),
    )
)
_LOG_COLUMNS = [c.key for c in ReviewLogRow.__table__.columns if c.key != "id"]
_LOG_ANSWER = Prepared(
    insert(ReviewLogRow)
    .values({c: bindparam(f"b_{c}", type_=ReviewLogRow.__table__.c[c].type) for c in _LOG_COLUMNS})
    .returning(ReviewLogRow.id)
)


def record_answer(
    session: Session, card_id: int, quality: int, *, now: datetime, today: int, duration_ms: int = 0
) -> Answer:
    """Grade a card with SM-2, update its state and append the answer to the review log.

    The caller commits; nothing is written if the caller's transaction rolls back.
    """
    check_quality(quality)
    conn = session.connection()
    row = _LOAD_STATE.first(conn, {"card_id": card_id})
    if row is None:
        raise StoreError(f"card {card_id} does not exist")
    before = state_from_values(row)
    new = review(before.sm2, quality)
    lapses = before.lapses + (1 if quality < 3 and before.reps > 0 else 0)
    after = CardState(
        queue=Queue.REVIEW,
        due_day=today + new.interval,
        reps=new.repetitions,
        ease=new.ease,
        interval=new.interval,
        lapses=lapses,
    )
    _SAVE_STATE.run(
        conn,
        {
            "b_card_id": card_id,
            "b_queue": after.queue,
            "b_due_day": after.due_day,
            "b_reps": after.reps,
            "b_ease": after.ease,
            "b_interval": after.interval,
            "b_lapses": after.lapses,
            "b_last_review": now,
        },
    )
    # A CardStateRow this session loaded before would now be stale.
    loaded = session.identity_map.get(identity_key(CardStateRow, card_id))
    if loaded is not None:
        session.expire(loaded)
    log = {
        "card_id": card_id,
        "reviewed_at": now,
        "day": today,
        "quality": quality,
        "duration_ms": max(0, int(duration_ms)),
        "queue_before": before.queue,
        "reps_before": before.reps,
        "ease_before": before.ease,
        "interval_before": before.interval,
        "due_before": before.due_day,
        "lapses_before": before.lapses,
        "queue_after": after.queue,
        "reps_after": after.reps,
        "ease_after": after.ease,
        "interval_after": after.interval,
        "due_after": after.due_day,
        "lapses_after": after.lapses,
    }
    inserted = _LOG_ANSWER.first(conn, {f"b_{k}": v for k, v in log.items()})
    assert inserted is not None
    return Answer(log_id=inserted[0], before=before, after=after)


def undo_answer(session: Session, log_id: int) -> int:
    """Take back one answer: restore the card's state from the log entry and delete the entry.

    Returns:
        The card id whose answer was undone.
    """
    log = session.get(ReviewLogRow, log_id)
    if log is None:
        raise StoreError(f"review {log_id} does not exist")
    previous = session.scalars(
        select(ReviewLogRow.reviewed_at)
        .where(ReviewLogRow.card_id == log.card_id, ReviewLogRow.id < log_id)
        .order_by(ReviewLogRow.id.desc())
        .limit(1)
    ).first()
    session.execute(
        update(CardStateRow)
        .where(CardStateRow.card_id == log.card_id)
        .values(
            queue=log.queue_before,
            reps=log.reps_before,
            ease=log.ease_before,
            interval=log.interval_before,
            due_day=log.due_before,
            lapses=log.lapses_before,
            last_review=previous,
        )
    )
    session.execute(delete(ReviewLogRow).where(ReviewLogRow.id == log_id))
    return log.card_id


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
