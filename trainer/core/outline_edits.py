"""Fixing a built outline by hand, as the outline screen does: every edit is a pure function from a Deck
to a new Deck (points keep their ids; a new point gets a fresh unique one). No I/O, no UI.

Places are indexes: `t` a topic, `s` a section in it, `p` a point in that. An edit that cannot apply
(no previous point to merge into, an empty head, the last section) raises `EditError` with a message
for the learner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from trainer.core.model import Deck, Point, Section, SectionKind, Topic, point_id, section_id
from trainer.errors import TrainerError

KINDS = tuple(SectionKind)
_STOPS = "。；：！？!?;"
_OPEN, _CLOSE = "“‘《（(「『【[", "”’》）)」』】]"
MAX_HEAD = 30


class EditError(TrainerError):
    """An outline edit that cannot be made (the message says why)."""


def lead(text: str) -> tuple[str, str]:
    """A text cut into (head, body) at its first sentence stop outside quotes and brackets (the whole
    text is the head when there is none, or when the lead is longer than a head may be)."""
    text = text.strip()
    depth = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in _STOPS:
            head = text[:i].strip()
            if head and len(head) <= MAX_HEAD:
                return head, text[i + 1 :].strip()
            break
    return text, ""


def joined(point: Point) -> str:
    """A point's head and body as one text (the head closed with 。 when it has no stop)."""
    if not point.body:
        return point.head
    stop = "" if point.head[-1:] in _STOPS else "。"
    return f"{point.head}{stop}{point.body}"


def _topic(deck: Deck, t: int) -> Topic:
    if not 0 <= t < len(deck.topics):
        raise EditError("no such topic")
    return deck.topics[t]


def _section(deck: Deck, t: int, s: int) -> Section:
    topic = _topic(deck, t)
    if not 0 <= s < len(topic.sections):
        raise EditError("no such section")
    return topic.sections[s]


def _point(deck: Deck, t: int, s: int, p: int) -> Point:
    section = _section(deck, t, s)
    if not 0 <= p < len(section.points):
        raise EditError("no such point")
    return section.points[p]


def _with_section(deck: Deck, t: int, s: int, section: Section | None) -> Deck:
    topic = _topic(deck, t)
    sections = list(topic.sections)
    if section is None:
        del sections[s]
    else:
        sections[s] = section
    return _with_topic(deck, t, replace(topic, sections=tuple(sections)))


def _with_topic(deck: Deck, t: int, topic: Topic) -> Deck:
    topics = list(deck.topics)
    topics[t] = topic
    return replace(deck, topics=tuple(topics))


def _with_points(deck: Deck, t: int, s: int, points: list[Point]) -> Deck:
    return _with_section(deck, t, s, replace(_section(deck, t, s), points=tuple(points)))


def _fresh_id(deck: Deck, t: int, s: int, head: str) -> str:
    taken = {p.id for _, _, p in deck.points()}
    return _free_id(taken, deck.topics[t].title, deck.topics[t].sections[s].kind, head)


def _free_id(taken: set[str], title: str, kind: SectionKind, head: str) -> str:
    pid, n = point_id(title, kind, head), 2
    while pid in taken:
        pid, n = point_id(title, kind, f"{head} {n}"), n + 1
    return pid


def _free_heading(taken: set[str], title: str, kind: SectionKind, heading: str) -> str:
    """`heading`, numbered when the topic has a section of that kind and heading already (two would
    give one list card key); the id it takes is added to `taken`."""
    wanted, n = heading, 2
    while section_id(title, kind, heading) in taken:
        heading, n = f"{wanted} {n}", n + 1
    taken.add(section_id(title, kind, heading))
    return heading


def _need(text: str, what: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise EditError(f"{what} cannot be empty")
    return text


def edit_point(deck: Deck, t: int, s: int, p: int, head: str, body: str | None = None) -> Deck:
    """A point's head (and body, when given) changed; it keeps its id."""
    point = _point(deck, t, s, p)
    head = _need(head, "a head")
    changed = replace(
        point, head=head, body=point.body if body is None else body.strip(), long_head=len(head) > MAX_HEAD
    )
    points = list(_section(deck, t, s).points)
    points[p] = changed
    return _with_points(deck, t, s, points)


def split_point(deck: Deck, t: int, s: int, p: int, at: int) -> Deck:
    """Point p cut in two at offset `at` of its body: the text after it becomes a new point below."""
    point = _point(deck, t, s, p)
    if not 0 < at < len(point.body):
        raise EditError("put the cursor inside the body, where the next point starts")
    first, rest = point.body[:at], point.body[at:]
    while rest and rest[0] in _STOPS + "，,、 ":  # a stop right after the cursor ends the first part
        first, rest = first + rest[0], rest[1:]
    head, body = lead(rest)
    if not head:
        raise EditError("nothing after the cursor to make a point of")
    new = Point(_fresh_id(deck, t, s, head), head, body, len(head) > MAX_HEAD, point.line)
    points = list(_section(deck, t, s).points)
    points[p : p + 1] = [replace(point, body=first.strip()), new]
    return _with_points(deck, t, s, points)


def merge_into_previous(deck: Deck, t: int, s: int, p: int) -> Deck:
    """Point p is not a point of its own: its text is added to the previous point's body."""
    point = _point(deck, t, s, p)
    if p == 0:
        raise EditError("the first point of a section has no previous point to merge into")
    points = list(_section(deck, t, s).points)
    prev = points[p - 1]
    points[p - 1 : p + 1] = [replace(prev, body=(prev.body + joined(point)) if prev.body else joined(point))]
    return _with_points(deck, t, s, points)


def drop_point(deck: Deck, t: int, s: int, p: int) -> Deck:
    """Point p is not a point: dropped (a section left empty goes with it)."""
    _point(deck, t, s, p)
    points = list(_section(deck, t, s).points)
    del points[p]
    return _with_points(deck, t, s, points) if points else drop_section(deck, t, s)


def next_kind(deck: Deck, t: int, s: int) -> Deck:
    """The section's kind changed to the next in significance, problems, countermeasures,
    achievements, other (and round again)."""
    section = _section(deck, t, s)
    kind = KINDS[(KINDS.index(section.kind) + 1) % len(KINDS)]
    return _with_section(deck, t, s, replace(section, kind=kind))


def set_kind(deck: Deck, t: int, s: int, kind: SectionKind) -> Deck:
    """The section's kind set."""
    return _with_section(deck, t, s, replace(_section(deck, t, s), kind=SectionKind(kind)))


def rename_section(deck: Deck, t: int, s: int, heading: str) -> Deck:
    """The section's heading changed."""
    return _with_section(deck, t, s, replace(_section(deck, t, s), heading=_need(heading, "a heading")))


def rename_topic(deck: Deck, t: int, title: str) -> Deck:
    """The topic's title changed."""
    return _with_topic(deck, t, replace(_topic(deck, t), title=_need(title, "a topic title")))


def rename_deck(deck: Deck, name: str) -> Deck:
    """The deck's name changed."""
    return replace(deck, name=_need(name, "a deck name"))


def move_point(deck: Deck, t: int, s: int, p: int, step: int) -> tuple[Deck, int]:
    """Point p moved up (-1) or down (+1) within its section; the deck and the point's new index."""
    _point(deck, t, s, p)
    points = list(_section(deck, t, s).points)
    q = p + step
    if not 0 <= q < len(points):
        raise EditError("the point is already first" if step < 0 else "the point is already last")
    points[p], points[q] = points[q], points[p]
    return _with_points(deck, t, s, points), q


def move_point_to(deck: Deck, t: int, s: int, p: int, to_t: int, to_s: int) -> Deck:
    """Point p moved to the end of another section (a section left empty goes)."""
    point = _point(deck, t, s, p)
    target = _section(deck, to_t, to_s)
    if (t, s) == (to_t, to_s):
        raise EditError("the point is in that section already")
    deck = _with_section(deck, to_t, to_s, replace(target, points=(*target.points, point)))
    return drop_point(deck, t, s, p)


def drop_section(deck: Deck, t: int, s: int) -> Deck:
    """A section dropped with its points (a topic left empty goes too)."""
    _section(deck, t, s)
    if sum(len(tp.sections) for tp in deck.topics) == 1:
        raise EditError("the deck needs at least one section")
    deck = _with_section(deck, t, s, None)
    if not deck.topics[t].sections:
        deck = replace(deck, topics=deck.topics[:t] + deck.topics[t + 1 :])
    return deck


def add_point(deck: Deck, t: int, s: int, after: int, text: str, line: int = 0) -> Deck:
    """A new point made of a source text (its lead the head, the rest the body), after point `after`
    of the section (-1: first)."""
    head, body = lead(text)
    head = _need(head, "a point's text")
    points = list(_section(deck, t, s).points)
    if not -1 <= after < len(points):
        raise EditError("no such point")
    new = Point(_fresh_id(deck, t, s, head), head, body, len(head) > MAX_HEAD, line)
    points.insert(after + 1, new)
    return _with_points(deck, t, s, points)


def expand_point(deck: Deck, t: int, s: int, p: int, items: Sequence[tuple[str, str]]) -> Deck:
    """Point p is not a point but the heading of the list its body holds: it becomes a section of
    the same kind, headed by its head, whose points are `items` ((head, body) pairs, in order; fresh
    ids). The points before it stay in their section; the points after it go on below the new
    section in a section of the same kind headed 「heading（续）」 (the heading itself when no point
    was before it)."""
    point = _point(deck, t, s, p)
    items = [(" ".join(head.split()), body.strip()) for head, body in items if head.strip()]
    if len(items) < 2:
        raise EditError("this point's body holds no list")
    topic, section = deck.topics[t], deck.topics[t].sections[s]
    title, kind = topic.title, section.kind
    before, after = section.points[:p], section.points[p + 1 :]
    others = {section_id(title, o.kind, o.heading) for i, o in enumerate(topic.sections) if i != s}
    if before:
        others.add(section_id(title, kind, section.heading))
    heading = _free_heading(others, title, kind, point.head)
    taken = {q.id for _, _, q in deck.points()}
    points = []
    for head, body in items:
        points.append(Point(_free_id(taken, title, kind, head), head, body, len(head) > MAX_HEAD, point.line))
        taken.add(points[-1].id)
    parts = [replace(section, points=before)] if before else []
    parts.append(Section(kind, heading, tuple(points)))
    if after:
        rest = section.heading if not before or section.heading.endswith("（续）") else f"{section.heading}（续）"
        parts.append(replace(section, heading=_free_heading(others, title, kind, rest), points=after))
    sections = list(topic.sections)
    sections[s : s + 1] = parts
    return _with_topic(deck, t, replace(topic, sections=tuple(sections)))
