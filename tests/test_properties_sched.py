"""Property tests of scheduling: SM-2's invariants, replay of any logged history, and clocks that jump.

The pure rules are checked on `trainer.sched`; the replay and clock properties go through a real SQLite
store (one per test, emptied before each example) so they cover what is written, not just what is computed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from tests.conftest import make_deck
from trainer.sched import review
from trainer.sched.answer import Policy, grade
from trainer.sched.sm2 import MIN_EASE_X100, State
from trainer.sched.state import NEW_CARD, Algorithm, Queue
from trainer.services.config import Settings
from trainer.services.study import StudySession
from trainer.store import open_store
from trainer.store.answers import record_answer
from trainer.store.models import CardStateRow, ReviewLogRow
from trainer.store.replay import replay
from trainer.store.sync import sync_deck

qualities = st.integers(min_value=0, max_value=5)
DAY0 = datetime(2026, 3, 1, tzinfo=UTC).toordinal()


def _two_decimals(x: float) -> bool:
    return abs(x * 100 - round(x * 100)) < 1e-9


@settings(max_examples=400)
@given(st.lists(qualities, min_size=1, max_size=60))
def test_sm2_ease_interval_and_growth(answers: list[int]) -> None:
    state: State | None = None
    for q in answers:
        new = review(state, q)
        assert new.ease >= MIN_EASE_X100 / 100
        assert _two_decimals(new.ease)
        assert new.interval >= 1
        if state is not None and state.repetitions >= 1 and q >= 4:
            assert new.interval >= state.interval, (state, q, new)  # a good answer never brings a card closer
        state = new


@settings(max_examples=300)
@given(
    st.lists(st.tuples(qualities, st.integers(min_value=0, max_value=60)), min_size=1, max_size=40),
    st.sampled_from(list(Algorithm)),
    st.booleans(),
    st.integers(min_value=1, max_value=10**6),
)
def test_grade_keeps_its_invariants(
    steps: list[tuple[int, int]], algorithm: Algorithm, fuzz: bool, card_id: int
) -> None:
    policy = Policy(algorithm=algorithm, fuzz=fuzz)
    before, today = NEW_CARD, DAY0
    for q, gap in steps:
        today += gap
        after = grade(before, q, today=today, card_id=card_id, policy=policy).after
        assert after.interval >= 1 and after.due_day == today + after.interval
        assert after.ease >= MIN_EASE_X100 / 100 and _two_decimals(after.ease)
        if algorithm is Algorithm.SM2 and not fuzz and before.reps >= 1 and q >= 4:
            assert after.interval >= before.interval
        before = after


# -- through the store ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One SQLite store with an SM-2 deck (cards 1-4) and an FSRS deck (cards 5-8)."""
    path: Path = tmp_path_factory.mktemp("props") / "props.db"
    engine = open_store(f"sqlite:///{path}")
    sm2 = make_deck("记忆卡组")
    fsrs = dataclasses.replace(make_deck("FSRS卡组"), settings={"scheduler": "fsrs"})
    with Session(engine) as s, s.begin():
        for deck in (sm2, fsrs):
            sync_deck(s, deck, path=f"{deck.name}.yaml", content_hash="h", now=datetime(2026, 3, 1, tzinfo=UTC))
    yield engine
    engine.dispose()


def _reset(engine: Engine) -> list[int]:
    """Every card back to new, the log emptied; returns the card ids."""
    new = NEW_CARD
    with Session(engine) as s, s.begin():
        s.execute(delete(ReviewLogRow))
        s.execute(
            update(CardStateRow).values(
                queue=new.queue,
                due_day=new.due_day,
                reps=new.reps,
                ease=new.ease,
                interval=new.interval,
                lapses=new.lapses,
                leech=new.leech,
                stability=None,
                difficulty=None,
                last_review=None,
            )
        )
        return list(s.scalars(select(CardStateRow.card_id).order_by(CardStateRow.card_id)))


answer_steps = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=7),  # which card
        qualities,
        st.integers(min_value=-3, max_value=40),  # days since the previous answer; negative: the clock went back
        st.booleans(),  # fuzz
        st.one_of(st.none(), st.integers(min_value=1, max_value=90)),  # exam in this many days
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer_steps)
def test_replaying_any_logged_history_gives_the_stored_state(store: Engine, steps: list) -> None:
    cards = _reset(store)
    today = DAY0
    answered_on: set[tuple[int, int]] = set()
    for index, q, gap, fuzz, exam_in in steps:
        today += gap
        card_id = cards[index % len(cards)]
        with Session(store) as s, s.begin():
            algorithm = Algorithm.FSRS if index >= 4 else Algorithm.SM2
            policy = Policy(algorithm=algorithm, fuzz=fuzz, exam_day=None if exam_in is None else today + exam_in)
            row = s.get(CardStateRow, card_id)
            assert row is not None
            if row.queue == Queue.SUSPENDED:
                continue  # a leech is out of the queue until rewritten
            s.expunge(row)
            result = record_answer(s, card_id, q, now=datetime.now(UTC), today=today, policy=policy)
        assert result.after.interval >= 1 or result.repeat
        assert result.repeat == ((card_id, today) in answered_on)
        answered_on.add((card_id, today))
    with Session(store) as s:
        report = replay(s)
    assert report.ok, report.mismatches[:3]


# -- clocks and time zones ----------------------------------------------------------------------------

ZONES = ["Asia/Shanghai", "UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/London"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=-72, max_value=72 * 3),  # hours the clock moves between sessions (may go back)
            st.sampled_from(ZONES),  # the zone the learner is in for that session
            st.integers(min_value=0, max_value=23),  # day start hour
            st.lists(qualities, min_size=1, max_size=6),
        ),
        min_size=2,
        max_size=6,
    )
)
def test_clock_going_back_or_zone_change_between_sessions(store: Engine, sessions: list) -> None:
    _reset(store)
    now = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
    for hours, zone, day_start, answers in sessions:
        now += timedelta(hours=hours)
        moment = now
        conf = Settings(zone=tz.gettz(zone), day_start_hour=day_start, new_per_day=100, reviews_per_day=100)
        session = StudySession.start(store, [1, 2], conf, clock=lambda m=moment: m)
        for q in answers:
            if session.current() is None:
                break
            result = session.answer(q)
            assert result.repeat or result.after.interval >= 1
            assert result.after.due_day >= session.today + (0 if result.repeat else 1) or result.repeat
        session.summary()
    with Session(store) as s:
        assert replay(s).ok
        for row in s.scalars(select(CardStateRow)):
            assert row.interval >= 0 and (row.queue == Queue.NEW or row.interval >= 1)
