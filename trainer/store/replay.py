"""Replaying the review log: rebuild every card's schedule from its answers and compare; read-only."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from trainer.core.cards import CardKind, head_key, point_of
from trainer.sched.answer import Policy, grade
from trainer.sched.lists import became_known
from trainer.sched.memory import Memory, fold, remember
from trainer.sched.state import NEW_CARD, Algorithm, Queue, Schedule
from trainer.store import lists
from trainer.store.convert import state_from_row
from trainer.store.models import CardRow, CardStateRow, DeckRow, ReviewLogRow
from trainer.store.resets import merged, resets_by_card

_FIELDS = tuple(f.name for f in fields(Schedule))


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One card whose stored schedule is not what its review log gives.

    Attributes:
        card_id: The card.
        deck: Its deck's name.
        key: Its stable key.
        field: The schedule field that differs.
        stored: The value in card_state.
        rebuilt: The value the log gives.
    """

    card_id: int
    deck: str
    key: str
    field: str
    stored: object
    rebuilt: object


@dataclass(frozen=True, slots=True)
class ReplayReport:
    """What a replay checked and found."""

    cards: int
    reviews: int
    mismatches: tuple[Mismatch, ...]

    @property
    def ok(self) -> bool:
        """True when every stored schedule equals the one rebuilt from the log."""
        return not self.mismatches


def policy_of(row: ReviewLogRow) -> Policy:
    """The policy an answer was scheduled with, as its log row recorded it."""
    return Policy(
        algorithm=Algorithm.parse(row.scheduler),
        exam_day=row.exam_day,
        fuzz=bool(row.fuzz),
        exam_target=row.exam_target,
    )


def rebuild(
    card_id: int,
    rows: list[ReviewLogRow],
    first_known: dict[int, tuple[int, int]] | None = None,
    resets: Sequence[tuple[datetime, Schedule]] = (),
    planned: Mapping[int, Memory | None] | None = None,
) -> Schedule:
    """A card's schedule from its log rows (oldest first), starting from a new card, with the schedules
    set by hand (forget, reschedule) applied at their moments.

    Args:
        first_known: When given, (log id, study day) of the answer that first made the card known is put in it.
        resets: The card's schedules set by hand, with their moments.
        planned: The memory exam mode planned each answer logged with `point_memory` by, by log id
            (`point_memories`); other answers (and all without it) plan by the card's own answers.
    """
    state = NEW_CARD
    memory: Memory | None = None  # exam mode plans by the FSRS memory of every earlier answer
    for event in merged(rows, resets):
        if isinstance(event, Schedule):
            state = event
            if event.queue is Queue.NEW:  # forgotten by hand: exam mode plans it as a new point
                memory = None
            continue
        row = cast(ReviewLogRow, event)
        after = grade(
            state,
            row.quality,
            today=row.day,
            card_id=card_id,
            policy=policy_of(row),
            repeat=bool(row.repeat),
            memory=planned.get(row.id) if planned is not None and row.point_memory else memory,
        ).after
        memory = remember(memory, row.quality, row.day)
        if first_known is not None and card_id not in first_known and became_known(state, after):
            first_known[card_id] = (row.id, row.day)
        state = after
    return state


def owners(session: Session) -> dict[int, int]:
    """Each card that asks a point another way mapped to its point's head card, as
    `trainer.store.exam_reads.owners` maps them for the session (retired cards too)."""
    cards = session.execute(select(CardRow.id, CardRow.deck_id, CardRow.key, CardRow.kind)).all()
    heads = {(r.deck_id, r.key): r.id for r in cards if r.kind == CardKind.HEAD}
    out = {}
    for r in cards:
        if r.kind not in (CardKind.HEAD, CardKind.LIST):
            head = heads.get((r.deck_id, head_key(point_of(r.key, r.kind))))
            if head is not None:
                out[r.id] = head
    return out


def point_memories(
    session: Session, owner: Mapping[int, int], resets: Mapping[int, Sequence[tuple[datetime, Schedule]]]
) -> dict[int, Memory | None]:
    """The memory exam mode planned each answer logged with `point_memory` by, by log id: its point's,
    folded from the earlier answers of every card of the point (`trainer.store.exam_reads.memories`), a
    card's answers before a forget of it left out from that forget on."""
    forgets: dict[int, list[tuple[datetime, int]]] = defaultdict(list)  # point -> (moment, card forgotten)
    for card_id, hand_set in resets.items():
        for at, state in hand_set:
            if state.queue is Queue.NEW:
                forgets[owner.get(card_id, card_id)].append((at, card_id))
    for events in forgets.values():
        events.sort()
    history: dict[int, list[tuple[int, datetime, int, int]]] = defaultdict(list)  # point -> (card, at, day, quality)
    memory: dict[int, Memory | None] = {}
    applied: dict[int, int] = defaultdict(int)  # point -> forgets applied so far
    out: dict[int, Memory | None] = {}
    rows = session.execute(
        select(
            ReviewLogRow.id,
            ReviewLogRow.card_id,
            ReviewLogRow.reviewed_at,
            ReviewLogRow.day,
            ReviewLogRow.quality,
            ReviewLogRow.point_memory,
        )
        .order_by(ReviewLogRow.id)
        .execution_options(yield_per=5000)
    )
    for log_id, card_id, at, day, quality, by_point in rows:
        point = owner.get(card_id, card_id)
        moments = forgets.get(point)
        if moments is not None:  # only a point with a forget keeps its history, to fold it again
            n = applied[point]
            if n < len(moments) and moments[n][0] < at:
                while n < len(moments) and moments[n][0] < at:
                    n += 1
                applied[point] = n
                gone = moments[:n]
                kept = [h for h in history[point] if not any(c == h[0] and f >= h[1] for f, c in gone)]
                memory[point] = fold((d, q) for _, _, d, q in kept)
            history[point].append((card_id, at, day, quality))
        if by_point:  # only answers exam mode planned by their point's memory
            out[log_id] = memory.get(point)
        memory[point] = remember(memory.get(point), quality, day)
    return out


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def _queue_set_aside(stored: Schedule, rebuilt: Schedule, retired: bool) -> bool:
    """Whether a queue that differs from the log's is the doing of something the log does not record:
    a sync retiring the card, the learner burying or suspending it, or unsuspending a leech."""
    if retired and stored.queue is Queue.RETIRED:
        return True
    if stored.queue in (Queue.BURIED, Queue.SUSPENDED):
        return True
    return stored.queue is Queue.REVIEW and rebuilt.queue is Queue.SUSPENDED and rebuilt.leech


def compare(stored: Schedule, rebuilt: Schedule, *, retired: bool) -> Iterator[tuple[str, object, object]]:
    """The fields where `stored` and `rebuilt` differ; a queue set aside (see `_queue_set_aside`) is not
    a difference, every other field still is."""
    for name in _FIELDS:
        if name == "queue" and _queue_set_aside(stored, rebuilt, retired):
            continue
        a, b = getattr(stored, name), getattr(rebuilt, name)
        if not _same(a, b):
            yield name, a, b


def _logs_by_card(session: Session) -> Iterator[tuple[int, list[ReviewLogRow]]]:
    rows = session.scalars(
        select(ReviewLogRow).order_by(ReviewLogRow.card_id, ReviewLogRow.id).execution_options(yield_per=2000)
    )
    current: int | None = None
    batch: list[ReviewLogRow] = []
    for row in rows:
        if row.card_id != current:
            if current is not None:
                yield current, batch
            current, batch = row.card_id, []
        batch.append(row)
    if current is not None:
        yield current, batch


def replay(session: Session) -> ReplayReport:
    """Rebuild every card's schedule from the review log and list the cards whose stored one differs.

    Cards never answered must still be new cards; a new list or pair card holds the day it may enter
    (`trainer.sched.lists`), which the log gives too. The log is the source of truth; this only reads.
    """
    kinds: dict[int, tuple[str, str, str, int]] = {}
    cards = {
        r.id: (r.key, bool(r.retired), r.name, state_from_row(r.CardStateRow))
        for r in session.execute(
            select(CardRow.id, CardRow.key, CardRow.retired, DeckRow.name, CardStateRow)
            .join(DeckRow, DeckRow.id == CardRow.deck_id)
            .join(CardStateRow, CardStateRow.card_id == CardRow.id)
        ).all()
    }
    for r in session.execute(select(CardRow.id, CardRow.kind, CardRow.key, CardRow.section_key, CardRow.deck_id)):
        if r.id in cards and not cards[r.id][1]:
            kinds[r.id] = (r.kind, r.key, r.section_key, r.deck_id)
    session.expunge_all()
    resets = resets_by_card(session)
    planned = point_memories(session, owners(session), resets)
    session.expunge_all()
    rebuilt: dict[int, Schedule] = {}
    first_known: dict[int, tuple[int, int]] = {}
    reviews = 0
    for card_id, rows in _logs_by_card(session):
        reviews += len(rows)
        rebuilt[card_id] = rebuild(card_id, rows, first_known, resets.pop(card_id, ()), planned)
    for card_id, only in resets.items():  # set by hand, never answered
        rebuilt[card_id] = rebuild(card_id, [], resets=only)
    session.expunge_all()
    entry = lists.expected_days(kinds, first_known)
    mismatches = []
    for card_id, (key, retired, deck, stored) in sorted(cards.items()):
        # A card never answered must still be a new card.
        expected = rebuilt.get(card_id) or replace(NEW_CARD, due_day=entry.get(card_id, 0))
        for name, a, b in compare(stored, expected, retired=retired):
            mismatches.append(Mismatch(card_id=card_id, deck=deck, key=key, field=name, stored=a, rebuilt=b))
    return ReplayReport(cards=len(cards), reviews=reviews, mismatches=tuple(mismatches))
