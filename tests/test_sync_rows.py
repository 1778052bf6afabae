"""The rows a sync writes: a deck's first load (bulk path) gives the same rows as cards added one sync at
a time, every card in deck order with a new state; on SQLite and, marked, on PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from tests.conftest import FIXED_NOW
from trainer.core.cards import card_refs
from trainer.core.model import Deck, section_id
from trainer.deckfile import decks
from trainer.errors import DeckError
from trainer.store.models import CardRow, CardStateRow, DeckRow, NoteRow, Queue
from trainer.store.sync import sync_deck

pytestmark = pytest.mark.postgres

SEEDS = sorted((Path(__file__).resolve().parent.parent / "decks").glob("*.yaml"))


def seed(k: int) -> Deck:
    return decks.load(SEEDS[k])


def sync(engine: Engine, deck: Deck, content_hash: str = "h") -> None:
    with Session(engine) as s, s.begin():
        sync_deck(s, deck, path=f"/{deck.name}.yaml", content_hash=content_hash, now=FIXED_NOW)


def cards_of(engine: Engine, name: str) -> list[tuple]:
    """(key, kind, section key, new_ord, and the rest of the state) of a deck's cards, in id order."""
    with Session(engine) as s:
        rows = s.execute(
            select(
                CardRow.key,
                CardRow.kind,
                CardRow.section_key,
                CardRow.retired,
                CardStateRow.new_ord,
                CardStateRow.queue,
                CardStateRow.due_day,
                CardStateRow.reps,
                CardStateRow.ease,
                CardStateRow.interval,
                CardStateRow.lapses,
                CardStateRow.leech,
                CardStateRow.last_review,
                CardStateRow.deck_id == CardRow.deck_id,
            )
            .join(CardStateRow, CardStateRow.card_id == CardRow.id)
            .join(DeckRow, DeckRow.id == CardRow.deck_id)
            .where(DeckRow.name == name)
            .order_by(CardRow.id)
        ).all()
    return [tuple(r) for r in rows]


def new_cards(deck: Deck) -> list[tuple]:
    """What a deck's cards must be after its first sync: in deck order, each new."""
    return [
        (key, kind.value, skey, False, i, Queue.NEW, 0, 0, 2.5, 0, 0, False, None, True)
        for i, (key, kind, skey) in enumerate(card_refs(deck))
    ]


def test_a_first_sync_writes_every_card_in_deck_order_with_a_new_state(engine: Engine) -> None:
    deck = seed(0)
    sync(engine, deck)
    assert cards_of(engine, deck.name) == new_cards(deck)
    with Session(engine) as s:
        notes = s.execute(
            select(
                NoteRow.key,
                NoteRow.topic,
                NoteRow.section_key,
                NoteRow.section_kind,
                NoteRow.heading,
                NoteRow.ord,
                NoteRow.head,
                NoteRow.body,
                NoteRow.long_head,
                NoteRow.retired,
            ).order_by(NoteRow.id)
        ).all()
    assert [tuple(n) for n in notes] == [
        (
            p.id,
            t.title,
            section_id(t.title, sec.kind, sec.heading),
            sec.kind.value,
            sec.heading,
            k,
            p.head,
            p.body,
            p.long_head,
            False,
        )
        for t in deck.topics
        for sec in t.sections
        for k, p in enumerate(sec.points, 1)
    ]


def test_a_second_deck_leaves_the_first_decks_cards_alone(engine: Engine) -> None:
    first, second = seed(0), seed(4)  # seed 4 has long heads
    sync(engine, first)
    sync(engine, second)
    assert cards_of(engine, first.name) == new_cards(first)
    assert cards_of(engine, second.name) == new_cards(second)
    with Session(engine) as s:
        assert any(s.scalars(select(NoteRow.long_head)))


def test_cards_added_by_a_later_sync_get_the_same_rows_as_a_first_sync(engine: Engine) -> None:
    whole = seed(4)
    assert len(whole.topics) >= 3
    part = replace(whole, topics=whole.topics[::2])
    # A deck that first held every other topic, then all of them: the later cards go in one at a time,
    # each new, placed where the whole deck has it; the first ones keep their places.
    sync(engine, part, "1")
    sync(engine, whole, "2")
    before = {row[0]: row for row in new_cards(part)}
    expected = [before.get(row[0], row) for row in new_cards(whole)]
    got = cards_of(engine, whole.name)
    assert len(before) < len(got)
    assert sorted(got) == sorted(expected)
    assert got[: len(before)] == list(before.values())  # the first sync's cards, then the added ones


@pytest.mark.parametrize("enabled", [True, False], ids=["gc-on", "gc-off"])
def test_sync_files_pauses_the_cyclic_collector_and_gives_it_back_as_it_was(
    engine: Engine, tmp_path: Path, enabled: bool
) -> None:
    import gc

    from trainer.services.library import sync_files

    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    decks.save(seed(0), good)
    bad.write_text("deck: d\ntopics: [\n", encoding="utf-8")
    seen: list[bool] = []
    real_loads = decks.loads

    def loads(text: str, *, path: str = "<deck>") -> Deck:
        seen.append(gc.isenabled())
        return real_loads(text, path=path)

    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(decks, "loads", loads)
            assert [r.added > 0 for r in sync_files(engine, [good], now=FIXED_NOW)] == [True]
            assert gc.isenabled() is enabled
            with pytest.raises(DeckError):
                sync_files(engine, [bad], now=FIXED_NOW)  # given back when a deck is refused, too
            assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == [False, False]
