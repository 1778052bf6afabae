"""What `trainer build` says beside the deck: its warnings one line a point, and the next step to study
it; text only, no I/O."""

from __future__ import annotations

import re
from pathlib import Path

from rich.cells import cell_len

# A point's place in a warning is cut to this many cells: heads run to 150 characters or more in the
# material learners copy, and a warning is read at 80 columns.
PLACE_CELLS = 48
_LINE = re.compile(r"( \(line \d+\))$")


def _cut(text: str, cells: int) -> str:
    if cell_len(text) <= cells:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch) > cells - 1:
            break
        out += ch
    return out + "…"


def warning_lines(warnings: list[str]) -> list[str]:
    """`lint`'s warnings (`PLACE: what`), the place cut to a line's worth and the warnings of one place
    on one line, in their order."""
    by_place: dict[str, list[str]] = {}
    for warning in warnings:
        place, sep, what = warning.rpartition(": ")
        if not sep:
            place, what = warning, ""
        by_place.setdefault(place, []).append(what)
    out = []
    for place, whats in by_place.items():
        line = _LINE.search(place)
        tail = line.group(1) if line else ""
        shown = _cut(place[: len(place) - len(tail)], PLACE_CELLS) + tail
        out.append(f"{shown}: {'; '.join(w for w in whats if w)}" if any(whats) else shown)
    return out


def next_step(documents: list[str], output: str | None, decks_dir: Path, *, to_terminal: bool) -> str | None:
    """What to do for the deck just built to be studied: sync a file outside `decks_dir` (the folder the
    app syncs at every start), or save a deck printed to the terminal; None when it went into a pipe."""
    if output is None:
        if not to_terminal:
            return None
        stem = Path(documents[0]).stem if documents else "deck"
        return (
            f"the deck was printed, not saved: to study it, `trainer build {' '.join(documents)} "
            f"-o {decks_dir / (stem + '.yaml')}` (or --review to check its outline first)"
        )
    target = Path(output).expanduser().resolve()
    if target.is_relative_to(decks_dir.expanduser().resolve()):
        return f"{output}: the app loads it at its next start (`trainer sync` loads it now)"
    return (
        f"{output} is not in the app yet: `trainer sync {output}` loads it (decks in {decks_dir} load at every start)"
    )


def readings_text(others: list[tuple[str, int]], chosen: int) -> str:
    """The document's readings for `--dry-run`: which is shown, and what `--reading N` builds instead."""
    lines = [f"\nother readings of this document (this is reading {chosen}; build another with --reading N):"]
    rows = [(1, "the builder's own", 0), *((n, what, lost) for n, (what, lost) in enumerate(others, start=2))]
    lines += [
        f"  {n}. {what}" + (f" (leaves out {lost} of the builder's points)" if lost else "")
        for n, what, lost in rows
        if n != chosen
    ]
    return "\n".join(lines) + "\n"
