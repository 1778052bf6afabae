"""A row of the furniture table: what a line of page furniture is and the shape it takes; no matching."""

from __future__ import annotations

from dataclasses import dataclass

ANY = 1 << 30  # no length limit: the shape is sure at any length


@dataclass(frozen=True, slots=True)
class Shape:
    """One shape of furniture: the pattern is searched in a line's folded key (anchored with `^`/`$`
    where the shape is a whole line), `limit` is how long such a line can be (a longer line holding the
    same words is text quoting them), and `stop_ok=False` never matches a line ending with a full stop."""

    what: str  # what a line of this shape is
    examples: tuple[str, ...]  # lines of this shape as pages have them (tests check each is caught)
    pattern: str
    limit: int = ANY
    stop_ok: bool = True
