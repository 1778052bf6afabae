"""Giving points stable unique ids, merging decks and linting them; pure operations on deck values."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from trainer.core.model import Deck, Point, Section, Topic, normalize_key, point_id
from trainer.errors import DeckError

LINT_HEAD_MAX = 30


def unique_ids(topics: list[Topic] | tuple[Topic, ...]) -> tuple[Topic, ...]:
    """The same topics with every point id unique within the deck and stable across rebuilds.

    The id is `point_id(topic, kind, head)`; a point whose id is taken gets its section heading
    mixed in, then an ordinal, so the first of two equal points keeps the plain id.
    """
    taken: set[str] = set()
    next_ordinal: dict[str, int] = {}
    out: list[Topic] = []
    for topic in topics:
        sections: list[Section] = []
        for section in topic.sections:
            points: list[Point] = []
            for point in section.points:
                pid = point_id(topic.title, section.kind, point.head)
                if pid in taken:
                    alt = f"{point.head} {section.heading}"
                    pid = point_id(topic.title, section.kind, alt)
                    n = next_ordinal.get(pid, 2)
                    base = pid
                    while pid in taken:
                        pid = point_id(topic.title, section.kind, f"{alt} {n}")
                        n += 1
                    next_ordinal[base] = n
                taken.add(pid)
                points.append(Point(pid, point.head, point.body, point.long_head, point.line))
            sections.append(Section(section.kind, section.heading, tuple(points)))
        out.append(Topic(topic.title, tuple(sections), topic.subtitle))
    return tuple(out)


def merge_decks(decks: list[Deck], name: str | None = None) -> Deck:
    """Several documents as one deck: topics of the same title are joined, sources concatenated.

    Args:
        decks: The decks to merge, in order.
        name: The merged deck's name; the first deck's name when omitted.
    """
    topics: list[Topic] = []
    index: dict[str, int] = {}
    sources: list[str] = []
    settings: dict[str, object] = {}
    for deck in decks:
        sources.extend(deck.sources)
        for k, v in deck.settings.items():
            settings.setdefault(k, v)
        for topic in deck.topics:
            key = normalize_key(topic.title)
            if key in index:
                old = topics[index[key]]
                topics[index[key]] = Topic(old.title, old.sections + topic.sections, old.subtitle or topic.subtitle)
            else:
                index[key] = len(topics)
                topics.append(topic)
    deck_name = name if name is not None else (decks[0].name if decks else "")
    return Deck(deck_name, unique_ids(topics), tuple(sources), settings)


def lint(deck: Deck) -> list[str]:
    """Warnings a deck author may want to fix: a section with one point, a head over 30
    characters, a point with an empty body."""
    warnings: list[str] = []
    for topic in deck.topics:
        for section in topic.sections:
            where = f"{topic.title} / {section.heading}"
            if len(section.points) == 1:
                warnings.append(f"{where}: section has only one point")
            for point in section.points:
                at = f"{where} / {point.head}" + (f" (line {point.line})" if point.line else "")
                if len(point.head) > LINT_HEAD_MAX:
                    warnings.append(f"{at}: head is {len(point.head)} characters (over {LINT_HEAD_MAX})")
                if not point.body.strip():
                    warnings.append(f"{at}: point has an empty body")
    return warnings


def with_edits(deck: Deck, edits: Mapping[str, tuple[str, str]]) -> Deck:
    """The deck with some points' (head, body) changed; every point keeps its id.

    Raises:
        DeckError: a head is empty, or a point id is not in the deck.
    """
    left = dict(edits)

    def edited(_topic: Topic, _section: Section, point: Point) -> Point:
        if point.id not in left:
            return point
        head, body = (t.strip() for t in left.pop(point.id))
        if not head:
            raise DeckError("the head of a point cannot be empty")
        return replace(point, head=head, body=body)

    out = map_points(deck, edited)
    if left:
        raise DeckError(f"point {next(iter(left))} is not in deck {deck.name!r} any more; run `trainer sync`")
    return out


def map_points(deck: Deck, change: Callable[[Topic, Section, Point], Point]) -> Deck:
    """The deck with each point replaced by `change(topic, section, point)`, called in deck order."""
    return replace(
        deck,
        topics=tuple(
            replace(
                topic,
                sections=tuple(
                    replace(section, points=tuple(change(topic, section, p) for p in section.points))
                    for section in topic.sections
                ),
            )
            for topic in deck.topics
        ),
    )
