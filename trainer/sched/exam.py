"""The exam date, pure: days left, capping intervals before the exam, and exam mode's plan of each point's
next review by its estimated recall on the exam day; no clock, no I/O."""

from __future__ import annotations

from datetime import date

from trainer.sched.memory import Memory, days_until, recall, remember

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


# ---- exam mode: a plan by each point's estimated recall on the exam day -----------------------------

# Exam mode plans every point to be recalled with this probability on the exam day. A point is left
# alone once it clears the target, so points end near it and the mean over them a little under it:
# the target sits above both figures the learner is promised (every point at 95 %, a mean of 98 %),
# so the late lapses still end above them (benchmarks.learning).
EXAM_TARGET_PERCENT = 99
# The recall every point should at least have on the exam day (the promise the plan is judged by).
EXAM_FLOOR = 0.95
# A weak point comes back no later than when its recall falls to this (FSRS's own default retention).
NEXT_RECALL = 0.9
# A weak point's regular reviews end this many days before the exam, so a lapse has days to be caught
# up (after a lapse a point needs about two good days to clear 95 % again); closer, it comes daily,
# but only while it would miss `EXAM_FLOOR`: there a review can lapse too late to be caught up, so a
# point above the floor waits for the exam morning (考前速记) instead.
CATCH_UP_DAYS = 3
# 考前速记 is for the exam's last days (the morning of the exam above all); started earlier it still
# runs, but the learner is told how far off the exam is: the plan's reviews do the work until then.
CRAM_DAYS = 14


def exam_recall(memory: Memory, exam_day: int) -> float:
    """The estimated recall of a point on the exam day if it is not reviewed again."""
    return recall(exam_day - memory.day, memory.stability)


def secured(memory: Memory, exam_day: int, target: float) -> bool:
    """Whether a point already clears `target` on the exam day without another review."""
    return exam_recall(memory, exam_day) >= target


def plan_interval(memory: Memory, *, today: int, exam_day: int, target: float) -> int:
    """Days until a point answered today (its memory now `memory`) should be seen again before the exam.

    A point that clears `target` on the exam day is left alone until then, and so is one that clears
    `EXAM_FLOOR` in the last `CATCH_UP_DAYS` days. A weak one comes back on the
    earliest day a good answer would secure it, and no later than when its recall falls to
    `NEXT_RECALL` or `CATCH_UP_DAYS` before the exam, so its last reviews fall by its own strength and
    a lapse leaves days to catch up; a point still weak in the last days comes daily, and one still
    weak on the eve is due on the exam day itself.

    Args:
        memory: The point's memory after today's answer (`trainer.sched.memory.remember`).
        today: The study day of the answer (before the exam).
        exam_day: The exam's day number.
        target: The recall each point should have on the exam day (0–1).
    """
    left = exam_day - today
    if left <= 1 or secured(memory, exam_day, target):
        return max(1, left)
    if left <= CATCH_UP_DAYS and secured(memory, exam_day, EXAM_FLOOR):
        return left  # too close for a lapse to be caught up: due on the exam day
    latest = max(1, min(int(days_until(NEXT_RECALL, memory.stability)), left - CATCH_UP_DAYS))
    # The earliest day in 1..latest-1 whose good answer secures the point, else `latest`. A later good
    # answer leaves fewer days to the exam and, recall being lower when it comes, a larger stability
    # after it (FSRS's Good rule): its exam recall never falls as the day moves on, so the first
    # securing day is found by bisection (a few FSRS steps, not one per day: `trainer plan` projects
    # every point's answers up to the exam).
    low, high = 1, latest
    while low < high:
        days = (low + high) // 2
        if exam_recall(remember(memory, 4, today + days), exam_day) >= target:
            high = days
        else:
            low = days + 1
    return low
