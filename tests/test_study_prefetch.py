"""Answering reads the next card in the answer's own transaction: it must be the card a fresh load gives."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW
from trainer import decks
from trainer.config import Settings
from trainer.library import sync_files
from trainer.model import Deck
from trainer.store import queries
from trainer.study import StudySession


def test_next_card_after_an_answer_is_the_freshly_loaded_one(
    engine: Engine, deck: Deck, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "deck.yaml"
    decks.save(deck, path)
    sync_files(engine, [path], now=FIXED_NOW)
    session = StudySession.start(engine, [1], settings, lambda: FIXED_NOW)
    assert session.left == 4
    first = session.current()
    assert first is not None
    session.answer(4)
    shown = session.current()
    assert shown is not None and shown.card_id != first.card_id
    with Session(engine) as s:
        assert shown == queries.load_card(s, shown.card_id)
        assert queries.reviews_on(s, session.today) == 1  # committed before the next card was shown
    for _ in range(3):
        session.answer(5)
    assert session.current() is None and session.left == 0
