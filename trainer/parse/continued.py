"""Lists going on across paragraphs (begun inside one, or copied from their middle); no tree."""

from __future__ import annotations

from trainer.parse.markers import CONTINUES, Marker, counts_on, find_inline, match_line, past_first
from trainer.parse.paragraphs import Para


def continued_lists(paras: list[Para]) -> set[int]:
    """The paragraphs that open a prose-style list past its first member (`二是…` then `三是…`, a page
    copied from the middle of a list): the next line of that style goes on with the next number, or
    it is the page's first numbered line."""
    marks = [match_line(para.key) for para in paras]
    following: list[Marker | None] = [None] * len(marks)  # the next paragraph's marker of the same style
    seen: dict[object, Marker] = {}
    for i in range(len(marks) - 1, -1, -1):
        if (m := marks[i]) is not None:
            following[i], seen[m.style] = seen.get(m.style), m
    found: set[int] = set()
    first = True  # no numbered line before: a page that starts inside a list (`三是…` alone) goes on with it
    for i, marker in enumerate(marks):
        if marker is None or not past_first(marker):
            first = first and marker is None
            continue
        nxt = following[i]
        if (nxt is not None and counts_on(marker, nxt)) or first:
            found.add(i)
        first = False
    return found


def _continued_items(para: Para, nxt: Marker) -> list[int]:
    """Where the items 1 … k-1 of a succession whose item k opens the next line start in this
    paragraph (`…贡献：第一，…；第二，…` before a line `第三，…`), or [] when they are not all there."""
    found = [m for m in find_inline(para.key) if m.style == nxt.style]
    chain: list[int] = []
    for want in range(1, nxt.ordinal):
        hit = next((m for m in found if m.ordinal == want and (not chain or m.start > chain[-1])), None)
        if hit is None:
            return []
        chain.append(hit.start)
    if chain[0] == 0 and len(chain) == 1:
        return []  # the paragraph is item 1 itself, on a line of its own
    return chain


def split_continued(paras: list[Para]) -> list[Para]:
    """A list that starts inside a paragraph and goes on at line starts (`…具有3方面特征：一是…` then a
    line `二是…`) is one succession: its first item is cut off the paragraph onto a line of its own."""
    out: list[Para] = []
    for i, para in enumerate(paras):
        nxt = match_line(paras[i + 1].key) if i + 1 < len(paras) else None
        if nxt is not None and nxt.ordinal >= 2:
            cuts = _continued_items(para, nxt)
            if cuts:
                pieces = [0, *cuts] if cuts[0] > 0 else cuts
                for j, start in enumerate(pieces):
                    end = pieces[j + 1] if j + 1 < len(pieces) else None
                    piece = para.slice(start, end)
                    if j == 0:
                        piece.gap, piece.indent = para.gap, para.indent
                    out.append(piece)
                continue
        out.append(para)
    return out


def mixed_style(style: str, ordinal: int, open_items: list[tuple[str, int]]) -> str | None:
    """The style of the open list an item of another style goes on with, as real pages mix successions
    (`第三，` after `首先…其次…`): the nearest open item (style, ordinal) of a style that mixes with it,
    numbered one less; else None."""
    mixes = CONTINUES.get(style, frozenset())
    near = next(((s, n) for s, n in reversed(open_items) if s in mixes), None)
    return near[0] if near is not None and ordinal == near[1] + 1 else None
