"""The pure scheduler: SM-2 exactness, same-day repeats, lapses and leeches, fuzz, the exam cap, FSRS."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from trainer.sched import LEECH_LAPSES, Algorithm, Policy, Queue, Schedule, State, days_until_exam, grade, review
from trainer.sched.exam import EXAM_SPREAD_DAYS, cap_interval
from trainer.sched.fsrs_adapter import fsrs_review, rating_for
from trainer.sched.fuzz import card_seed, fuzz_interval, fuzz_range

DAY0 = date(2026, 11, 22).toordinal()
DEFAULT = Policy()


def run(qualities: list[int], *, policy: Policy = DEFAULT, card_id: int = 1, start: int = DAY0) -> list[Schedule]:
    """Answer a card on each due day in turn; the schedules after each answer."""
    state, today, out = Schedule(), start, []
    for q in qualities:
        state = grade(state, q, today=today, card_id=card_id, policy=policy).after
        out.append(state)
        today = state.due_day
    return out


def test_review_pinned_intervals_for_eight_fours():
    state, intervals = None, []
    for _ in range(8):
        state = review(state, 4)
        intervals.append(state.interval)
    assert intervals == [1, 6, 15, 38, 95, 238, 595, 1488]
    assert state == State(repetitions=8, ease=2.5, interval=1488)


def test_grade_sm2_matches_review_and_pins_due_dates():
    states = run([4] * 5)
    assert [s.interval for s in states] == [1, 6, 15, 38, 95]
    dues = [date.fromordinal(s.due_day).isoformat() for s in states]
    assert dues == ["2026-11-23", "2026-11-29", "2026-12-14", "2027-01-21", "2027-04-26"]
    assert all(s.queue is Queue.REVIEW for s in states)


def test_lapse_counts_every_fail_after_the_first_grade_and_resets():
    # Issue 18: the second fail is a lapse though reps are 0 (a card failed every day is a leech).
    states = run([2, 2, 4, 4, 1])
    assert [s.lapses for s in states] == [0, 1, 1, 1, 2]
    assert [s.reps for s in states] == [0, 0, 1, 2, 0]
    assert states[-1].interval == 1


def test_same_day_repeat_is_logged_but_changes_nothing():
    first = grade(Schedule(), 2, today=DAY0, card_id=1)
    assert first.again and not first.repeat
    again = grade(first.after, 1, today=DAY0, card_id=1, repeat=True)
    assert again.repeat and again.again and again.after == first.after
    passed = grade(again.after, 5, today=DAY0, card_id=1, repeat=True)
    assert passed.after == first.after and not passed.again


@pytest.mark.parametrize(("quality", "again"), [(0, True), (2, True), (3, True), (4, False), (5, False)])
def test_below_four_comes_back_today(quality: int, again: bool):
    learned = Schedule(queue=Queue.REVIEW, due_day=DAY0, reps=3, ease=2.5, interval=15)
    assert grade(learned, quality, today=DAY0, card_id=7).again is again


def test_eighth_lapse_makes_a_suspended_leech():
    state, today = Schedule(), DAY0
    for lapse in range(1, LEECH_LAPSES + 1):
        state = grade(state, 4, today=today, card_id=3).after  # learn
        today = state.due_day
        out = grade(state, 1, today=today, card_id=3)
        state, today = out.after, out.after.due_day
        assert state.lapses == lapse
        assert out.became_leech is (lapse == LEECH_LAPSES)
    assert state.leech and state.queue is Queue.SUSPENDED
    assert not out.again  # a suspended card does not come back today


def test_quality_out_of_range_is_refused():
    with pytest.raises(ValueError):
        grade(Schedule(), 6, today=DAY0, card_id=1)
    with pytest.raises(ValueError):
        grade(Schedule(), True, today=DAY0, card_id=1)  # type: ignore[arg-type]


# ---- fuzz -----------------------------------------------------------------------------------------


def test_fuzz_leaves_short_intervals_and_stays_in_range():
    assert fuzz_range(1) == (1, 1) and fuzz_range(2) == (2, 2)
    assert fuzz_range(15) == (13, 17)
    assert fuzz_range(100) == (93, 107)
    seen = {fuzz_interval(15, card_seed(cid, DAY0)) for cid in range(200)}
    assert seen == set(range(13, 18))


def test_fuzz_is_deterministic_per_card_and_spreads_cards():
    policy = Policy(fuzz=True)
    a = run([4] * 6, policy=policy, card_id=11)
    assert a == run([4] * 6, policy=policy, card_id=11)
    finals = {run([4] * 6, policy=policy, card_id=cid)[-1].due_day for cid in range(30)}
    assert len(finals) > 5  # cards learned together drift apart
    assert a[0].interval == 1 and 4 <= a[1].interval <= 8


# ---- exam ------------------------------------------------------------------------------------------


def test_days_until_exam():
    assert days_until_exam(date(2027, 3, 27), date(2027, 3, 28)) == 1
    assert days_until_exam(date(2027, 3, 28), date(2027, 3, 28)) == 0
    assert days_until_exam(date(2027, 3, 29), date(2027, 3, 28)) == -1
    assert days_until_exam(date(2026, 11, 22), date(2027, 3, 28)) == 126


@pytest.mark.parametrize("today_offset", range(-40, 3))
@pytest.mark.parametrize("interval", [1, 2, 6, 15, 38, 400])
def test_exam_cap_never_runs_past_the_exam(today_offset: int, interval: int):
    exam = DAY0 + 60
    today = exam + today_offset
    for seed in range(6):
        capped = cap_interval(interval, today=today, exam_day=exam, seed=seed)
        assert capped >= 1
        if today >= exam:
            assert capped == interval  # exam over: schedules run free
        elif today == exam - 1:
            assert capped == 1  # the eve: due on the exam day, the earliest possible
        else:
            assert today + capped <= exam - 1  # due again before the exam
            if today + interval <= exam - 1:
                assert capped == interval  # untouched when it fits
            else:
                assert today + capped >= exam - EXAM_SPREAD_DAYS  # the last days before it


def test_exam_schedule_pinned_around_the_boundary():
    exam = date(2027, 3, 28).toordinal()
    policy = Policy(exam_day=exam)
    start = date(2027, 3, 1).toordinal()
    states = run([4] * 7, policy=policy, card_id=5, start=start)
    dues = [date.fromordinal(s.due_day).isoformat() for s in states]
    # 1, 6, 15 fit before the exam; 38 days would run past it, so the card comes back in the last
    # days before it, then on the eve it is due on the exam day; after the exam schedules run free.
    assert dues == ["2027-03-02", "2027-03-08", "2027-03-23", "2027-03-26", "2027-03-27", "2027-03-28", "2027-03-31"]
    assert [s.interval for s in states] == [1, 6, 15, 3, 1, 1, 3]


def test_no_exam_means_no_cap():
    assert cap_interval(400, today=DAY0, exam_day=None) == 400


# ---- FSRS ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("quality", "rating"), [(0, 1), (1, 1), (2, 1), (3, 2), (4, 3), (5, 4)])
def test_quality_maps_onto_fsrs_ratings(quality: int, rating: int):
    assert rating_for(quality) == rating


def test_fsrs_deck_schedules_with_the_fsrs_package():
    import fsrs

    policy = Policy(algorithm=Algorithm.FSRS)
    states = run([4, 4, 4, 4], policy=policy)
    intervals = [s.interval for s in states]
    assert intervals == sorted(intervals) and intervals[-1] > intervals[0]
    assert all(s.stability and s.difficulty for s in states)
    # Same as the package itself, fed the same days.
    sched = fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    first = fsrs_review(None, None, None, 4, today=DAY0)
    card = fsrs.Card(card_id=1)
    from datetime import UTC, datetime, time

    noon = datetime.combine(date.fromordinal(DAY0), time(12), tzinfo=UTC)
    card, _ = sched.review_card(card, fsrs.Rating.Good, review_datetime=noon)
    assert first.stability == pytest.approx(card.stability)
    assert first.interval == (card.due - noon).days == states[0].interval


def test_fsrs_easy_beats_hard_and_again_lapses():
    learned = run([4, 4], policy=Policy(algorithm=Algorithm.FSRS))[-1]
    today = learned.due_day
    hard = grade(learned, 3, today=today, card_id=1, policy=Policy(algorithm=Algorithm.FSRS)).after
    easy = grade(learned, 5, today=today, card_id=1, policy=Policy(algorithm=Algorithm.FSRS)).after
    again = grade(learned, 1, today=today, card_id=1, policy=Policy(algorithm=Algorithm.FSRS)).after
    assert hard.interval < easy.interval
    assert again.lapses == 1 and again.reps == 0 and again.interval < hard.interval


def test_sched_is_pure():
    code = (
        "import sys, trainer.sched, trainer.sched.queue, trainer.sched.days;"
        "bad = [m for m in ('sqlalchemy', 'textual', 'fsrs') if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
