"""Exam mode with a database: the session keeps to the learner's minutes, replay repeats planned answers,
`trainer plan` reports the projection, and `minutes-per-day` is a setting overall and per deck."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, SHANGHAI
from tests.test_study import Clock, big_deck, sync
from trainer.cli import main
from trainer.services import config
from trainer.services.config import DeckLimits, Settings
from trainer.services.exam_plan import cram, exam_plan
from trainer.services.study import StudySession
from trainer.store import drill
from trainer.store.models import ReviewLogRow
from trainer.store.queries import runner
from trainer.store.replay import replay

EXAM = date(2027, 3, 1)


def test_session_stops_when_the_minutes_are_used(engine: Engine):
    sync(engine, big_deck(sections=6, points=4))
    clock = Clock(FIXED_NOW)
    settings = Settings(zone=SHANGHAI, new_per_day=20, minutes_per_day=1)
    session = StudySession.start(engine, [1], settings, clock)
    # The planned queue fits a minute of new cards (about 21 s each with their repeats).
    assert session.left == 2
    shown = 0
    while session.current() is not None:
        session.answer(3, duration_ms=40_000)  # Hard: each comes back later today
        shown += 1
    # The second answer used the minute: the repeats wait, and the learner is told.
    assert shown == 2 and session.left == 2 and "分钟已用完" in session.notices[-1]
    # A new session the same day: the minute is spent, nothing is planned.
    again = StudySession.start(engine, [1], settings, clock)
    assert again.current() is None


def test_deck_minutes_cap_only_that_deck(engine: Engine):
    sync(engine, big_deck("甲", sections=6, points=4))
    sync(engine, big_deck("乙", sections=6, points=4), h="h2")
    settings = Settings(zone=SHANGHAI, new_per_day=10, decks={"甲": DeckLimits(minutes_per_day=1)})
    session = StudySession.start(engine, [1, 2], settings, Clock(FIXED_NOW))
    per_deck = {d: sum(1 for c in session.queue if session.deck_of[c] == d) for d in (1, 2)}
    assert per_deck[1] <= 2 and per_deck[2] == 10


def test_exam_mode_answers_replay_and_stay_before_the_exam(engine: Engine):
    sync(engine, big_deck(sections=5, points=4))
    clock = Clock(FIXED_NOW)
    settings = Settings(zone=SHANGHAI, new_per_day=5, exam_date=EXAM, minutes_per_day=20)
    for day in range(40):
        session = StudySession.start(engine, [1], settings, clock)
        n = 0
        while session.current() is not None:
            session.answer([1, 3, 4, 4, 5][(day + n) % 5], duration_ms=8000)
            n += 1
        clock.now += timedelta(days=1)
    with Session(engine) as s:
        assert replay(s).ok
        exam = EXAM.toordinal()
        late = s.scalar(
            select(func.count()).select_from(ReviewLogRow).where(ReviewLogRow.day < exam, ReviewLogRow.due_after > exam)
        )
        assert late == 0
        stability = s.scalars(select(ReviewLogRow.stability_after).where(ReviewLogRow.exam_target.is_not(None))).all()
        assert stability and all(x is not None and x > 0 for x in stability)  # SM-2 cards keep FSRS's estimate
        today = (FIXED_NOW + timedelta(days=40)).astimezone(SHANGHAI).date().toordinal()
        plan = exam_plan(runner(s), settings, today)
        assert plan.points == 20 and plan.seen + plan.unseen == 20 and plan.seen > 0
        assert plan.days_left == exam - today and len(plan.minutes_by_day) == plan.days_left
        assert sum(g.points for g in plan.lists) == 20
        picked = cram(runner(s), settings, today)
        assert len(picked) == len(set(picked))


def test_advice_names_the_minutes_and_the_lists(engine: Engine):
    sync(engine, big_deck(sections=10, points=6))
    settings = Settings(zone=SHANGHAI, new_per_day=20, exam_date=EXAM, minutes_per_day=1)
    today = EXAM.toordinal() - 10  # 60 unseen points, ten days, one minute a day
    with Session(engine) as s:
        plan = exam_plan(runner(s), settings, today)
    assert plan.below > 0 and plan.minutes_needed > 1
    assert plan.advice.startswith(f"需要每天约 {plan.minutes_needed} 分钟；按 1 分钟，约 {plan.below} 个要点")


def test_plan_cli_text_and_json(capsys: pytest.CaptureFixture[str]):
    assert main(["plan"]) == 2
    assert "exam-date" in capsys.readouterr().err
    assert main(["sync"]) == 0
    assert main(["config", "set", "exam-date", (date.today() + timedelta(days=60)).isoformat()]) == 0
    assert main(["config", "set", "minutes-per-day", "30"]) == 0
    capsys.readouterr()
    assert main(["plan"]) == 0
    text = capsys.readouterr().out
    assert "还有" in text and "每天时间 30 分钟" in text and "按清单" in text
    assert main(["plan", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["minutes_budget"] == 30 and data["unseen"] == data["points"] > 0


def test_minutes_per_day_setting(capsys: pytest.CaptureFixture[str]):
    from tests.conftest import make_deck
    from trainer import paths
    from trainer.deckfile import decks

    paths.user_decks_dir().mkdir(parents=True, exist_ok=True)
    decks.save(make_deck(name="甲"), paths.user_decks_dir() / "jia.yaml")  # --deck names a deck in the database
    assert main(["sync"]) == 0
    assert main(["config", "set", "minutes-per-day", "30"]) == 0
    assert main(["config", "set", "minutes-per-day", "10", "--deck", "甲"]) == 0
    s = config.load_settings()
    assert s.minutes_per_day == 30 and s.minutes_for("甲") == 10 and s.minutes_for("乙") is None
    assert s.day_budget().deck_minutes == {"甲": 10}
    assert main(["config", "set", "minutes-per-day", "none"]) == 0
    assert config.load_settings().minutes_per_day is None
    assert main(["config", "set", "minutes-per-day", "abc"]) == 2
    assert "minutes-per-day" in capsys.readouterr().err


def test_forget_starts_the_exam_memory_afresh_live_and_in_replay(engine: Engine):
    """A card made new again (card browser's forget) is planned as a new point: its memory restarts from
    the answers after the forget, in the session and in `trainer db replay` alike."""
    from trainer.sched.memory import remember
    from trainer.store import exam_reads
    from trainer.store.resets import forget

    sync(engine, big_deck(sections=2, points=3))
    clock = Clock(FIXED_NOW)
    settings = Settings(zone=SHANGHAI, new_per_day=6, exam_date=EXAM, minutes_per_day=30)
    for _ in range(5):
        session = StudySession.start(engine, [1], settings, clock)
        while session.current() is not None:
            session.answer(5, duration_ms=5000)
        clock.now += timedelta(days=1)
    with Session(engine) as s:
        card = s.scalars(select(ReviewLogRow.card_id).order_by(ReviewLogRow.id)).first()
    today = clock.now.astimezone(SHANGHAI).date().toordinal()
    with Session(engine) as s, s.begin():
        forget(s, [card], now=clock.now, today=today)
    clock.now += timedelta(minutes=1)
    with Session(engine) as s:
        assert card not in exam_reads.memories(runner(s), [card])  # nothing answered since the forget
    session = StudySession.start(engine, [1], settings, clock)
    session.keep_only([card])
    assert session.current() is not None and session.current().card_id == card
    session.answer(4, duration_ms=5000)
    with Session(engine) as s:
        fresh = remember(None, 4, today)
        assert exam_reads.memories(runner(s), [card])[card] == fresh
        row = s.scalars(
            select(ReviewLogRow).where(ReviewLogRow.card_id == card).order_by(ReviewLogRow.id.desc())
        ).first()
        assert row is not None and row.stability_after == pytest.approx(fresh.stability)
        report = replay(s)
        assert report.ok, report.mismatches


def test_home_counts_under_a_minutes_budget_are_what_enter_on_the_deck_gives(engine: Engine):
    # Two decks, one minute for the day: a session of either deck alone fits its new cards into the
    # minute, so the home screen's row of each deck says so (it once fitted the minute over both decks
    # and showed 新卡 0 on the second, whose session then offered new cards).
    sync(engine, big_deck("甲", sections=6, points=4))
    sync(engine, big_deck("乙", sections=6, points=4), h="h2")
    settings = Settings(zone=SHANGHAI, new_per_day=10, minutes_per_day=1)
    clock = Clock(FIXED_NOW)
    sessions = {deck_id: StudySession.start(engine, [deck_id], settings, clock) for deck_id in (1, 2)}
    today = sessions[1].today
    with Session(engine) as s:
        rows = drill.deck_summaries(
            runner(s), today, settings.new_per_day, limits_for=settings.limits_for, budget=settings.day_budget()
        )
    shown = {row.deck_id: row.due + row.new + row.learning for row in rows}
    assert shown == {deck_id: len(session.queue) for deck_id, session in sessions.items()}
    assert all(n > 0 for n in shown.values())
