"""A deck too big for one deck file split into decks that each fit (`trainer.deckfile.decks.MAX_DECK_BYTES`),
so an import never writes a file that sync refuses; pure, no I/O."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path
from typing import TypeVar

from trainer.core.model import Deck, Point, Section, Topic
from trainer.deckfile import decks as deckfile
from trainer.errors import DeckError

_T = TypeVar("_T")
# Room for the YAML keys and indentation around a point's text (measured: ~70 bytes; body lines +8 each).
_POINT_OVERHEAD = 120


def _point_bytes(point: Point) -> int:
    text = point.id + point.head + point.body
    return len(text.encode("utf-8")) + _POINT_OVERHEAD + 8 * point.body.count("\n")


def _regroup(name: str, base: Deck, items: list[tuple[int, int, Point]]) -> Deck:
    """A deck of `items` (topic index, section index, point), keeping their topics and sections."""
    topics: list[Topic] = []
    sections: list[Section] = []
    points: list[Point] = []
    at: tuple[int, int] | None = None
    for ti, si, point in items:
        if at is not None and (ti, si) != at:
            sections.append(replace(base.topics[at[0]].sections[at[1]], points=tuple(points)))
            points = []
            if ti != at[0]:
                topics.append(replace(base.topics[at[0]], sections=tuple(sections)))
                sections = []
        at = (ti, si)
        points.append(point)
    if at is not None:
        sections.append(replace(base.topics[at[0]].sections[at[1]], points=tuple(points)))
        topics.append(replace(base.topics[at[0]], sections=tuple(sections)))
    return replace(base, name=name, topics=tuple(topics))


def split_deck(deck: Deck, limit: int | None = None) -> list[tuple[Deck, str]]:
    """`deck` and its file text when the file fits in `limit` bytes, else parts that each fit, in order:
    the first keeps the name, the others are named `NAME (2)`, `NAME (3)` ... (sync needs distinct names).

    Raises:
        DeckError: a single point is too big for any deck file.
    """
    limit = deckfile.MAX_DECK_BYTES if limit is None else limit
    budget = int(limit * 0.8)
    sizes = [_point_bytes(p) for _t, _s, p in deck.points()]
    if sum(sizes) <= budget:  # the estimate is generous: only a deck near the limit is dumped twice
        text = deckfile.dumps(deck)
        if len(text.encode("utf-8")) <= limit:
            return [(deck, text)]
    chunks: list[list[tuple[int, int, Point]]] = [[]]
    used = 0
    flat = [(ti, si, p) for ti, t in enumerate(deck.topics) for si, s in enumerate(t.sections) for p in s.points]
    for (ti, si, point), size in zip(flat, sizes, strict=True):
        if size > budget:
            raise DeckError(f"point {point.head[:20]!r} is over {budget / 1e6:g} MB; no deck file can hold it")
        if used + size > budget and chunks[-1]:
            chunks.append([])
            used = 0
        chunks[-1].append((ti, si, point))
        used += size
    parts = [_regroup(deck.name if k == 1 else f"{deck.name} ({k})", deck, c) for k, c in enumerate(chunks, 1)]
    texts = [deckfile.dumps(part) for part in parts]
    if any(len(text.encode("utf-8")) > limit for text in texts):  # the estimate is generous; this is the proof
        raise DeckError(f"cannot split deck {deck.name!r} into files of {limit / 1e6:g} MB")
    return list(zip(parts, texts, strict=True))


def part_paths(target: Path, count: int) -> list[Path]:
    """The files of a split deck: `target`, then `STEM-2.yaml`, `STEM-3.yaml` ... beside it."""
    return [target] + [target.with_name(f"{target.stem}-{k}{target.suffix or '.yaml'}") for k in range(2, count + 1)]


def add_reports(a: _T, b: _T) -> _T:
    """Two reports of one dataclass summed field by field (ints added; other fields from `a`)."""
    values = {}
    for f in fields(a):  # type: ignore[arg-type]
        x, y = getattr(a, f.name), getattr(b, f.name)
        values[f.name] = x + y if isinstance(x, int) and not isinstance(x, bool) else x
    return replace(a, **values)  # type: ignore[type-var]
