"""Snapshots of the screens a learner sees most, at 80x24 with fixed data and a fixed clock.

Regenerate after an intended change with `pytest tests/test_tui_snapshots.py --snapshot-update`,
then look at the SVGs before committing them.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import SHANGHAI
from tests.test_study import big_deck
from tests.tui_support import ExamSettings, FakeTicker, add_history, app_for, sync

TODAY = date(2026, 11, 22).toordinal()
SIZE = (80, 24)


@pytest.fixture
def app(engine, deck):
    sync(engine, deck)
    add_history(engine, [1, 2], days_back=30, today=TODAY)
    # A monotonic clock that stands still: every answer takes 0 s, so the summary's time is fixed.
    return app_for(engine, ExamSettings(zone=SHANGHAI, exam_date=date(2027, 3, 28)), monotonic=FakeTicker())


async def _settle(pilot) -> None:
    # Twice: a worker's result can start another step (a refill of the table, the next worker).
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    pilot.app.clear_notifications()
    await pilot.pause()


def test_home(snap_compare, app) -> None:
    async def topics_open(pilot) -> None:
        await _settle(pilot)
        await pilot.press("t")  # the deck's topics, read in the background
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=topics_open)


def test_review_front(snap_compare, app) -> None:
    assert snap_compare(app, press=["a", "h"], terminal_size=SIZE, run_before=_settle)


def test_review_back(snap_compare, app) -> None:
    assert snap_compare(app, press=["a", "space"], terminal_size=SIZE, run_before=_settle)


def test_review_typed_answer_checked(snap_compare, app) -> None:
    async def typed(pilot) -> None:
        await pilot.press("a", "t")
        pilot.app.focused.value = "线上线下未整合"
        await pilot.press("enter")
        await _settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=typed)


def test_summary(snap_compare, app) -> None:
    assert snap_compare(app, press=["a", "space", "1", "space", "4"], terminal_size=SIZE, run_before=_settle)


def test_stats(snap_compare, app) -> None:
    assert snap_compare(app, press=["s"], terminal_size=SIZE, run_before=_settle)


def test_review_list_graded_per_point(snap_compare, engine) -> None:
    """A 6-point list after the reveal: every head with its own grade (two set, the rest to set)."""
    from tests.test_tui_lists import known_yesterday

    known_yesterday(engine)
    app = app_for(engine, monotonic=FakeTicker())
    assert snap_compare(app, press=["enter", "space", "5", "down", "2"], terminal_size=SIZE, run_before=_settle)


def test_exam_plan(snap_compare, engine) -> None:
    # Six lists of five points, a month of answers, the exam in ten days and a minute a day: the chart
    # crosses the budget line and the sentence says what would fix it.
    sync(engine, big_deck(sections=6, points=5))
    add_history(engine, list(range(1, 20)), days_back=30, today=TODAY)
    settings = ExamSettings(zone=SHANGHAI, exam_date=date(2026, 12, 2), minutes_per_day=1, new_per_day=5)
    app = app_for(engine, settings, monotonic=FakeTicker())
    assert snap_compare(app, press=["p"], terminal_size=SIZE, run_before=_settle)
