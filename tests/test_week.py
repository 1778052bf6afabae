"""Issue 18, a week of daily use: the defects a learner hit, each driven by keys and checked on the store."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session
from textual.widgets import Static

from tests.tui_support import app_for, sync
from trainer.store.models import CardStateRow, Queue
from trainer.tui.screens.browse import BrowseScreen
from trainer.tui.screens.card_info import CardInfoScreen
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.review import ReviewScreen

TODAY = date(2026, 11, 22).toordinal()


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def _settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_browse_after_burying_a_new_card_shows_it_without_a_due_date(engine, deck) -> None:
    sync(engine, deck)
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        buried = review.session.current().card_id
        await pilot.press("minus")
        with Session(engine) as s:
            assert s.get(CardStateRow, buried).queue == Queue.BURIED
        await pilot.press("q")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("b")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, BrowseScreen)
        assert screen.total == 3
        row = next(i for i, r in enumerate(screen.page.rows) if r.card_id == buried)
        cells = screen.table.get_row_at(row)
        assert "已搁置" in cells[2] and cells[3] == "—"
        screen.table.move_cursor(row=row)
        await pilot.press("i")  # the card info of the buried new card opens too
        assert isinstance(app.screen, CardInfoScreen)
        assert "到期：—" in _text(app.screen, "#info-text")
    assert app.return_code in (0, None)
