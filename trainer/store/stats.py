"""Statistics queries: review counts, streak, retention, card states, heatmap, forecast, mastery; read-only.

Every function takes the caller's `session` and `today` (a day number, `date.toordinal()` of the
study day) and returns frozen values from `trainer.core.stats`, never ORM objects. `deck_ids` narrows any
of them to some decks (None: every deck).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from typing import Any, TypeVar

from sqlalchemy import Select, and_, case, func, select
from sqlalchemy.orm import Session

from trainer.core.cards import CardKind
from trainer.core.mastery import MATURE_DAYS, ListRecall, PointMastery, TopicMastery, group_mastery, weakest_of
from trainer.core.stats import (
    PASS_QUALITY,
    DayCount,
    Overview,
    Retention,
    ReviewCounts,
    StateCounts,
    Streak,
    WeekRetention,
    fill_days,
    forecast_days,
    streak_of,
    week_start,
    weekly_retention,
)
from trainer.store import drill
from trainer.store.models import CardRow, CardStateRow, DeckRow, NoteRow, Queue, ReviewLogRow
from trainer.store.queries import runner

HEATMAP_DAYS = 365

__all__ = [
    "HEATMAP_DAYS",
    "DayCount",
    "Overview",
    "PointMastery",
    "Retention",
    "ReviewCounts",
    "StateCounts",
    "Streak",
    "TopicMastery",
    "WeekRetention",
    "due_forecast",
    "list_recalls",
    "mastery",
    "overview",
    "retention",
    "retention_by_week",
    "review_counts",
    "reviews_per_day",
    "state_counts",
    "streak",
    "weakest_points",
]


# A string bound: SQLAlchemy 2.1 made Select variadic, 2.0 takes one parameter.
_S = TypeVar("_S", bound="Select[*tuple[Any, ...]]")


def _log_in_decks(stmt: _S, deck_ids: Collection[int] | None) -> _S:
    if deck_ids is None:
        return stmt
    return stmt.join(CardRow, CardRow.id == ReviewLogRow.card_id).where(CardRow.deck_id.in_(list(deck_ids)))


def _sum_if(cond: Any) -> Any:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


def review_counts(session: Session, today: int, deck_ids: Collection[int] | None = None) -> ReviewCounts:
    """Answers given today, this week (since Monday), over the last 7 and 30 days, and ever."""
    day = ReviewLogRow.day
    stmt = select(
        _sum_if(day == today),
        _sum_if(and_(day >= week_start(today), day <= today)),
        _sum_if(and_(day > today - 7, day <= today)),
        _sum_if(and_(day > today - 30, day <= today)),
        func.count(),
    ).select_from(ReviewLogRow)
    row = session.execute(_log_in_decks(stmt, deck_ids)).one()
    return ReviewCounts(*(int(v or 0) for v in row))


def streak(session: Session, today: int, deck_ids: Collection[int] | None = None) -> Streak:
    """The current and longest runs of days with at least one answer."""
    stmt = _log_in_decks(select(ReviewLogRow.day).distinct(), deck_ids).where(ReviewLogRow.day <= today)
    return streak_of(session.scalars(stmt).all(), today)


def retention(
    session: Session, today: int, deck_ids: Collection[int] | None = None, *, days: int | None = None
) -> Retention:
    """Share of answers graded 3 or better: ever (`days` None) or over the `days` days ending today."""
    stmt = select(func.count(), _sum_if(ReviewLogRow.quality >= PASS_QUALITY)).select_from(ReviewLogRow)
    stmt = _log_in_decks(stmt, deck_ids).where(ReviewLogRow.day <= today)
    if days is not None:
        stmt = stmt.where(ReviewLogRow.day > today - days)
    answers, correct = session.execute(stmt).one()
    return Retention(answers=int(answers or 0), correct=int(correct or 0))


def retention_by_week(
    session: Session, today: int, deck_ids: Collection[int] | None = None, *, weeks: int = 12
) -> tuple[WeekRetention, ...]:
    """Retention of each of the `weeks` calendar weeks ending with this one, oldest first."""
    first = week_start(today) - 7 * (weeks - 1)
    stmt = select(ReviewLogRow.day, func.count(), _sum_if(ReviewLogRow.quality >= PASS_QUALITY)).select_from(
        ReviewLogRow
    )
    stmt = _log_in_decks(stmt, deck_ids).where(ReviewLogRow.day >= first, ReviewLogRow.day <= today)
    rows = session.execute(stmt.group_by(ReviewLogRow.day)).all()
    return weekly_retention(((d, int(a), int(c)) for d, a, c in rows), today, weeks)


def _pending_repeats(session: Session, today: int, deck_ids: Collection[int] | None) -> dict[int, tuple[int, int]]:
    """Review cards graded below 4 today and not yet passed, which the day's session shows again (the
    home screen's 学习中), with their (interval, due day)."""
    ids = [c.card_id for c in drill.today_activity(runner(session), today, deck_ids).pending if c.queue == Queue.REVIEW]
    if not ids:
        return {}
    rows = session.execute(
        select(CardStateRow.card_id, CardStateRow.interval, CardStateRow.due_day).where(CardStateRow.card_id.in_(ids))
    )
    return {card_id: (interval, due_day) for card_id, interval, due_day in rows}


def state_counts(session: Session, today: int, deck_ids: Collection[int] | None = None) -> StateCounts:
    """Cards by queue, with leeches and young/mature reviews counted alongside; cards due again in
    today's session (graded below 4 today) count as learning, not review, as on the home screen."""
    s = CardStateRow
    stmt = select(
        _sum_if(s.queue == Queue.NEW),
        _sum_if(s.queue == Queue.LEARNING),
        _sum_if(s.queue == Queue.REVIEW),
        _sum_if(s.queue == Queue.SUSPENDED),
        _sum_if(s.queue == Queue.BURIED),
        _sum_if(s.queue == Queue.RETIRED),
        _sum_if(and_(s.leech, s.queue != Queue.RETIRED)),
        _sum_if(and_(s.queue == Queue.REVIEW, s.interval < MATURE_DAYS)),
        _sum_if(and_(s.queue == Queue.REVIEW, s.interval >= MATURE_DAYS)),
    )
    if deck_ids is not None:
        stmt = stmt.where(s.deck_id.in_(list(deck_ids)))
    counts = StateCounts(*(int(v or 0) for v in session.execute(stmt).one()))
    pending = _pending_repeats(session, today, deck_ids)
    if not pending:
        return counts
    young = sum(1 for interval, _ in pending.values() if interval < MATURE_DAYS)
    return replace(
        counts,
        learning=counts.learning + len(pending),
        review=counts.review - len(pending),
        young=counts.young - young,
        mature=counts.mature - (len(pending) - young),
    )


def reviews_per_day(
    session: Session, today: int, deck_ids: Collection[int] | None = None, *, days: int = HEATMAP_DAYS
) -> tuple[DayCount, ...]:
    """Answers on each of the `days` days ending today, oldest first, zeros included (for a heatmap)."""
    first = today - days + 1
    stmt = select(ReviewLogRow.day, func.count()).select_from(ReviewLogRow)
    stmt = _log_in_decks(stmt, deck_ids).where(ReviewLogRow.day >= first, ReviewLogRow.day <= today)
    counts = {d: int(n) for d, n in session.execute(stmt.group_by(ReviewLogRow.day)).all()}
    return fill_days(counts, first, today)


def due_forecast(
    session: Session, today: int, deck_ids: Collection[int] | None = None, *, days: int = 7
) -> tuple[DayCount, ...]:
    """Learning and review cards due on each of the next `days` days from today (overdue count for today,
    and so do cards due again in today's session)."""
    s = CardStateRow
    stmt = (
        select(s.due_day, func.count())
        .where(s.queue.in_([Queue.LEARNING, Queue.REVIEW]), s.due_day < today + days)
        .group_by(s.due_day)
    )
    if deck_ids is not None:
        stmt = stmt.where(s.deck_id.in_(list(deck_ids)))
    due = [(d, int(n)) for d, n in session.execute(stmt).all()]
    # Due again in today's session as well as on their scheduled day (those due by today count once).
    later = sum(1 for _, due_day in _pending_repeats(session, today, deck_ids).values() if due_day > today)
    return forecast_days([*due, (today, later)] if later and days else due, today, days)


_QUEUE_NAMES = {q.value: q.name.lower() for q in Queue}


def point_masteries(session: Session, deck_ids: Collection[int] | None = None) -> list[PointMastery]:
    """Every live point with its head card's schedule, in deck, then storage order."""
    n, c, s = NoteRow, CardRow, CardStateRow
    stmt = (
        select(
            DeckRow.name,
            n.key,
            n.topic,
            n.section_key,
            n.section_kind,
            n.heading,
            n.ord,
            n.head,
            s.queue,
            s.reps,
            s.ease,
            s.interval,
            s.lapses,
            s.leech,
        )
        .join(DeckRow, DeckRow.id == n.deck_id)
        .join(c, and_(c.deck_id == n.deck_id, c.key == n.key.concat(":head")))
        .join(s, s.card_id == c.id)
        .where(~n.retired, s.queue != Queue.RETIRED)
        .order_by(DeckRow.name, n.id)
    )
    if deck_ids is not None:
        stmt = stmt.where(n.deck_id.in_(list(deck_ids)))
    rows = session.execute(stmt).all()
    sizes: dict[tuple[str, str], int] = {}
    for r in rows:
        sizes[(r.name, r.section_key)] = sizes.get((r.name, r.section_key), 0) + 1
    ordinals: dict[tuple[str, str], list[int]] = {}
    for r in rows:
        ordinals.setdefault((r.name, r.section_key), []).append(r.ord)
    # Stored `ord` may have gaps after points were retired; 第k点 counts live points only.
    rank = {key: {o: i for i, o in enumerate(sorted(ords), 1)} for key, ords in ordinals.items()}
    return [
        PointMastery(
            deck=r.name,
            point_id=r.key,
            topic=r.topic,
            section_kind=r.section_kind,
            heading=r.heading,
            ordinal=rank[(r.name, r.section_key)][r.ord],
            count=sizes[(r.name, r.section_key)],
            head=r.head,
            queue=_QUEUE_NAMES.get(r.queue, str(r.queue)),
            reps=r.reps,
            ease=r.ease,
            interval=r.interval,
            lapses=r.lapses,
            leech=bool(r.leech),
            section_key=r.section_key,
        )
        for r in rows
    ]


def list_recalls(
    session: Session, today: int, deck_ids: Collection[int] | None = None
) -> dict[tuple[str, str], ListRecall]:
    """Per (deck, section key): the reviews of its live list card up to `today` (same-day repeats left
    out) and those graded 3 or better, i.e. every point recalled (a list's grade is its weakest point's)."""
    log, c = ReviewLogRow, CardRow
    stmt = (
        select(DeckRow.name, c.section_key, func.count(), _sum_if(log.quality >= PASS_QUALITY))
        .select_from(log)
        .join(c, c.id == log.card_id)
        .join(DeckRow, DeckRow.id == c.deck_id)
        .where(c.kind == CardKind.LIST.value, ~c.retired, log.repeat.is_(False), log.day <= today)
        .group_by(DeckRow.name, c.section_key)
    )
    if deck_ids is not None:
        stmt = stmt.where(c.deck_id.in_(list(deck_ids)))
    return {(deck, skey): ListRecall(int(n), int(ok)) for deck, skey, n, ok in session.execute(stmt).all()}


def mastery(session: Session, today: int, deck_ids: Collection[int] | None = None) -> tuple[TopicMastery, ...]:
    """Per topic, per section, per point: reps, ease, lapses and a 0–1 mastery score; per list, how often
    it was recalled whole."""
    return group_mastery(point_masteries(session, deck_ids), list_recalls(session, today, deck_ids))


def weakest_points(
    session: Session, today: int, deck_ids: Collection[int] | None = None, *, limit: int = 10
) -> tuple[PointMastery, ...]:
    """The points with the most lapses, then the lowest ease; only points already graded and struggling."""
    return weakest_of(point_masteries(session, deck_ids), limit)


def overview(
    session: Session,
    today: int,
    deck_ids: Collection[int] | None = None,
    *,
    forecast: int = 7,
    weeks: int = 12,
    weakest: int = 10,
) -> Overview:
    """Every statistic `trainer stats` shows, in one read."""
    points = point_masteries(session, deck_ids)
    return Overview(
        today=today,
        reviews=review_counts(session, today, deck_ids),
        streak=streak(session, today, deck_ids),
        retention=retention(session, today, deck_ids),
        retention_30_days=retention(session, today, deck_ids, days=30),
        retention_weekly=retention_by_week(session, today, deck_ids, weeks=weeks),
        states=state_counts(session, today, deck_ids),
        heatmap=reviews_per_day(session, today, deck_ids),
        forecast=due_forecast(session, today, deck_ids, days=forecast),
        topics=group_mastery(points, list_recalls(session, today, deck_ids)),
        weakest=weakest_of(points, weakest),
    )
