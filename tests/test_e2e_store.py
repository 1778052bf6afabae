"""The store end to end: sync a deck, answer cards, undo, resync an edited deck; real SQLite files."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, SHANGHAI, make_deck
from trainer.deckfile import decks
from trainer.errors import DeckError
from trainer.sched.days import study_day
from trainer.services.library import sync_files
from trainer.services.study import StudySession
from trainer.store import queries
from trainer.store.engine import sqlite_path
from trainer.store.models import CardRow, CardStateRow, NoteRow, Queue, ReviewLogRow
from trainer.store.sync import sync_deck

TODAY = study_day(FIXED_NOW, SHANGHAI)


def _sync(engine, deck, path: str = "/decks/d.yaml", digest: str = "h1"):
    with Session(engine) as s, s.begin():
        return sync_deck(s, deck, path=path, content_hash=digest, now=FIXED_NOW)


def test_sync_creates_head_cards_and_a_list_card(engine, deck) -> None:
    result = _sync(engine, deck)
    assert (result.points, result.cards_added) == (3, 4)
    with Session(engine) as s:
        kinds = sorted(s.scalars(select(CardRow.kind)).all())
        queues = set(s.scalars(select(CardStateRow.queue)).all())
    assert kinds == ["head", "head", "head", "list"]
    assert queues == {Queue.NEW}


def test_database_file_is_private_and_in_wal_mode(engine) -> None:
    path = sqlite_path(str(engine.url))
    assert path is not None
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    with engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_answer_is_logged_with_state_before_and_after(engine, deck, settings) -> None:
    _sync(engine, deck)
    session = StudySession.start(engine, [1], settings, clock=lambda: FIXED_NOW)
    first = session.current()
    assert first is not None and first.card.ordinal == 1
    session.answer(4, duration_ms=1234)
    with Session(engine) as s:
        log = s.scalars(select(ReviewLogRow)).one()
        state = s.get(CardStateRow, first.card_id)
    assert (log.card_id, log.quality, log.duration_ms, log.day) == (first.card_id, 4, 1234, TODAY)
    assert (log.queue_before, log.reps_before, log.queue_after, log.reps_after) == (Queue.NEW, 0, Queue.REVIEW, 1)
    assert log.reviewed_at == FIXED_NOW
    assert state is not None
    assert (state.queue, state.reps, state.interval, state.due_day) == (Queue.REVIEW, 1, 1, TODAY + 1)


def test_undo_restores_state_and_removes_the_log_entry(engine, deck, settings) -> None:
    _sync(engine, deck)
    session = StudySession.start(engine, [1], settings, clock=lambda: FIXED_NOW)
    ids = list(session.queue)
    session.answer(5)
    session.answer(1)
    assert session.undo() and session.undo()
    assert list(session.queue) == ids
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(ReviewLogRow)) == 0
        states = s.scalars(select(CardStateRow)).all()
    assert all((st.queue, st.reps, st.ease, st.last_review) == (Queue.NEW, 0, 2.5, None) for st in states)
    assert not session.undo()


def test_new_cards_are_capped_per_day_and_due_cards_come_back(engine, settings) -> None:
    _sync(engine, make_deck(heads=tuple(f"要点{i}号" for i in range(30))))
    capped = replace(settings, new_per_day=20)
    session = StudySession.start(engine, [1], capped, clock=lambda: FIXED_NOW)
    assert session.left == 20
    for _ in range(5):
        session.answer(4)
    with Session(engine) as s:
        (summary,) = queries.deck_summaries(s, TODAY, 20)
        assert (summary.new, summary.due) == (15, 0)
        (tomorrow,) = queries.deck_summaries(s, TODAY + 1, 20)
        assert (tomorrow.new, tomorrow.due) == (20, 5)
    later = StudySession.start(engine, [1], capped, clock=lambda: FIXED_NOW + timedelta(days=1))
    assert later.left == 25


def test_resync_of_an_edited_deck_keeps_history_and_retires_removed_points(engine, settings) -> None:
    _sync(engine, make_deck(heads=("甲要点", "乙要点", "丙要点")))
    session = StudySession.start(engine, [1], settings, clock=lambda: FIXED_NOW)
    current = session.current()
    assert current is not None
    session.answer(4)
    result = _sync(engine, make_deck(heads=("甲要点", "丙要点", "丁要点")), digest="h2")
    assert (result.cards_added, result.cards_retired) == (1, 1)  # 丁 added; 乙 retired; list card kept
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(ReviewLogRow)) == 1
        card = s.scalars(select(CardRow).where(CardRow.key == current.card.key)).one()
        assert not card.retired
        assert s.get(CardStateRow, card.id).reps == 1  # type: ignore[union-attr]
        retired = s.scalars(select(NoteRow.head).where(NoteRow.retired)).all()
    assert retired == ["乙要点"]


def test_sync_files_skips_unchanged_files_and_rejects_bad_ones_without_writing(engine, tmp_path: Path, deck) -> None:
    good = tmp_path / "good.yaml"
    decks.save(deck, good)
    bad = tmp_path / "bad.yaml"
    bad.write_text("deck: x\ntopics: 3\n", encoding="utf-8")
    with pytest.raises(DeckError, match=r"bad\.yaml:1"):
        sync_files(engine, [good, bad], now=FIXED_NOW)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(CardRow)) == 0
    errors: list[str] = []
    reports = sync_files(engine, [good, bad], now=FIXED_NOW, on_error=lambda e: errors.append(str(e)))
    assert [r.skipped for r in reports] == [False] and len(errors) == 1
    again = sync_files(engine, [good], now=FIXED_NOW)
    assert [r.skipped for r in again] == [True]
