"""Paged search over points and their cards for the browser and the home overview; never loads every row."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Select, and_, case, distinct, func, literal, select
from sqlalchemy.orm import Session

from trainer.sched.lists import absorb_pending
from trainer.store import drill
from trainer.store.convert import CardState, state_from_row
from trainer.store.models import CardRow, CardStateRow, DeckRow, NoteRow, Queue
from trainer.store.queries import runner

PAGE_SIZE = 50


class StateFilter(StrEnum):
    """Which cards the browser shows, by where they wait."""

    ALL = "all"
    NEW = "new"
    LEARNING = "learning"
    DUE = "due"
    REVIEW = "review"
    SUSPENDED = "suspended"
    BURIED = "buried"
    LEECH = "leech"


@dataclass(frozen=True, slots=True)
class BrowseQuery:
    """What to search for. Empty fields match everything.

    Attributes:
        text: A substring of the head or the body (Chinese or any text; case-sensitive for CJK).
        deck_id: Only this deck.
        topic: Only this topic title.
        heading: Only sections with this heading.
        state: Only cards in this state.
    """

    text: str = ""
    deck_id: int | None = None
    topic: str = ""
    heading: str = ""
    state: StateFilter = StateFilter.ALL


@dataclass(frozen=True, slots=True)
class BrowseRow:
    """One point and the schedule of its head card."""

    note_id: int
    card_id: int
    deck: str
    topic: str
    heading: str
    ordinal: int
    head: str
    body: str
    state: CardState
    leech: bool


@dataclass(frozen=True, slots=True)
class Page:
    """One page of results; `after` is the keyset to pass for the next page (None on the last page)."""

    rows: tuple[BrowseRow, ...]
    after: int | None


@dataclass(frozen=True, slots=True)
class TopicSummary:
    """One topic of a deck on the home screen."""

    deck_id: int
    topic: str
    due: int
    new: int
    learning: int
    total: int


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _state_clause(state: StateFilter, today: int):  # type: ignore[no-untyped-def]
    s = CardStateRow
    match state:
        case StateFilter.ALL:
            return s.queue != Queue.RETIRED
        case StateFilter.NEW:
            return s.queue == Queue.NEW
        case StateFilter.LEARNING:
            return s.queue == Queue.LEARNING
        case StateFilter.DUE:
            return and_(s.queue.in_((Queue.LEARNING, Queue.REVIEW)), s.due_day <= today)
        case StateFilter.REVIEW:
            return s.queue == Queue.REVIEW
        case StateFilter.SUSPENDED:
            return s.queue == Queue.SUSPENDED
        case StateFilter.BURIED:
            return s.queue == Queue.BURIED
        case StateFilter.LEECH:
            return s.leech.is_(True)


def _base(query: BrowseQuery, today: int) -> Select:  # type: ignore[type-arg]
    """Points joined to their head card: driven from notes, each card found by its unique (deck, key)."""
    n, c, s = NoteRow, CardRow, CardStateRow
    stmt = (
        select(n.id, c.id.label("card_id"), DeckRow.name, n.topic, n.heading, n.ord, n.head, n.body, s)
        .join(c, and_(c.deck_id == n.deck_id, c.key == n.key + literal(":head")))
        .join(s, s.card_id == c.id)
        .join(DeckRow, DeckRow.id == n.deck_id)
        .where(~n.retired, _state_clause(query.state, today))
    )
    if query.text.strip():
        pattern = f"%{_escape_like(query.text.strip())}%"
        stmt = stmt.where((n.head.like(pattern, escape="\\")) | (n.body.like(pattern, escape="\\")))
    if query.deck_id is not None:
        stmt = stmt.where(n.deck_id == query.deck_id)
    if query.topic:
        stmt = stmt.where(n.topic == query.topic)
    if query.heading:
        stmt = stmt.where(n.heading == query.heading)
    return stmt


def search(
    session: Session, query: BrowseQuery, today: int, *, after: int | None = None, limit: int = PAGE_SIZE
) -> Page:
    """One page of matching points in note order, starting after note id `after` (keyset paging)."""
    stmt = _base(query, today).order_by(NoteRow.id).limit(limit + 1)
    if after is not None:
        stmt = stmt.where(NoteRow.id > after)
    found = session.execute(stmt).all()
    rows = tuple(
        BrowseRow(
            note_id=r.id,
            card_id=r.card_id,
            deck=r.name,
            topic=r.topic,
            heading=r.heading,
            ordinal=r.ord,
            head=r.head,
            body=r.body,
            state=state_from_row(r.CardStateRow),
            leech=r.CardStateRow.leech,
        )
        for r in found[:limit]
    )
    return Page(rows=rows, after=rows[-1].note_id if len(found) > limit else None)


def count(session: Session, query: BrowseQuery, today: int) -> int:
    """How many points match (one counting query, no rows loaded)."""
    sub = _base(query, today).with_only_columns(NoteRow.id).subquery()
    return session.scalar(select(func.count()).select_from(sub)) or 0


def topics(session: Session, deck_id: int | None = None) -> list[str]:
    """Topic titles, in first-seen order, for the browser's filter."""
    stmt = select(NoteRow.topic, func.min(NoteRow.id).label("first")).where(~NoteRow.retired).group_by(NoteRow.topic)
    if deck_id is not None:
        stmt = stmt.where(NoteRow.deck_id == deck_id)
    return [r.topic for r in session.execute(stmt.order_by("first")).all()]


def headings(session: Session) -> list[str]:
    """Distinct section headings, most common first, for the browser's filter."""
    stmt = (
        select(NoteRow.heading)
        .where(~NoteRow.retired)
        .group_by(NoteRow.heading)
        .order_by(func.count(distinct(NoteRow.section_key)).desc(), NoteRow.heading)
    )
    return list(session.scalars(stmt).all())


def topic_summaries(session: Session, today: int) -> list[TopicSummary]:
    """Every deck's topics with due, new and learning counts (list cards included), in document order.

    学习中 (`learning`) is what the deck row counts (`trainer.store.drill.deck_summaries`): today's
    cards to answer again (answered below 4 today, a point repeated through its list counted once),
    not the cards in the LEARNING queue; such a card is not counted as due as well.

    Two grouped reads (cards by section, sections by topic) joined in Python: a join on a grouped
    subquery would scan the notes once per card.
    """
    s = CardStateRow
    per_section = session.execute(
        select(
            CardRow.deck_id,
            CardRow.section_key,
            func.sum(case((and_(s.queue.in_((Queue.REVIEW, Queue.LEARNING)), s.due_day <= today), 1), else_=0)),
            func.sum(case((s.queue == Queue.NEW, 1), else_=0)),
            func.count(),
        )
        .join(s, s.card_id == CardRow.id)
        .where(~CardRow.retired)
        .group_by(CardRow.deck_id, CardRow.section_key)
    ).all()
    sections = session.execute(
        select(NoteRow.deck_id, NoteRow.section_key, func.min(NoteRow.topic), func.min(NoteRow.id))
        .where(~NoteRow.retired)
        .group_by(NoteRow.deck_id, NoteRow.section_key)
    ).all()
    topic_of = {(d, k): (t, first) for d, k, t, first in sections}
    again: dict[tuple[int, str], list[int]] = {}  # (deck, section): [to answer again, of them due]
    for c in absorb_pending(drill.today_activity(runner(session), today).pending):
        counts = again.setdefault((c.deck_id, c.section), [0, 0])
        counts[0] += 1
        counts[1] += int(c.queue in (Queue.REVIEW, Queue.LEARNING) and c.due_day <= today)
    totals: dict[tuple[int, str], list[int]] = {}
    for deck_id, key, due, new, n in per_section:
        learning, due_too = again.get((deck_id, key), (0, 0))
        found = topic_of.get((deck_id, key))
        if found is None:
            continue
        topic, first = found
        acc = totals.setdefault((deck_id, topic), [first, 0, 0, 0, 0])
        acc[0] = min(acc[0], first)
        acc[1] += int(due or 0) - due_too
        acc[2] += int(new or 0)
        acc[3] += learning
        acc[4] += int(n)
    ordered = sorted(totals.items(), key=lambda kv: (kv[0][0], kv[1][0]))
    return [
        TopicSummary(deck_id=d, topic=t, due=due, new=new, learning=lrn, total=n)
        for (d, t), (_, due, new, lrn, n) in ordered
    ]


def card_ids_in_topic(session: Session, deck_id: int, topic: str) -> set[int]:
    """Ids of every card (head and list) of one topic of a deck."""
    keys = select(NoteRow.section_key).where(NoteRow.deck_id == deck_id, NoteRow.topic == topic)
    stmt = select(CardRow.id).where(CardRow.deck_id == deck_id, CardRow.section_key.in_(keys))
    return set(session.scalars(stmt).all())
