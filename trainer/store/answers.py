"""Recording answers: one UPDATE and one INSERT per answer, undo from the log, leeches; no scheduling rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, exists, insert, select, update
from sqlalchemy.orm import Session

from trainer.errors import StoreError
from trainer.sched.answer import Outcome, Policy, grade
from trainer.sched.state import Algorithm, Queue, Schedule
from trainer.store.convert import CardState, state_from_row
from trainer.store.models import CardRow, CardStateRow, DeckRow, ReviewLogRow


@dataclass(frozen=True, slots=True)
class Answer:
    """What recording one answer did."""

    log_id: int
    before: CardState
    after: CardState
    repeat: bool = False
    again: bool = False
    became_leech: bool = False


def write_answer(
    session: Session,
    card_id: int,
    before: Schedule,
    outcome: Outcome,
    *,
    quality: int,
    policy: Policy,
    now: datetime,
    today: int,
    duration_ms: int = 0,
) -> int:
    """Store an answer already graded by `trainer.sched.grade`: one UPDATE and one INSERT.

    The UPDATE only matches if the card still has the `before` schedule, so an answer given meanwhile on
    another device is never overwritten silently.

    Returns:
        The new review-log id.

    Raises:
        StoreError: the card no longer has the `before` schedule (changed elsewhere) or does not exist.
    """
    after = outcome.after
    s = CardStateRow
    changed = session.execute(
        update(s)
        .where(
            s.card_id == card_id,
            s.queue == before.queue,
            s.due_day == before.due_day,
            s.reps == before.reps,
            s.lapses == before.lapses,
        )
        .values(
            queue=after.queue,
            due_day=after.due_day,
            reps=after.reps,
            ease=after.ease,
            interval=after.interval,
            lapses=after.lapses,
            leech=after.leech,
            stability=after.stability,
            difficulty=after.difficulty,
            last_review=now,
        )
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]
        raise StoreError(f"card {card_id} was changed elsewhere (or removed); start the review again")
    log_id: int = session.execute(
        insert(ReviewLogRow)
        .values(
            card_id=card_id,
            reviewed_at=now,
            day=today,
            quality=quality,
            duration_ms=max(0, int(duration_ms)),
            repeat=outcome.repeat,
            scheduler=policy.algorithm.value,
            exam_day=policy.exam_day,
            fuzz=policy.fuzz,
            queue_before=before.queue,
            reps_before=before.reps,
            ease_before=before.ease,
            interval_before=before.interval,
            due_before=before.due_day,
            lapses_before=before.lapses,
            leech_before=before.leech,
            stability_before=before.stability,
            difficulty_before=before.difficulty,
            queue_after=after.queue,
            reps_after=after.reps,
            ease_after=after.ease,
            interval_after=after.interval,
            due_after=after.due_day,
            lapses_after=after.lapses,
            leech_after=after.leech,
            stability_after=after.stability,
            difficulty_after=after.difficulty,
        )
        .returning(ReviewLogRow.id)
    ).scalar_one()
    return log_id


def deck_policy(session: Session, card_id: int, *, exam_day: int | None = None, fuzz: bool = False) -> Policy:
    """The policy for a card: its deck's scheduler with the learner's exam day and fuzz setting."""
    name = session.scalar(
        select(DeckRow.scheduler).join(CardRow, CardRow.deck_id == DeckRow.id).where(CardRow.id == card_id)
    )
    return Policy(algorithm=Algorithm.parse(name), exam_day=exam_day, fuzz=fuzz)


def answered_on(session: Session, card_id: int, day: int) -> bool:
    """True when the card already has an answer logged on study day `day`."""
    return bool(session.scalar(select(exists().where(ReviewLogRow.card_id == card_id, ReviewLogRow.day == day))))


def record_answer(
    session: Session,
    card_id: int,
    quality: int,
    *,
    now: datetime,
    today: int,
    duration_ms: int = 0,
    policy: Policy | None = None,
) -> Answer:
    """Grade a card, update its state and append the answer to the review log.

    The slow but self-contained path (reads the card, its deck's scheduler and today's log first); the
    study session uses `write_answer` with what it already holds. The caller commits.
    """
    row = session.get(CardStateRow, card_id)
    if row is None:
        raise StoreError(f"card {card_id} does not exist")
    before = state_from_row(row)
    policy = policy or deck_policy(session, card_id)
    outcome = grade(
        before, quality, today=today, card_id=card_id, policy=policy, repeat=answered_on(session, card_id, today)
    )
    session.expunge(row)
    log_id = write_answer(
        session,
        card_id,
        before,
        outcome,
        quality=quality,
        policy=policy,
        now=now,
        today=today,
        duration_ms=duration_ms,
    )
    return Answer(
        log_id=log_id,
        before=before,
        after=outcome.after,
        repeat=outcome.repeat,
        again=outcome.again,
        became_leech=outcome.became_leech,
    )


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
            leech=log.leech_before,
            stability=log.stability_before,
            difficulty=log.difficulty_before,
            last_review=previous,
        )
        .execution_options(synchronize_session=False)
    )
    card_id = log.card_id
    session.expunge(log)
    session.execute(delete(ReviewLogRow).where(ReviewLogRow.id == log_id))
    return card_id


@dataclass(frozen=True, slots=True)
class Leech:
    """A card forgotten so often it was suspended, for the learner to rewrite."""

    card_id: int
    deck: str
    key: str
    lapses: int
    suspended: bool


def leeches(session: Session, deck_id: int | None = None) -> list[Leech]:
    """Every card flagged as a leech (retired ones left out), by deck then most lapses first."""
    stmt = (
        select(CardRow.id, DeckRow.name, CardRow.key, CardStateRow.lapses, CardStateRow.queue)
        .join(CardStateRow, CardStateRow.card_id == CardRow.id)
        .join(DeckRow, DeckRow.id == CardRow.deck_id)
        .where(CardStateRow.leech.is_(True), CardRow.retired.is_(False))
        .order_by(DeckRow.name, CardStateRow.lapses.desc(), CardRow.id)
    )
    if deck_id is not None:
        stmt = stmt.where(CardRow.deck_id == deck_id)
    return [
        Leech(card_id=r.id, deck=r.name, key=r.key, lapses=r.lapses, suspended=r.queue == Queue.SUSPENDED)
        for r in session.execute(stmt).all()
    ]
