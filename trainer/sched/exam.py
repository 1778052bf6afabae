"""The exam date, pure: days left, and capping intervals so every card is due again before the exam."""

from __future__ import annotations

from datetime import date

# Cards whose interval would run past the exam are spread over the last days before it, so the
# eve of the exam is not one huge pile.
EXAM_SPREAD_DAYS = 3


def days_until_exam(today: date, exam_date: date) -> int:
    """Days from the study day `today` to `exam_date`: 0 on the exam day, negative after it."""
    return (exam_date - today).days


def cap_interval(interval: int, *, today: int, exam_day: int | None, seed: int = 0) -> int:
    """The interval, shortened so the card is due again before the exam.

    Args:
        interval: The scheduler's interval in days (at least 1).
        today: The study day number of the review.
        exam_day: The exam's day number, or None when no exam date is set.
        seed: A per-card number that picks one of the last `EXAM_SPREAD_DAYS` days before the exam.

    Returns:
        `interval` when no exam is set, the exam is today or past, or the card is due before the exam
        anyway. Otherwise an interval whose due day falls in the last few days before the exam
        (never later than the eve); on the eve itself the card is due on the exam day, the earliest
        possible day.
    """
    if exam_day is None or today >= exam_day:
        return interval
    eve = exam_day - 1
    if today >= eve:
        return 1
    if today + interval <= eve:
        return interval
    window = min(EXAM_SPREAD_DAYS, eve - today)
    return eve - (seed % window) - today
