"""Turning 申论 documents into typed decks: text in, Deck out; no file I/O, no clock, no UI."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import PurePath

from trainer.core.model import Deck, Point, Section, Topic, normalize_key
from trainer.errors import DocumentError
from trainer.parse.choices import describe, reading
from trainer.parse.chunks import unchunk, without_title_echo
from trainer.parse.confidence import LOW, SectionNote, note_for, prose_topic
from trainer.parse.deckops import lint, merge_decks, unique_ids
from trainer.parse.drafts import without_repeats
from trainer.parse.encoding import decode
from trainer.parse.exam import mark_instructions, open_notes
from trainer.parse.flattened import unglue_headings
from trainer.parse.identity import carry_ids
from trainer.parse.memo import document_tables
from trainer.parse.normalize import split_lines
from trainer.parse.outline import build_tree
from trainer.parse.pages import page_numbers
from trainer.parse.paragraphs import join_lines, number_lines
from trainer.parse.preamble import read_preamble
from trainer.parse.readings import classify
from trainer.parse.structure import TopicDraft, read_topics
from trainer.parse.tails import unglue_tails

__all__ = [
    "LOW",
    "UNTITLED",
    "Alternative",
    "SectionNote",
    "alternatives",
    "carry_ids",
    "decode",
    "lint",
    "merge_decks",
    "parse_document",
    "parse_with_notes",
]


UNTITLED = "未命名"  # the name of a deck whose text has no title and no file name


def _stem(source: str) -> str:
    return PurePath(source.replace("\\", "/")).stem if source else ""


def _titled_by_opening(
    topics: list[Topic], notes: list[SectionNote], opening: str
) -> tuple[list[Topic], list[SectionNote]]:
    """A text with no title line and no file name (pasted) that opens with its first section's heading
    (`城市更新监测发现的主要问题` over its findings): that heading names the untitled topic, not 未命名."""
    first = topics[0] if topics else None
    if first is None or first.title != UNTITLED or not normalize_key(opening):
        return topics, notes
    heading = first.sections[0].heading
    if normalize_key(heading) != normalize_key(opening):
        return topics, notes
    retitled = [replace(t, title=heading) if t.title == UNTITLED else t for t in topics]
    return retitled, [replace(n, topic=heading) if n.topic == UNTITLED else n for n in notes]


def _to_topics(drafts: list[TopicDraft]) -> tuple[list[Topic], list[SectionNote]]:
    topics: list[Topic] = []
    notes: list[SectionNote] = []
    for draft in drafts:
        kept = without_repeats([s for s in draft.sections if s.points])
        sections = tuple(
            Section(s.kind, s.heading, tuple(Point("", p.head, p.body, p.long_head, p.line) for p in s.points))
            for s in kept
        )
        if sections:
            topics.append(Topic(draft.title, sections, draft.subtitle))
            notes.extend(note_for(draft.title, s) for s in kept)
    return topics, notes


def parse_with_notes(text: str, *, source: str = "") -> tuple[Deck, list[SectionNote]]:
    """Parse one document into a deck, with a note per section (in deck order) saying how sure the
    builder is of it.

    A document with no list the builder is sure of still gives a deck: its paragraphs of prose as
    points in one section of kind other, noted with a low confidence.

    Args:
        text: The decoded document.
        source: Where it came from (a path or name); recorded in `Deck.sources` and used in errors.

    Raises:
        DocumentError: The text is blank, or nothing but page furniture and stray lines.
    """
    if not text.strip():
        raise DocumentError("the document is empty", path=source or None)
    with document_tables():  # each line's marker, noise and heading answers worked out once per document
        # Never nothing: a page whose text sits below a box read as its footer (`相关文档` over the text
        # of a document site) is read again with its footers kept.
        parsed = _parse(text, source) or _parse(text, source, footers=False)
    if parsed is None:
        raise DocumentError(
            "no numbered points or sections found, and no paragraphs of prose (only page furniture or stray lines)",
            path=source or None,
        )
    return parsed


def _parse(text: str, source: str, footers: bool = True) -> tuple[Deck, list[SectionNote]] | None:
    """The deck and its notes, or None when the text holds no list and no prose."""
    lines = unchunk(number_lines(page_numbers(unglue_tails(unglue_headings(split_lines(text))))))
    preamble = read_preamble(lines, footers)
    paras = join_lines(without_title_echo(preamble.lines, preamble.title))
    root = build_tree(paras, preamble.title)
    mark_instructions(root)
    classify(root)
    fallback = preamble.title or _stem(source) or UNTITLED
    topics, notes = _to_topics(read_topics(root, preamble.subtitle, fallback))
    if not topics and open_notes(root):
        # A paper with no answer: its materials' lists are what there is to learn.
        classify(root)
        topics, notes = _to_topics(read_topics(root, preamble.subtitle, fallback))
    if not topics:
        prose = prose_topic(paras, fallback)
        topics, notes = _to_topics([prose] if prose else [])
    if not topics:
        return None
    if fallback == UNTITLED:
        topics, notes = _titled_by_opening(topics, notes, paras[0].text if paras else "")
    # No title line at the top: a document whose one topic found its title below the page's lines (a
    # title under a menu or a box of figures) is named by it, before its file's name.
    titled = topics[0].title if len(topics) == 1 and topics[0].title != fallback else ""
    titled = titled if titled and _stands_alone(text, titled) else ""
    name = preamble.name or preamble.title or titled or _stem(source) or topics[0].title
    return Deck(name, unique_ids(topics), (source,) if source else ()), notes


def _stands_alone(text: str, title: str) -> bool:
    """True when the title is a line of its own in the text, neither a lead-in (`…看法：`) nor a sentence."""
    key = normalize_key(title)
    return any(
        normalize_key(line) == key and not line.rstrip().endswith(("：", ":", "。")) for line in text.splitlines()
    )


def parse_document(text: str, *, source: str = "") -> Deck:
    """Parse one document into a deck of topics, sections and points (see `parse_with_notes`).

    Raises:
        DocumentError: The text is blank, or nothing but page furniture and stray lines.
    """
    return parse_with_notes(text, source=source)[0]


# Other readings are tried for a document of up to this many characters in all (a page of the genre is
# a few thousand; a 2 MB file is tried for none), at most MAX_TRIED of them, most outer groups first.
READING_BUDGET = 400_000
MAX_TRIED = 24


@dataclass(frozen=True, slots=True)
class Alternative:
    """Another reading of a document: its deck, the notes on its sections, what was read otherwise, and
    how many of the builder's own points it leaves out (their text is in none of its points, headings
    or titles: items read as headings that have no list under them are dropped with their section)."""

    deck: Deck
    notes: list[SectionNote]
    what: str
    left_out: int = 0


def _outline(deck: Deck) -> tuple[object, ...]:
    return tuple((s.heading, tuple(p.head for p in s.points)) for t in deck.topics for s in t.sections)


def _left_out(base: Deck, other: Deck) -> int:
    kept = "".join(
        t.title + "".join(s.heading + "".join(p.head + p.body for p in s.points) for s in t.sections)
        for t in other.topics
    )
    return sum(1 for _, _, p in base.points() if p.head not in kept)


def alternatives(text: str, *, source: str = "") -> list[Alternative]:
    """The document's other readings, each with one group of numbered items read the other way
    (headings as points, or points as headings over the lists inside them), outermost groups first,
    a reading that finds no list at all (its paragraphs taken as points) after the others; each outline
    differs from the builder's own and from every one before it. None for a document over
    READING_BUDGET.

    Raises:
        DocumentError: as `parse_with_notes`.
    """
    tried = min(MAX_TRIED, READING_BUDGET // max(1, len(text)))
    if tried == 0:
        return []
    with reading() as met:
        base, base_notes = parse_with_notes(text, source=source)
    seen = {_outline(base)}
    out: list[Alternative] = []
    for key, headings in list(reversed(met.met.items()))[:tried]:
        with reading(frozenset({key})):
            try:
                deck, notes = parse_with_notes(text, source=source)
            except DocumentError:
                continue
        if (outline := _outline(deck)) not in seen:
            seen.add(outline)
            out.append(Alternative(deck, notes, describe(key, headings), _left_out(base, deck)))
    if all(n.prose for n in base_notes):
        return out
    return sorted(out, key=lambda a: all(n.prose for n in a.notes))
