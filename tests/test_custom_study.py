"""Custom study (issue 18): review ahead, a deck or topic, the weakest points, outside the daily
limits; a practice changes nothing, rescheduling writes answers. Keys checked on the database."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, SHANGHAI
from tests.tui_support import app_for, log, states, sync
from trainer.services.config import Settings
from trainer.store import queries
from trainer.tui.screens.custom import CustomStudyScreen
from trainer.tui.screens.review import ReviewScreen
from trainer.tui.screens.summary import SummaryScreen

TODAY = date(2026, 11, 22).toordinal()


def _learned(engine) -> None:
    """Cards 1 and 2 answered today (due tomorrow); card 1 forgotten once before."""
    with Session(engine) as s, s.begin():
        queries.record_answer(s, 1, 4, now=FIXED_NOW, today=TODAY - 3)
        queries.record_answer(s, 1, 1, now=FIXED_NOW, today=TODAY - 2)
        queries.record_answer(s, 1, 4, now=FIXED_NOW, today=TODAY)
        queries.record_answer(s, 2, 5, now=FIXED_NOW, today=TODAY)


async def _dialog(pilot) -> CustomStudyScreen:
    await pilot.press("x")
    screen = pilot.app.screen
    assert isinstance(screen, CustomStudyScreen)
    return screen


async def test_review_ahead_as_practice_changes_nothing(engine, deck) -> None:
    sync(engine, deck)
    _learned(engine)
    before, logged = states(engine), log(engine)
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = await _dialog(pilot)
        assert dialog.plan().choice.value == "ahead" and not dialog.plan().reschedule
        await pilot.click("#custom-start")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert sorted(review.session.queue) == [1, 2]  # due tomorrow: ahead of time
        await pilot.press("space", "1")  # a fail comes back, as in a review
        assert 1 in review.session.queue or review.session.current().card_id == 1
        while review.session.current() is not None and app.screen is review:
            await pilot.press("space", "5")
        assert isinstance(app.screen, SummaryScreen)
        assert "练习模式" in str(app.screen.query_one("#summary").render())
    assert states(engine) == before and log(engine) == logged  # nothing written


async def test_a_topic_outside_the_daily_limit_with_rescheduling(engine, deck) -> None:
    sync(engine, deck)
    app = app_for(engine, Settings(zone=SHANGHAI, new_per_day=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = await _dialog(pilot)
        await pilot.click("#choice-topic")
        await pilot.click("#custom-reschedule")
        plan = dialog.plan()
        assert plan.choice.value == "topic" and plan.reschedule and plan.deck_id == 1
        await pilot.click("#custom-start")
        review = app.screen
        assert review.session.left == 4  # three points and the list card, past the limit of one new card
        await pilot.press("space", "4")
        assert log(engine) == [(review.session.done[0].card_id, 4)]  # rescheduling: written


async def test_weakest_points_and_an_empty_choice(engine, deck) -> None:
    sync(engine, deck)
    app = app_for(engine)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await _dialog(pilot)
        await pilot.click("#choice-weakest")
        await pilot.click("#custom-start")
        assert not isinstance(app.screen, ReviewScreen)  # nothing learned yet: nothing weak
        assert any("没有符合条件的卡片" in n.message for n in app._notifications)
    _learned(engine)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _dialog(pilot)
        await pilot.click("#choice-weakest")
        await pilot.click("#custom-start")
        assert list(pilot.app.screen.session.queue) == [1]  # the one that lapsed


async def test_enter_on_the_choices_starts_the_highlighted_one(engine, deck) -> None:
    """Enter on the list of choices starts the study, as 开始 does, with the highlighted choice; space
    only chooses."""
    sync(engine, deck)
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = await _dialog(pilot)
        assert app.focused is dialog.query_one("#custom-choice")
        await pilot.press("down", "space")  # space chooses 当前卡组的全部卡片 and starts nothing
        assert app.screen is dialog and dialog.plan().choice.value == "topic"
        await pilot.press("up", "down")  # moving the highlight off and back
        await pilot.press("enter")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        assert review.session.left == 4  # the deck's three points and its list card (nothing is due)


async def test_bury_in_a_practice_is_refused_and_changes_no_schedule(engine, deck) -> None:
    sync(engine, deck)
    _learned(engine)
    before, logged = states(engine), log(engine)
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await _dialog(pilot)
        await pilot.click("#custom-start")
        review = app.screen
        assert isinstance(review, ReviewScreen) and review.session.practice
        shown = review.session.current().card_id
        await pilot.press("minus")
        await pilot.pause()
        assert review.session.current().card_id == shown  # the card stays: nothing set aside
        said = [n.message for n in app._notifications]
        assert said[-1] == "练习模式不改日程：搁置请在正常复习中进行"
    assert states(engine) == before and log(engine) == logged
