"""Which markers make a list: the members of a succession, found among a paragraph's markers; no structure."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from trainer.parse.markers import COUNTED_PROSE, Marker

# Successions real pages mix: 首先…其次…第三…最后, 第一…第二…最后, 一是…其次…再次, 一是…二要…三要…四是.
CONTINUES = {
    "seq": frozenset({"diyi", "yishi"}),
    "diyi": frozenset({"seq"}),
    "yishi": frozenset({"seq", "yiyao"}),
    "yiyao": frozenset({"yishi"}),
}


def top_list(markers: list[Marker]) -> list[Marker]:
    """The outermost run-together list: the first ordinal-1 marker with a following sibling.

    Siblings share the style and rise in ordinal; markers of other styles in between belong to
    the items (nested lists stay in their item).
    """
    if not any(m.ordinal == 1 for m in markers):
        return _opened_past_first(markers)  # no list opens here (most paragraphs): no index to build
    return _Siblings(markers).top(0)


def run_lists(markers: list[Marker]) -> Iterator[list[Marker]]:
    """`top_list` of the markers, then `top_list` of the markers after its last member, and so on: the
    lists run together one after another in a paragraph (`问题：1.…；2.…。对策：1.…；2.…`), found in one
    pass however many there are."""
    siblings = _Siblings(markers)
    starts = [m.start for m in markers]
    at = 0
    while group := siblings.top(at):
        yield group
        at = bisect_right(starts, group[-1].start)


class _Siblings:
    """Where each (style, ordinal) stands among a paragraph's markers, so that a list's next member is
    looked up, not scanned for through the rest of the paragraph (thousands of lists stay linear)."""

    def __init__(self, markers: list[Marker]) -> None:
        self.markers = markers
        self.at: dict[tuple[str, int], list[int]] = {}  # (style, ordinal) -> indices in `markers`, rising
        self.of_style: dict[str, list[int]] = {}  # style -> indices in `markers`, rising
        for i, m in enumerate(markers):
            self.at.setdefault((m.style, m.ordinal), []).append(i)
            self.of_style.setdefault(m.style, []).append(i)
        self.ordinals: dict[str, list[int]] = {}  # style -> its ordinals
        for style, ordinal in self.at:
            self.ordinals.setdefault(style, []).append(ordinal)

    def _next(self, group: list[int], mixed: bool) -> int | None:
        """The index of the member after the group's last in the list its first opens: the first marker
        after it of that style numbered one more (`seq`, `side`: any more), or, when `mixed`, of a style
        that goes on with it, unless a marker of that style was passed over since the list opened
        (`一是…首先…其次…`: 其次 goes on with 首先, not with 一是)."""
        first, last = self.markers[group[0]], group[-1]
        number = self.markers[last].ordinal
        rising = first.style in ("seq", "side")
        best: int | None = None
        for style in (first.style, *(CONTINUES.get(first.style, ()) if mixed else ())):
            for ordinal in self.ordinals.get(style, ()) if rising else (number + 1,):
                found = self.at.get((style, ordinal)) if ordinal > number else None
                j = bisect_right(found, last) if found else 0
                if (
                    found
                    and j < len(found)
                    and (best is None or found[j] < best)
                    and (style == first.style or not self._passed_over(style, group, found[j]))
                ):
                    best = found[j]
        return best

    def _passed_over(self, style: str, group: list[int], j: int) -> bool:
        """Whether a marker of `style` stands between the group's first and index `j` outside the group."""
        idx = self.of_style[style]
        between = bisect_right(idx, j - 1) - bisect_right(idx, group[0])
        return between > sum(1 for g in group if self.markers[g].style == style)

    def succession(self, i: int, mixed: bool) -> list[int]:
        """The indices of the members of the list markers[i] opens."""
        group = [i]
        while (j := self._next(group, mixed)) is not None:
            group.append(j)
        return group

    def top(self, at: int) -> list[Marker]:
        """`top_list` of the markers from index `at` on."""
        failed: set[str] = set()  # a style whose first ordinal-1 marker found no sibling: later ones find none either
        for i in range(at, len(self.markers)):
            first = self.markers[i]
            if first.ordinal != 1 or first.style in failed:
                continue
            # A succession of one style wins over one mixing styles (`一是…，其次…；二是…`: 其次 is inside 一是).
            group = self.succession(i, mixed=first.style in ("seq", "side"))
            if len(group) < 2:
                group = self.succession(i, mixed=True)
            if len(group) >= 2:
                return [self.markers[j] for j in group]
            failed.add(first.style)
        return _opened_past_first(self.markers, at)


def past_first(marker: Marker) -> bool:
    """True for a counted prose-style marker past its list's first member (`二是`, `第三`): where a page
    copied from the middle of a list starts; it opens that list when the next member counts on from it
    (on the same line, `_opened_past_first`, or at the next line of its style, `continued_lists`)."""
    return marker.style in COUNTED_PROSE and marker.ordinal >= 2


def counts_on(marker: Marker, nxt: Marker) -> bool:
    """True when `nxt` is the member of `marker`'s list right after it (`三是` after `二是`)."""
    return nxt.style == marker.style and nxt.ordinal == marker.ordinal + 1


def _opened_past_first(markers: list[Marker], at: int = 0) -> list[Marker]:
    """A list run together from the very start of a paragraph past its first member (`三是…四是…五是…`,
    a page copied from a list's middle): its members counting on one by one (markers from `at` on)."""
    first = markers[at] if at < len(markers) else None
    if first is None or first.start != 0 or not past_first(first):
        return []
    group = [first]
    for mk in markers[at + 1 :]:
        if counts_on(group[-1], mk):
            group.append(mk)
    return group if len(group) >= 2 else []
