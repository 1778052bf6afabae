"""Mastery arithmetic: how well each point, list and topic is known from its head card's schedule; pure,
no queries, no clock, no UI."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

MATURE_DAYS = 21  # Anki's threshold: a card whose interval reached 21 days is "mature"


@dataclass(frozen=True, slots=True)
class PointMastery:
    """How well one point's head is known, from its head card's schedule.

    Attributes:
        deck: Deck name.
        point_id: The point's stable id.
        topic: Topic title.
        section_kind: Section kind value (significance, problems, ...).
        heading: Section heading.
        ordinal: k in 第k点.
        count: n in 共n点.
        head: The head phrase.
        queue: Queue name of its head card (new, learning, review, suspended, buried).
        reps: Successful repetitions in a row.
        ease: SM-2 ease.
        interval: Current interval in days.
        lapses: Times forgotten after being learnt.
        leech: Flagged as a leech.
        section_key: The stable id of its section (its list card's).
    """

    deck: str
    point_id: str
    topic: str
    section_kind: str
    heading: str
    ordinal: int
    count: int
    head: str
    queue: str
    reps: int
    ease: float
    interval: int
    lapses: int
    leech: bool
    section_key: str = ""

    @property
    def label(self) -> str:
        """Where the point sits: topic › section › 第k点."""
        return f"{self.topic} › {self.heading} › 第{self.ordinal}点"

    @property
    def seen(self) -> bool:
        """Graded at least once: in learning or review, or set aside with an interval (a graded card
        always has one; a new card buried or suspended has 0, so "not new" alone does not tell)."""
        return self.queue in ("learning", "review") or self.interval > 0

    @property
    def mastery(self) -> float:
        """0 for an unseen point, rising with the interval to 1 at 21 days."""
        if not self.seen:
            return 0.0
        return min(self.interval, MATURE_DAYS) / MATURE_DAYS


def mastery_of(points: Sequence[PointMastery]) -> float:
    """Mean mastery of some points, rounded to 4 places (0 for none)."""
    return round(sum(p.mastery for p in points) / len(points), 4) if points else 0.0


@dataclass(frozen=True, slots=True)
class ListRecall:
    """How often a section's whole list was recalled in order: its list card's reviews (same-day repeats
    left out, as a repeat follows the answer just shown) and those whose every point passed (a list
    answer's grade is its weakest point's, so 3 or more means each head came, in its place)."""

    reviews: int = 0
    recalled: int = 0

    @property
    def rate(self) -> float | None:
        """Share of reviews recalled whole; None before the first."""
        return self.recalled / self.reviews if self.reviews else None

    @property
    def label(self) -> str:
        """`3/5`, or — before the first review."""
        return f"{self.recalled}/{self.reviews}" if self.reviews else "—"


@dataclass(frozen=True, slots=True)
class SectionMastery:
    """One section's points and how well they are known, and how often its whole list was recalled."""

    kind: str
    heading: str
    points: tuple[PointMastery, ...]
    recall: ListRecall = ListRecall()

    @property
    def mastery(self) -> float:
        """Mean mastery of its points."""
        return mastery_of(self.points)


@dataclass(frozen=True, slots=True)
class TopicMastery:
    """One topic's sections and how well they are known."""

    deck: str
    topic: str
    sections: tuple[SectionMastery, ...]

    @property
    def points(self) -> tuple[PointMastery, ...]:
        """Every point of the topic, in order."""
        return tuple(p for s in self.sections for p in s.points)

    @property
    def seen(self) -> int:
        """Points graded at least once."""
        return sum(1 for p in self.points if p.seen)

    @property
    def mature(self) -> int:
        """Points whose interval reached 21 days."""
        return sum(1 for p in self.points if p.seen and p.interval >= MATURE_DAYS)

    @property
    def mastery(self) -> float:
        """Mean mastery of its points."""
        return mastery_of(self.points)


def group_mastery(
    points: Iterable[PointMastery], recalls: Mapping[tuple[str, str], ListRecall] | None = None
) -> tuple[TopicMastery, ...]:
    """Group points into topics and sections in first-seen order; points sorted by 第k点 within a section.

    Args:
        points: Every point with its head card's schedule.
        recalls: Per (deck, section key), how often the section's list was recalled whole.
    """
    recalls = recalls or {}
    topics: dict[tuple[str, str], dict[tuple[str, str], list[PointMastery]]] = {}
    for p in points:
        topics.setdefault((p.deck, p.topic), {}).setdefault((p.section_kind, p.heading), []).append(p)
    return tuple(
        TopicMastery(
            deck=deck,
            topic=topic,
            sections=tuple(
                SectionMastery(
                    kind=k,
                    heading=h,
                    points=tuple(sorted(ps, key=lambda p: p.ordinal)),
                    recall=recalls.get((deck, ps[0].section_key), ListRecall()),
                )
                for (k, h), ps in sections.items()
            ),
        )
        for (deck, topic), sections in topics.items()
    )


def weakest_of(points: Iterable[PointMastery], limit: int) -> tuple[PointMastery, ...]:
    """Points that have lapsed or lost ease, most lapses first, then lowest ease, then shortest interval."""
    weak = [p for p in points if p.seen and (p.lapses > 0 or p.ease < 2.5)]
    weak.sort(key=lambda p: (-p.lapses, p.ease, p.interval, p.deck, p.topic, p.heading, p.ordinal))
    return tuple(weak[:limit])
