"""Counting the distributions the stats show (grades, hours, intervals, ease) in a few grouped reads."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlalchemy.orm import Session

from trainer.core.distributions import EASE_BUCKETS, INTERVAL_BUCKETS, Distributions, bucketed, by_local_hour
from trainer.store.models import CardRow, CardStateRow, Queue, ReviewLogRow

_MS_PER_HOUR = 3_600_000


def distributions(
    session: Session, deck_ids: Collection[int] | None = None, *, utc_offset_minutes: int = 0
) -> Distributions:
    """Answers by grade and by local hour (all time), live graded cards by interval and by ease."""
    log, s = ReviewLogRow, CardStateRow
    grades_q = select(log.quality, func.count()).group_by(log.quality)
    ms = type_coerce(log.reviewed_at, BigInteger)  # the stored milliseconds, not datetimes
    hour = (ms / _MS_PER_HOUR) % 24
    hours_q = select(hour, func.count()).group_by(hour)
    graded = (s.interval > 0, s.queue != Queue.RETIRED)
    intervals_q = select(s.interval, func.count()).where(*graded).group_by(s.interval)
    ease_q = select(s.ease, func.count()).where(*graded).group_by(s.ease)
    if deck_ids is not None:
        ids = list(deck_ids)
        in_decks = log.card_id.in_(select(CardRow.id).where(CardRow.deck_id.in_(ids)))
        grades_q, hours_q = grades_q.where(in_decks), hours_q.where(in_decks)
        intervals_q, ease_q = intervals_q.where(s.deck_id.in_(ids)), ease_q.where(s.deck_id.in_(ids))
    grades = [0] * 6
    for quality, n in session.execute(grades_q):
        if 0 <= quality <= 5:
            grades[quality] += n
    utc = {int(h): n for h, n in session.execute(hours_q)}
    return Distributions(
        grades=tuple(grades),
        hours=by_local_hour(utc, utc_offset_minutes),
        intervals=bucketed([(v, n) for v, n in session.execute(intervals_q)], INTERVAL_BUCKETS),
        ease=bucketed([(v, n) for v, n in session.execute(ease_q)], EASE_BUCKETS),
    )
