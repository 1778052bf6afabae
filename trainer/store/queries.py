"""Store queries for the daily drill: counts, the due queue, loading cards; answers live in `answers`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import Select, and_, case, func, literal_column, select
from sqlalchemy.orm import Session

from trainer.cards import paired_section
from trainer.errors import StaleCardError, StoreError
from trainer.sched.queue import Candidate, Limits, Today, build_queue
from trainer.sched.state import Algorithm
from trainer.store.answers import Answer, Leech, leeches, record_answer, undo_answer, write_answer
from trainer.store.convert import (
    DeckSummary,
    ReviewCard,
    candidate_from_row,
    card_from_notes,
    state_from_row,
)
from trainer.store.models import CardRow, CardStateRow, DeckRow, NoteRow, Queue, ReviewLogRow

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

LimitsFor = Callable[[str], Limits]

_CANDIDATE_COLUMNS = (
    CardStateRow.card_id,
    CardStateRow.deck_id,
    CardStateRow.queue,
    CardStateRow.due_day,
    CardStateRow.new_ord,
    CardRow.key,
    CardRow.kind,
    CardRow.section_key,
)


def due_reviews_stmt(deck_id: int, today: int) -> Select:  # type: ignore[type-arg]
    """Reviews of one deck due by `today`, most overdue first (served by ix_card_state_due)."""
    s = CardStateRow
    return (
        select(*_CANDIDATE_COLUMNS)
        .join(CardRow, CardRow.id == s.card_id)
        .where(s.deck_id == deck_id, s.queue == Queue.REVIEW, s.due_day <= today)
        .order_by(s.due_day, s.card_id)
    )


def new_cards_stmt(deck_id: int, limit: int) -> Select:  # type: ignore[type-arg]
    """The first `limit` new cards of one deck in document order (served by ix_card_state_new)."""
    s = CardStateRow
    return (
        select(*_CANDIDATE_COLUMNS)
        .join(CardRow, CardRow.id == s.card_id)
        # A literal, not a bound value, so SQLite sees that the partial index (queue = 0) applies.
        .where(s.deck_id == deck_id, s.queue == literal_column(str(int(Queue.NEW))))
        .order_by(s.new_ord, s.card_id)
        .limit(limit)
    )


def today_activity(session: Session, today: int, deck_ids: Iterable[int] | None = None) -> Today:
    """What the review log says about study day `today`: answered cards, pending repeats, counts."""
    rows = session.execute(
        select(ReviewLogRow.quality, ReviewLogRow.repeat, ReviewLogRow.queue_before, *_CANDIDATE_COLUMNS)
        .join(CardStateRow, CardStateRow.card_id == ReviewLogRow.card_id)
        .join(CardRow, CardRow.id == ReviewLogRow.card_id)
        .where(ReviewLogRow.day == today)
        .order_by(ReviewLogRow.id)
    ).all()
    wanted = None if deck_ids is None else set(deck_ids)
    answered: dict[int, Candidate] = {}
    last_quality: dict[int, int] = {}
    new_done: dict[int, int] = defaultdict(int)
    reviews_done: dict[int, int] = defaultdict(int)
    new_queue = Queue.NEW
    for r in rows:
        deck_id, card_id = r.deck_id, r.card_id
        if wanted is not None and deck_id not in wanted:
            continue
        if card_id not in answered:
            answered[card_id] = candidate_from_row(r)
        last_quality[card_id] = r.quality
        if not r.repeat:
            if r.queue_before == new_queue:
                new_done[deck_id] += 1
            else:
                reviews_done[deck_id] += 1
    gone = (Queue.SUSPENDED, Queue.RETIRED, Queue.BURIED)
    pending = [c for cid, c in answered.items() if last_quality[cid] < 4 and c.queue not in gone]
    return Today(
        answered=tuple(answered.values()),
        pending=tuple(pending),
        new_done=dict(new_done),
        reviews_done=dict(reviews_done),
    )


def deck_names(session: Session, deck_ids: Iterable[int] | None = None) -> dict[int, str]:
    """Deck names by id."""
    stmt = select(DeckRow.id, DeckRow.name)
    if deck_ids is not None:
        stmt = stmt.where(DeckRow.id.in_(list(deck_ids)))
    return {r.id: r.name for r in session.execute(stmt).all()}


def deck_algorithms(session: Session, deck_ids: Iterable[int]) -> dict[int, Algorithm]:
    """The scheduler each deck uses (`scheduler:` in its file)."""
    rows = session.execute(select(DeckRow.id, DeckRow.scheduler).where(DeckRow.id.in_(list(deck_ids)))).all()
    return {r.id: Algorithm.parse(r.scheduler) for r in rows}


def _limits_by_id(names: Mapping[int, str], limits_for: LimitsFor | None, new_per_day: int) -> dict[int, Limits]:
    if limits_for is None:
        return {deck_id: Limits(new=new_per_day) for deck_id in names}
    return {deck_id: limits_for(name) for deck_id, name in names.items()}


def plan_day(
    session: Session,
    today: int,
    deck_ids: list[int],
    *,
    limits_for: LimitsFor | None = None,
    new_per_day: int = Limits().new,
    activity: Today | None = None,
) -> list[Candidate]:
    """The day's queue for these decks: pending repeats, due reviews, new cards, within the limits.

    Args:
        session: An open session.
        today: The study day number.
        deck_ids: The decks to study.
        limits_for: Each deck's limits by deck name (default: `new_per_day` new, the default reviews).
        new_per_day: New cards per deck when `limits_for` is not given.
        activity: `today_activity(session, today, deck_ids)` when the caller already has it.
    """
    limits = _limits_by_id(deck_names(session, deck_ids), limits_for, new_per_day)
    if activity is None:
        activity = today_activity(session, today, deck_ids)
    reviews: list[Candidate] = []
    new: list[Candidate] = []
    for deck_id in deck_ids:
        lim = limits.get(deck_id, Limits())
        reviews_left = max(0, lim.reviews - (activity.reviews_done or {}).get(deck_id, 0))
        if reviews_left:  # a deck whose reviews are done for today needs no scan of its due cards
            reviews += _due_reviews(session, deck_id, today, lim, activity)
        allowance = max(0, lim.new - (activity.new_done or {}).get(deck_id, 0))
        if allowance:
            # Extra rows stand in for list cards that wait a day because a sibling is studied today.
            extra = 2 * allowance + 10
            new += [candidate_from_row(r) for r in session.execute(new_cards_stmt(deck_id, extra)).all()]
    return build_queue(reviews, new, today=activity, limits=limits)


# Due reviews read first per deck: this many times the places left, plus this many (see `_due_reviews`).
REVIEW_PREFIX_FACTOR = 3
REVIEW_PREFIX_EXTRA = 50


def _due_reviews(session: Session, deck_id: int, today: int, limits: Limits, activity: Today) -> list[Candidate]:
    """Enough of a deck's due reviews, most overdue first, for `build_queue` to pick the same ones as from all.

    `build_queue` takes reviews in this order, skipping siblings of cards already studied, until the
    deck's places are filled. When a prefix of the due reviews fills them, the reviews after it are
    never taken, so only the prefix is read (a backlog of thousands costs a few hundred rows);
    otherwise the rest is read too.
    """
    stmt = due_reviews_stmt(deck_id, today)
    places = max(0, limits.reviews - (activity.reviews_done or {}).get(deck_id, 0))
    size = REVIEW_PREFIX_FACTOR * places + REVIEW_PREFIX_EXTRA
    prefix = [candidate_from_row(r) for r in session.execute(stmt.limit(size)).all()]
    if len(prefix) < size:
        return prefix  # every due review
    mine = {id(c) for c in prefix}
    taken = build_queue(prefix, [], today=activity, limits={deck_id: Limits(new=0, reviews=limits.reviews)})
    if sum(1 for c in taken if id(c) in mine) >= places:
        return prefix
    return [candidate_from_row(r) for r in session.execute(stmt).all()]


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
    s = CardStateRow
    counts = select(
        s.deck_id,
        func.sum(case((and_(s.queue == Queue.REVIEW, s.due_day <= today), 1), else_=0)).label("due"),
        func.sum(case((s.queue == Queue.NEW, 1), else_=0)).label("new"),
        func.sum(case((s.queue != Queue.RETIRED, 1), else_=0)).label("total"),
    ).group_by(s.deck_id)
    by_deck = {r.deck_id: r for r in session.execute(counts).all()}
    activity = today_activity(session, today)
    pending: dict[int, int] = defaultdict(int)
    for c in activity.pending:
        pending[c.deck_id] += 1
    names = dict(session.execute(select(DeckRow.id, DeckRow.name).order_by(DeckRow.name)).all())
    limits = _limits_by_id(names, limits_for, new_per_day)
    out = []
    for deck_id, name in sorted(names.items(), key=lambda kv: kv[1]):
        r = by_deck.get(deck_id)
        lim = limits[deck_id]
        new_left = max(0, lim.new - (activity.new_done or {}).get(deck_id, 0))
        reviews_left = max(0, lim.reviews - (activity.reviews_done or {}).get(deck_id, 0))
        out.append(
            DeckSummary(
                deck_id=deck_id,
                name=name,
                due=min(int(r.due or 0), reviews_left) if r else 0,
                new=min(int(r.new or 0), new_left) if r else 0,
                learning=pending.get(deck_id, 0),
                total=int(r.total or 0) if r else 0,
            )
        )
    return out


def load_cards(session: Session, card_ids: Iterable[int], *, stale: set[int] | None = None) -> dict[int, ReviewCard]:
    """Cards with their content and state, in bulk: a few queries whatever the number of cards.

    Args:
        session: The caller's session.
        card_ids: The cards to read.
        stale: When given, cards their notes no longer give are added to it and left out of the
            result; otherwise they raise.

    Raises:
        StaleCardError: some cards are no longer given by their notes (and `stale` is None).
        StoreError: a card does not exist.
    """
    ids = list(dict.fromkeys(card_ids))
    rows: list[Any] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows += session.execute(
            select(CardRow.id, CardRow.key, CardRow.section_key, CardRow.deck_id, DeckRow.name, CardStateRow)
            .join(DeckRow, DeckRow.id == CardRow.deck_id)
            .join(CardStateRow, CardStateRow.card_id == CardRow.id)
            .where(CardRow.id.in_(chunk))
        ).all()
    sections = {(r.deck_id, r.section_key) for r in rows}
    sections |= {(r.deck_id, paired) for r in rows if (paired := paired_section(r.key))}
    notes: dict[tuple[int, str], list[NoteRow]] = defaultdict(list)
    by_deck: dict[int, list[str]] = defaultdict(list)
    for deck_id, skey in sections:
        by_deck[deck_id].append(skey)
    for deck_id, skeys in by_deck.items():
        for start in range(0, len(skeys), 500):
            for note in session.scalars(
                select(NoteRow)
                .where(
                    NoteRow.deck_id == deck_id, NoteRow.section_key.in_(skeys[start : start + 500]), ~NoteRow.retired
                )
                .order_by(NoteRow.section_key, NoteRow.ord)
            ):
                notes[(deck_id, note.section_key)].append(note)
    out = {}
    gone: dict[int, str] = {}
    for r in rows:
        own = notes[(r.deck_id, r.section_key)]
        paired = paired_section(r.key)
        try:
            card = card_from_notes(r.key, own + notes[(r.deck_id, paired)] if paired else own)
        except StaleCardError:
            gone[r.id] = r.key
            continue
        out[r.id] = ReviewCard(card_id=r.id, deck=r.name, card=card, state=state_from_row(r.CardStateRow))
    if gone and stale is None:
        raise StaleCardError(
            f"{len(gone)} card(s) are no longer given by their points: {', '.join(gone.values())}",
            card_ids=tuple(gone),
            keys=tuple(gone.values()),
        )
    if gone and stale is not None:
        stale.update(gone)
    missing = [i for i in ids if i not in out and i not in gone]
    if missing:
        raise StoreError(f"card {missing[0]} does not exist")
    return out


def load_card(session: Session, card_id: int) -> ReviewCard:
    """The card with its content rebuilt from its section's notes, and its state."""
    row = session.execute(
        select(CardRow.key, CardRow.section_key, CardRow.deck_id, DeckRow.name, CardStateRow)
        .join(DeckRow, DeckRow.id == CardRow.deck_id)
        .join(CardStateRow, CardStateRow.card_id == CardRow.id)
        .where(CardRow.id == card_id)
    ).first()
    if row is None:
        raise StoreError(f"card {card_id} does not exist")
    keys = [row.section_key]
    if paired := paired_section(row.key):
        keys.append(paired)
    notes = (
        session.execute(
            select(NoteRow)
            .where(NoteRow.deck_id == row.deck_id, NoteRow.section_key.in_(keys), ~NoteRow.retired)
            .order_by(NoteRow.section_key, NoteRow.ord)
        )
        .scalars()
        .all()
    )
    try:
        card = card_from_notes(row.key, list(notes))
    except StaleCardError as exc:
        raise StaleCardError(exc.message, card_ids=(card_id,), keys=exc.keys) from None
    return ReviewCard(card_id=card_id, deck=row.name, card=card, state=state_from_row(row.CardStateRow))


def next_due_day(session: Session, after_day: int, deck_ids: list[int]) -> int | None:
    """The first day after `after_day` with a review due in these decks."""
    return session.scalars(
        select(func.min(CardStateRow.due_day)).where(
            CardStateRow.deck_id.in_(deck_ids),
            CardStateRow.queue == Queue.REVIEW,
            CardStateRow.due_day > after_day,
        )
    ).first()


def answered_on_day(session: Session, card_ids: Iterable[int], day: int) -> set[int]:
    """Which of these cards have an answer logged on study day `day` (by any process)."""
    ids = list(card_ids)
    out: set[int] = set()
    for start in range(0, len(ids), 500):
        out.update(
            session.scalars(
                select(ReviewLogRow.card_id).where(
                    ReviewLogRow.day == day, ReviewLogRow.card_id.in_(ids[start : start + 500])
                )
            )
        )
    return out


def reviews_on(session: Session, day: int) -> int:
    """How many answers were given on a study day."""
    return session.scalar(select(func.count()).select_from(ReviewLogRow).where(ReviewLogRow.day == day)) or 0
