"""Turning 申论 documents into typed decks: text in, Deck out; no file I/O, no clock, no UI."""

from __future__ import annotations

from pathlib import PurePath

from trainer.core.model import Deck, Point, Section, Topic
from trainer.errors import DocumentError
from trainer.parse.deckops import lint, merge_decks, unique_ids
from trainer.parse.encoding import decode
from trainer.parse.identity import carry_ids
from trainer.parse.normalize import split_lines
from trainer.parse.outline import build_tree, classify
from trainer.parse.paragraphs import join_lines
from trainer.parse.preamble import read_preamble
from trainer.parse.structure import TopicDraft, read_topics

__all__ = ["carry_ids", "decode", "lint", "merge_decks", "parse_document"]


def _stem(source: str) -> str:
    return PurePath(source.replace("\\", "/")).stem if source else ""


def _to_topics(drafts: list[TopicDraft]) -> list[Topic]:
    topics = []
    for draft in drafts:
        sections = tuple(
            Section(s.kind, s.heading, tuple(Point("", p.head, p.body, p.long_head, p.line) for p in s.points))
            for s in draft.sections
            if s.points
        )
        if sections:
            topics.append(Topic(draft.title, sections, draft.subtitle))
    return topics


def parse_document(text: str, *, source: str = "") -> Deck:
    """Parse one document into a deck of topics, sections and points.

    Args:
        text: The decoded document.
        source: Where it came from (a path or name); recorded in `Deck.sources` and used in errors.

    Raises:
        DocumentError: The text is blank or holds no numbered points or sections.
    """
    if not text.strip():
        raise DocumentError("the document is empty", path=source or None)
    preamble = read_preamble(split_lines(text))
    paras = join_lines(preamble.lines)
    root = build_tree(paras, preamble.title)
    classify(root)
    fallback = preamble.title or _stem(source) or "未命名"
    topics = _to_topics(read_topics(root, preamble.subtitle, fallback))
    if not topics:
        raise DocumentError(
            "no numbered points or sections found (expected lists such as 1. / （一） / 一是 under headings)",
            path=source or None,
        )
    name = preamble.title or _stem(source) or topics[0].title
    return Deck(name, unique_ids(topics), (source,) if source else ())
