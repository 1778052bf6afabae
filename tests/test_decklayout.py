"""The layout reader: whenever it answers, the same deck (lines and settings too) as the general reader;
it answers for what `dumps` writes; anything edited off the layout or invalid is left to the general
reader (which reports errors)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.model import Deck, Point, Section, SectionKind, Topic
from trainer.deckfile import decks
from trainer.errors import DeckError

SEEDS = sorted((Path(__file__).resolve().parent.parent / "decks").glob("*.yaml"))


def general(text: str) -> Deck | None:
    """The deck as PyYAML and the checks of `decks` read it; None when it is refused."""
    try:
        return decks._deck_from_data(yaml.load(text, Loader=decks._LineLoader), "p")
    except (DeckError, yaml.YAMLError):
        return None


def same(a: Deck, b: Deck) -> bool:
    lines = [p.line for _, _, p in a.points()] == [p.line for _, _, p in b.points()]
    return a == b and a.settings == b.settings and lines


_TRICKY = st.text(
    alphabet=st.sampled_from(list("优化营商环境，。；：“”") + list(" :#-'\"\n|>&*!%@`[]{}0123456789.eEyYnNoO~_\\xab")),
    max_size=20,
)
_CJK = st.text(alphabet=st.sampled_from(list("优化营商环境加强推进人才队伍建设，。；、“”")), min_size=1, max_size=30)
# Bodies of several paragraphs, as real decks have: written as `|-` blocks.
_PARAGRAPHS = st.lists(_CJK, min_size=1, max_size=3).map("\n".join)


def _decks(texts: st.SearchStrategy[str], bodies: st.SearchStrategy[str]) -> st.SearchStrategy[Deck]:
    point = st.builds(
        Point,
        id=st.one_of(texts, st.sampled_from(["a25e38c50edc", "0b0101", "123456789012", "7e0ec569baef"])),
        head=texts,
        body=bodies,
        long_head=st.booleans(),
    )
    section = st.builds(
        Section, kind=st.sampled_from(list(SectionKind)), heading=texts, points=st.lists(point, max_size=4).map(tuple)
    )
    topic = st.builds(topic_of, title=texts, sections=st.lists(section, max_size=3), subtitle=texts | st.just(""))
    return st.builds(
        Deck,
        name=texts,
        topics=st.lists(topic, max_size=3).map(tuple),
        sources=st.lists(texts, max_size=2).map(tuple),
        settings=st.fixed_dictionaries(
            {}, optional={"new_per_day": st.integers(0, 500), "cards": st.lists(st.sampled_from(["head", "list"]))}
        ),
    )


def topic_of(title: str, sections: list[Section], subtitle: str) -> Topic:
    return Topic(title=title, sections=tuple(sections), subtitle=subtitle)


@settings(max_examples=300, deadline=None)
@given(_decks(_TRICKY, _TRICKY))
def test_whenever_it_answers_it_agrees_with_the_general_reader(deck: Deck) -> None:
    text = decks.dumps(deck)
    fast = decks._read_layout(text, "p")
    slow = general(text)
    assert fast is None or (slow is not None and same(fast, slow))


@settings(max_examples=100, deadline=None)
@given(_decks(_CJK, _CJK | _PARAGRAPHS))
def test_it_answers_for_what_dumps_writes(deck: Deck) -> None:
    text = decks.dumps(deck)
    slow = general(text)
    fast = decks._read_layout(text, "p")
    if slow is None:  # refused (a duplicate id ...): the general reader reports it
        assert fast is None
    else:
        assert fast is not None and same(fast, slow)


_EDITS = st.sampled_from(["delete", "duplicate", "comment", "indent", "dedent", "blank", "trailing", "tab"])


@settings(max_examples=200, deadline=None)
@given(_decks(_CJK, _CJK | _PARAGRAPHS), _EDITS, st.integers(0, 10_000))
def test_a_hand_edited_file_is_read_alike_or_left_to_the_general_reader(deck: Deck, edit: str, at: int) -> None:
    lines = decks.dumps(deck).split("\n")
    i = at % len(lines)
    match edit:
        case "delete":
            del lines[i]
        case "duplicate":
            lines.insert(i, lines[i])
        case "comment":
            lines.insert(i, "  # a note")
        case "indent":
            lines[i] = " " + lines[i]
        case "dedent":
            lines[i] = lines[i].removeprefix(" ")
        case "blank":
            lines.insert(i, "")
        case "trailing":
            lines[i] += "  "
        case "tab":
            lines[i] += "\t"
    text = "\n".join(lines)
    fast = decks._read_layout(text, "p")
    slow = general(text)
    assert fast is None or (slow is not None and same(fast, slow))


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_the_seed_decks_are_read_by_layout(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast = decks._read_layout(text, str(path))
    assert fast is not None
    slow = general(text)
    assert slow is not None and same(fast, slow)


def test_a_multi_paragraph_body_keeps_its_lines_and_the_next_points_line() -> None:
    text = (
        "deck: d\ntopics:\n- title: 甲\n  sections:\n  - kind: problems\n    heading: 问题\n    points:\n"
        "    - id: a1\n      head: 一\n      body: |-\n        第一段\n\n        第二段\n"
        "    - id: a2\n      head: 二\n      body: ''\n      long_head: true\n"
    )
    deck = decks._read_layout(text, "p")
    assert deck is not None
    first, second = (p for _, _, p in deck.points())
    assert (first.body, first.line) == ("第一段\n\n第二段", 8)
    assert (second.body, second.long_head, second.line) == ("", True, 14)
    assert same(deck, general(text))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "deck: d\ntopics:\n- title: 甲\n  sections:\n  - kind: nonsense\n    heading: 问题\n    points: []\n",
        "deck: d\ntopics:\n- title: 甲\n  sections:\n  - kind: problems\n    heading: 问题\n    points:\n"
        "    - id: a1\n      head: ''\n      body: x\n",
        "deck: d\ntopics:\n- title: 甲\n  sections:\n  - kind: problems\n    heading: 问题\n    points:\n"
        "    - id: a1\n      head: 一\n      body: x\n    - id: a1\n      head: 二\n      body: y\n",
        "deck: ''\ntopics: []\n",
        "deck: d\ntopics:\n- title: 甲\n  sections:\n",
    ],
    ids=["unknown-kind", "empty-head", "duplicate-id", "empty-name", "sections-null"],
)
def test_an_invalid_deck_is_left_to_the_general_reader_which_reports_it(text: str) -> None:
    assert decks._read_layout(text, "p") is None
    with pytest.raises(DeckError):
        decks.loads(text, path="p")
