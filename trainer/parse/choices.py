"""Other readings of one document: the same parse with one group of numbered items read the other way."""

# `readings.classify` decides, per sibling group of numbered items, whether they are headings (over
# lists) or points. On a page from a site the builder has not met that decision is the one most often
# wrong: the best of the readings with one group read the other way scores 0.05 to 0.16 head F1 above
# the builder's own on the newest unseen parts (`python -m benchmarks.flipchoice`), and no model of the
# outline's shape tried could tell which reading a reader wants. So the learner chooses: `alternatives`
# (trainer.parse) gives each other reading once, and the outline editor and `trainer build --reading N`
# offer them.
#
# A parse inside `reading(flips)` reads the groups named in `flips` (by their items' titles) the other
# way, and records every group it decided, in order, with the rules' decision. No I/O.

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

Key = tuple[str, ...]  # a group of sibling items, named by their titles in order


@dataclass(slots=True)
class Reading:
    """The groups to read the other way, and the groups a parse met (with the rules' decision)."""

    flips: frozenset[Key] = frozenset()
    met: dict[Key, bool] = field(default_factory=dict)


_READING: ContextVar[Reading | None] = ContextVar("trainer_parse_reading", default=None)


@contextmanager
def reading(flips: frozenset[Key] = frozenset()) -> Iterator[Reading]:
    """Parse inside this block to read the groups in `flips` the other way; `.met` fills as it goes."""
    token = _READING.set(state := Reading(flips))
    try:
        yield state
    finally:
        _READING.reset(token)


def decided(titles: Key, headings: bool) -> bool:
    """The decision for one group: the rules' (`headings`), or its opposite when the group is flipped."""
    state = _READING.get()
    if state is None:
        return headings
    state.met.setdefault(titles, headings)
    return not headings if titles in state.flips else headings


def describe(titles: Key, headings: bool) -> str:
    """What reading this group the other way does, for the learner (`headings`: the rules' decision)."""
    first = titles[0].strip().rstrip("：:")
    first = first if len(first) <= 14 else first[:13] + "…"
    what = "要点" if headings else "小标题"
    return f"把「{first}」等 {len(titles)} 项当作{what}" if len(titles) > 1 else f"把「{first}」当作{what}"
