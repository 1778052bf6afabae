"""Typed deck values shared by the parser, the card builder and the store; pure, no I/O."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum


class SectionKind(StrEnum):
    """What a section of a topic lists."""

    SIGNIFICANCE = "significance"
    PROBLEMS = "problems"
    COUNTERMEASURES = "countermeasures"
    ACHIEVEMENTS = "achievements"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Point:
    """One numbered point: the head phrase to recall and its elaboration.

    Attributes:
        id: Stable id derived from topic, section kind and normalized head.
        head: The phrase to recall, without numbering or trailing punctuation.
        body: The elaboration that follows the head (may be empty).
        long_head: True when the head is a whole long sentence rather than a short phrase.
        line: 1-based line in the source document (0 when unknown, e.g. from YAML).
    """

    id: str
    head: str
    body: str = ""
    long_head: bool = False
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Section:
    """A heading (重要意义, 存在的问题, 对策 ...) and its top-level points."""

    kind: SectionKind
    heading: str
    points: tuple[Point, ...] = ()


@dataclass(frozen=True, slots=True)
class Topic:
    """One topic of a document (优化营商环境, 规范执法 ...) and its sections."""

    title: str
    sections: tuple[Section, ...] = ()
    subtitle: str = ""


@dataclass(frozen=True, slots=True)
class Deck:
    """A whole deck: what `trainer build` writes and `trainer sync` loads."""

    name: str
    topics: tuple[Topic, ...] = ()
    sources: tuple[str, ...] = ()
    settings: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    def points(self) -> list[tuple[Topic, Section, Point]]:
        """Every point with its topic and section, in document order."""
        return [(t, s, p) for t in self.topics for s in t.sections for p in s.points]


_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalize_key(text: str) -> str:
    """Fold a phrase for identity and comparison: NFKC, no punctuation, no spaces, lower case."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text)).lower()


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def point_id(topic: str, kind: SectionKind | str, head: str) -> str:
    """Stable id of a point: the same topic, section kind and normalized head give the same id."""
    return _digest(normalize_key(topic), str(kind), normalize_key(head))


def section_id(topic: str, kind: SectionKind | str, heading: str) -> str:
    """Stable id of a section, used for the list card of that section."""
    return _digest(normalize_key(topic), str(kind), "§", normalize_key(heading))
