"""Prepared statements on the answer path give exactly what the plain SQLAlchemy path gives."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW
from trainer.library import sync_files
from trainer.model import Deck
from trainer.store import queries
from trainer.store.models import CardStateRow
from trainer.store.prepared import Prepared


def _answer_all(engine: Engine) -> tuple[list[object], list[tuple[object, ...]]]:
    """Load and answer every card of the deck (some twice); return what the store returned and holds."""
    seen: list[object] = []
    with Session(engine) as s:
        ids = list(s.scalars(select(CardStateRow.card_id).order_by(CardStateRow.card_id)))
    for i, card_id in enumerate(ids * 2):
        with Session(engine) as s, s.begin():
            seen.append(queries.load_card(s, card_id))
            now = FIXED_NOW + timedelta(days=i, microseconds=123_456)
            seen.append(queries.record_answer(s, card_id, (5, 4, 2, 0)[i % 4], now=now, today=740_000 + i))
    with engine.connect() as c:
        rows = [tuple(r) for r in c.execute(text("SELECT * FROM card_state ORDER BY card_id"))]
        rows += [tuple(r) for r in c.execute(text("SELECT * FROM review_log ORDER BY id"))]
    return seen, rows


def _load(engine: Engine, deck: Deck, tmp_path: Path) -> None:
    from trainer import decks

    path = tmp_path / "deck.yaml"
    decks.save(deck, path)
    sync_files(engine, [path], now=FIXED_NOW)


def test_sqlite_fast_path_matches_the_core_path(
    engine: Engine, deck: Deck, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from trainer.store import open_store

    other = open_store(f"sqlite:///{tmp_path / 'core.db'}")
    _load(engine, deck, tmp_path)
    _load(other, deck, tmp_path)
    fast = _answer_all(engine)
    monkeypatch.setattr(Prepared, "_fast", lambda self, conn: None)
    core = _answer_all(other)
    other.dispose()
    assert fast == core
    assert len(fast[1]) > 4  # states and log rows were compared, not two empty lists


def test_answer_keeps_a_state_loaded_in_the_same_session_fresh(engine: Engine, deck: Deck, tmp_path: Path) -> None:
    _load(engine, deck, tmp_path)
    with Session(engine) as s, s.begin():
        loaded = s.get(CardStateRow, 1)
        assert loaded is not None and loaded.reps == 0
        answer = queries.record_answer(s, 1, 5, now=FIXED_NOW, today=740_000)
        assert (loaded.reps, loaded.due_day, loaded.last_review) == (1, answer.after.due_day, FIXED_NOW)


def test_answer_rolls_back_with_the_callers_transaction(engine: Engine, deck: Deck, tmp_path: Path) -> None:
    _load(engine, deck, tmp_path)
    with Session(engine) as s:
        s.begin()
        queries.record_answer(s, 1, 5, now=FIXED_NOW, today=740_000)
        s.rollback()
    with Session(engine) as s:
        assert s.get(CardStateRow, 1).reps == 0  # type: ignore[union-attr]
        assert queries.reviews_on(s, 740_000) == 0
