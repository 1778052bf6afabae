"""Which point of a new build is which point of the last build, so a rebuild keeps point ids even when a
topic title or section heading changed; pure, no I/O.

A point is matched first by its own text within the whole deck (its id, then its exact head and body,
then its normalized head), then by place (the same topic, section and point index, or the same
section, with a similar head or body). The learner's deck lends the text for the similarity checks:
the last build is kept as digests only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rapidfuzz import fuzz

from trainer.core.built import Built, BuiltPoint, digest
from trainer.core.model import Deck, Point, normalize_key, point_id

# Ratios (0-100) above which a point at the same place, or in the same section, is the same point.
SAME_PLACE_SIMILARITY = 60.0
SAME_SECTION_SIMILARITY = 75.0

Place = tuple[int, int, int]


def match_build(base: Built, mine: Deck, new: Deck) -> list[str | None]:
    """For each point of `new` (in document order) the id of the point of `base` it is, or None.

    Args:
        base: The outline the builder produced last time.
        mine: The learner's deck (its points carry the base's ids; its text is used for similarity).
        new: The new build, with the fresh ids the builder gives.
    """
    new_points = [
        ((ti, si, pi), p)
        for ti, t in enumerate(new.topics)
        for si, s in enumerate(t.sections)
        for pi, p in enumerate(s.points)
    ]
    base_points = base.points()
    texts = {p.id: p for _, _, p in mine.points()}
    found: list[str | None] = [None] * len(new_points)
    free: dict[str, tuple[Place, BuiltPoint]] = {bp.id: (place, bp) for place, bp in base_points}

    def claim(
        index: Callable[[Place, BuiltPoint], object], key: Callable[[Place, Point], object], limit: float
    ) -> None:
        """Give each unmatched new point the most similar free base point among those of its key."""
        groups: dict[object, list[str]] = {}
        for bid, (bplace, bp) in free.items():
            groups.setdefault(index(bplace, bp), []).append(bid)
        for k, (place, point) in enumerate(new_points):
            if found[k] is not None:
                continue
            best, best_score = None, limit
            for bid in groups.get(key(place, point), ()):
                score = similarity(point, bid, limit) if bid in free else -1.0
                if score > best_score or (best is None and score >= best_score):
                    best, best_score = bid, score
            if best is not None:
                found[k] = best
                del free[best]

    def similarity(point: Point, bid: str, limit: float) -> float:
        if limit <= 0:
            return 100.0
        if (mp := texts.get(bid)) is None:
            return 0.0
        return max(
            fuzz.ratio(normalize_key(point.head), normalize_key(mp.head)),
            fuzz.ratio(normalize_key(point.body), normalize_key(mp.body)) if point.body and mp.body else 0.0,
        )

    claim(lambda _, bp: bp.id, lambda _, p: p.id, 0)
    claim(lambda _, bp: (bp.head, bp.body), lambda _, p: (digest(p.head), digest(p.body)), 0)
    claim(lambda _, bp: bp.key, lambda _, p: digest(normalize_key(p.head)), 0)
    claim(lambda place, _: place, lambda place, _: place, SAME_PLACE_SIMILARITY)
    claim(lambda place, _: place[:2], lambda place, _: place[:2], SAME_SECTION_SIMILARITY)
    return found


def with_build_ids(base: Built, mine: Deck, new: Deck) -> Deck:
    """`new` with the ids of the points it shares with the last build (see `match_build`).

    A point new to this build keeps its fresh id; the learner's own added point with that id is the
    same point. An id the learner's deck or the last build uses for another point is made unique.
    """
    found = match_build(base, mine, new)
    base_ids = {bp.id for _, bp in base.points()}
    taken = {pid for pid in found if pid is not None} | base_ids | {p.id for _, _, p in mine.points()}
    own = {p.id for _, _, p in mine.points()} - base_ids
    k = 0
    topics = []
    for topic in new.topics:
        sections = []
        for section in topic.sections:
            points = []
            for point in section.points:
                pid = found[k]
                k += 1
                if pid is None:
                    pid = point.id
                    if pid in own:
                        own.discard(pid)
                    elif pid in taken:
                        n = 2
                        while (pid := point_id(topic.title, section.kind, f"{point.head} {n}")) in taken:
                            n += 1
                    taken.add(pid)
                points.append(replace(point, id=pid))
            sections.append(replace(section, points=tuple(points)))
        topics.append(replace(topic, sections=tuple(sections)))
    return replace(new, topics=tuple(topics))
