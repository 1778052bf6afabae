"""Choosing the cards of a custom study session (review ahead, a topic, the weakest points); read-only."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from trainer.store.models import CardRow, CardStateRow, NoteRow, Queue

# Cards a custom session may show: not suspended, buried or retired.
_LIVE = (Queue.NEW, Queue.LEARNING, Queue.REVIEW)


def due_ahead(session: Session, today: int, days: int, deck_ids: list[int] | None = None) -> list[int]:
    """Review cards due in the next `days` days (after today), soonest first."""
    s = CardStateRow
    stmt = select(s.card_id).where(s.queue == Queue.REVIEW, s.due_day > today, s.due_day <= today + days)
    if deck_ids is not None:
        stmt = stmt.where(s.deck_id.in_(deck_ids))
    return list(session.scalars(stmt.order_by(s.due_day, s.card_id)))


def topic_cards(session: Session, deck_id: int, topic: str = "") -> list[int]:
    """Every live card of a deck (of one topic of it, when given), in deck order, whatever is due."""
    c, s = CardRow, CardStateRow
    stmt = select(c.id).join(s, s.card_id == c.id).where(c.deck_id == deck_id, ~c.retired, s.queue.in_(_LIVE))
    if topic:
        sections = select(NoteRow.section_key).where(NoteRow.deck_id == deck_id, NoteRow.topic == topic)
        stmt = stmt.where(c.section_key.in_(sections))
    return list(session.scalars(stmt.order_by(c.id)))


def weakest_cards(session: Session, limit: int = 20, deck_ids: list[int] | None = None) -> list[int]:
    """The head cards of the points graded at least once that lapsed or lost ease: most lapses, then lowest ease."""
    c, s = CardRow, CardStateRow
    stmt = (
        select(c.id)
        .join(s, s.card_id == c.id)
        .where(c.kind == "head", ~c.retired, s.queue.in_(_LIVE), s.interval > 0, or_(s.lapses > 0, s.ease < 2.5))
    )
    if deck_ids is not None:
        stmt = stmt.where(c.deck_id.in_(deck_ids))
    return list(session.scalars(stmt.order_by(s.lapses.desc(), s.ease, c.id).limit(limit)))


def card_decks(session: Session, card_ids: list[int]) -> dict[int, int]:
    """The deck of each card."""
    return {
        cid: did for cid, did in session.execute(select(CardRow.id, CardRow.deck_id).where(CardRow.id.in_(card_ids)))
    }
