"""Pilot tests: an in-app edit lands in a deck file (told in a notification), a card its points no longer
give is skipped rather than crashing the review, and typed-answer mode follows the per-deck setting."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from textual.widgets import Input

from tests.conftest import FIXED_NOW, SHANGHAI, make_deck
from tests.test_edits import _break_slogan_by_hand, slogan_deck
from tests.tui_support import app_for, log, start_review, sync
from trainer import paths
from trainer.deckfile import decks
from trainer.paths import default_deck_dirs
from trainer.services import config
from trainer.services.config import Settings
from trainer.services.library import find_deck_files, sync_files
from trainer.store.handle import Store
from trainer.store.models import CardStateRow, NoteRow, Queue
from trainer.tui.screens.edit import EditScreen
from trainer.tui.widgets.typed_answers import TypedAnswers


def _messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_edit_of_a_bundled_deck_is_saved_in_the_user_folder_and_the_learner_is_told(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    monkeypatch.setattr(paths, "bundled_decks_dir", lambda: bundled)
    decks.save(make_deck(), bundled / "shenlun.yaml")
    sync_files(Store(engine), find_deck_files(default_deck_dirs(), missing_ok=True), now=FIXED_NOW)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        card = review.session.current()
        await pilot.press("e")
        assert isinstance(pilot.app.screen, EditScreen)
        pilot.app.screen.query_one("#head-0", Input).value = "人才队伍建设不完善"
        await pilot.press("ctrl+s")
        assert pilot.app.screen is review
        copy = paths.user_decks_dir() / "shenlun.yaml"
        assert any(str(copy) in m for m in _messages(pilot.app))
        assert review.session.current().card.answers == ("人才队伍建设不完善",)
        await pilot.press("space", "4")
        assert log(engine) == [(card.card_id, 4)]
    assert decks.load(copy).points()[0][2].head == "人才队伍建设不完善"
    assert decks.load(bundled / "shenlun.yaml").points()[0][2].head == "人才队伍不完善"


async def test_review_skips_a_card_its_point_no_longer_gives(engine, tmp_path: Path) -> None:
    path = tmp_path / "slogan.yaml"
    decks.save(slogan_deck(("slogan",)), path)
    sync_files(Store(engine), [path], now=FIXED_NOW)
    stale_id = _break_slogan_by_hand(engine)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        assert review.session.current().card.point_ids == ("p2",)
        assert any("跳过" in m for m in _messages(pilot.app))
        await pilot.press("space", "4")
        assert [q for _c, q in log(engine)] == [4]
    with Session(engine) as s:
        assert s.get(CardStateRow, stale_id).queue == Queue.RETIRED


async def test_an_edit_that_removes_the_shown_card_moves_to_the_next(engine, tmp_path: Path) -> None:
    path = tmp_path / "slogan.yaml"
    decks.save(slogan_deck(("slogan",)), path)
    sync_files(Store(engine), [path], now=FIXED_NOW)
    async with app_for(engine).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        assert review.session.current().card.point_ids == ("p1",)
        await pilot.press("space", "e")
        pilot.app.screen.query_one("#body-0").text = "没有标语了。"
        await pilot.press("ctrl+s")
        assert pilot.app.screen is review
        assert review.session.current().card.point_ids == ("p2",) and not review.revealed
    with Session(engine) as s:
        assert s.scalars(select(NoteRow.body).where(NoteRow.key == "p1")).one() == "没有标语了。"
    assert decks.load(path).points()[0][2].body == "没有标语了。"


async def test_typed_mode_is_on_for_a_deck_set_typed_and_t_still_toggles(engine, deck) -> None:
    sync(engine, deck)
    config.set_value("typed", "true", deck=deck.name)
    settings = config.load_settings()
    assert settings.typed_for(deck.name) and not settings.typed_for("别的卡组")
    async with app_for(engine, Settings(zone=SHANGHAI, decks=settings.decks)).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        assert review.typed_mode and review.typed_answers is not None
        assert isinstance(pilot.app.focused, Input)
        await pilot.press("escape", "t")  # no typing: the answer shows; then turn typed mode off
        assert not review.typed_mode and review.typed_answers is None
        await pilot.press("space", "4")
        assert review.typed_answers is None  # the learner's choice holds for the next card
        await pilot.press("t")
        assert isinstance(review.query_one(TypedAnswers), TypedAnswers)


async def test_typed_mode_stays_off_for_other_decks(engine, deck) -> None:
    sync(engine, deck)
    config.set_value("typed", "true", deck="别的卡组")
    async with app_for(engine, config.load_settings()).run_test(size=(80, 24)) as pilot:
        review = await start_review(pilot)
        assert not review.typed_mode and review.typed_answers is None
