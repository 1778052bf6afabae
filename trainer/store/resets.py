"""Schedules set by hand from the card browser: forget (back to a new card) and reschedule (a new due
day); each is kept in `card_reset` so `trainer db replay` gives the same schedule. The caller commits."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import fields, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.errors import StoreError
from trainer.sched.state import NEW_CARD, Queue, Schedule
from trainer.store.convert import state_from_row
from trainer.store.models import CardResetRow, CardStateRow

_SCHEDULE = tuple(f.name for f in fields(Schedule))


def _apply(session: Session, card_id: int, after: Schedule, *, kind: str, now: datetime, today: int) -> None:
    row = session.get(CardStateRow, card_id)
    if row is None:
        raise StoreError(f"card {card_id} does not exist")
    for name in _SCHEDULE:
        value = getattr(after, name)
        setattr(row, name, int(value) if name == "queue" else value)
    row.aside_day = None
    if after.queue is Queue.NEW:
        row.last_review = None
    values = {name: getattr(after, name) for name in _SCHEDULE}
    values["queue"] = int(after.queue)
    session.add(CardResetRow(card_id=card_id, at=now, day=today, kind=kind, **values))


def forget(session: Session, card_ids: Sequence[int], *, now: datetime, today: int) -> int:
    """Make these cards new cards again (interval, ease, reps, lapses and leech reset); history kept."""
    for card_id in card_ids:
        _apply(session, card_id, NEW_CARD, kind="forget", now=now, today=today)
    return len(card_ids)


def reschedule(session: Session, card_ids: Sequence[int], days: int, *, now: datetime, today: int) -> int:
    """Make these cards due `days` days from today. A new card becomes a review card of that interval;
    a suspended or buried card goes back to review; the interval and ease of a learned card are kept."""
    for card_id in card_ids:
        row = session.get(CardStateRow, card_id)
        if row is None:
            raise StoreError(f"card {card_id} does not exist")
        state = state_from_row(row)
        interval = state.interval if state.interval > 0 else max(days, 1)
        after = replace(state, queue=Queue.REVIEW, due_day=today + days, interval=interval)
        _apply(session, card_id, after, kind="reschedule", now=now, today=today)
    return len(card_ids)


def resets_by_card(session: Session) -> dict[int, list[tuple[datetime, Schedule]]]:
    """Every hand-set schedule, by card, oldest first, as (moment, schedule)."""
    out: dict[int, list[tuple[datetime, Schedule]]] = {}
    for r in session.scalars(select(CardResetRow).order_by(CardResetRow.id)):
        out.setdefault(r.card_id, []).append((r.at, state_from_row(r)))
    return out


def merged(
    answers: Sequence[object], resets: Sequence[tuple[datetime, Schedule]], moment: str = "reviewed_at"
) -> Iterator[object | Schedule]:
    """Answers (with a `reviewed_at`) and hand-set schedules in time order; a reset at the same moment
    as an answer comes after it."""
    i = 0
    for answer in answers:
        at = getattr(answer, moment)
        while i < len(resets) and resets[i][0] < at:
            yield resets[i][1]
            i += 1
        yield answer
    for _, state in resets[i:]:
        yield state
