"""Lists going on across paragraphs (begun inside one, or copied from their middle); no tree."""

from __future__ import annotations

import re

from trainer.core.model import SectionKind
from trainer.parse.markers import COUNTED_PROSE, Marker, find_inline, list_rank, match_line
from trainer.parse.paragraphs import Para
from trainer.parse.shapes import RUN_IN
from trainer.parse.successions import CONTINUES, counts_on, past_first, top_list
from trainer.parse.vocab import lead_kind

# `针对上述问题，需要从以下几个方面着手：一是…`: a lead that announces the list run together after it.
_ANNOUNCES = re.compile(
    r"(?:以下|如下|下列|几个方面|几点|[两二三四五六七八九十几](?:个|条|点|项)?方面)[^，。；：]{0,8}：$"
)


# `针对上述问题，必须…。一方面，…；另一方面，…`: a paragraph answering what the list before it said opens a
# list of its own, with or without a colon announcing it.
REFERS_BACK = re.compile(r"^(?:针对|为解决|为了解决|要解决|面对|对于)(?:上述|以上|这些|前述|上面)")


# A site's notice standing where it hid part of the text (`---此处隐藏3747字，下载后查看---`, `（中间内容已省略）`,
# `此处内容需要权限查看`): a gap in the copy, after which the text goes on from the middle of wherever it was.
_HIDDEN = re.compile(
    r"^[-—=*（(【\[\s.…]*(?:此处|以下|中间|中间部分|部分)?(?:内容|文字)?(?:已|被)?(?:隐藏|省略|略去|需要权限|需权限)"
)
HIDDEN_MAX = 40


def _hides(para: Para) -> bool:
    return len(para.key) <= HIDDEN_MAX and bool(_HIDDEN.match(para.key.strip()))


def continued_lists(paras: list[Para]) -> set[int]:
    """The paragraphs that open a prose-style list past its first member (`二是…` then `三是…`, a page
    copied from the middle of a list): the next line of that style goes on with the next number, or
    it is the page's first numbered line, or the first after a notice that hid part of the text (the
    members before it hidden with the rest: `---此处隐藏3747字---` then `第二，必须…`)."""
    marks = [match_line(para.key) for para in paras]
    following: list[Marker | None] = [None] * len(marks)  # the next paragraph's marker of the same style
    seen: dict[object, Marker] = {}
    for i in range(len(marks) - 1, -1, -1):
        if (m := marks[i]) is not None:
            following[i], seen[m.style] = seen.get(m.style), m
    found: set[int] = set()
    first = True  # no numbered line before: a page that starts inside a list (`三是…` alone) goes on with it
    for i, marker in enumerate(marks):
        if marker is None and _hides(paras[i]):
            first = True
            continue
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
                out.extend(_pieces(para, cuts))
                continue
        out.append(para)
    return out


def goes_on_with(style: str, ordinal: int, open_items: list[tuple[str, int]]) -> str | None:
    """The style of the open list an item of another style goes on with, as real pages mix successions
    (`第二，…` then `三是…`; `第三，` after `首先…其次…`): the nearest open item of a style that mixes with
    it (the counted prose styles with each other, then `CONTINUES`), numbered one less; else None.
    `open_items` are the (style, ordinal) of the items open, outermost first, none of them of `style`."""
    counted = COUNTED_PROSE - {style} if style in COUNTED_PROSE else frozenset()
    for mixes in (counted, CONTINUES.get(style, frozenset())):
        near = next(((s, n) for s, n in reversed(open_items) if s in mixes), None)
        if near is not None and ordinal == near[1] + 1:
            return near[0]
    return None


def announces_sibling(para: Para, open_style: str, ordinal: int = 1) -> bool:
    """True for a paragraph, read after an open item of `open_style` (`此外，…`), that announces a new
    list of its own run together after its lead (`针对上述问题…从以下几个方面着手：一是…；二是…`) at a depth
    no deeper than that item's: a list beside the one the item belongs to, not the item's details."""
    if open_style == RUN_IN:  # an unnumbered point's paragraph, then `…需要从以下几个方面进行改进：` over a list
        return bool(_ANNOUNCES.search(para.key.rstrip()))
    if not ordinal:
        return False  # an item with no number (a bullet) holds what follows it
    colon = para.key.find("：")
    refers = REFERS_BACK.match(para.key)
    if not list_rank(open_style) or (not refers and (colon < 0 or not _ANNOUNCES.search(para.key, 0, colon + 1))):
        return False  # cheap tests first: this is asked of every paragraph inside an item
    group = top_list(find_inline(para.key))
    if not group or group[0].start == 0:
        return False
    lead = para.key[: group[0].start].rstrip()
    return bool(refers or _ANNOUNCES.search(lead)) and list_rank(group[0].style) <= list_rank(open_style)


_STOPS = "。！？"
_RUNS_ON = re.compile(r"[。！？] *(?:第[一二三四五六七八九十]|其[一二三四五六七八九十]|[一二三四五六七八九十][是要])")


def split_next_members(paras: list[Para]) -> list[Para]:
    """A paragraph opening on a counted prose item that goes on with the line before (`第二，…` then
    `三是…`) and runs on, after a sentence's end, into the next members of its list (`…。第四，…`): a copy
    lost the line breaks, so the members go back on lines of their own. (A paragraph whose members
    count on from its own start, `一是…。二是…` or `三是…。四是…` with no line before it, is a list run
    together, read whole.)"""
    out: list[Para] = []
    last: tuple[str, int] | None = None  # the style and ordinal of the last line opening on a counted prose item
    for para in paras:
        marker = match_line(para.key)
        if marker is None or marker.style not in COUNTED_PROSE:
            out.append(para)
            continue
        before, last = last, (marker.style, marker.ordinal)
        goes_on = before == (marker.style, marker.ordinal - 1) or (
            before is not None and goes_on_with(marker.style, marker.ordinal, [before]) is not None
        )
        if not goes_on or not _RUNS_ON.search(para.key):
            out.append(para)
            continue
        cuts, want = [], marker.ordinal + 1
        nested: set[str] = set()  # styles counting a list of the item's own (`一是…二是…`): `四是` goes on with it
        for m in find_inline(para.key):
            before = para.key[: m.start].rstrip()[-1:]
            if m.start <= marker.end or m.style not in COUNTED_PROSE:
                continue
            if m.ordinal < want and not cuts:
                nested.add(m.style)
            elif m.ordinal == want and before in _STOPS and m.style not in nested:
                cuts.append(m.start)
                want += 1
        out.extend(_pieces(para, cuts) if cuts else [para])
    return out


def _pieces(para: Para, cuts: list[int]) -> list[Para]:
    """The paragraph cut where its next members start (`cuts`, rising); the first piece keeps its gap
    and indent."""
    starts = [0, *cuts] if cuts[0] > 0 else cuts
    pieces = [para.slice(a, b) for a, b in zip(starts, [*starts[1:], None], strict=True)]
    pieces[0].gap, pieces[0].indent = para.gap, para.indent
    return pieces


_DETAIL_LEAD = re.compile(r"^(?:具体|其中|例如|比如|主要(?:表现|体现))")


def beside_run_in(lead: str) -> bool:
    """True for a paragraph after a run-in point's text that leads into a list of a kind of its own
    (`尽管…，仍然存在诸多挑战：`), not into the point's details (`具体表现为：`, `其中：`)."""
    return not _DETAIL_LEAD.match(lead) and lead_kind(lead) not in (None, SectionKind.OTHER)
