"""The fast deck reader: the same data as PyYAML whenever it answers, and it answers for `dumps` output."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.core.model import Deck, Point, Section, SectionKind, Topic
from trainer.deckfile import decks
from trainer.deckfile.yamlsubset import fast_load


def pyyaml(text: str) -> object:
    return yaml.load(text, Loader=yaml.CSafeLoader)


def lines(data: object) -> list[int]:
    """The line of every mapping, depth first (as the line-tracking loader of `decks` records them)."""
    if isinstance(data, dict):
        return [data.line, *(n for v in data.values() for n in lines(v))]  # type: ignore[attr-defined]
    if isinstance(data, list):
        return [n for v in data for n in lines(v)]
    return []


# Text that stresses YAML: quotes, colons, hashes, dashes, spaces, newlines, words PyYAML reads as
# booleans or numbers, besides the usual Chinese.
_TRICKY = st.text(
    alphabet=st.sampled_from(list("优化营商环境，。；：“”") + list(" :#-'\"\n|>&*!%@`[]{}0123456789.eEyYnNoO~_\\x")),
    max_size=30,
)
_CJK = st.text(alphabet=st.sampled_from(list("优化营商环境加强推进人才队伍建设，。；、")), min_size=1, max_size=40)


def _deck(texts: st.SearchStrategy[str]) -> st.SearchStrategy[Deck]:
    point = st.builds(Point, id=texts.filter(str.strip), head=texts, body=texts, long_head=st.booleans())
    section = st.builds(
        Section, kind=st.sampled_from(list(SectionKind)), heading=texts, points=st.lists(point, max_size=4).map(tuple)
    )
    topic = st.builds(Topic, title=texts, sections=st.lists(section, max_size=3).map(tuple), subtitle=texts)
    return st.builds(
        Deck,
        name=texts,
        topics=st.lists(topic, max_size=3).map(tuple),
        sources=st.lists(texts, max_size=2).map(tuple),
        settings=st.fixed_dictionaries({}, optional={"new_per_day": st.integers(0, 500), "scheduler": texts}),
    )


@settings(max_examples=300, deadline=None)
@given(_deck(_TRICKY))
def test_whenever_it_answers_it_agrees_with_pyyaml(deck: Deck) -> None:
    text = decks.dumps(deck)
    data = fast_load(text)
    assert data is None or (data == pyyaml(text) and lines(data) == lines(yaml.load(text, Loader=decks._LineLoader)))


@settings(max_examples=100, deadline=None)
@given(_deck(_CJK))
def test_it_answers_for_what_dumps_writes(deck: Deck) -> None:
    text = decks.dumps(deck)
    data = fast_load(text)
    assert data is not None
    assert data == pyyaml(text)
    assert lines(data) == lines(yaml.load(text, Loader=decks._LineLoader))


@pytest.mark.parametrize(
    "text",
    [
        "deck: d\ntopics:\n- title: t\n  sections: []\n",
        "deck: d\n# a comment line\n\ntopics:\n  - title: 甲\n    subtitle: ''\n",
        "deck: d\nnew_per_day: 30\nempty:\nflag: true\nnone: null\n",
        "deck: 'it''s: quoted'\nsource:\n- a.txt\n- \"b.txt\"\n",
        "deck: d\nbody: |\n  line one\n\n    indented\n  line three\n\n\nnext: x\n",
        "deck: d\nbody: |-\n  no final newline\nnext: x\n",
    ],
    ids=["nested-list", "comments-indented-list", "scalars", "quotes", "block-text", "block-strip"],
)
def test_the_subset_it_reads(text: str) -> None:
    data = fast_load(text)
    assert data is not None
    assert data == pyyaml(text)
    assert lines(data) == lines(yaml.load(text, Loader=decks._LineLoader))


@pytest.mark.parametrize(
    "text",
    [
        "deck: d # comment after a value\n",
        "deck: d\nratio: 1.5\n",
        "deck: d\nday: 2024-01-01\n",
        "deck: d\nflag: yes\n",
        "deck: &a d\nother: *a\n",
        "deck: !!str d\n",
        "deck: [a, b]\n",
        'deck: "esc\\tape"\n',
        "deck: d\nbody: |+\n  kept\n\n",
        "deck: d\nbody: >\n  folded\n",
        "deck: plain\n  continued\n",
        "---\ndeck: d\n",
        "deck: d\r\n",
        "- a\n- b\n",
        "deck: d\n? complex\n",
        "重要: 1\n",
        "deck: d\nbody: |\n  text\n      \n",
    ],
    ids=[
        "trailing-comment",
        "float",
        "date",
        "yes-bool",
        "anchor",
        "tag",
        "flow-list",
        "escapes",
        "keep-chomping",
        "folded",
        "multi-line-plain",
        "document-marker",
        "crlf",
        "top-level-list",
        "complex-key",
        "non-ascii-key",
        "spaces-in-blank-line",
    ],
)
def test_outside_the_subset_it_leaves_the_text_to_pyyaml(text: str) -> None:
    assert fast_load(text) is None
