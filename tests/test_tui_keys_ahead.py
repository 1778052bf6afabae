"""Keys typed ahead apply in the order typed, each to the card it was typed on.

A terminal hands the app keys typed quickly all at once; Pilot's `press` waits for the app to be idle
after each key, which hides a key handled out of turn. `typed_fast` queues the keys as the terminal's
driver does, before the app handles the first.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from textual import events

from tests.conftest import FIXED_NOW, make_deck
from tests.tui_support import app_for, sync
from trainer.store import queries
from trainer.store.models import ReviewLogRow
from trainer.tui.screens.review import ReviewScreen

TODAY = date(2026, 11, 22).toordinal()
FOUR = ("人才队伍不完善", "权力下放不到位", "线上线下未融合", "考核评价不健全")
OTHER = ("数据共享不充分", "基层负担仍较重", "服务意识较淡薄", "宣传引导不到位")
CHARS = {"space": " ", "enter": "\r"}


def two_lists_due(engine) -> None:
    """Two decks whose heads were answered yesterday: today each deck's 4-point list is due."""
    sync(engine, make_deck("甲", FOUR))
    sync(engine, make_deck("乙", OTHER))
    with Session(engine) as s, s.begin():
        for card_id in (1, 2, 3, 4, 6, 7, 8, 9):  # 5 and 10 are the lists
            queries.record_answer(s, card_id, 4, now=FIXED_NOW - timedelta(days=1), today=TODAY - 1)


def today_log(engine) -> list[tuple[int, int, int | None]]:
    with Session(engine) as s:
        rows = s.scalars(select(ReviewLogRow).where(ReviewLogRow.day == TODAY).order_by(ReviewLogRow.id))
        return [(r.card_id, r.quality, r.via_card_id) for r in rows]


def list_answered(list_id: int, grades: tuple[int, ...]) -> list[tuple[int, int, int | None]]:
    """The log rows of a list answered with these grades: the list by its weakest point, then each head."""
    heads = range(list_id - len(grades), list_id)  # make_deck gives a deck's head cards just before its list
    return [(list_id, min(grades), None)] + [(h, g, list_id) for h, g in zip(heads, grades, strict=True)]


async def typed_fast(pilot, *keys: str) -> None:
    """Keys as a terminal delivers keys typed quickly: all queued before the app handles the first."""
    driver = pilot.app._driver
    for key in keys:
        driver.send_message(events.Key(key, CHARS.get(key, key)))
    await pilot.pause()
    await pilot.pause()


async def review_all(pilot) -> ReviewScreen:
    pilot.app.action_review_all()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def test_grade_then_space_typed_fast_grade_the_last_point_before_the_list_is_answered(engine) -> None:
    two_lists_due(engine)
    notes: list[str] = []
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        pilot.app.notify = lambda message, **kw: notes.append(str(message))  # type: ignore[method-assign]
        review = await review_all(pilot)
        first = review.session.current()
        assert first is not None and len(first.card.point_ids) == 4 and review.session.left == 2
        await pilot.press("space")
        for _ in range(3):
            await pilot.press("5")
            await pilot.pause()
        assert review.list_grades is not None and review.list_grades.grades == [5, 5, 5, None]
        await typed_fast(pilot, "0", "space")
        # The fourth point gets the 0 typed before Space; the list is answered by its weakest point.
        assert today_log(engine) == list_answered(first.card_id, (5, 5, 5, 0))
        # Nothing typed for the list landed on the card shown next: it waits for its reveal.
        nxt = review.session.current()
        assert nxt is not None and not review.revealed and review.list_grades is None
        assert not any("先按空格" in n for n in notes)


async def test_reveal_grade_and_answer_typed_fast_on_a_list(engine) -> None:
    """Space, 0, Space typed fast on a list's front: the 0 grades point 1 (its rows are there before the
    next key is handled; the grade key crashed on rows not yet drawn), Space answers; nothing is left
    over for the next card."""
    two_lists_due(engine)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await review_all(pilot)
        first = review.session.current()
        await typed_fast(pilot, "space", "0", "space")
        assert today_log(engine) == list_answered(first.card_id, (0, 4, 4, 4))
        assert not review.revealed


async def test_plain_card_space_then_grade_typed_fast_grades_that_card(engine) -> None:
    """A non-list card: Space (reveal) then 0 typed fast answers it 0; the next card is not touched."""
    sync(engine, make_deck("甲", FOUR))  # new head cards first; the list waits for its heads
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await review_all(pilot)
        first = review.session.current()
        assert first is not None and len(first.card.answers) == 1
        await typed_fast(pilot, "space", "0")
        assert today_log(engine) == [(first.card_id, 0, None)]
        assert not review.revealed  # the card shown next waits for its own reveal
        await typed_fast(pilot, "space", "5", "space", "3")  # answer the next card 5, reveal another, 3
        log = today_log(engine)
        assert [q for _c, q, _v in log] == [0, 5, 3] and log[1][0] != log[2][0]
