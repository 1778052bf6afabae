"""Rebuilding a deck the learner has changed: a three-way merge of the last build, the learner's deck and
the new build; pure, no I/O.

The learner's changes (titles, kinds, headings, heads, bodies, cloze marks, removed and added points,
order) are kept; the new build's changes to what the learner left alone are taken; where both changed
one thing the learner's version is kept and the conflict listed. Every change is reported, so nothing
is dropped silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TypeVar

from trainer.core.built import Built, BuiltPoint, digest, outline_of
from trainer.core.cloze import MANUAL, plain
from trainer.core.model import Deck, Point, Section, SectionKind, Topic
from trainer.core.rematch import with_build_ids

SecKey = tuple[int, int]


class Source(StrEnum):
    """Whose change a merge step keeps."""

    YOURS = "yours"  # the learner's change, kept
    BUILD = "build"  # the new build's change to something the learner left alone, taken
    CONFLICT = "conflict"  # both changed it: the learner's version kept


@dataclass(frozen=True, slots=True)
class Change:
    """One thing a rebuild keeps, takes or refuses, with where it is (topic › section › head)."""

    source: Source
    where: str
    what: str


@dataclass(frozen=True, slots=True)
class Rebuild:
    """The merged deck, the outline to remember as the last build, and every change made."""

    deck: Deck
    built: Built
    changes: tuple[Change, ...]
    had_base: bool = True

    def count(self, source: Source) -> int:
        """How many changes of one kind."""
        return sum(1 for c in self.changes if c.source is source)


def three_way(base: str, mine: str, theirs: str) -> tuple[str, Source | None]:
    """One text merged: `base` is the last build's digest. Theirs is taken only where mine is unchanged."""
    mine_changed, theirs_changed = digest(mine) != base, digest(theirs) != base
    if not theirs_changed or mine.strip() == theirs.strip():
        return mine, (Source.YOURS if mine_changed else None)
    if not mine_changed:
        return theirs, Source.BUILD
    return mine, Source.CONFLICT


def reapply_marks(marked: str, body: str) -> str | None:
    """`body` with the cloze marks of `marked` put back on the same words, or None if a word is gone."""
    out, cursor = body, 0
    for m in MANUAL.finditer(marked):
        at = out.find(m.group(1), cursor)
        if at < 0:
            return None
        out = out[:at] + m.group(0) + out[at + len(m.group(1)) :]
        cursor = at + len(m.group(0))
    return out


K = TypeVar("K", SecKey, int)


def _majority(values: list[K]) -> K | None:
    return Counter(values).most_common(1)[0][0] if values else None


@dataclass
class _Merge:
    base: Built
    mine: Deck
    theirs: Deck
    changes: list[Change] = field(default_factory=list)

    def note(self, source: Source | None, where: str, what: str) -> None:
        if source is not None:
            self.changes.append(Change(source, where, what))

    def run(self) -> Deck:
        base_at = {bp.id: (place, bp) for place, bp in self.base.points()}
        self.base_at = base_at
        mine_at = {
            p.id: (ti, si) for ti, t in enumerate(self.mine.topics) for si, s in enumerate(t.sections) for p in s.points
        }
        self.their_at: dict[str, tuple[SecKey, Point]] = {
            p.id: ((ti, si), p)
            for ti, t in enumerate(self.theirs.topics)
            for si, s in enumerate(t.sections)
            for p in s.points
        }
        mine_sec = self._section_map(self.mine)
        their_sec = self._section_map(self.theirs)
        mine_top = self._topic_map(self.mine)
        their_top = self._topic_map(self.theirs)
        self.sec_of_mine = {b: k for k, b in reversed(list(mine_sec.items())) if b is not None}
        their_of_base_sec = {b: k for k, b in reversed(list(their_sec.items())) if b is not None}
        their_of_base_top = {b: k for k, b in reversed(list(their_top.items())) if b is not None}

        # The learner's skeleton, with attributes merged and points merged in place.
        merged: list[tuple[Topic, list[tuple[Section, list[Point]]]]] = []
        for ti, topic in enumerate(self.mine.topics):
            b = mine_top[ti]
            tt = self.theirs.topics[their_of_base_top[b]] if b in their_of_base_top else None
            if b is not None and tt is not None:
                bt = self.base.topics[b]
                title, src = three_way(bt.title, topic.title, tt.title)
                self.note(
                    src,
                    topic.title,
                    f"topic title {_q(topic.title)} / document {_q(tt.title)}"
                    if src is Source.CONFLICT
                    else f"topic title -> {_q(title)}",
                )
                subtitle, src = three_way(bt.subtitle, topic.subtitle, tt.subtitle)
                self.note(src, title, f"subtitle -> {_q(subtitle)}")
                topic = replace(topic, title=title, subtitle=subtitle)
            sections = []
            for si, section in enumerate(topic.sections):
                sections.append(self._section(topic, section, mine_sec[(ti, si)], their_of_base_sec))
            merged.append((topic, sections))

        for bid, (_, bp) in base_at.items():
            if bid not in mine_at:
                self._removed_by_you(bid, bp)
        self._order(merged, mine_sec, their_sec)
        self._insert(merged, mine_at, mine_sec, their_sec, mine_top, their_top)
        topics = tuple(
            replace(t, sections=tuple(replace(s, points=tuple(ps)) for s, ps in secs if ps)) for t, secs in merged
        )
        topics = tuple(t for t in topics if t.sections)
        return replace(self.mine, topics=topics, sources=self.theirs.sources or self.mine.sources)

    def _section_map(self, deck: Deck) -> dict[SecKey, SecKey | None]:
        """Each section of a deck -> the base section most of its points come from."""
        out: dict[SecKey, SecKey | None] = {}
        for ti, t in enumerate(deck.topics):
            for si, s in enumerate(t.sections):
                found = [self.base_at[p.id][0][:2] for p in s.points if p.id in self.base_at]
                out[(ti, si)] = _majority(found)
        return out

    def _topic_map(self, deck: Deck) -> dict[int, int | None]:
        out: dict[int, int | None] = {}
        for ti, t in enumerate(deck.topics):
            found = [self.base_at[p.id][0][0] for s in t.sections for p in s.points if p.id in self.base_at]
            out[ti] = _majority(found)
        return out

    def _section(
        self, topic: Topic, section: Section, b: SecKey | None, their_of_base_sec: dict[SecKey, SecKey]
    ) -> tuple[Section, list[Point]]:
        if b is not None and b in their_of_base_sec:
            bs = self.base.topics[b[0]].sections[b[1]]
            tk = their_of_base_sec[b]
            ts = self.theirs.topics[tk[0]].sections[tk[1]]
            where = f"{topic.title} › {section.heading}"
            heading, src = three_way(bs.heading, section.heading, ts.heading)
            self.note(
                src,
                where,
                f"heading {_q(section.heading)} / document {_q(ts.heading)}"
                if src is Source.CONFLICT
                else f"heading -> {_q(heading)}",
            )
            kind: SectionKind = section.kind
            if ts.kind.value != bs.kind and section.kind.value != bs.kind and ts.kind != section.kind:
                self.note(Source.CONFLICT, where, f"kind {section.kind.value} / build {ts.kind.value}")
            elif ts.kind.value != bs.kind and section.kind.value == bs.kind:
                kind = ts.kind
                self.note(Source.BUILD, where, f"kind -> {kind.value}")
            elif section.kind.value != bs.kind:
                self.note(Source.YOURS, where, f"kind -> {kind.value}")
            section = replace(section, heading=heading, kind=kind)
        points = []
        for point in section.points:
            kept = self._point(topic, section, point)
            if kept is not None:
                points.append(kept)
        return section, points

    def _point(self, topic: Topic, section: Section, point: Point) -> Point | None:
        where = f"{topic.title} › {section.heading} › {point.head}"
        if point.id not in self.base_at:
            self.note(Source.YOURS if self.base.topics else None, where, "added by you")
            return point
        bp = self.base_at[point.id][1]
        if point.id not in self.their_at:
            if digest(point.head) == bp.head and digest(point.body) == bp.body:
                self.note(Source.BUILD, where, "removed: the document no longer has it")
                return None
            self.note(Source.CONFLICT, where, "the document no longer has it; kept, as you edited it")
            return point
        theirs = self.their_at[point.id][1]
        head, src = three_way(bp.head, point.head, theirs.head)
        self.note(
            src,
            where,
            f"head {_q(point.head)} / document {_q(theirs.head)}" if src is Source.CONFLICT else f"head -> {_q(head)}",
        )
        body, src = self._body(bp, point.body, theirs.body)
        what = {
            Source.CONFLICT: "body: yours kept, the document's differs",
            Source.YOURS: "body: yours kept",
            Source.BUILD: "body changed in the document"
            + ("; your cloze marks put back" if "{{" in point.body and body != theirs.body else ""),
        }
        self.note(src, where, what[src] if src is not None else "")
        long_head = point.long_head
        if point.long_head == bp.long_head and theirs.long_head != bp.long_head:
            long_head = theirs.long_head
        return replace(point, head=head, body=body, long_head=long_head)

    def _body(self, bp: BuiltPoint, mine: str, theirs: str) -> tuple[str, Source | None]:
        body, src = three_way(bp.body, mine, theirs)
        if src is Source.CONFLICT and digest(plain(mine)) == bp.body:
            # The learner only marked clozes: the new text with the same marks, if their words are still there.
            marked = reapply_marks(mine, theirs)
            if marked is not None:
                return marked, Source.BUILD
        return body, src

    def _removed_by_you(self, bid: str, bp: BuiltPoint) -> None:
        if bid not in self.their_at:
            return
        theirs = self.their_at[bid][1]
        where = self._their_where(bid)
        if digest(theirs.head) != bp.head or digest(theirs.body) != bp.body:
            self.note(Source.CONFLICT, where, "removed by you, changed in the document: left out")
        else:
            self.note(Source.YOURS, where, "removed by you")

    def _their_where(self, pid: str) -> str:
        (ti, si), p = self.their_at[pid]
        t = self.theirs.topics[ti]
        return f"{t.title} › {t.sections[si].heading} › {p.head}"

    def _order(self, merged: list, mine_sec: dict, their_sec: dict) -> None:
        """Take the build's new order of a section's points where the learner kept the old order."""
        for ti, (topic, sections) in enumerate(merged):
            for si, (section, points) in enumerate(sections):
                b = mine_sec[(ti, si)]
                common = [
                    k
                    for k, p in enumerate(points)
                    if p.id in self.base_at
                    and self.base_at[p.id][0][:2] == b
                    and p.id in self.their_at
                    and their_sec[self.their_at[p.id][0]] == b
                ]
                ids = [points[k].id for k in common]
                base_order = sorted(ids, key=lambda pid: self.base_at[pid][0])
                their_order = [p.id for p in self._their_points(ids)]
                if ids == base_order and their_order != base_order:
                    by_id = {p.id: p for p in points}
                    for k, pid in zip(common, their_order, strict=True):
                        points[k] = by_id[pid]
                    self.note(Source.BUILD, f"{topic.title} › {section.heading}", "order of points as in the document")

    def _their_points(self, ids: list[str]) -> list[Point]:
        if not hasattr(self, "_their_order"):
            self._their_order = {pid: k for k, pid in enumerate(self.their_at)}
        return [self.their_at[pid][1] for pid in sorted(ids, key=self._their_order.__getitem__)]

    def _insert(
        self, merged: _Tree, mine_at: dict, mine_sec: dict, their_sec: dict, mine_top: dict, their_top: dict
    ) -> None:
        """Points the build added, and points it moved to another section the learner left alone."""
        slots = {(ti, si): pts for ti, (_, secs) in enumerate(merged) for si, (_, pts) in enumerate(secs)}
        topic_of = {ti: secs for ti, (_, secs) in enumerate(merged)}
        mine_of_base_top = {b: k for k, b in reversed(list(mine_top.items())) if b is not None}
        new_secs: dict[SecKey, list[Point]] = {}
        new_tops: dict[int, list] = {}
        for pid, (tk, q) in self.their_at.items():
            tb = their_sec[tk]
            if pid in mine_at:
                if pid not in self.base_at:
                    continue
                b, mb = self.base_at[pid][0][:2], mine_sec[mine_at[pid]]
                if tb == b or tb is None:
                    continue
                if mb != b:
                    if tb != mb:
                        self.note(
                            Source.CONFLICT, self._their_where(pid), "moved by you and by the document: your place kept"
                        )
                    continue
                if tb not in self.sec_of_mine:
                    continue
                source = slots[mine_at[pid]]
                at = next((k for k, p in enumerate(source) if p.id == pid), None)
                if at is None:
                    continue
                point = source.pop(at)
                _place(slots[self.sec_of_mine[tb]], point, self._their_section(tk))
                self.note(Source.BUILD, self._their_where(pid), "moved to this section, as in the document")
                continue
            if pid in self.base_at:
                continue  # removed by the learner (noted)
            if tb is not None:
                if tb not in self.sec_of_mine:
                    self.note(
                        Source.CONFLICT,
                        self._their_where(pid),
                        "added in the document to a section you removed: left out",
                    )
                    continue
                target = slots[self.sec_of_mine[tb]]
            elif tk in new_secs:
                target = new_secs[tk]
            else:
                target = new_secs[tk] = []
                bt = their_top[tk[0]]
                if bt is not None and bt in mine_of_base_top:
                    secs = topic_of[mine_of_base_top[bt]]
                elif tk[0] in new_tops:
                    secs = new_tops[tk[0]]
                else:
                    tt = self.theirs.topics[tk[0]]
                    secs = new_tops[tk[0]] = []
                    merged.append((Topic(tt.title, (), tt.subtitle), secs))
                ts = self.theirs.topics[tk[0]].sections[tk[1]]
                secs.append((Section(ts.kind, ts.heading), target))
            _place(target, q, self._their_section(tk))
            self.note(Source.BUILD, self._their_where(pid), "added in the document")

    def _their_section(self, tk: SecKey) -> tuple[Point, ...]:
        return self.theirs.topics[tk[0]].sections[tk[1]].points


_Tree = list[tuple[Topic, list[tuple[Section, list[Point]]]]]


def _place(points: list[Point], point: Point, order: tuple[Point, ...]) -> None:
    """Put `point` into `points` after the nearest point that precedes it in `order`, or before the nearest
    that follows it, or last."""
    at = {p.id: k for k, p in enumerate(points)}
    idx = next(k for k, p in enumerate(order) if p.id == point.id)
    for prev in reversed(order[:idx]):
        if prev.id in at:
            points.insert(at[prev.id] + 1, point)
            return
    for nxt in order[idx + 1 :]:
        if nxt.id in at:
            points.insert(at[nxt.id], point)
            return
    points.append(point)


def _q(text: str) -> str:
    return f"“{text}”"


def merge(base: Built | None, mine: Deck, new: Deck) -> Rebuild:
    """Merge a new build into the learner's deck.

    Args:
        base: The outline the builder produced last time (None when the deck has no record of it:
            the learner's deck is then taken as the last build, so the new build's text wins).
        mine: The learner's deck as it is in the file.
        new: The new build, with the builder's fresh ids.

    Returns:
        The merged deck (named and set as the learner's), the outline of the new build with the merged
        ids (to remember as the last build), and every change.
    """
    had_base = base is not None
    if base is None:
        base = outline_of(mine)
    theirs = with_build_ids(base, mine, new)
    m = _Merge(base, mine, theirs)
    deck = m.run()
    changes = m.changes if had_base else [c for c in m.changes if c.source is not Source.YOURS]
    return Rebuild(deck, outline_of(theirs), tuple(changes), had_base)
