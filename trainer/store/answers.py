"""Recording answers: one UPDATE and one INSERT per answer, undo from the log, leeches; no scheduling rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, Table, bindparam, delete, exists, insert, or_, select, update
from sqlalchemy.orm import Session

from trainer.errors import ChangedElsewhereError, StoreError
from trainer.sched.answer import Outcome, Policy, grade
from trainer.sched.lists import became_known
from trainer.sched.state import Algorithm, Queue, Schedule
from trainer.store import lists
from trainer.store.convert import CardState, state_from_row
from trainer.store.models import CardRow, CardStateRow, DayMarkRow, DeckRow, ReviewLogRow


@dataclass(frozen=True, slots=True)
class Answer:
    """What recording one answer did."""

    log_id: int
    before: CardState
    after: CardState
    repeat: bool = False
    again: bool = False
    became_leech: bool = False


_STATE: Table = CardStateRow.__table__  # type: ignore[assignment]
_LOG: Table = ReviewLogRow.__table__  # type: ignore[assignment]
_SCHEDULE_COLUMNS = ("queue", "due_day", "reps", "ease", "interval", "lapses", "leech", "stability", "difficulty")
# Built once: answering only binds values, so no statement is constructed or compiled per answer.
_UPDATE_STATE = (
    update(_STATE)
    .where(
        _STATE.c.card_id == bindparam("w_card_id"),
        _STATE.c.queue == bindparam("w_queue"),
        # A new card's due_day is only the day a list or pair card may enter, which its points becoming
        # known sets while a session holds the card (`lists.on_known`): not a change made elsewhere.
        or_(_STATE.c.due_day == bindparam("w_due_day"), _STATE.c.queue == int(Queue.NEW)),
        _STATE.c.reps == bindparam("w_reps"),
        _STATE.c.lapses == bindparam("w_lapses"),
    )
    .values({name: bindparam(f"n_{name}") for name in (*_SCHEDULE_COLUMNS, "last_review")})
)
# The same, matching only while no answer to the card was logged after the writer's last look at it (by
# another process): one statement, the check an index probe (`ix_review_log_card`).
_UPDATE_STATE_UNANSWERED = _UPDATE_STATE.where(
    ~exists().where(_LOG.c.card_id == bindparam("w_card_id"), _LOG.c.id > bindparam("w_known_log_id"))
)
_INSERT_LOG = insert(_LOG).returning(_LOG.c.id)
# Several rows at once (SQLAlchemy sends them as one INSERT ... VALUES (...), (...) RETURNING).
_INSERT_LOG_CARD = insert(_LOG).returning(_LOG.c.id, _LOG.c.card_id)


class Written(NamedTuple):
    """An answer already graded by `trainer.sched.grade`, as `write_answers` stores it (see `write_answer`)."""

    card_id: int
    before: Schedule
    outcome: Outcome
    quality: int
    duration_ms: int = 0
    via_card_id: int | None = None
    known_log_id: int | None = None


def write_answer(
    session: Session | Connection,
    card_id: int,
    before: Schedule,
    outcome: Outcome,
    *,
    quality: int,
    policy: Policy,
    now: datetime,
    today: int,
    duration_ms: int = 0,
    via_card_id: int | None = None,
    known_log_id: int | None = None,
) -> int:
    """Store an answer already graded by `trainer.sched.grade`: one UPDATE and one INSERT.

    The UPDATE only matches if the card still has the `before` schedule, so an answer given meanwhile on
    another device is never overwritten silently. A same-day repeat changes no schedule, so with
    `known_log_id` an answer logged for the card after that id (by someone else) refuses this one too.
    The answer that makes a head card known (once in its life) also lets the list and pair cards whose
    points are now all known enter tomorrow.

    Args:
        session: A session or connection inside the caller's transaction.
        via_card_id: The list card this point's answer was given through, if any.
        known_log_id: The last review-log id the caller knows of for this card (None: no such check).

    Returns:
        The new review-log id.

    Raises:
        StoreError: the card no longer has the `before` schedule (changed elsewhere) or does not exist.
    """
    a = Written(card_id, before, outcome, quality, duration_ms, via_card_id, known_log_id)
    values = _update_values(a, now)
    if known_log_id is None:
        changed = session.execute(_UPDATE_STATE, values)
    else:
        changed = session.execute(_UPDATE_STATE_UNANSWERED, values)
    if changed.rowcount != 1:  # type: ignore[attr-defined]
        raise ChangedElsewhereError(
            f"card {card_id} was changed elsewhere (or removed); start the review again", card_id=card_id
        )
    log_id: int = session.execute(_INSERT_LOG, _log_row(a, policy, now, today)).scalar_one()
    if became_known(before, outcome.after):
        lists.on_known(session, card_id, today)
    return log_id


def write_answers(
    conn: Connection, answers: Sequence[Written], *, policy: Policy, now: datetime, today: int
) -> list[int]:
    """Store answers graded together (a list card's and its points'), in the caller's transaction, with
    `write_answer`'s checks: the UPDATEs as one executemany per statement (with and without the check for
    answers given elsewhere), the log rows in one INSERT, then one look for the list and pair cards the
    points now known let in. Returns the new log ids in the order of `answers` (card ids are distinct).

    Raises:
        StoreError: a card no longer has its `before` schedule (changed elsewhere) or does not exist.
    """
    if len(answers) == 1 or not conn.dialect.supports_sane_multi_rowcount:  # each on its own, checked
        return [
            write_answer(
                conn,
                *a[:3],
                quality=a.quality,
                policy=policy,
                now=now,
                today=today,
                duration_ms=a.duration_ms,
                via_card_id=a.via_card_id,
                known_log_id=a.known_log_id,
            )
            for a in answers
        ]
    for checked in (False, True):
        group = [a for a in answers if (a.known_log_id is not None) == checked]
        if not group:
            continue
        stmt = _UPDATE_STATE_UNANSWERED if checked else _UPDATE_STATE
        params = [_update_values(a, now) for a in group]
        changed = conn.execute(stmt, params[0] if len(params) == 1 else params)
        if changed.rowcount != len(group):
            card = group[0].via_card_id or group[0].card_id
            raise ChangedElsewhereError(
                f"card {card} (or a point it asks for) was changed elsewhere (or removed); start the review again",
                card_id=card,
            )
    rows = conn.execute(_INSERT_LOG_CARD, [_log_row(a, policy, now, today) for a in answers]).all()
    ids = {card_id: log_id for log_id, card_id in rows}
    lists.on_known_many(conn, [a.card_id for a in answers if became_known(a.before, a.outcome.after)], today)
    return [ids[a.card_id] for a in answers]


class Replayed(NamedTuple):
    """A past answer already graded by `trainer.sched.grade`, with its own moment and study day."""

    card_id: int
    before: Schedule
    outcome: Outcome
    quality: int
    duration_ms: int
    at: datetime
    today: int


def write_replayed(session: Session | Connection, answers: Sequence[Replayed], *, policy: Policy) -> None:
    """Store past answers (in time order; a card's answers follow one another) with `write_answer`'s
    effects, in the caller's transaction: the log rows in one executemany, each card's schedule written
    once (checked against the schedule it had), except that a card is written as it then was before
    each answer that makes a head card known, so the list and pair cards that answer lets in see the
    points' schedules of that moment (`lists.on_known`).

    Raises:
        StoreError: a card no longer has the schedule it had (changed elsewhere) or does not exist.
    """
    stored: dict[int, Schedule] = {}  # what the database holds, for the cards written since
    pending: dict[int, tuple[Schedule, datetime]] = {}

    def flush() -> None:
        if not pending:
            return
        params = [_state_values(cid, stored[cid], after, at) for cid, (after, at) in pending.items()]
        changed = session.execute(_UPDATE_STATE, params[0] if len(params) == 1 else params)
        if changed.rowcount != len(params):  # type: ignore[attr-defined]
            raise ChangedElsewhereError(
                "a card was changed elsewhere (or removed) during the import; nothing was written"
            )
        stored.update((cid, after) for cid, (after, _at) in pending.items())
        pending.clear()

    for a in answers:
        stored.setdefault(a.card_id, a.before)
        pending[a.card_id] = (a.outcome.after, a.at)
        if became_known(a.before, a.outcome.after):
            flush()
            lists.on_known(session, a.card_id, a.today)
    flush()
    rows = [
        _log_row(Written(a.card_id, a.before, a.outcome, a.quality, a.duration_ms), policy, a.at, a.today)
        for a in answers
    ]
    if rows:
        session.execute(insert(_LOG), rows)


def _update_values(a: Written, now: datetime) -> dict[str, Any]:
    values = _state_values(a.card_id, a.before, a.outcome.after, now)
    if a.known_log_id is not None:
        values["w_known_log_id"] = a.known_log_id
    return values


def _state_values(card_id: int, before: Schedule, after: Schedule, now: datetime) -> dict[str, Any]:
    values: dict[str, Any] = {f"n_{name}": getattr(after, name) for name in _SCHEDULE_COLUMNS}
    values["n_queue"] = int(after.queue)
    values["n_last_review"] = now
    values.update(
        w_card_id=card_id,
        w_queue=int(before.queue),
        w_due_day=before.due_day,
        w_reps=before.reps,
        w_lapses=before.lapses,
    )
    return values


def _log_row(a: Written, policy: Policy, now: datetime, today: int) -> dict[str, Any]:
    before, outcome, after = a.before, a.outcome, a.outcome.after
    row: dict[str, Any] = {
        "card_id": a.card_id,
        "reviewed_at": now,
        "day": today,
        "quality": a.quality,
        "duration_ms": max(0, int(a.duration_ms)),
        "repeat": outcome.repeat,
        "scheduler": policy.algorithm.value,
        "exam_day": policy.exam_day,
        "fuzz": policy.fuzz,
        "exam_target": policy.exam_target,
        "via_card_id": a.via_card_id,
        "point_memory": policy.exam_target is not None,  # exam mode plans by the point's memory
    }
    for name, col in (("queue", "queue"), ("reps", "reps"), ("ease", "ease"), ("interval", "interval")):
        row[f"{col}_before"] = getattr(before, name)
        row[f"{col}_after"] = getattr(after, name)
    row["queue_before"], row["queue_after"] = int(before.queue), int(after.queue)
    for name in ("lapses", "leech", "stability", "difficulty"):
        row[f"{name}_before"] = getattr(before, name)
        row[f"{name}_after"] = getattr(after, name)
    row["due_before"], row["due_after"] = before.due_day, after.due_day
    return row


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
    was = Schedule(queue=Queue(log.queue_before), reps=log.reps_before, lapses=log.lapses_before)
    now = Schedule(queue=Queue(log.queue_after), reps=log.reps_after, lapses=log.lapses_after)
    if became_known(was, now):
        lists.on_unknown(session, card_id)
    session.expunge(log)
    session.execute(delete(ReviewLogRow).where(ReviewLogRow.id == log_id))
    session.execute(delete(DayMarkRow))  # the day summaries hold this answer: rebuild them from the log
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
