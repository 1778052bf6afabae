"""Grading one card, pure: schedule and quality in, new schedule out, for SM-2 or FSRS; no clock, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, replace

from trainer.sched.exam import cap_interval, plan_interval
from trainer.sched.fuzz import card_seed, fuzz_interval
from trainer.sched.memory import Memory, remember
from trainer.sched.sm2 import check_quality, review
from trainer.sched.state import Algorithm, Queue, Schedule

LEECH_LAPSES = (
    8  # a card forgotten this often is flagged and suspended so the learner can rewrite it (exam mode: flagged)
)
MAX_INTERVAL_DAYS = 36_500  # a century: no interval is longer
REPEAT_BELOW = 4  # SM-2 step 7: a grade below this brings the card back later the same day


@dataclass(frozen=True, slots=True)
class Policy:
    """How answers are scheduled; recorded in every review-log row so replay can repeat it.

    Attributes:
        algorithm: SM-2 (default) or FSRS.
        exam_day: The exam's day number, or None; no interval then runs past the exam.
        fuzz: Spread intervals of 3 days and more a little, deterministically per card.
        exam_target: Exam mode (with `exam_day`): the recall in percent every point should have on the
            exam day; each point's next review before the exam is then planned by its FSRS memory
            (`trainer.sched.exam.plan_interval`) instead of capped by a hash of the card. None: the
            interval is only capped (answers logged before exam mode).
    """

    algorithm: Algorithm = Algorithm.SM2
    exam_day: int | None = None
    fuzz: bool = False
    exam_target: int | None = None

    def plans(self, today: int) -> bool:
        """Whether exam mode plans an answer given on study day `today` (the exam still ahead)."""
        return self.exam_target is not None and self.exam_day is not None and today < self.exam_day


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one answer does.

    Attributes:
        after: The card's schedule after the answer.
        repeat: True for a same-day repeat: logged, but the schedule is unchanged.
        again: True when the card must come back later today (graded below 4 and not suspended).
        became_leech: True when this answer made the card a leech (it is now suspended).
    """

    after: Schedule
    repeat: bool
    again: bool
    became_leech: bool


def grade(
    before: Schedule,
    quality: int,
    *,
    today: int,
    card_id: int,
    policy: Policy = Policy(),
    repeat: bool = False,
    memory: Memory | None = None,
) -> Outcome:
    """Apply one answer to a card's schedule.

    Args:
        before: The card's schedule before the answer.
        quality: The grade, 0 (blackout) to 5 (perfect).
        today: The study day number the answer counts for.
        card_id: The card's id; seeds fuzz and the exam spread, so the same card gets the same result.
        policy: The algorithm, exam day and fuzz to use.
        repeat: True when the card was already graded today: SM-2 step 7 says such repeats are
            logged but change neither ease nor interval.
        memory: The point's FSRS memory before this answer, folded from its review log
            (`trainer.sched.memory.fold`); exam mode plans the next review by it. None for a new card.

    Returns:
        The outcome: the new schedule and whether the card comes back today.
    """
    check_quality(quality)
    if repeat:
        return Outcome(after=before, repeat=True, again=_again(before, quality), became_leech=False)
    # Forgotten: a fail of a card graded on an earlier day. Not `reps > 0`: a card failed every day
    # (and passed only on its same-day repeats, which change nothing) has reps 0 at every first answer,
    # and would never lapse, never become a leech.
    lapsed = quality < 3 and before.last_review_day is not None
    lapses = before.lapses + (1 if lapsed else 0)
    match policy.algorithm:
        case Algorithm.FSRS:
            from trainer.sched.fsrs_adapter import fsrs_review  # FSRS decks only

            result = fsrs_review(before.stability, before.difficulty, before.last_review_day, quality, today=today)
            interval, ease = result.interval, before.ease
            reps = before.reps + 1 if quality >= 3 else 0
            stability: float | None = result.stability
            difficulty: float | None = result.difficulty
        case _:
            state = review(before.sm2, quality)
            interval, ease, reps = state.interval, state.ease, state.repetitions
            stability, difficulty = before.stability, before.difficulty
    if policy.plans(today):
        assert policy.exam_day is not None and policy.exam_target is not None
        now = remember(memory, quality, today)
        interval = plan_interval(now, today=today, exam_day=policy.exam_day, target=policy.exam_target / 100)
        if policy.algorithm is Algorithm.SM2:  # SM-2 keeps no memory of its own: keep the estimate
            stability, difficulty = now.stability, now.difficulty
    else:
        if policy.fuzz:
            interval = fuzz_interval(interval, card_seed(card_id, today, "fuzz"))
        seed = card_seed(card_id, today, "exam")
        interval = cap_interval(interval, today=today, exam_day=policy.exam_day, seed=seed)
    # No interval past a century (Anki's maximum interval): SM-2 multiplies it by the ease at each pass
    # whenever it comes, so a history of daily passes (an imported Anki log, early reviews) would grow it
    # past any integer a database stores.
    interval = min(interval, MAX_INTERVAL_DAYS)
    # Before an exam, exam mode flags a leech but keeps it: the plan exists to bring the weakest points
    # back, and a point suspended weeks before the exam would be lost on the exam day.
    flagged = lapsed and lapses >= LEECH_LAPSES
    became_leech = flagged and not policy.plans(today)
    leech = before.leech or flagged
    after = replace(
        before,
        queue=Queue.SUSPENDED if became_leech else Queue.REVIEW,
        due_day=today + interval,
        reps=reps,
        ease=ease,
        interval=interval,
        lapses=lapses,
        leech=leech,
        stability=stability,
        difficulty=difficulty,
    )
    return Outcome(after=after, repeat=False, again=_again(after, quality), became_leech=became_leech)


def _again(after: Schedule, quality: int) -> bool:
    return quality < REPEAT_BELOW and after.queue is not Queue.SUSPENDED
