"""Study statistics as frozen values and the pure arithmetic behind them; no queries, no clock, no UI.

Days are day numbers (`date.toordinal()` of the study day), the unit `review_log.day` and
`card_state.due_day` are stored in. `trainer.store.stats` fills these values from the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from trainer.core.mastery import PointMastery, TopicMastery

PASS_QUALITY = 3  # SM-2: a grade of 3 or better is a successful recall


def iso_day(day: int) -> str:
    """A day number as an ISO date, e.g. '2026-11-22'."""
    return date.fromordinal(day).isoformat()


def week_start(day: int) -> int:
    """The Monday of the week `day` falls in (day number 1, 0001-01-01, was a Monday)."""
    return day - (day - 1) % 7


def _rate(correct: int, answers: int) -> float | None:
    return round(correct / answers, 4) if answers else None


@dataclass(frozen=True, slots=True)
class ReviewCounts:
    """How many answers were given over some spans ending today.

    Attributes:
        today: Answers given today.
        this_week: Answers since Monday of this week, today included.
        last_7_days: Answers over the 7 days ending today.
        last_30_days: Answers over the 30 days ending today.
        total: Every answer ever.
    """

    today: int
    this_week: int
    last_7_days: int
    last_30_days: int
    total: int


@dataclass(frozen=True, slots=True)
class Streak:
    """Days studied in a row.

    Attributes:
        current: The run of study days ending today, or ending yesterday while today has no answer yet.
        longest: The longest run ever.
        studied_today: Whether today has at least one answer.
        days_studied: How many distinct days have answers.
        last_day: The last day with an answer (None if never).
    """

    current: int
    longest: int
    studied_today: bool
    days_studied: int
    last_day: int | None


def correct_run(qualities: Sequence[int]) -> int:
    """Correct answers in a row at the end of one card's answers, oldest first (card info's 连续答对):
    every answer counts, a same-day repeat too, though SM-2's repetition count (`Schedule.reps`) leaves
    repeats out and so stays 0 after a miss and its passed repeat."""
    run = 0
    for q in reversed(qualities):
        if q < PASS_QUALITY:
            break
        run += 1
    return run


def streak_of(days: Iterable[int], today: int) -> Streak:
    """The streak from the distinct study days (any order, duplicates allowed; days after today ignored)."""
    seen = sorted({d for d in days if d <= today})
    longest = run = 0
    prev: int | None = None
    for d in seen:
        run = run + 1 if prev is not None and d == prev + 1 else 1
        longest = max(longest, run)
        prev = d
    studied_today = bool(seen) and seen[-1] == today
    current = 0
    if seen and seen[-1] >= today - 1:
        current, expected = 0, seen[-1]
        for d in reversed(seen):
            if d != expected:
                break
            current += 1
            expected -= 1
    return Streak(
        current=current,
        longest=longest,
        studied_today=studied_today,
        days_studied=len(seen),
        last_day=seen[-1] if seen else None,
    )


@dataclass(frozen=True, slots=True)
class Retention:
    """Share of answers graded 3 or better over some span."""

    answers: int
    correct: int

    @property
    def rate(self) -> float | None:
        """correct / answers, rounded to 4 places; None when there were no answers."""
        return _rate(self.correct, self.answers)


@dataclass(frozen=True, slots=True)
class WeekRetention:
    """Retention of one calendar week (Monday to Sunday)."""

    week_start: int
    answers: int
    correct: int

    @property
    def rate(self) -> float | None:
        """correct / answers, rounded to 4 places; None for a week without answers."""
        return _rate(self.correct, self.answers)


def weekly_retention(per_day: Iterable[tuple[int, int, int]], today: int, weeks: int) -> tuple[WeekRetention, ...]:
    """Retention per week for the `weeks` weeks ending with this one, oldest first, empty weeks included.

    Args:
        per_day: (day, answers, correct) rows; days outside the span are ignored.
        today: Today's day number.
        weeks: How many weeks to report.
    """
    last = week_start(today)
    first = last - 7 * (weeks - 1)
    totals = {first + 7 * i: [0, 0] for i in range(weeks)}
    for day, answers, correct in per_day:
        ws = week_start(day)
        if ws in totals and day <= today:
            totals[ws][0] += answers
            totals[ws][1] += correct
    return tuple(WeekRetention(week_start=ws, answers=a, correct=c) for ws, (a, c) in totals.items())


@dataclass(frozen=True, slots=True)
class StateCounts:
    """Cards by where they wait. `leech`, `young` and `mature` overlap the queues.

    Attributes:
        new: Never graded.
        learning: In the learning queue.
        review: In the review queue (young + mature, suspended excluded).
        suspended: Suspended by the learner.
        buried: Buried until tomorrow.
        retired: Their point left the deck; history kept.
        leech: Flagged as leeches (in any queue but retired).
        young: Review cards with an interval under 21 days.
        mature: Review cards with an interval of 21 days or more.
    """

    new: int = 0
    learning: int = 0
    review: int = 0
    suspended: int = 0
    buried: int = 0
    retired: int = 0
    leech: int = 0
    young: int = 0
    mature: int = 0

    @property
    def active(self) -> int:
        """Cards not retired."""
        return self.new + self.learning + self.review + self.suspended + self.buried


@dataclass(frozen=True, slots=True)
class DayCount:
    """A number for one day: answers given (heatmap) or cards due (forecast)."""

    day: int
    count: int

    @property
    def date(self) -> date:
        """The day as a date."""
        return date.fromordinal(self.day)


def fill_days(counts: dict[int, int], first: int, last: int) -> tuple[DayCount, ...]:
    """One DayCount per day from `first` to `last` inclusive, 0 where `counts` has none."""
    return tuple(DayCount(day=d, count=counts.get(d, 0)) for d in range(first, last + 1))


def forecast_days(due: Iterable[tuple[int, int]], today: int, days: int) -> tuple[DayCount, ...]:
    """Cards due on each of the next `days` days, starting today; overdue cards count for today."""
    counts: dict[int, int] = {}
    for day, n in due:
        d = max(day, today)
        counts[d] = counts.get(d, 0) + n
    return fill_days(counts, today, today + days - 1)


@dataclass(frozen=True, slots=True)
class Overview:
    """Everything `trainer stats` shows, for one day."""

    today: int
    reviews: ReviewCounts
    streak: Streak
    retention: Retention
    retention_30_days: Retention
    retention_weekly: tuple[WeekRetention, ...]
    states: StateCounts
    heatmap: tuple[DayCount, ...]
    forecast: tuple[DayCount, ...]
    topics: tuple[TopicMastery, ...]
    weakest: tuple[PointMastery, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data; the keys are documented in README.md under "Stats"."""
        return {
            "today": iso_day(self.today),
            "reviews": {
                "today": self.reviews.today,
                "this_week": self.reviews.this_week,
                "last_7_days": self.reviews.last_7_days,
                "last_30_days": self.reviews.last_30_days,
                "total": self.reviews.total,
            },
            "streak": {
                "current": self.streak.current,
                "longest": self.streak.longest,
                "studied_today": self.streak.studied_today,
                "days_studied": self.streak.days_studied,
                "last_day": iso_day(self.streak.last_day) if self.streak.last_day else None,
            },
            "retention": {
                "overall": _retention_dict(self.retention),
                "last_30_days": _retention_dict(self.retention_30_days),
                "weekly": [
                    {"week": iso_day(w.week_start), "answers": w.answers, "correct": w.correct, "rate": w.rate}
                    for w in self.retention_weekly
                ],
            },
            "cards": {
                "new": self.states.new,
                "learning": self.states.learning,
                "review": self.states.review,
                "young": self.states.young,
                "mature": self.states.mature,
                "suspended": self.states.suspended,
                "buried": self.states.buried,
                "leech": self.states.leech,
                "retired": self.states.retired,
                "active": self.states.active,
            },
            "forecast": [{"date": iso_day(d.day), "due": d.count} for d in self.forecast],
            "heatmap": [{"date": iso_day(d.day), "reviews": d.count} for d in self.heatmap if d.count],
            "topics": [_topic_dict(t) for t in self.topics],
            "weakest": [_point_dict(p) for p in self.weakest],
        }


def _retention_dict(r: Retention) -> dict[str, Any]:
    return {"answers": r.answers, "correct": r.correct, "rate": r.rate}


def _point_dict(p: PointMastery) -> dict[str, Any]:
    return {
        "deck": p.deck,
        "id": p.point_id,
        "label": p.label,
        "topic": p.topic,
        "heading": p.heading,
        "ordinal": p.ordinal,
        "count": p.count,
        "head": p.head,
        "queue": p.queue,
        "reps": p.reps,
        "ease": p.ease,
        "interval": p.interval,
        "lapses": p.lapses,
        "leech": p.leech,
        "mastery": round(p.mastery, 4),
    }


def _topic_dict(t: TopicMastery) -> dict[str, Any]:
    return {
        "deck": t.deck,
        "topic": t.topic,
        "points": len(t.points),
        "seen": t.seen,
        "mature": t.mature,
        "mastery": t.mastery,
        "sections": [
            {
                "kind": s.kind,
                "heading": s.heading,
                "mastery": s.mastery,
                "list": {"reviews": s.recall.reviews, "recalled": s.recall.recalled, "rate": s.recall.rate},
                "points": [
                    {
                        "id": p.point_id,
                        "ordinal": p.ordinal,
                        "head": p.head,
                        "queue": p.queue,
                        "reps": p.reps,
                        "ease": p.ease,
                        "interval": p.interval,
                        "lapses": p.lapses,
                    }
                    for p in s.points
                ],
            }
            for s in t.sections
        ],
    }
