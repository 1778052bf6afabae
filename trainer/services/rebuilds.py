"""Building a deck over an existing one: read the documents, merge with the learner's deck and its last
build, and describe the merge; shared by `trainer build` and the outline screen. No printing."""

from __future__ import annotations

from dataclasses import replace

from trainer.core.built import outline_of
from trainer.core.model import Deck
from trainer.core.rebuild import Change, Rebuild, Source, merge
from trainer.deckfile import decks

LABELS = {Source.YOURS: "yours kept", Source.BUILD: "from the document", Source.CONFLICT: "conflict"}


def first_build(deck: Deck) -> Deck:
    """A freshly built deck, remembering itself as its last build."""
    return decks.with_built(deck, outline_of(deck))


def rebuild(fresh: Deck, previous: Deck | None, *, name: str | None = None) -> Rebuild:
    """The deck to write for a new build `fresh` (the builder's ids) over the deck file `previous`.

    Without a previous deck the build is written as it is. Otherwise it is merged three ways with the
    previous deck and the last build that deck remembers (`trainer.core.rebuild.merge`); the previous
    deck's name and settings are kept unless `name` is given.
    """
    if previous is None:
        deck = first_build(replace(fresh, name=name) if name else fresh)
        return Rebuild(deck, outline_of(deck), ())
    result = merge(decks.built_of(previous), previous, fresh)
    deck = replace(result.deck, name=name) if name else result.deck
    return replace(result, deck=decks.with_built(deck, result.built))


def change_lines(result: Rebuild, *, everything: bool) -> list[str]:
    """The merge's changes as lines: only conflicts, or (`everything`) all, conflicts last."""
    order = (Source.YOURS, Source.BUILD, Source.CONFLICT) if everything else (Source.CONFLICT,)
    return [_line(c) for source in order for c in result.changes if c.source is source]


def _line(change: Change) -> str:
    return f"{LABELS[change.source]}: {change.where}: {change.what}"


def summary(result: Rebuild, previous: Deck | None) -> str:
    """One line on what the merge kept and took ("" for a first build)."""
    if previous is None:
        return ""
    counts = (
        f"{result.count(Source.YOURS)} of your changes kept, {result.count(Source.BUILD)} taken from the "
        f"document, {result.count(Source.CONFLICT)} conflicts (yours kept)"
    )
    if not result.had_base:
        return (
            f"{counts}; the deck had no record of its last build, so the document's text replaced yours "
            "where they differ (from now on your changes are kept)"
        )
    return counts


def deck_points(deck: Deck) -> dict[str, tuple[str, str]]:
    """A deck's points as (head, body) by id."""
    return {p.id: (p.head, p.body) for _, _, p in deck.points()}


def point_counts(before: dict[str, tuple[str, str]], after: Deck) -> tuple[int, int]:
    """(points of `after` that `before` lacks, points of both whose head or body differ), by id."""
    now = deck_points(after)
    new = sum(1 for pid in now if pid not in before)
    changed = sum(1 for pid, text in now.items() if pid in before and before[pid] != text)
    return new, changed


def updated_line(name: str, before: dict[str, tuple[str, str]], after: Deck) -> str:
    """The one line that says a build updated an existing deck (for the CLI)."""
    new, changed = point_counts(before, after)
    return f"updated deck {name} ({new} new, {changed} changed)"
