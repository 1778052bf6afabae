"""The outline as read, before ids are given: topics, sections and points; no tree."""

from __future__ import annotations

from dataclasses import dataclass, field

from trainer.core.model import SectionKind
from trainer.parse.paragraphs import Para
from trainer.parse.vocab import head_kind


@dataclass(slots=True)
class PointDraft:
    """A point before ids are given."""

    head: str
    body: str
    long_head: bool
    line: int
    ordinal: int = 0  # the number it carried (0 for bullets, symbols and unnumbered paragraphs)


@dataclass(slots=True)
class SectionDraft:
    """A section before ids are given."""

    kind: SectionKind
    heading: str
    points: list[PointDraft]
    how: str = "heading"  # how it was found: heading | lead | untitled | prose


@dataclass(slots=True)
class TopicDraft:
    """A topic before ids are given."""

    title: str
    subtitle: str
    sections: list[SectionDraft] = field(default_factory=list)


GOES_ON_ANY = 98  # the ordinal of `此外` (98) and `最后` (99): the next member of whatever count came before


def drop_strays(points: list[PointDraft], kind: SectionKind) -> list[PointDraft]:
    """The points without strays: an item whose number breaks the succession (`1.` then `3.`) and whose
    head names another kind than its section (`有利于提升综合国力` under 对策) came from elsewhere in a
    broken copy, not from this list."""
    kept: list[PointDraft] = []
    for point in points:
        prev = kept[-1].ordinal if kept else 0
        # a count that starts again (`一是…三是。…一是…`) opens a list of its own: no stray
        restarts = point.ordinal == 1 and prev > 1
        breaks = bool(point.ordinal) and bool(kept) and point.ordinal != prev + 1 and point.ordinal < GOES_ON_ANY
        breaks = breaks and not restarts
        other = head_kind(point.head)
        if breaks and kind is not SectionKind.OTHER and other not in (SectionKind.OTHER, kind):
            continue
        kept.append(point)
    return kept


def point_drafts(para: Para, clauses: list[tuple[str, str, int]]) -> list[PointDraft]:
    """A paragraph's (head, body, offset) items as point drafts, each at the line its offset falls on."""
    return [PointDraft(h, b, False, para.line_at(at)) for h, b, at in clauses]


REPEAT_MIN = 2


def without_repeats(sections: list[SectionDraft]) -> list[SectionDraft]:
    """A topic's sections without one whose heads (two or more) a section before it gave already, every one
    (`门难进` `脸难看` … listed, then the rows of a table comparing them): the same points said again."""
    seen: set[str] = set()
    kept = []
    for section in sections:
        heads = {p.head for p in section.points}
        if len(heads) >= REPEAT_MIN and heads <= seen:
            continue
        seen |= heads
        kept.append(section)
    return kept
