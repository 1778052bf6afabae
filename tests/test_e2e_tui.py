"""The review TUI driven with Pilot key presses, asserting on what lands in the database."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW
from trainer.store.handle import Store
from trainer.store.models import ReviewLogRow
from trainer.store.sync import sync_deck
from trainer.tui.app import make_app
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.review import ReviewScreen
from trainer.tui.screens.summary import SummaryScreen


def _log(engine) -> list[tuple[int, int]]:
    with Session(engine) as s:
        return [(r.card_id, r.quality) for r in s.scalars(select(ReviewLogRow).order_by(ReviewLogRow.id))]


async def test_answer_lands_in_the_review_log_before_the_next_card(engine, deck, settings) -> None:
    with Session(engine) as s, s.begin():
        sync_deck(s, deck, path="d.yaml", content_hash="x", now=FIXED_NOW)
    app = make_app(Store(engine), settings=settings, clock=lambda: FIXED_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, ReviewScreen)
        review = app.screen
        first = review.session.current()
        assert first is not None
        await pilot.press("3")  # grading before the reveal does nothing
        assert _log(engine) == []
        await pilot.press("space")
        assert review.revealed
        await pilot.press("5")
        assert _log(engine) == [(first.card_id, 5)]
        second = review.session.current()
        assert second is not None and second.card_id != first.card_id
        assert not review.revealed
        await pilot.press("space", "space")  # Space after the reveal grades 4
        assert _log(engine) == [(first.card_id, 5), (second.card_id, 4)]
        await pilot.press("q")
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.summary.reviewed == 2
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)


async def test_whole_queue_ends_in_the_summary(engine, deck, settings) -> None:
    with Session(engine) as s, s.begin():
        sync_deck(s, deck, path="d.yaml", content_hash="x", now=FIXED_NOW)
    app = make_app(Store(engine), settings=settings, clock=lambda: FIXED_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        for _ in range(3):  # three head cards; the list card (their sibling) waits a day
            await pilot.press("space", "4")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert (app.screen.summary.reviewed, app.screen.summary.left) == (3, 0)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(ReviewLogRow)) == 3


async def test_cjk_prompt_wraps_by_display_width_at_80_columns(engine, settings) -> None:
    from tests.conftest import make_deck

    body = "便民服务中心人员紧缺，存在未按照编制落实人员、人岗不对应等问题。" * 4
    long_deck = make_deck(heads=("人才队伍不完善",))
    point = long_deck.topics[0].sections[0].points[0]
    from dataclasses import replace

    section = replace(long_deck.topics[0].sections[0], points=(replace(point, body=body),))
    long_deck = replace(long_deck, topics=(replace(long_deck.topics[0], sections=(section,)),))
    with Session(engine) as s, s.begin():
        sync_deck(s, long_deck, path="d.yaml", content_hash="x", now=FIXED_NOW)
    app = make_app(Store(engine), settings=settings, clock=lambda: FIXED_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        prompt = app.screen.query_one("#prompt")
        lines = prompt.render_lines(prompt.region.reset_offset)
        texts = ["".join(seg.text for seg in line).rstrip() for line in lines]
        assert all(line.cell_length <= prompt.region.width for line in lines)
        assert prompt.region.right <= 80
        joined = "".join(t.strip() for t in texts)
        assert body in joined  # every character shown, none cut off at the edge
        assert len([t for t in texts if t]) >= 4  # 136 wide characters need several 76-cell lines
