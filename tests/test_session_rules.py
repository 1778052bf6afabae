"""The session's rules and the list entry rule, pure: values in, values out (`trainer.core.session`,
`trainer.sched.lists`, the list parts of `trainer.sched.queue.build_queue`)."""

from __future__ import annotations

import pytest

from trainer.core.session import (
    after_answer,
    after_undo,
    answered_after,
    answered_after_undo,
    days_shown,
    grade_card,
    grade_list,
)
from trainer.sched.answer import Policy
from trainer.sched.lists import absorb_pending, became_known, known, list_grade, ready_day
from trainer.sched.queue import Candidate, Limits, Today, build_queue
from trainer.sched.state import NEW_CARD, Queue, Schedule

D = 740000
LEARNED = Schedule(queue=Queue.REVIEW, due_day=D, reps=2, interval=6)


def test_known_once_graded_three_or_better():
    assert not known(NEW_CARD)
    failed_first = grade_card(1, NEW_CARD, 2, today=D, policy=Policy(), answered=()).outcome.after
    assert not known(failed_first)  # graded, but never passed
    passed = grade_card(1, failed_first, 3, today=D + 1, policy=Policy(), answered=()).outcome.after
    assert known(passed) and became_known(failed_first, passed)
    lapsed = grade_card(1, passed, 0, today=D + 2, policy=Policy(), answered=()).outcome.after
    assert lapsed.reps == 0 and known(lapsed)  # forgotten since, but it was known


def test_ready_day_is_the_day_after_the_last_point_is_known():
    assert ready_day([(1, D), (2, D + 3), (3, D + 1)]) == D + 2  # the last answer in log order
    assert ready_day([(5, D), (2, D + 3)]) == D + 1  # a clock set back: the later answer's earlier day
    assert ready_day([(1, D), None]) == 0
    assert ready_day([]) == 0


def test_list_grade_is_the_weakest_point():
    assert list_grade([5, 4, 2, 5]) == 2
    with pytest.raises(ValueError):
        list_grade([])


def test_a_list_answer_grades_each_point_with_its_own_grade():
    points = [(11, LEARNED), (12, LEARNED), (13, Schedule(queue=Queue.SUSPENDED, reps=2, interval=6))]
    own, graded = grade_list(20, NEW_CARD, points, [5, 1, 4], today=D, policy=Policy(), answered={12})
    assert own.quality == 1 and own.outcome.again and own.first_today
    assert [(g.card_id, g.quality, g.first_today) for g in graded] == [(11, 5, True), (12, 1, False)]
    assert graded[0].outcome.after.interval == 16  # ceil(6 × 2.6): its own review of the day
    assert graded[1].outcome.repeat and graded[1].outcome.after == LEARNED  # a same-day repeat
    with pytest.raises(ValueError):
        grade_list(20, NEW_CARD, points, [4], today=D, policy=Policy(), answered=())


def test_keys_show_today_for_a_grade_that_brings_the_card_back_today():
    fail = grade_card(1, LEARNED, 3, today=D, policy=Policy(), answered=()).outcome
    good = grade_card(1, LEARNED, 4, today=D, policy=Policy(), answered=()).outcome
    assert days_shown(fail, D) == 0 and days_shown(good, D) == 15
    # A same-day repeat graded 4 keeps the schedule its first answer gave: the key shows that.
    after_fail = Schedule(queue=Queue.REVIEW, due_day=D + 1, reps=0, interval=1, lapses=1)
    repeat = grade_card(1, after_fail, 4, today=D, policy=Policy(), answered={1}).outcome
    assert repeat.repeat and days_shown(repeat, D) == 1


def test_queue_after_a_list_answer_and_its_undo():
    own, graded = grade_list(20, LEARNED, [(11, LEARNED), (12, LEARNED)], [4, 2], today=D, policy=Policy(), answered=())
    queue = [20, 1, 12, 2, 3, 4, 5, 6, 7, 8, 9]
    after, step = after_answer(queue, own, graded, gap=3)
    assert after == [1, 2, 3, 20, 4, 5, 6, 7, 8, 9]  # the list back 3 cards later; point 12 went with it
    assert step.requeued and step.removed == (12,)
    answered = answered_after(set(), step)
    assert answered == {20, 11, 12}
    assert after_undo(after, step) == [20, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert answered_after_undo(answered, step) == set()


def cand(cid, section="s", point=None, queue=Queue.REVIEW, due=D, order=0):
    return Candidate(cid, 1, section, f"p{cid}" if point is None else point, queue, due, order or cid)


def test_a_ready_list_enters_outside_the_budget_and_its_points_go_with_it():
    reviews = [cand(1), cand(2), cand(3, section="t")]
    ready = [cand(10, point="", queue=Queue.NEW, due=D)]
    new = [cand(20, section="u", queue=Queue.NEW), cand(21, section="v", point="", queue=Queue.NEW)]
    queue = build_queue(reviews, new, today=Today(), limits={1: Limits(new=0)}, ready=ready)
    assert sorted(c.card_id for c in queue) == [3, 10]  # heads 1, 2 answered through list 10; no new cards
    # A not-ready new list card never comes from the new-card budget.
    queue = build_queue([], new, today=Today(), limits={1: Limits(new=5)})
    assert [c.card_id for c in queue] == [20]


def test_a_list_waits_when_a_point_was_answered_today_and_wins_over_queued_points():
    ready = [cand(10, point="", queue=Queue.NEW)]
    today = Today(answered=(cand(1),))
    assert build_queue([], [], today=today, limits={}, ready=ready) == []
    due_list = cand(9, point="", due=D)
    queue = build_queue([cand(1, due=D - 5), cand(2, due=D - 3), due_list], [], today=Today(), limits={})
    assert [c.card_id for c in queue] == [9]


def test_pending_points_of_a_pending_list_repeat_through_it():
    pending = [cand(1), cand(10, point=""), cand(3, section="t")]
    assert [c.card_id for c in absorb_pending(pending)] == [10, 3]
