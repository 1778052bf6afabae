"""Exam mode plans points: a list comes back the same day only for a forgotten point, new work is paced
by points and a point's other cards follow it, a list card is charged its points' time; pure rules first,
then the study session on a database keeping to them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, SHANGHAI
from tests.test_lists_floors import document
from tests.test_study import Clock, sync
from trainer.core.cards import CardKind
from trainer.core.session import Step, after_answer, grade_card, grade_list, remembered
from trainer.sched.answer import Policy
from trainer.sched.budget import fit_day, list_seconds, paced_new
from trainer.sched.days import study_day
from trainer.sched.lists import comes_back_today, list_comes_back
from trainer.sched.queue import Candidate, Limits, Today, build_queue, is_extra, is_point_card
from trainer.sched.state import NEW_CARD, Queue, Schedule
from trainer.services.config import Settings
from trainer.services.study import StudySession
from trainer.store.models import CardRow, ReviewLogRow
from trainer.store.replay import replay
from trainer.store.resets import forget

D = 740000
LEARNED = Schedule(queue=Queue.REVIEW, due_day=D, reps=2, interval=6)


def card(cid: int, kind: str = "head", point: str | None = None, queue=Queue.REVIEW, due=D, section="s") -> Candidate:
    point = ("" if kind == "list" else f"p{cid}") if point is None else point
    return Candidate(cid, 1, section, point, queue, due, cid, kind)


# ---- a list answer with a Hard point -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("grades", "back"),
    [([5, 4, 4], False), ([5, 3, 4], False), ([3, 3, 3], False), ([5, 2, 4], True), ([0, 5, 5], True)],
    ids=["good", "one-hard", "all-hard", "one-forgotten", "first-blank"],
)
def test_a_list_comes_back_today_only_for_a_forgotten_point(grades, back):
    points = [(11, LEARNED), (12, LEARNED), (13, LEARNED)]
    own, graded = grade_list(20, LEARNED, points, grades, today=D, policy=Policy(), answered=())
    assert own.quality == min(grades)  # the log keeps the weakest point's grade
    assert list_comes_back(grades) is back and own.outcome.again is back
    queue, step = after_answer([20, 11, 5, 6, 7], own, graded)
    assert queue == ([5, 6, 7, 20] if back else [5, 6, 7])  # its points leave the queue either way
    assert step.requeued is back
    # A Hard point still gets its own review of the day (not a same-day repeat).
    assert graded[1].first_today and not graded[1].outcome.repeat and graded[1].quality == grades[1]


def test_the_days_repeats_after_a_restart_read_the_same_rule():
    assert comes_back_today(3, listed=False) and not comes_back_today(4, listed=False)
    assert not comes_back_today(3, listed=True) and comes_back_today(2, listed=True)


# ---- pacing by points ---------------------------------------------------------------------------------


def test_paced_by_points_new_points_come_first_and_their_other_cards_follow():
    """Cards in document order: each point's head, then its slogan card; points 1 and 2 were seen before."""
    new = [
        card(10 * p + k, kind, point=f"p{p}", queue=Queue.NEW)
        for p in range(1, 7)
        for k, kind in ((0, "head"), (1, "slogan"))
    ]
    new = [c for c in new if not (c.kind == "head" and c.point in ("p1", "p2"))]  # seen: their heads are not new
    plain = build_queue([], new, today=Today(), limits={1: Limits(new=3)})
    assert [c.card_id for c in plain] == [11, 21, 30]  # three cards: only one new point
    paced = build_queue([], new, today=Today(), limits={1: Limits(new=3, by_points=True)})
    ids = [c.card_id for c in paced]
    assert sorted(ids[:3]) == [30, 40, 50]  # three new points
    assert sorted(ids[3:]) == [11, 21]  # then the other cards of points seen before (not of today's)
    assert all(is_point_card(c) for c in paced[:3]) and all(is_extra(c) for c in paced[3:])


def test_paced_by_points_a_due_point_wins_over_its_other_card():
    slogan = card(2, "slogan", point="p1", due=D - 5)  # more overdue, but the point's own card is due too
    head = card(1, "head", point="p1", due=D)
    plain = build_queue([slogan, head], [], today=Today(), limits={1: Limits()})
    assert [c.card_id for c in plain] == [2]
    paced = build_queue([slogan, head], [], today=Today(), limits={1: Limits(by_points=True)})
    assert [c.card_id for c in paced] == [1]


def test_new_points_are_counted_not_cards():
    # 600 points with 1,963 cards: the pace is the points', 600 / 69 days.
    assert paced_new(600, D, D + 90, 5) == 9


# ---- the day's minutes ---------------------------------------------------------------------------------


def test_a_list_showing_takes_each_points_time_and_more_when_one_may_be_forgotten():
    recalled = 0.15 * 11.68 + 0.75 * 7.33 + 0.10 * 5.6  # fsrs-optimizer's Hard/Good/Easy review seconds
    assert list_seconds([1.0] * 4) == pytest.approx(4 * recalled)  # four reviews, nothing forgotten
    assert list_seconds([1.0, 1.0, 1.0, 0.5]) > list_seconds([1.0] * 4) + 0.5 * (23.0 - recalled)
    assert list_seconds([0.9] * 6) > 2 * list_seconds([0.9] * 3)  # a forgotten point repeats them all


def test_fit_day_orders_points_before_other_cards_and_charges_a_list_its_points():
    memory = {i: (50.0, D - 1) for i in range(1, 10)}  # strong reviews (the list card 9 too)
    memory[3] = (2.0, D - 10)  # a weak point
    memory[7] = (0.5, D - 10)  # weakest of all by its own memory, but another card of point 7
    planned = [
        card(7, "slogan", point="p7", section="a"),
        card(1, section="b"),
        card(3, section="c"),
        card(9, "list", section="t"),  # the list of points 4, 5, 6 (their head cards are not due)
        card(20, "head", queue=Queue.NEW, section="u"),
        card(21, "overlap", point="p21", queue=Queue.NEW, section="v"),
    ]
    points = {9: [4, 5, 6]}
    ordered = fit_day(planned, memory, today=D, exam_day=D + 30, budget=None, points=points)
    assert [c.card_id for c in ordered] == [3, 1, 9, 20, 7, 21]  # reviews, the new point, then the rest
    memory[5] = (1.0, D - 10)  # a weak point makes its list weak
    ordered = fit_day(planned, memory, today=D, exam_day=D + 30, budget=None, points=points)
    assert [c.card_id for c in ordered] == [9, 3, 1, 20, 7, 21]
    # A cut to the minutes keeps a prefix: the other cards go first.
    for budget in range(0, 400, 10):
        cut = fit_day(planned, memory, today=D, exam_day=D + 30, budget=float(budget), points=points)
        assert [c.card_id for c in cut] == [c.card_id for c in ordered][: len(cut)]
    # A strong list of three points costs three reviews, not one.
    memory[5] = (50.0, D - 1)
    alone = [card(9, "list", section="t")]
    assert fit_day(alone, memory, today=D, exam_day=D + 30, budget=15.0) == alone  # as one card: 7.8 s
    assert fit_day(alone, memory, today=D, exam_day=D + 30, budget=15.0, points=points) == []


# ---- a point's memory ---------------------------------------------------------------------------------


def test_every_card_of_a_point_plans_by_the_points_memory():
    """Exam mode: an overlap card (2) of point 1 answered after its head card (1) plans by the head's
    memory too: a lapse on it brings the point back soon, where its own short history would not."""
    policy = Policy(exam_day=D + 40, exam_target=99)
    owner = {2: 1}
    memory: dict = {}
    state1 = NEW_CARD
    for day in (0, 1, 4, 12):  # the head card, learned well
        g = grade_card(1, state1, 5, today=D + day, policy=policy, answered=(), memory=memory, owner=owner)
        memory.update(remembered(memory, Step(g), D + day, owner))
        state1 = g.outcome.after
    assert set(memory) == {1}
    alone = grade_card(2, NEW_CARD, 4, today=D + 13, policy=policy, answered=(), memory={}, owner=None)
    shared = grade_card(2, NEW_CARD, 4, today=D + 13, policy=policy, answered=(), memory=memory, owner=owner)
    assert shared.outcome.after.interval > alone.outcome.after.interval  # the point is known, not new
    after = remembered(memory, Step(shared), D + 13, owner)
    assert set(after) == {1} and after[1].stability > memory[1].stability  # one memory per point


# ---- the study session keeps to them -------------------------------------------------------------------


def _answer_all(session: StudySession) -> None:
    while session.current() is not None:
        n = len(session.points())
        if n:
            session.answer_list([4] * n, duration_ms=3000)
        else:
            session.answer(4, duration_ms=1000)


def test_a_list_with_a_hard_point_does_not_come_back_after_a_restart_either(engine: Engine):
    sync(engine, document())
    clock = Clock(FIXED_NOW)
    settings = Settings(zone=SHANGHAI)
    for _ in range(10):
        session = StudySession.start(engine, [1], settings, clock)
        while (current := session.current()) is not None and not session.points():
            session.answer(4, duration_ms=1000)
        if current is not None:
            break
        clock.now += timedelta(days=1)
    assert current is not None, "no list card in ten days"
    heads = [cid for cid, _ in session.points()]
    grades = [4] * len(heads)
    grades[1] = 3
    answer = session.answer_list(grades, duration_ms=3000)
    assert not answer.again and current.card_id not in session.queue
    assert not set(heads) & set(session.queue)
    restarted = StudySession.start(engine, [1], settings, clock)
    assert current.card_id not in restarted.queue and not set(heads) & set(restarted.queue)
    _answer_all(session)
    with Session(engine) as s:
        assert replay(s).ok


def test_exam_mode_introduces_points_first_and_their_other_cards_after(engine: Engine):
    deck = document()
    sync(engine, deck)
    points = sum(len(s.points) for t in deck.topics for s in t.sections)
    clock = Clock(FIXED_NOW)
    exam = date(2027, 1, 31)
    settings = Settings(zone=SHANGHAI, new_per_day=5, exam_date=exam, minutes_per_day=60)
    with Session(engine) as s:
        kind = {r.id: r.kind for r in s.scalars(select(CardRow))}
    today = study_day(FIXED_NOW, SHANGHAI)
    session = StudySession.start(engine, [1], settings, clock)
    first = [kind[c] for c in session.queue]
    assert first == [CardKind.HEAD] * paced_new(points, today, exam.toordinal(), 5)  # points, not cards
    _answer_all(session)
    clock.now += timedelta(days=1)
    session = StudySession.start(engine, [1], settings, clock)
    second = [kind[c] for c in session.queue]
    news = [k for k in second if k == CardKind.HEAD]
    assert len(news) >= paced_new(points - len(first), today + 1, exam.toordinal(), 5)
    others = [i for i, k in enumerate(second) if k not in (CardKind.HEAD, CardKind.LIST)]
    assert others and min(others) > max(i for i, k in enumerate(second) if k == CardKind.HEAD)


def test_exam_mode_plans_each_point_by_every_card_that_asks_it_and_replay_matches(engine: Engine):
    """Every kind of card, exam mode, a month of answers with lapses and undo: replay rebuilds every
    schedule, and a point's other cards plan by the point's memory (its head card's answers too)."""
    sync(engine, document())
    clock = Clock(FIXED_NOW)
    settings = Settings(zone=SHANGHAI, new_per_day=8, exam_date=date(2027, 1, 10), minutes_per_day=30)
    grades = [4, 4, 3, 5, 1, 4, 4, 2, 4, 5]
    n = 0
    for day in range(30):
        if day == 12:  # a point's head card made new again by hand, its other cards kept
            with Session(engine) as s, s.begin():
                heads = s.scalars(select(CardRow.id).where(CardRow.kind == CardKind.HEAD).order_by(CardRow.id)).all()
                forget(s, heads[:3], now=clock.now - timedelta(minutes=1), today=study_day(clock.now, SHANGHAI))
        session = StudySession.start(engine, [1], settings, clock)
        while session.current() is not None:
            k = len(session.points())
            session.answer_list([grades[(n + i) % len(grades)] for i in range(max(1, k))], duration_ms=4000)
            n += 1
            if n % 17 == 0:
                session.undo()
        clock.now += timedelta(days=1)
    with Session(engine) as s:
        kinds = {r.id: r.kind for r in s.scalars(select(CardRow))}
        logged = {r.card_id for r in s.scalars(select(ReviewLogRow))}
        report = replay(s)
    assert {kinds[c] for c in logged} >= {CardKind.HEAD, CardKind.LIST, CardKind.OVERLAP, CardKind.PAIR}
    assert report.ok, report.mismatches[:5]
    # The log says which memory planned each answer: read as answers logged before points were planned
    # (each card by its own answers), the same answers rebuild other schedules.
    with Session(engine) as s, s.begin():
        s.execute(update(ReviewLogRow).values(point_memory=False))
    with Session(engine) as s:
        assert {m.field for m in replay(s).mismatches} & {"interval", "due_day", "stability"}
