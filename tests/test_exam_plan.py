"""Exam mode: the FSRS memory model against the `fsrs` package, the plan's intervals, the day's budget,
and the learning simulation's invariants on a tiny scenario."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import fsrs
import pytest

from benchmarks import learning
from trainer.sched.answer import LEECH_LAPSES, Policy, grade
from trainer.sched.budget import expected_seconds, fit_minutes, paced_new, weakest_first
from trainer.sched.exam import (
    CATCH_UP_DAYS,
    EXAM_FLOOR,
    EXAM_TARGET_PERCENT,
    NEXT_RECALL,
    exam_recall,
    plan_interval,
)
from trainer.sched.memory import DEFAULT_PARAMETERS, Memory, days_until, fold, recall, remember
from trainer.sched.queue import Candidate
from trainer.sched.state import NEW_CARD, Queue


def test_default_parameters_are_the_packages():
    from fsrs.scheduler import DEFAULT_PARAMETERS as theirs

    assert theirs == DEFAULT_PARAMETERS


@pytest.mark.parametrize("seed", range(6))
def test_memory_matches_fsrs_scheduler(seed: int):
    """Random histories (same-day repeats, lapses, long gaps) give the package's stability and difficulty."""
    rng = random.Random(seed)
    scheduler = fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    start = datetime(2027, 1, 1, 12, tzinfo=UTC)
    card = fsrs.Card(card_id=1)
    memory = None
    day = 0
    for _ in range(25):
        day += rng.choice([0, 0, 1, 2, 5, 13, 40])
        quality = rng.choice([1, 3, 4, 4, 5])
        card, _log = scheduler.review_card(
            card, fsrs.Rating(1 if quality < 3 else quality - 1), review_datetime=start + timedelta(days=day)
        )
        memory = remember(memory, quality, day)
        assert memory.stability == pytest.approx(card.stability, rel=1e-12)
        assert memory.difficulty == pytest.approx(card.difficulty, rel=1e-12)
        later = start + timedelta(days=day + 7)
        assert recall(7, memory.stability) == pytest.approx(scheduler.get_card_retrievability(card, later), rel=1e-12)


def test_days_until_inverts_recall():
    assert recall(days_until(0.9, 12.0), 12.0) == pytest.approx(0.9)
    assert days_until(0.9, 12.0) == pytest.approx(12.0)  # stability is the 90 % point by definition
    assert fold([]) is None


def test_plan_leaves_secured_points_until_the_exam():
    strong = Memory(stability=400.0, difficulty=5.0, day=100)
    assert exam_recall(strong, 130) >= 0.98
    assert plan_interval(strong, today=100, exam_day=130, target=0.98) == 30  # due on the exam day


def test_plan_brings_weak_points_back_before_the_catch_up_days():
    weak = Memory(stability=20.0, difficulty=5.0, day=100)
    days = plan_interval(weak, today=100, exam_day=130, target=0.98)
    assert 1 <= days <= 30 - CATCH_UP_DAYS
    assert recall(days, weak.stability) >= 0.9 - 1e-9  # back before recall falls under 90 %
    # A lapse in the last days comes back daily.
    lapsed = remember(Memory(30.0, 5.0, 120), 1, 127)
    assert plan_interval(lapsed, today=127, exam_day=130, target=0.98) == 1
    assert plan_interval(lapsed, today=129, exam_day=130, target=0.98) == 1  # the eve: due on the exam day


def test_in_the_last_days_a_point_above_the_floor_waits_for_the_exam_morning():
    exam = 130
    # Recall on the exam day between the floor and the target: in the catch-up days it is left alone.
    fair = Memory(stability=15.0, difficulty=5.0, day=130 - CATCH_UP_DAYS)
    assert EXAM_FLOOR <= exam_recall(fair, exam) < EXAM_TARGET_PERCENT / 100
    assert plan_interval(fair, today=exam - CATCH_UP_DAYS, exam_day=exam, target=EXAM_TARGET_PERCENT / 100) == 3
    # Earlier, the same estimate brings it back before the exam.
    early = Memory(stability=60.0, difficulty=5.0, day=100)
    assert exam_recall(early, exam) < EXAM_TARGET_PERCENT / 100
    assert plan_interval(early, today=100, exam_day=exam, target=EXAM_TARGET_PERCENT / 100) < 30 - CATCH_UP_DAYS + 1
    # Below the floor, it still comes daily.
    weak = Memory(stability=3.0, difficulty=5.0, day=exam - 2)
    assert exam_recall(weak, exam) < EXAM_FLOOR
    assert plan_interval(weak, today=exam - 2, exam_day=exam, target=EXAM_TARGET_PERCENT / 100) == 1


def test_exam_mode_flags_a_leech_but_keeps_it_until_the_exam():
    worn = replace(NEW_CARD, queue=Queue.REVIEW, reps=3, interval=4, lapses=LEECH_LAPSES - 1, due_day=100)
    memory = Memory(stability=2.0, difficulty=9.0, day=96)
    planned = grade(worn, 1, today=100, card_id=7, policy=Policy(exam_day=160, exam_target=99), memory=memory)
    assert planned.after.leech and planned.after.queue is Queue.REVIEW and planned.again
    assert not planned.became_leech
    plain = grade(worn, 1, today=100, card_id=7, policy=Policy(exam_day=160))
    assert plain.after.leech and plain.after.queue is Queue.SUSPENDED and plain.became_leech


def test_grade_in_exam_mode_keeps_sm2_and_plans_by_memory():
    policy = Policy(exam_day=160, exam_target=98)
    out = grade(NEW_CARD, 4, today=100, card_id=7, policy=policy)
    assert out.after.reps == 1 and out.after.ease == 2.5  # SM-2 still keeps its ease and repetitions
    memory = remember(None, 4, 100)
    assert out.after.stability == memory.stability and out.after.due_day == 100 + plan_interval(
        memory, today=100, exam_day=160, target=0.98
    )
    plain = grade(NEW_CARD, 4, today=100, card_id=7, policy=Policy(exam_day=160))
    assert plain.after.stability is None and plain.after.due_day == 101  # answers logged before exam mode


def _cand(i: int, queue: Queue = Queue.REVIEW, deck: int = 1) -> Candidate:
    return Candidate(i, deck, f"s{i}", f"p{i}", queue, 0, i)


def test_weakest_first_keeps_repeats_in_front_and_new_last():
    queue = [_cand(1), _cand(2), _cand(3), _cand(4, Queue.NEW), _cand(5)]
    ordered = weakest_first(queue, {1: 0.5, 2: 0.99, 3: 0.1, 5: 0.7}, pending=1)
    assert [c.card_id for c in ordered] == [1, 3, 5, 2, 4]


def test_fit_minutes_cuts_at_the_budget_and_per_deck():
    queue = [_cand(i) for i in range(10)]
    seconds = dict.fromkeys(range(10), 60.0)
    assert len(fit_minutes(queue, seconds, budget=300.0)) == 5
    assert len(fit_minutes(queue, seconds, budget=300.0, spent=120.0)) == 3
    assert len(fit_minutes(queue, seconds, budget=60.0, pending=4)) == 4  # today's repeats stay
    two = [_cand(i, deck=1 + i % 2) for i in range(10)]
    kept = fit_minutes(two, seconds, budget=None, deck_budgets={1: 120.0})
    assert [c.card_id for c in kept if c.deck_id == 1] == [0, 2] and sum(c.deck_id == 2 for c in kept) == 5
    assert expected_seconds(None) > expected_seconds(0.5) > expected_seconds(0.99)


def test_new_points_are_paced_for_the_exam():
    assert paced_new(600, 0, 90, 5) == 9  # 600 points in the 69 days before the last three weeks
    assert paced_new(600, 0, None, 5) == 5
    assert paced_new(0, 0, 90, 5) == 5


def test_tiny_simulation_keeps_the_invariants():
    """A tiny exam scenario: no interval past the exam, no day over budget by more than its last card."""
    setup = learning.Setup(points=60, days=30, budget_minutes=4, exam_day=30)
    learner, log = learning.run_trainer(setup, seed=3)
    assert log.past_exam == 0 and log.over == 0
    assert max(log.seconds) <= 4 * 60 + max(learning.FIRST_SECONDS)
    figures = learning.exam_figures(learner, log, 60, learning.START + 30)
    assert figures["share_ge_095"] > 0.8  # the budget is tight, but most points are secured
    # The same seed gives the same run.
    again = learning.exam_figures(*learning.run_trainer(setup, seed=3), 60, learning.START + 30)
    assert again == figures


def test_learning_benchmark_quick_writes_the_figures(tmp_path):
    lines: list[str] = []
    results = learning.main(["--quick", "--output", str(tmp_path / "out.json")], out=lines.append)
    for key in ("share_ge_095", "mean_recall", "p5_recall", "days_over_budget", "past_exam"):
        assert key in results["exam"]
    assert results["year"]["fsrs090_memorized_per_minute"] > 0 and results["year"]["memorized_per_minute"] > 0
    assert (tmp_path / "out.json").exists() and "exam mode" in lines[0]


def test_the_simulation_runs_the_sessions_own_rules(monkeypatch):
    """Every answer of the simulated learner goes through `trainer.core.session`, as a study session's does."""
    from trainer.core import session as rules

    calls = {"grade_card": 0, "after_answer": 0}

    def counted(name):
        real = getattr(rules, name)

        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        return wrapper

    for name in calls:
        monkeypatch.setattr(rules, name, counted(name))
    setup = learning.Setup(points=40, days=20, budget_minutes=4, exam_day=20)
    _learner, log = learning.run_trainer(setup, seed=1)
    assert calls["grade_card"] == calls["after_answer"] > 40  # every showing, same-day repeats included
    assert sum(log.seconds) > 0


def _plan_interval_day_by_day(memory: Memory, *, today: int, exam_day: int, target: float) -> int:
    """plan_interval as its docstring states it, trying every day in turn (the reference for bisection)."""
    left = exam_day - today
    if left <= 1 or exam_recall(memory, exam_day) >= target:
        return max(1, left)
    if left <= CATCH_UP_DAYS and exam_recall(memory, exam_day) >= EXAM_FLOOR:
        return left
    latest = max(1, min(int(days_until(NEXT_RECALL, memory.stability)), left - CATCH_UP_DAYS))
    for days in range(1, latest):
        if exam_recall(remember(memory, 4, today + days), exam_day) >= target:
            return days
    return latest


def test_plan_interval_finds_the_same_day_as_trying_every_day() -> None:
    rng = random.Random(20261206)
    checked = 0
    for _ in range(4000):
        memory = Memory(
            stability=10 ** rng.uniform(-1, 3.3), difficulty=rng.uniform(1, 10), day=100 - rng.randrange(0, 60)
        )
        exam_day = 100 + rng.randrange(2, 900)
        target = rng.choice([0.9, 0.95, 0.98, 0.99, 0.995])
        expected = _plan_interval_day_by_day(memory, today=100, exam_day=exam_day, target=target)
        assert plan_interval(memory, today=100, exam_day=exam_day, target=target) == expected, (memory, exam_day)
        checked += expected > 1
    assert checked > 1000  # most cases really searched past the first day
