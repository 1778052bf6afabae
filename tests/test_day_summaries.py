"""The day summaries (`trainer.store.day_summaries`): the day's plan from them equals the plan from the log."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, SHANGHAI
from tests.test_study import Clock, big_deck, start, sync
from trainer.sched.days import study_day
from trainer.sched.state import Queue
from trainer.services.config import Settings
from trainer.services.study import StudySession, refresh_summaries
from trainer.store import day_summaries as summaries
from trainer.store import drill, sqlrun
from trainer.store.models import CardRow, DayCardRow, DayCountRow, DayMarkRow, ReviewLogRow
from trainer.store.queries import runner

pytestmark = pytest.mark.postgres
SETTINGS = Settings(zone=SHANGHAI)


@contextmanager
def reading(engine: Engine) -> Iterator[sqlrun.Runner]:
    with Session(engine) as s:
        yield runner(s)


def day_of(clock: Clock) -> int:
    return study_day(clock(), SHANGHAI, SETTINGS.day_start_hour)


def both_plans(engine: Engine, today: int) -> tuple[list[int], list[int]]:
    """(plan from the summaries, plan from the log), as card ids in order."""
    with reading(engine) as run:
        assert summaries.is_fresh(run, today)
        cached = [c.card_id for c in drill.plan_day(run, today, [1])]
        from_log = drill.plan_day(run, today, [1], activity=drill.today_activity(run, today, [1]))
    return cached, [c.card_id for c in from_log]


def summary_rows(engine: Engine) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with Session(engine) as s:
        cards = [tuple(r) for r in s.execute(select(DayCardRow.__table__).order_by(DayCardRow.day, DayCardRow.card_id))]
        counts = [
            tuple(r) for r in s.execute(select(DayCountRow.__table__).order_by(DayCountRow.day, DayCountRow.deck_id))
        ]
    return cards, counts


def test_plan_from_summaries_equals_plan_from_log_through_a_day_of_mixed_answers(engine: Engine):
    sync(engine, big_deck(sections=8, points=4))
    clock = Clock(FIXED_NOW)
    rng = random.Random(7)
    for day in range(6):
        clock.now = FIXED_NOW + timedelta(days=day)
        for _ in range(3):  # three sittings a day: each start folds what the previous one logged
            session = start(engine, clock, SETTINGS)
            for _ in range(rng.randint(3, 9)):
                if session.current() is None:
                    break
                session.answer(rng.choice((1, 3, 4, 4, 5)), duration_ms=1000)
            clock.now += timedelta(minutes=30)
        today = day_of(clock)
        with Session(engine) as s, s.begin():
            summaries.refresh(runner(s), today)
        cached, from_log = both_plans(engine, today)
        assert cached == from_log, f"day {day}"
        # Pending repeats and counts agree with the log's account of the day.
        with reading(engine) as run:
            fast, slow = summaries.activity(run, today, [1]), drill.today_activity(run, today, [1])
        assert [c.card_id for c in fast.pending] == [c.card_id for c in slow.pending]
        assert (fast.new_done or {}, fast.reviews_done or {}) == (slow.new_done or {}, slow.reviews_done or {})


def test_folding_step_by_step_equals_rebuilding_and_keeps_two_days(engine: Engine):
    sync(engine, big_deck(sections=6, points=4))
    clock = Clock(FIXED_NOW)
    for day in range(3):
        clock.now = FIXED_NOW + timedelta(days=day)
        for _ in range(2):
            session = start(engine, clock, SETTINGS)  # folds the previous sitting's answers
            for q in (4, 2, 5, 3):
                if session.current() is not None:
                    session.answer(q)
    today = day_of(clock)
    with Session(engine) as s, s.begin():
        summaries.refresh(runner(s), today)
    stepwise = summary_rows(engine)
    assert {r[0] for r in stepwise[0]} <= {today - 1, today} and stepwise[0]
    with Session(engine) as s, s.begin():
        s.execute(DayMarkRow.__table__.delete())
        assert summaries.refresh(runner(s), today) > 0  # rebuilt from the log's day index
    assert summary_rows(engine) == stepwise


def _log_row(card_id: int, today: int) -> dict[str, object]:
    """A failed first answer, as another process would log it."""
    return {
        "card_id": card_id,
        "reviewed_at": FIXED_NOW,
        "day": today,
        "quality": 1,
        "duration_ms": 0,
        "queue_before": 0,
        "reps_before": 0,
        "ease_before": 2.5,
        "interval_before": 0,
        "due_before": 0,
        "lapses_before": 0,
        "queue_after": 1,
        "reps_after": 0,
        "ease_after": 2.5,
        "interval_after": 0,
        "due_after": today,
        "lapses_after": 0,
    }


def test_rows_written_behind_the_summaries_back_are_seen(engine: Engine):
    """Another process (or an import) logs an answer: the summaries are stale, so readers use the log,
    and the next start folds it in."""
    sync(engine, big_deck(sections=3, points=4))
    clock = Clock(FIXED_NOW)
    session = start(engine, clock, SETTINGS)
    first = session.current()
    assert first is not None
    today = session.today
    with engine.begin() as conn:  # a failed answer written straight into the log
        conn.execute(insert(ReviewLogRow), [_log_row(first.card_id, today)])
    with reading(engine) as run:
        assert not summaries.is_fresh(run, today)
        summary = drill.deck_summaries(run, today)[0]
    assert summary.learning == 1  # read from the log: graded 1 today, so it comes back today
    again = start(engine, clock, SETTINGS)
    assert first.card_id in again.answered  # folded in: the next answer to it is a same-day repeat
    with reading(engine) as run:
        assert summaries.is_fresh(run, today)
        assert summaries.activity(run, today, [1]).new_done == {1: 1}


def test_an_answer_in_flight_during_a_fold_is_not_lost(engine: Engine):
    """An answer whose transaction is still open when another process folds the log (on PostgreSQL a
    later answer may commit first, with a higher id) is folded in, and two starts folding at once
    both succeed (on PostgreSQL both once hit the mark's primary key)."""
    sync(engine, big_deck(sections=3, points=4))
    clock = Clock(FIXED_NOW)
    today = day_of(clock)
    with Session(engine) as s:
        card_ids = s.scalars(select(CardRow.id).order_by(CardRow.id).limit(2)).all()
    slow = engine.connect()
    slow.begin()
    slow.execute(insert(ReviewLogRow), [_log_row(card_ids[0], today)])  # not committed yet
    if engine.dialect.name != "sqlite":  # SQLite writers are serial: no later answer can commit first
        with engine.begin() as conn:
            conn.execute(insert(ReviewLogRow), [_log_row(card_ids[1], today)])
    errors: list[BaseException] = []

    def fold() -> None:
        try:
            refresh_summaries(engine, None, today)
        except BaseException as e:
            errors.append(e)

    folds = [threading.Thread(target=fold) for _ in range(2)]
    for t in folds:
        t.start()
    time.sleep(0.3)
    slow.commit()
    slow.close()
    for t in folds:
        t.join(30)
    assert errors == []
    folded = summary_rows(engine)
    with reading(engine) as run:
        assert summaries.is_fresh(run, today)
    with Session(engine) as s, s.begin():
        s.execute(DayMarkRow.__table__.delete())
        summaries.refresh(runner(s), today)
    assert folded == summary_rows(engine)
    assert {r[1] for r in folded[0]} >= {card_ids[0]}


def test_undo_makes_the_summaries_rebuild(engine: Engine):
    sync(engine, big_deck(sections=3, points=4))
    clock = Clock(FIXED_NOW)
    session = start(engine, clock, SETTINGS)
    session.answer(1)
    session.answer(4)
    start(engine, clock, SETTINGS)  # folds both answers
    session.undo()
    session.undo()
    today = session.today
    with reading(engine) as run:
        assert not summaries.is_fresh(run, today)
    fresh = start(engine, clock, SETTINGS)
    assert fresh.answered == set()
    with reading(engine) as run:
        assert summaries.activity(run, today, [1]).new_done == {}
    cached, from_log = both_plans(engine, today)
    assert cached == from_log


def test_deck_counts_are_capped_by_todays_limits_and_totals_can_wait(engine: Engine):
    sync(engine, big_deck(sections=6, points=4))  # 24 head cards + 6 list cards, all new
    clock = Clock(FIXED_NOW)
    limits = Settings(zone=SHANGHAI, new_per_day=5)
    session = StudySession.start(engine, [1], limits, clock)
    for _ in range(2):
        session.answer(4)
    with reading(engine) as run:
        (full,) = drill.deck_summaries(run, session.today, limits_for=limits.limits_for)
        (quick,) = drill.deck_summaries(run, session.today, limits_for=limits.limits_for, totals=False)
        totals = drill.deck_totals(run)
    assert (full.new, full.due, full.total) == (3, 0, 30)  # 5 a day, 2 started
    assert quick.total is None and (quick.new, quick.due, quick.learning) == (full.new, full.due, full.learning)
    assert totals == {1: 30}


def test_streak_from_the_mark_equals_counting_the_log(engine: Engine):
    sync(engine, big_deck(sections=8, points=4))
    clock = Clock(FIXED_NOW)
    seen = []
    for day in (0, 1, 2, 4, 5, 6, 7):  # a gap on day 3
        clock.now = FIXED_NOW + timedelta(days=day)
        session = start(engine, clock, SETTINGS)
        session.answer(4)
        start(engine, clock, SETTINGS)  # folds today's answer: the mark now holds the streak
        today = session.today
        with reading(engine) as run:
            assert summaries.is_fresh(run, today)
            fast = [summaries.streak(run, d) for d in (today, today + 1, today + 2)]
            slow = [
                next((n for s in (d, d - 1) if (n := summaries.run_length(run, s))), 0)
                for d in (today, today + 1, today + 2)
            ]
        assert fast == slow
        seen.append(fast[0])
    assert seen == [1, 2, 3, 1, 2, 3, 4]


def test_a_failed_card_set_aside_is_no_longer_pending(engine: Engine):
    sync(engine, big_deck(sections=4, points=4))
    clock = Clock(FIXED_NOW)
    session = start(engine, clock, SETTINGS)
    failed = []
    for _ in range(3):
        card = session.current()
        assert card is not None
        failed.append(card.card_id)
        session.answer(1)
    while session.current() is not None and session.current().card_id != failed[0]:  # type: ignore[union-attr]
        session.answer(4)
    session.bury()  # the first failed card, come back round
    again = start(engine, clock, SETTINGS)  # folds the answers
    with reading(engine) as run:
        fast, slow = summaries.activity(run, again.today, [1]), drill.today_activity(run, again.today, [1])
        (home,) = drill.deck_summaries(run, again.today)
    assert [c.card_id for c in fast.pending] == [c.card_id for c in slow.pending] == failed[1:]
    assert home.learning == 2
    assert list(again.queue)[:2] == failed[1:]


@pytest.mark.parametrize(("sections", "new_per_day"), [(8, 7), (2, 20)], ids=["limit-bound", "deck-bound"])
def test_home_counts_are_what_the_session_offers(engine: Engine, sections: int, new_per_day: int):
    """Home's due / new / learning for a deck equal the queue a session of it starts with, on days of
    mixed answers: the limits and the sibling rule (a list card waits while its points are studied
    today) apply to both. With fewer new cards than the limit, the list cards held back show."""
    sync(engine, big_deck(sections=sections, points=4))  # 4 head cards and a list card per section
    sync(engine, big_deck("别的卡组", sections=3, points=4), h="other")  # home plans every deck at once
    clock = Clock(FIXED_NOW)
    rng = random.Random(11)
    limits = Settings(zone=SHANGHAI, new_per_day=new_per_day)
    for day in range(5):
        clock.now = FIXED_NOW + timedelta(days=day)
        for sitting in range(2):
            session = start(engine, clock, limits)
            today = session.today
            with reading(engine) as run:
                home = next(d for d in drill.deck_summaries(run, today, limits_for=limits.limits_for) if d.deck_id == 1)
            queue = list(session.queue)
            assert home.due + home.new + home.learning == len(queue), (day, sitting)
            new_ids = {c for c in queue if session.cards[c].state.queue == Queue.NEW}
            assert home.new == len(new_ids - session.answered), (day, sitting)
            for _ in range(rng.randint(2, 8)):
                if session.current() is None:
                    break
                session.answer(rng.choice((1, 3, 4, 5)), duration_ms=500)
            clock.now += timedelta(hours=1)
