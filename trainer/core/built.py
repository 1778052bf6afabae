"""What the builder last produced for a deck, as digests a rebuild compares against; pure, no I/O.

A deck file keeps this under one key (`built:`) so that `trainer build DOC -o DECK.yaml` can tell the
learner's changes from the builder's. Only digests are kept, not a second copy of the text: a learner
who searches the file for a head finds the one they may edit. One line per item, as text:

    v1
    T <title> <subtitle>
    S <kind> <heading>
    P <id> <head> <body> <head-key> [L]

(every field but the kind and id a 10-hex digest; the id percent-escaped; `L` for a long head).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import quote, unquote

from trainer.core.model import Deck, normalize_key

VERSION = "v1"


def digest(text: str) -> str:
    """A short digest of a text, as a built outline keeps it (exact text, stripped)."""
    return hashlib.sha1(text.strip().encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True, slots=True)
class BuiltPoint:
    """A point as built: its id and the digests of its head, body and normalized head."""

    id: str
    head: str
    body: str
    key: str
    long_head: bool = False


@dataclass(frozen=True, slots=True)
class BuiltSection:
    """A section as built: its kind (plain) and heading digest."""

    kind: str
    heading: str
    points: tuple[BuiltPoint, ...] = ()


@dataclass(frozen=True, slots=True)
class BuiltTopic:
    """A topic as built: digests of its title and subtitle."""

    title: str
    subtitle: str
    sections: tuple[BuiltSection, ...] = ()


@dataclass(frozen=True, slots=True)
class Built:
    """The outline the builder last produced for a deck."""

    topics: tuple[BuiltTopic, ...] = ()

    def points(self) -> list[tuple[tuple[int, int, int], BuiltPoint]]:
        """Every point with its place (topic, section, point index), in order."""
        return [
            ((ti, si, pi), p)
            for ti, t in enumerate(self.topics)
            for si, s in enumerate(t.sections)
            for pi, p in enumerate(s.points)
        ]


def outline_of(deck: Deck) -> Built:
    """The built outline of a deck, as the builder made it."""
    return Built(
        tuple(
            BuiltTopic(
                digest(t.title),
                digest(t.subtitle),
                tuple(
                    BuiltSection(
                        s.kind.value,
                        digest(s.heading),
                        tuple(
                            BuiltPoint(p.id, digest(p.head), digest(p.body), digest(normalize_key(p.head)), p.long_head)
                            for p in s.points
                        ),
                    )
                    for s in t.sections
                ),
            )
            for t in deck.topics
        )
    )


def dumps(built: Built) -> str:
    """The outline as text, one line per item."""
    lines = [VERSION]
    for t in built.topics:
        lines.append(f"T {t.title} {t.subtitle}")
        for s in t.sections:
            lines.append(f"S {s.kind} {s.heading}")
            for p in s.points:
                lines.append(f"P {quote(p.id, safe='')} {p.head} {p.body} {p.key}" + (" L" if p.long_head else ""))
    return "\n".join(lines) + "\n"


def loads(text: object) -> Built | None:
    """The outline written by `dumps`, or None when `text` is not one (hand-edited, another version):
    the rebuild then has no record of the last build and says so."""
    if not isinstance(text, str):
        return None
    lines = text.split("\n")
    if lines[0].strip() != VERSION:
        return None
    # (title, subtitle, [(kind, heading, [point])])
    tree: list[tuple[str, str, list[tuple[str, str, list[BuiltPoint]]]]] = []
    for raw in lines[1:]:
        words = raw.split()
        match words:
            case []:
                continue
            case ["T", title, subtitle]:
                tree.append((title, subtitle, []))
            case ["S", kind, heading] if tree:
                tree[-1][2].append((kind, heading, []))
            case ["P", pid, head, body, key, *flag] if tree and tree[-1][2] and flag in ([], ["L"]):
                tree[-1][2][-1][2].append(BuiltPoint(unquote(pid), head, body, key, bool(flag)))
            case _:
                return None
    return Built(
        tuple(
            BuiltTopic(title, subtitle, tuple(BuiltSection(k, h, tuple(ps)) for k, h, ps in sections))
            for title, subtitle, sections in tree
        )
    )
