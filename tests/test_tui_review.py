"""The review screen driven by key presses, asserting on the review log and card state in the database."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session
from textual.widgets import Input, Static

from tests.conftest import make_deck
from tests.tui_support import FakeTicker, app_for, log, start_review, states, sync
from trainer.store import card_ops
from trainer.store.models import CardStateRow, NoteRow, Queue
from trainer.tui.screens.card_info import CardInfoScreen
from trainer.tui.screens.edit import EditScreen
from trainer.tui.screens.help import HelpScreen
from trainer.tui.screens.home import HomeScreen
from trainer.tui.screens.review import ReviewScreen
from trainer.tui.screens.summary import SummaryScreen

TODAY = date(2026, 11, 22).toordinal()


def _text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_reveal_shows_each_grade_with_its_interval_and_grades_commit(engine, deck) -> None:
    sync(engine, deck)
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        first = review.session.current()
        assert "第1点/共3点" in _text(review, "#context")
        assert "［＿＿＿＿＿＿＿］" in _text(review, "#prompt")
        await pilot.press("space")
        assert "人才队伍不完善" in _text(review, "#answer")
        cells = [_text(review, f"#grade-cell-{q}") for q in range(6)]
        assert cells[0].startswith("0 完全忘记") and cells[0].endswith("今天")
        # A new card: a grade below 4 brings it back later today, 4 and 5 give one day.
        assert [c.split("\n")[-1] for c in cells] == ["今天"] * 4 + ["1天"] * 2
        await pilot.press("3")
        assert log(engine) == [(first.card_id, 3)]
        with Session(engine) as s:
            row = s.get(CardStateRow, first.card_id)
            assert (row.queue, row.reps, row.interval) == (Queue.REVIEW, 1, 1)


async def test_second_review_shows_six_days_for_a_pass(engine, deck) -> None:
    sync(engine, deck)
    from tests.conftest import FIXED_NOW
    from trainer.store import queries

    with Session(engine) as s, s.begin():
        today = FIXED_NOW.date().toordinal()
        queries.record_answer(s, 1, 4, now=FIXED_NOW, today=today - 1)
    app = app_for(engine)
    async with app.run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        assert review.session.current().card_id == 1
        await pilot.press("enter")
        assert _text(review, "#grade-cell-4").endswith("6天")
        assert _text(review, "#grade-cell-1").endswith("今天")  # forgotten: back later today


async def test_hint_fills_the_blank_one_character_at_a_time(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        await pilot.press("h")
        assert "［人＿＿＿＿＿＿］" in _text(review, "#prompt")
        await pilot.press("h")
        assert "［人才＿＿＿＿＿］" in _text(review, "#prompt")
        assert log(engine) == []


async def test_typed_answer_suggests_a_grade_that_enter_accepts(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        first = review.session.current().card_id
        await pilot.press("t")
        assert isinstance(app_focused := pilot.app.focused, Input), app_focused
        await pilot.press(*"人才队伍不完善3")  # the digit is typed, not a grade
        assert log(engine) == []
        assert pilot.app.focused.value == "人才队伍不完善3"
        pilot.app.focused.value = "人才队伍，不完善。"  # full-width punctuation is ignored
        await pilot.press("enter")
        assert review.revealed and review.suggested == 5
        await pilot.press("enter")
        assert log(engine) == [(first, 5)]
        # typed mode stays on: the next card opens with an input
        assert isinstance(pilot.app.focused, Input)


async def test_escape_in_a_typed_answer_shows_the_answer_as_the_key_bar_says(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        first = review.session.current().card_id
        await pilot.press("t")
        assert "Esc 不输入，直接看答案" in _text(review, "#front-keys")
        await pilot.press("escape")
        assert review.revealed and pilot.app.screen is review and not isinstance(pilot.app.focused, Input)
        assert review.typed_answers is None  # the empty inputs went
        assert "人才队伍不完善" in _text(review, "#answer")
        await pilot.press("4")
        assert log(engine) == [(first, 4)]


async def test_typed_answer_grade_can_be_overridden(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        first = review.session.current().card_id
        await pilot.press("t", *"人才队伍不全", "enter")
        assert review.suggested == 3  # 10/13 similar
        assert "3 勉强" in str(review.query_one("#grade-cell-3", Static).render()) and review.query_one(
            "#grade-cell-3"
        ).has_class("suggested")
        result = review.query(".typed-result").first()
        assert "人才队伍不" in str(result.render()) and "完善" in str(result.render())
        await pilot.press("1")
        assert log(engine) == [(first, 1)]


async def test_list_card_has_one_input_per_point_each_graded(engine, deck) -> None:
    sync(engine, deck)
    # Only the list card is due: its heads are suspended, it was learned yesterday.
    with Session(engine) as s, s.begin():
        for card_id in (1, 2, 3):
            card_ops.suspend(s, card_id)
        row = s.get(CardStateRow, 4)
        row.queue, row.due_day, row.reps, row.interval = Queue.REVIEW, TODAY, 1, 1
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        assert review.session.current().card.kind.value == "list"
        await pilot.press("t")
        assert len(review.query(Input)) == 3
        await pilot.press(*"人才队伍不完善", "enter", *"权力下放", "enter", *"线上线下未融合", "enter")
        results = review.typed_answers.results
        assert [r.grade for r in results] == [5, 2, 5]
        assert review.suggested == 2  # the weakest point decides
        await pilot.press("space")
        assert log(engine) == [(4, 2)]


async def test_grade_keys_are_ignored_before_reveal_and_on_auto_repeat(engine, deck) -> None:
    sync(engine, deck)
    ticker = FakeTicker()
    async with app_for(engine, monotonic=ticker).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        await pilot.press("4")
        assert log(engine) == []
        await pilot.press("space")
        ticker.advance(0.5)
        await pilot.press("4")  # answers card 1
        ticker.advance(0.03)
        await pilot.press("space")  # a different key: reveals card 2
        ticker.advance(0.03)
        await pilot.press("space")  # same key as the reveal: grades 4, as Space after a reveal does
        assert [q for _, q in log(engine)] == [4, 4]
        ticker.advance(0.03)
        await pilot.press("space")  # held down: dropped
        ticker.advance(0.03)
        await pilot.press("space")  # still held: dropped
        assert not review.revealed and len(log(engine)) == 2
        ticker.advance(0.5)
        await pilot.press("space")  # a fresh press after a pause reveals
        assert review.revealed


async def test_undo_several_steps_restores_state_and_log_exactly(engine, deck) -> None:
    sync(engine, deck)
    before = states(engine)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        first = review.session.current().card_id
        await pilot.press("space", "5", "space", "2", "space", "3")
        assert len(log(engine)) == 3
        middle = states(engine)
        await pilot.press("u")
        assert len(log(engine)) == 2
        await pilot.press("ctrl+z", "u")
        assert log(engine) == []
        assert states(engine) == before
        assert review.session.current().card_id == first
        await pilot.press("u")  # nothing left to undo: nothing changes
        assert states(engine) == before
        await pilot.press("space", "5", "space", "2", "space", "3")
        assert states(engine).keys() == middle.keys()


async def test_bury_and_suspend_take_the_card_out_and_undo_brings_it_back(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        a = review.session.current().card_id
        await pilot.press("minus")
        b = review.session.current().card_id
        assert b != a
        await pilot.press("at")
        with Session(engine) as s:
            assert s.get(CardStateRow, a).queue == Queue.BURIED
            assert s.get(CardStateRow, b).queue == Queue.SUSPENDED
        assert log(engine) == []
        await pilot.press("u")
        assert review.session.current().card_id == b
        with Session(engine) as s:
            assert s.get(CardStateRow, b).queue == Queue.NEW
            assert s.get(CardStateRow, a).queue == Queue.BURIED


async def test_edit_changes_the_point_and_keeps_history(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        card = review.session.current()
        await pilot.press("space", "2", "u")  # one answer in the log... then undone
        await pilot.press("space", "2")
        await pilot.press("u")
        assert log(engine) == []
        await pilot.press("space", "1")
        assert log(engine) == [(card.card_id, 1)]
        await pilot.press("u", "e")
        assert isinstance(pilot.app.screen, EditScreen)
        head = pilot.app.screen.query_one("#head-0", Input)
        head.value = "人才队伍建设不完善"
        await pilot.press("ctrl+s")
        assert pilot.app.screen is review
        assert "［＿＿＿＿＿＿＿＿＿］" in _text(review, "#prompt")  # the blank grew with the head
        with Session(engine) as s:
            note = s.query(NoteRow).filter_by(key=card.card.point_ids[0]).one()
            assert note.head == "人才队伍建设不完善"
        await pilot.press("space", "4")
        assert log(engine) == [(card.card_id, 4)]


async def test_edit_cancel_changes_nothing(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        await pilot.press("e")
        pilot.app.screen.query_one("#head-0", Input).value = "别的"
        await pilot.press("escape")
        assert pilot.app.screen is review
        assert review.session.current().card.answers == ("人才队伍不完善",)


async def test_card_info_and_help(engine, deck) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        await pilot.press("space", "2", "u", "i")
        assert isinstance(pilot.app.screen, CardInfoScreen)
        assert pilot.app.screen.info.history == ()
        await pilot.press("escape", "question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        assert "搁置到明天" in str(pilot.app.screen.query_one("#help-text", Static).render())
        await pilot.press("escape")
        assert pilot.app.screen is review


async def test_quit_mid_session_keeps_every_answer_given(engine, deck, tmp_path) -> None:
    sync(engine, deck)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        await pilot.press("space", "4", "space", "1")
        await pilot.press("q")
        assert isinstance(pilot.app.screen, SummaryScreen)
        summary = pilot.app.screen.summary
        assert (summary.reviewed, summary.correct, summary.left) == (2, 1, 2)
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, HomeScreen)
        await pilot.press("enter", "space", "5", "ctrl+q")
    assert [q for _, q in log(engine)] == [4, 1, 5]
    assert review.session.left == 2


async def test_answer_time_is_stored(engine, deck) -> None:
    sync(engine, deck)
    ticker = FakeTicker()
    async with app_for(engine, monotonic=ticker).run_test(size=(80, 24)) as pilot:
        await start_review(pilot)
        ticker.advance(7.25)
        await pilot.press("space", "4")
    from sqlalchemy import select

    from trainer.store.models import ReviewLogRow

    with Session(engine) as s:
        assert s.scalars(select(ReviewLogRow.duration_ms)).all() == [7250]


async def test_topic_row_reviews_only_that_topic(engine) -> None:
    from trainer.core.model import Deck

    one, two = make_deck(), make_deck(heads=("职能转变不到位", "服务意识淡薄"))
    two_topic = two.topics[0].__class__(title="转变政府职能", sections=two.topics[0].sections)
    sync(engine, Deck(name="合并", topics=(one.topics[0], two_topic)))
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        home = pilot.app.screen
        assert [r.topic for r in home.rows] == [""]  # topics stay closed until asked for
        await pilot.press("t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert [r.topic for r in home.rows] == ["", "优化基层政企服务", "转变政府职能"]
        await pilot.press("down", "down", "enter")
        review = pilot.app.screen
        assert isinstance(review, ReviewScreen)
        topics = {review.session.cards[c].card.topic for c in review.session.queue}
        assert topics == {"转变政府职能"} and review.session.left >= 2  # both heads at least
        assert "转变政府职能" in _text(review, "#context")
