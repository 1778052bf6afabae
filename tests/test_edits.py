"""In-app point edits: written back to the deck file (or a user copy of a bundled deck), cards re-derived,
history kept; sync prefers the learner's copy; cards their points no longer give never crash a session."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW, make_deck
from trainer import paths
from trainer.core.model import Deck, Point, Section, SectionKind, Topic
from trainer.deckfile import decks
from trainer.errors import StaleCardError, StoreError
from trainer.paths import default_deck_dirs
from trainer.services.edits import save_edits
from trainer.services.library import find_deck_files, sync_files
from trainer.services.study import StudySession
from trainer.store import queries
from trainer.store.models import CardRow, CardStateRow, DeckRow, NoteRow, Queue, ReviewLogRow

TOPIC = "优化基层政企服务"


def slogan_deck(kinds: tuple[str, ...] = ("head", "slogan")) -> Deck:
    """Two points; p1's body holds a quoted slogan (so it gives a slogan card). Only `kinds` of cards."""
    point = Point(id="p1", head="人才队伍不完善", body="坚持“人才是第一资源”，补齐短板。")
    other = Point(id="p2", head="权力下放不到位", body="深化“放管服”改革。")
    section = Section(SectionKind.PROBLEMS, "存在的问题", (point, other))
    return Deck(name="标语卡组", topics=(Topic(title=TOPIC, sections=(section,)),), settings={"cards": list(kinds)})


def _cards(engine) -> dict[str, tuple[bool, int]]:
    """card key -> (retired, queue)."""
    with Session(engine) as s:
        rows = s.execute(
            select(CardRow.key, CardRow.retired, CardStateRow.queue).join(
                CardStateRow, CardStateRow.card_id == CardRow.id
            )
        ).all()
    return {r.key: (r.retired, r.queue) for r in rows}


def _card_id(engine, key: str) -> int:
    with Session(engine) as s:
        return s.scalars(select(CardRow.id).where(CardRow.key == key)).one()


def _deck_path(engine, name: str) -> str:
    with Session(engine) as s:
        return s.scalars(select(DeckRow.path).where(DeckRow.name == name)).one()


def test_edit_is_written_to_the_deck_file_and_the_next_sync_keeps_it(engine, tmp_path: Path) -> None:
    path = tmp_path / "mine" / "deck.yaml"
    path.parent.mkdir()
    decks.save(make_deck(), path)
    sync_files(engine, [path], now=FIXED_NOW)
    pid = make_deck().points()[0][2].id
    card_id = _card_id(engine, f"{pid}:head")

    saved = save_edits(engine, card_id, [(pid, "人才队伍建设不完善", "新说明")], now=FIXED_NOW)

    assert saved.path == path and not saved.copied
    assert str(path) in saved.message
    on_disk = decks.load(path)
    assert (on_disk.points()[0][2].head, on_disk.points()[0][2].body) == ("人才队伍建设不完善", "新说明")
    assert on_disk.points()[0][2].id == pid and on_disk.settings == {"cards": ["head", "list"]}
    # The file's new hash is recorded: the next start sees it unchanged and does not re-sync it.
    assert [r.skipped for r in sync_files(engine, [path], now=FIXED_NOW)] == [True]
    with Session(engine) as s:
        assert s.scalars(select(NoteRow.head).where(NoteRow.key == pid)).one() == "人才队伍建设不完善"


def test_edit_re_derives_cards_retiring_a_vanished_slogan_and_keeping_its_history(engine, tmp_path: Path) -> None:
    path = tmp_path / "slogan.yaml"
    decks.save(slogan_deck(), path)
    sync_files(engine, [path], now=FIXED_NOW)
    before = _cards(engine)
    old_slogan = next(k for k in before if k.startswith("p1:slogan:"))
    old_id = _card_id(engine, old_slogan)
    with Session(engine) as s, s.begin():
        queries.record_answer(s, old_id, 4, now=FIXED_NOW, today=FIXED_NOW.date().toordinal())

    saved = save_edits(engine, old_id, [("p1", "人才队伍不完善", "坚持“人才引领发展”，补齐短板。")], now=FIXED_NOW)

    after = _cards(engine)
    new_slogan = next(k for k in after if k.startswith("p1:slogan:") and k != old_slogan)
    assert after[old_slogan] == (True, Queue.RETIRED)
    assert after[new_slogan] == (False, Queue.NEW)
    assert after["p1:head"] == before["p1:head"] and after["p2:head"] == before["p2:head"]
    assert (saved.added, saved.retired) == (1, 1)
    new_id = _card_id(engine, new_slogan)
    with Session(engine) as s:
        assert s.scalars(select(ReviewLogRow.card_id)).all() == [old_id]  # history kept, nothing deleted
        new = queries.load_card(s, new_id)
    assert new.card.answers == ("人才引领发展",)


def test_a_bundled_deck_edit_lands_in_the_user_folder_and_sync_then_prefers_it(
    engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundled = tmp_path / "bundled"
    bundled.mkdir()
    monkeypatch.setattr(paths, "bundled_decks_dir", lambda: bundled)
    original = bundled / "shenlun.yaml"
    decks.save(make_deck(), original)
    original_bytes = original.read_bytes()
    sync_files(engine, find_deck_files(default_deck_dirs(), missing_ok=True), now=FIXED_NOW)
    pid = make_deck().points()[1][2].id

    saved = save_edits(engine, _card_id(engine, f"{pid}:head"), [(pid, "权力下放不彻底", "说明")], now=FIXED_NOW)

    copy = paths.user_decks_dir() / "shenlun.yaml"
    assert saved.path == copy and saved.copied and str(copy) in saved.message
    assert original.read_bytes() == original_bytes  # the bundled file is never written
    assert decks.load(copy).points()[1][2].head == "权力下放不彻底"
    assert _deck_path(engine, "测试卡组") == str(copy.resolve())

    reports = sync_files(engine, find_deck_files(default_deck_dirs(), missing_ok=True), now=FIXED_NOW)
    by_path = {r.path: r for r in reports}
    assert by_path[original].shadowed and by_path[original].deck == "测试卡组"
    assert by_path[copy].skipped and not by_path[copy].shadowed  # unchanged since the edit
    with Session(engine) as s:
        assert s.scalars(select(NoteRow.head).where(NoteRow.key == pid)).one() == "权力下放不彻底"

    # The learner changes their copy by hand: it is synced, still over the bundled deck.
    text = copy.read_text(encoding="utf-8").replace("权力下放不彻底", "权力下放不到位")
    copy.write_text(text, encoding="utf-8")
    reports = sync_files(engine, find_deck_files(default_deck_dirs(), missing_ok=True), now=FIXED_NOW)
    assert {r.path: r.skipped for r in reports} == {original: True, copy: False}
    assert _deck_path(engine, "测试卡组") == str(copy.resolve())


def test_two_own_decks_of_one_name_are_still_an_error(engine, tmp_path: Path) -> None:
    from trainer.errors import DeckError

    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    decks.save(make_deck(), a)
    decks.save(make_deck(), b)
    with pytest.raises(DeckError, match="also used by"):
        sync_files(engine, [a, b], now=FIXED_NOW)
    with Session(engine) as s:
        assert s.scalars(select(DeckRow)).all() == []


def test_a_deck_without_its_file_is_rebuilt_from_the_database_and_saved_in_the_user_folder(engine) -> None:
    with Session(engine) as s, s.begin():
        from trainer.store.sync import sync_deck

        sync_deck(s, slogan_deck(), path="/nonexistent/gone.yaml", content_hash="x", now=FIXED_NOW)
    saved = save_edits(engine, _card_id(engine, "p2:head"), [("p2", "权力下放不彻底", "")], now=FIXED_NOW)
    assert saved.path == paths.user_decks_dir() / "gone.yaml" and saved.copied
    copy = decks.load(saved.path)
    assert [p.head for _t, _s, p in copy.points()] == ["人才队伍不完善", "权力下放不彻底"]
    assert copy.settings == {"cards": ["head", "slogan"]}  # the kinds it had, so no new kinds appear
    assert all(k.endswith(":head") or ":slogan:" in k for k in _cards(engine))


def _break_slogan_by_hand(engine) -> int:
    """Change a body in the database without re-deriving cards (an old edit, a file changed under a
    running session): its slogan card is no longer given by its point."""
    with Session(engine) as s, s.begin():
        s.execute(update(NoteRow).where(NoteRow.key == "p1").values(body="没有标语了。"))
    return _card_id(engine, next(k for k in _cards(engine) if k.startswith("p1:slogan:")))


def test_loading_a_card_its_point_no_longer_gives_raises_a_store_error(engine, tmp_path: Path) -> None:
    path = tmp_path / "slogan.yaml"
    decks.save(slogan_deck(), path)
    sync_files(engine, [path], now=FIXED_NOW)
    stale_id = _break_slogan_by_hand(engine)
    head_id = _card_id(engine, "p1:head")
    with Session(engine) as s:
        with pytest.raises(StaleCardError) as caught:
            queries.load_card(s, stale_id)
        assert isinstance(caught.value, StoreError) and caught.value.card_ids == (stale_id,)
        with pytest.raises(StaleCardError):
            queries.load_cards(s, [stale_id, head_id])
        stale: set[int] = set()
        cards = queries.load_cards(s, [stale_id, head_id], stale=stale)
    assert stale == {stale_id} and list(cards) == [head_id]


def test_a_session_skips_and_retires_a_card_its_point_no_longer_gives(engine, tmp_path: Path, settings) -> None:
    path = tmp_path / "slogan.yaml"
    decks.save(slogan_deck(("slogan",)), path)  # slogan cards only: no sibling waits a day
    sync_files(engine, [path], now=FIXED_NOW)
    stale_id = _break_slogan_by_hand(engine)
    session = StudySession.start(engine, [1], settings, lambda: FIXED_NOW)
    assert stale_id not in session.queue and session.left == 1
    assert len(session.notices) == 1 and "跳过" in session.notices[0]
    with Session(engine) as s:
        assert s.get(CardStateRow, stale_id).queue == Queue.RETIRED
        assert s.get(CardRow, stale_id).retired
    # The next sync of the (unchanged) file gives the card back: nothing was lost.
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    sync_files(engine, [path], now=FIXED_NOW)
    with Session(engine) as s:
        assert s.get(CardStateRow, stale_id).queue == Queue.NEW


def test_a_session_edit_that_removes_the_current_card_moves_on(engine, tmp_path: Path, settings) -> None:
    path = tmp_path / "slogan.yaml"
    decks.save(slogan_deck(("slogan",)), path)
    sync_files(engine, [path], now=FIXED_NOW)
    session = StudySession.start(engine, [1], settings, lambda: FIXED_NOW)
    slogan_id = session.current().card_id
    assert session.current().card.point_ids == ("p1",) and session.left == 2
    saved = session.edit([("p1", "人才队伍不完善", "没有标语了。")])
    assert saved.retired == 1 and saved.path == path
    assert slogan_id not in session.queue and session.left == 1
    assert session.current().card.point_ids == ("p2",)


def test_a_card_that_goes_stale_after_the_session_started_is_skipped_when_reached(
    engine, tmp_path: Path, settings
) -> None:
    path = tmp_path / "slogan.yaml"
    decks.save(slogan_deck(("slogan",)), path)
    sync_files(engine, [path], now=FIXED_NOW)
    session = StudySession.start(engine, [1], settings, lambda: FIXED_NOW)
    assert session.current().card.point_ids == ("p1",) and session.left == 2
    with Session(engine) as s, s.begin():  # p2's card is read only when the queue reaches it
        s.execute(update(NoteRow).where(NoteRow.key == "p2").values(body="没有标语了。"))
    session.answer(4)
    assert session.current() is None and session.left == 0
    assert len(session.notices) == 1
    with Session(engine) as s:
        assert [r.queue for r in s.scalars(select(CardStateRow).order_by(CardStateRow.card_id))] == [
            Queue.REVIEW,
            Queue.RETIRED,
        ]
