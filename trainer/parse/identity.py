"""Keeping learners' progress across rebuilds: carry ids from the previous deck file; pure, no I/O."""

from __future__ import annotations

from dataclasses import replace

from rapidfuzz import fuzz

from trainer.core.model import Deck, Point, Section, Topic, normalize_key
from trainer.parse.deckops import map_points

# A lightly edited head (a character added, dropped or changed) still scores well above this.
MIN_SIMILARITY = 75.0


def _where(topic: Topic, kind: str) -> tuple[str, str]:
    return normalize_key(topic.title), kind


def carry_ids(new: Deck, old: Deck, *, min_similarity: float = MIN_SIMILARITY) -> Deck:
    """`new` with the ids of `old`'s points kept where they are the same point.

    A point whose id already exists in `old` keeps it. Otherwise its head is compared (normalized)
    with the unclaimed points of `old` in the same topic and section kind; the most similar one at or
    above `min_similarity` (rapidfuzz ratio, 0-100) lends its id, so a lightly edited head keeps its
    review history. Points matching nothing keep their fresh id; old points left unclaimed are the
    ones a sync will retire.
    """
    old_ids = {p.id for _, _, p in old.points()}
    claimed = {p.id for _, _, p in new.points() if p.id in old_ids}
    pool: dict[tuple[str, str], list[Point]] = {}
    for topic, section, point in old.points():
        if point.id not in claimed:
            pool.setdefault(_where(topic, section.kind), []).append(point)

    taken = {p.id for _, _, p in new.points()}

    def carried(topic: Topic, section: Section, point: Point) -> Point:
        if point.id in old_ids:
            return point
        return _adopt(point, pool.get(_where(topic, section.kind), []), taken, min_similarity)

    return map_points(new, carried)


def _adopt(point: Point, candidates: list[Point], taken: set[str], min_similarity: float) -> Point:
    head = normalize_key(point.head)
    best, best_score = None, min_similarity
    for cand in candidates:
        score = fuzz.ratio(head, normalize_key(cand.head))
        if score >= best_score and cand.id not in taken:
            best, best_score = cand, score
    if best is None:
        return point
    candidates.remove(best)
    taken.discard(point.id)
    taken.add(best.id)
    return replace(point, id=best.id)
