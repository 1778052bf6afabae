"""Paged, sorted search over every card (all kinds) for the card browser; one page at a time, read-only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session

from trainer.store.browse import StateFilter, _state_clause
from trainer.store.convert import CardState, state_from_row
from trainer.store.models import CardRow, CardStateRow, DeckRow, NoteRow, Queue

PAGE_SIZE = 50
# Past every real day: new cards (due day 0) sort after every card with a due date.
_NEVER = 10**7


class CardSort(StrEnum):
    """What the card browser sorts by (then by card id)."""

    ORDER = "order"  # the order the deck gives its cards
    DUE = "due"
    INTERVAL = "interval"
    EASE = "ease"
    LAPSES = "lapses"
    KIND = "kind"


@dataclass(frozen=True, slots=True)
class CardQuery:
    """Which cards, in what order. Empty fields match everything.

    Attributes:
        text: A substring of the head or body of the card's point (a list card: of any point of its section).
        deck_id: Only this deck.
        kind: Only cards of this kind (`trainer.core.cards.CardKind` value).
        state: Only cards in this state.
        sort: The sort column.
        descending: Largest first.
    """

    text: str = ""
    deck_id: int | None = None
    kind: str = ""
    state: StateFilter = StateFilter.ALL
    sort: CardSort = CardSort.ORDER
    descending: bool = False


@dataclass(frozen=True, slots=True)
class CardListRow:
    """One card: where it comes from, what it asks (its point's head, or a list card's heading), its schedule."""

    card_id: int
    deck: str
    kind: str
    key: str
    label: str
    topic: str
    state: CardState
    leech: bool


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _base(query: CardQuery, today: int) -> Select:  # type: ignore[type-arg]
    c, s = CardRow, CardStateRow
    stmt = (
        select(c.id, c.deck_id, c.key, c.kind, c.section_key, DeckRow.name, s)
        .join(s, s.card_id == c.id)
        .join(DeckRow, DeckRow.id == c.deck_id)
        .where(~c.retired, _state_clause(query.state, today))
    )
    if query.deck_id is not None:
        stmt = stmt.where(c.deck_id == query.deck_id)
    if query.kind:
        stmt = stmt.where(c.kind == query.kind)
    if query.text.strip():
        n = NoteRow
        pattern = f"%{_escape_like(query.text.strip())}%"
        stmt = stmt.where(
            exists().where(
                n.deck_id == c.deck_id,
                n.section_key == c.section_key,
                ~n.retired,
                or_(n.head.like(pattern, escape="\\"), n.body.like(pattern, escape="\\")),
                or_(c.kind == "list", c.key.like(n.key.concat(":%"))),
            )
        )
    return stmt


def _order(query: CardQuery) -> list:  # type: ignore[type-arg]
    s, c = CardStateRow, CardRow
    column = {
        CardSort.ORDER: c.id,
        CardSort.DUE: func.coalesce(func.nullif(s.due_day, 0), _NEVER),
        CardSort.INTERVAL: s.interval,
        CardSort.EASE: s.ease,
        CardSort.LAPSES: s.lapses,
        CardSort.KIND: c.kind,
    }[query.sort]
    first = column.desc() if query.descending else column.asc()
    return [first, c.id.desc() if query.descending else c.id.asc()]


def search(
    session: Session, query: CardQuery, today: int, *, offset: int = 0, limit: int = PAGE_SIZE
) -> tuple[tuple[CardListRow, ...], bool]:
    """One page of matching cards, sorted; and whether there are more after it."""
    found = session.execute(_base(query, today).order_by(*_order(query)).offset(offset).limit(limit + 1)).all()
    page = found[:limit]
    return _labelled(session, page), len(found) > limit


def count(session: Session, query: CardQuery, today: int) -> int:
    """How many cards match."""
    return session.scalar(select(func.count()).select_from(_base(query, today).subquery())) or 0


def _labelled(session: Session, rows: Sequence) -> tuple[CardListRow, ...]:  # type: ignore[type-arg]
    """Rows with their point's head (or their section's heading) and topic, read for the page only."""
    n = NoteRow
    sections = {(r.deck_id, r.section_key) for r in rows}
    notes: dict[tuple[int, str], tuple[str, str]] = {}
    headings: dict[tuple[int, str], tuple[str, str]] = {}
    for deck_id, skey in sections:
        for key, head, heading, topic in session.execute(
            select(n.key, n.head, n.heading, n.topic).where(n.deck_id == deck_id, n.section_key == skey)
        ):
            notes[(deck_id, key)] = (head, topic)
            headings.setdefault((deck_id, skey), (heading, topic))
    out = []
    for r in rows:
        if r.kind == "list":
            label, topic = headings.get((r.deck_id, r.section_key), ("", ""))
        else:
            label, topic = notes.get((r.deck_id, r.key.split(":", 1)[0]), ("", ""))
        state = state_from_row(r.CardStateRow)
        out.append(CardListRow(r.id, r.name, r.kind, r.key, label, topic, state, bool(state.leech)))
    return tuple(out)


def queues(session: Session, card_ids: Sequence[int]) -> dict[int, Queue]:
    """Where each of these cards waits."""
    s = CardStateRow
    rows = session.execute(select(s.card_id, s.queue).where(s.card_id.in_(list(card_ids)))).all()
    return {cid: Queue(q) for cid, q in rows}
