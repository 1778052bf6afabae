"""`card_refs`, the key-only enumeration sync uses: the same keys, kinds, sections and order as `cards_for_deck`."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.cards import ALL_KINDS, card_refs, cards_for_deck, section_keys
from trainer.core.model import Deck, Point, Section, SectionKind, Topic, point_id
from trainer.deckfile import decks

SEEDS = sorted((Path(__file__).resolve().parent.parent / "decks").glob("*.yaml"))


def refs_of_cards(deck: Deck) -> list[tuple[str, str, str]]:
    return [(c.key, c.kind, c.section_key) for c in cards_for_deck(deck)]


def test_there_are_seed_decks() -> None:
    assert len(SEEDS) >= 3


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_decks(path: Path) -> None:
    deck = decks.load(path)
    refs = card_refs(deck)
    assert refs == refs_of_cards(deck)
    assert card_refs(deck, section_keys(deck)) == refs
    assert len(refs) > len(deck.points())  # lists, overlaps ... not just heads
    # The kinds are the enum members themselves, as the cards carry them.
    assert all(type(kind) is type(ALL_KINDS[0]) for _key, kind, _section in refs)


# Bodies with slogans (some repeated), manual clozes with and without hints, and plain text.
_WORDS = st.sampled_from(["优化营商环境", "网上办", "一次办", "人才队伍", "加强", "，", "。", "；", "："])
_SLOGAN = _WORDS.map(lambda w: f"“{w}”")
_CLOZE = st.tuples(_WORDS, st.sampled_from(["", "::提示", "::"])).map(lambda t: "{{" + t[0] + t[1] + "}}")
# Loose quote marks too, so a slogan can hold a cloze: “网上办{{一次办}}” quotes 网上办一次办.
_BODY = st.lists(st.one_of(_WORDS, _SLOGAN, _CLOZE, st.sampled_from(["“", "”"])), max_size=8).map("".join)
_HEAD = st.lists(st.one_of(_WORDS, _SLOGAN), min_size=1, max_size=4).map("".join)


@st.composite
def _decks(draw: st.DrawFn) -> Deck:
    topics = []
    for t in range(draw(st.integers(0, 3))):
        title = f"专题{t}"
        sections = []
        for kind in draw(st.lists(st.sampled_from(list(SectionKind)), max_size=4)):
            heads = draw(st.lists(_HEAD, max_size=4, unique=True))
            points = tuple(
                Point(id=point_id(title, kind, h), head=h, body=draw(_BODY), long_head=draw(st.booleans()))
                for h in heads
            )
            sections.append(
                Section(kind=kind, heading=draw(st.sampled_from(["对策", "存在的问题", "其他"])), points=points)
            )
        topics.append(Topic(title=title, sections=tuple(sections)))
    chosen = draw(st.none() | st.lists(st.sampled_from([k.value for k in ALL_KINDS] + ["nonsense"]), max_size=4))
    return Deck(name="d", topics=tuple(topics), settings={} if chosen is None else {"cards": chosen})


@settings(max_examples=300, deadline=None)
@given(_decks())
def test_generated_decks(deck: Deck) -> None:
    assert card_refs(deck) == refs_of_cards(deck)
    assert card_refs(deck, section_keys(deck)) == refs_of_cards(deck)
