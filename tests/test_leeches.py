"""Leeches (issue 18): a card that keeps failing is a leech, whatever its same-day repeats did."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW
from tests.tui_support import sync
from trainer.sched import LEECH_LAPSES, Queue, Schedule, grade
from trainer.store import open_store, queries
from trainer.store.migrate import alembic_config
from trainer.store.models import CardStateRow
from trainer.store.replay import replay

DAY = FIXED_NOW.date().toordinal()


def _fail_then_pass_daily(state: Schedule, days: int) -> list[Schedule]:
    """Grade 1, then 4 on the same-day repeat, `days` days running; the state after each day."""
    out = []
    for d in range(days):
        state = grade(state, 1, today=DAY + d, card_id=7).after
        state = grade(state, 4, today=DAY + d, card_id=7, repeat=True).after
        out.append(state)
    return out


def test_a_card_failed_every_day_counts_a_lapse_every_day_after_the_first() -> None:
    days = _fail_then_pass_daily(Schedule(), LEECH_LAPSES + 1)
    # The first grade of a new card is learning, not forgetting; every later failure is a lapse.
    assert [s.lapses for s in days] == list(range(LEECH_LAPSES + 1))
    assert not days[-2].leech and days[-2].queue is Queue.REVIEW
    assert days[-1].leech and days[-1].queue is Queue.SUSPENDED


def test_a_new_cards_first_failure_is_not_a_lapse() -> None:
    after = grade(Schedule(), 0, today=DAY, card_id=1).after
    assert after.lapses == 0
    again = grade(after, 0, today=DAY, card_id=1, repeat=True).after
    assert again.lapses == 0  # a same-day repeat changes nothing


def _answer_daily(engine, card_id: int, days: int) -> None:
    with Session(engine) as s, s.begin():
        for d in range(days):
            now = FIXED_NOW + timedelta(days=d)
            queries.record_answer(s, card_id, 1, now=now, today=DAY + d)
            queries.record_answer(s, card_id, 4, now=now + timedelta(minutes=5), today=DAY + d)


def test_the_store_flags_the_leech_and_replay_agrees(engine, deck) -> None:
    sync(engine, deck)
    _answer_daily(engine, 1, LEECH_LAPSES + 1)
    with Session(engine) as s:
        row = s.get(CardStateRow, 1)
        assert (row.lapses, bool(row.leech), row.queue) == (LEECH_LAPSES, True, Queue.SUSPENDED)
        report = replay(s)
        assert report.ok, report.mismatches


def test_migration_recounts_lapses_of_an_older_database(sqlite_url: str, deck) -> None:
    from alembic import command

    engine = open_store(sqlite_url)
    sync(engine, deck)
    _answer_daily(engine, 1, LEECH_LAPSES + 1)  # card 1: a leech by the rule of now
    _answer_daily(engine, 2, 3)  # card 2: two lapses
    # What the old rule (a lapse only when reps > 0) left in the database: one lapse... none here.
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE card_state SET lapses = 0, leech = :f, queue = 2 WHERE card_id IN (1, 2)"), {"f": False}
        )
        command.downgrade(alembic_config(conn), "0005")  # type: ignore[arg-type]
    engine.dispose()
    engine = open_store(sqlite_url)  # upgrades to HEAD
    with Session(engine) as s:
        one, two = s.get(CardStateRow, 1), s.get(CardStateRow, 2)
        assert (one.lapses, bool(one.leech)) == (LEECH_LAPSES, True)
        assert one.queue == Queue.REVIEW  # flagged, not suspended behind the learner's back
        assert (two.lapses, bool(two.leech)) == (2, False)
        report = replay(s)
        assert report.ok, report.mismatches
    engine.dispose()
