"""Settling the depth of items the numbering leaves open (bare headings over bare heads, opening parts, lists read alike); no kinds."""

from __future__ import annotations

import re

from trainer.parse.continued import REFERS_BACK
from trainer.parse.markers import PROSE_STYLES, STYLE_RANK
from trainer.parse.outline import NOTE, Node
from trainer.parse.paragraphs import Para
from trainer.parse.shapes import RUN_IN

# Heading lines by form, with no number to say how deep they sit. A new form is a row here.
UNNUMBERED = ("bare", "md", "centred")


def _unnumbered(item: Para | Node) -> bool:
    return isinstance(item, Node) and item.style.startswith(UNNUMBERED) and item.style != NOTE


def _form(style: str) -> str:
    return next(f for f in UNNUMBERED if style.startswith(f))


def _empty(item: Para | Node) -> bool:
    return _unnumbered(item) and isinstance(item, Node) and not item.items


def _hoist_empty_tails(items: list[Para | Node]) -> list[Para | Node]:
    """The items, with an empty heading line that ends a heading line's content moved out after it: a
    line with nothing under it heads what comes next, not the end of the item before it (`保障水平稳步提高`
    and its paragraph, then `存在的问题`, read into it because it names a kind and the other did not).
    So is one over a paragraph when a heading line of its form stands at this level already (`整改措施`
    above, then `总结` and its paragraph after the last line under it): the two are siblings."""
    out: list[Para | Node] = []
    for item in items:
        out.append(item)
        if not (_unnumbered(item) and isinstance(item, Node) and len(item.items) > 1):
            continue
        tail = item.items[-1]
        if _empty(tail) or (_unnumbered(tail) and _sibling_form(tail, out) and not _holds_nodes(tail)):
            out.append(item.items.pop())
    return out


def _sibling_form(tail: Para | Node, level: list[Para | Node]) -> bool:
    return isinstance(tail, Node) and any(isinstance(n, Node) and n.style == tail.style for n in level)


def _holds_nodes(item: Para | Node) -> bool:
    return isinstance(item, Node) and any(isinstance(it, Node) for it in item.items)


def nest_bare_runs(node: Node) -> None:
    """A heading line with nothing under it, right before a heading line of the same form that holds
    something (`食品安全现状` then `食品安全监管体系不断完善` and its paragraph), is the heading over it and
    over the lines of that form after it, up to the next such empty line: a line and its paragraph,
    then a line and its paragraph, are the items of the empty line's list, not headings beside it.

    Only where the empty line gathers two or more lines: one line under another is a subtitle.
    """
    items = _hoist_empty_tails(node.items)
    out: list[Para | Node] = []
    i = 0
    while i < len(items):
        item = items[i]
        if not (_empty(item) and isinstance(item, Node)):
            out.append(item)
            i += 1
            continue
        j = i + 1
        while j < len(items) and _unnumbered(items[j]):
            sub = items[j]
            first = items[i + 1]
            if not isinstance(sub, Node) or not isinstance(first, Node) or sub.style != first.style or not sub.items:
                break
            if _form(sub.style) != _form(item.style):
                break
            j += 1
        if j - i - 1 >= 2:
            item.items.extend(items[i + 1 : j])
        else:
            j = i + 1
        out.append(item)
        i = j
    node.items[:] = out


FLAT_LABEL_MAX = 12  # a label over the bullets after it (`强化安全意识`) is a short phrase
_SENTENCE = re.compile(r"[，。；,;]")


def _flat_label(item: Para | Node) -> bool:
    return (
        isinstance(item, Node)
        and item.style == "bullet"
        and not item.items
        and len(item.title.strip()) <= FLAT_LABEL_MAX
        and not _SENTENCE.search(item.title)
        and not item.title.rstrip().endswith(("：", ":"))  # `具体表现：` leads into a list read by its own rule
    )


def _flat_sentence(item: Para | Node) -> bool:
    return isinstance(item, Node) and item.style == "bullet" and not item.items and bool(_SENTENCE.search(item.title))


def nest_flat_bullets(node: Node) -> None:
    """A nested bullet list a copy flattened (`- 强化安全意识` `- 组织全员安全培训，…` `- 借助…，…` `- 完善制度体系`
    `- 修订…，…`): short labels, two or more, each followed by bullets that are sentences, the first bullet a
    label. Each label holds the sentences after it, as the page's indentation did."""
    items = node.items
    i = 0
    while i < len(items):
        if not _flat_label(items[i]):
            i += 1
            continue
        j, runs = i, []
        while j < len(items) and _flat_label(items[j]):
            k = j + 1
            while k < len(items) and _flat_sentence(items[k]):
                k += 1
            if k == j + 1:
                break
            runs.append((j, k))
            j = k
        if len(runs) < 2:
            i += 1
            continue
        for start, stop in runs:
            label = items[start]
            assert isinstance(label, Node)
            label.items.extend(items[start + 1 : stop])
        items[i:j] = [items[start] for start, _ in runs]
        i += len(runs)


def _sentence_led(item: Para | Node) -> bool:
    """A point read off a paragraph led by a short sentence (the weakest shape of a point)."""
    if not isinstance(item, Node) or item.style != RUN_IN or item.para is None:
        return False
    return item.para.key[len(item.title) : len(item.title) + 1] in ("。", "！")


def _unwrap(node: Node) -> None:
    out: list[Para | Node] = []
    for item in node.items:
        if _sentence_led(item) and isinstance(item, Node) and item.para is not None:
            rest = item.items[1:] if item.items and isinstance(item.items[0], Para) else item.items
            out.extend([item.para, *rest])
        else:
            out.append(item)
    node.items[:] = out


def read_alike(node: Node) -> None:
    """Heading lines of one form naming no kind (`统一平台架构`, `数据资源共享`), some over prose only and
    others over paragraphs led by a short sentence each: the lines read their content alike, as prose
    under subheadings, and the weak reading of those paragraphs as points of their own is dropped."""
    lines = [c for c in node.children if c.style == "bare_title" and c.items]
    prose = [c for c in lines if all(isinstance(it, Para) for it in c.items)]
    led = [c for c in lines if c.children and all(_sentence_led(s) for s in c.children)]
    if prose and led and len(prose) + len(led) == len(lines):
        for line in led:
            _unwrap(line)


# A paragraph that sums up (`综上所述，…`, `总之，…`) closes an argument: no item of its list.
_SUMMING = "综上所述|综上|总之|总而言之|总的来说|总体来看|总体而言"
_SUMS_UP = re.compile(rf"^(?:{_SUMMING}|由此可见|可见|因此|所以|最后)")


def _sums_up(item: Para | Node) -> bool:
    return isinstance(item, Para) and bool(_SUMS_UP.match(item.key))


# The words that open a conclusion (`综上所述，…`) or an answer to what a list said (`为了解决…的问题，…`,
# `针对上述问题，…`): said after a list, of the whole list, never of its last item.
_CONCLUDES = re.compile(rf"^(?:{_SUMMING}|(?:为了?解决|要解决)[^。，；]{{2,30}}问题)|{REFERS_BACK.pattern}")


def close_last_item(node: Node) -> None:
    """A paragraph concluding (`综上所述，…`) or answering the list (`为了解决…的问题，…`) at the end of what a
    list's last item holds, after some text of that item's own, goes on after the list with what follows it:
    it speaks of the whole list (and may set out a list of its own, `…首先…其次…`), not of the last item."""
    kids = node.children
    last = kids[-1] if kids else None
    if last is None or node.items[-1] is not last or sum(c.style == last.style for c in kids) < 2:
        return
    ends = next((k for k, it in enumerate(last.items) if isinstance(it, Para) and _CONCLUDES.match(it.key)), None)
    if ends is None or (ends == 0 and last.style not in PROSE_STYLES):
        return  # a line heading a conclusion (`结语` over `综上所述，…`) keeps it: its text is its own
    node.items.extend(last.items[ends:])
    del last.items[ends:]


def open_successions(node: Node) -> None:
    """A 首先…其次… list of one paragraph per item, whose last item (no 最后 closes it) holds further
    paragraphs: each further paragraph is the next item, as each item so far was one paragraph, up to
    a paragraph that sums up (`综上所述，…`), which goes on after the list. Items alike win over one
    item of many paragraphs after items of one."""
    items = [c for c in node.children if c.style == "seq"]
    if len(items) < 2 or items[-1].ordinal >= 98 or any(i.items for i in items[:-1]):
        return
    last = items[-1]
    tail = list(last.items)
    final = tail[-1] if tail else None
    if isinstance(final, Node) and final.style == RUN_IN:
        # `综上所述，…` read into the last paragraph led by a short sentence
        ends = next((k for k, it in enumerate(final.items) if _sums_up(it)), len(final.items))
        tail.extend(final.items[ends:])
        del final.items[ends:]
    if len(tail) < 2 or not all(isinstance(it, Para) or it.style == RUN_IN for it in tail):
        return
    ends = next((k for k, it in enumerate(tail) if _sums_up(it)), len(tail))
    if ends < 2:
        return
    more = [it if isinstance(it, Node) else Node("seq", 0, it.text, it.text, it.lineno, para=it) for it in tail[:ends]]
    at = node.items.index(last) + 1
    node.items[at:at] = [*more, *tail[ends:]]
    last.items.clear()


# The part that opens a document before its numbered sections: a heading by form so named holds its own
# prose, never the sections after it. A new such part is an alternative here.
_OPENING_PART = re.compile(r"^(?:引言|前言|导言|导语|绪论|序言|摘要|摘 要)$")


def close_opening_parts(node: Node) -> None:
    """An opening part's heading line (`引言`) with the document's numbering begun under it (`一、…内涵`,
    `二、…现状`, the outermost numbered style there, from its first member on): those sections are the
    part's siblings, so they and all after them go on after it, and it keeps the prose before them."""
    out: list[Para | Node] = []
    for item in node.items:
        out.append(item)
        if not (_unnumbered(item) and isinstance(item, Node)) or not _OPENING_PART.match(item.title.strip(" ：:")):
            continue
        numbered = [c for c in item.children if STYLE_RANK.get(c.style)]
        top = min((STYLE_RANK[c.style] for c in numbered), default=0)
        first = next((c for c in numbered if STYLE_RANK[c.style] == top and c.ordinal == 1), None)
        if first is None:
            continue
        at = item.items.index(first)
        out.extend(item.items[at:])
        del item.items[at:]
    node.items[:] = out


def contains_heading(node: Node) -> bool:
    """True when a node holds a heading (one over something, or one by numbering) at any depth."""
    # A bare line with nothing under it (a stray `分享让更多人看到`) heads nothing.
    return any(
        (c.heading and (c.items or not c.style.startswith(("bare", "centred")))) or c.contains_heading
        for c in node.children
    )


# Numberings whose members count the parts of the item above them (`2.1.1` under `2.1`): that item's details.
PART_NUMBERINGS = frozenset({"dotted", "dotted3"})


def _over_lists(found: list[list[Node]]) -> bool:
    """True when every item read as a heading holds a list of its own that its numbering does not make
    the item's parts (bullets under `3.1 挑战`, not `2.1.1` under `2.1`)."""
    subs = [s for group in found for s in group]
    return all(s.children and not any(c.style in PART_NUMBERINGS for c in s.children) for s in subs)


def harmonize(children: list[Node]) -> None:
    """Sibling items of one style read their lists of one style alike: when most of them hold that
    list as points, the one or two that read it as headings (`1. 深刻理解…的重要性` named like a
    section) hold points too, and the other way round. A reading whose depths differ from item to
    item is the suspect one."""
    by_style: dict[str, list[Node]] = {}
    for child in children:
        by_style.setdefault(child.style, []).append(child)
    for group in by_style.values():
        if len(group) < 3:
            continue
        lists: dict[str, list[list[Node]]] = {}
        for item in group:
            own: dict[str, list[Node]] = {}
            for sub in item.children:
                own.setdefault(sub.style, []).append(sub)
            for style, subs in own.items():
                if not any(s.lone or s.label for s in subs):
                    lists.setdefault(style, []).append(subs)
        for found in lists.values():
            heads = [subs for subs in found if subs[0].heading]
            points = [subs for subs in found if not subs[0].heading]
            minority, decision = (heads, False) if len(points) > len(heads) else (points, True)
            if not minority or 2 * len(minority) >= len(found) - len(minority):
                continue
            if decision is False and _over_lists(heads) and not any(s.children for subs in points for s in subs):
                continue  # points over prose only are no reading of headings over lists (`3.1 挑战` over bullets)
            for subs in minority:
                if any(s.contains_heading for s in subs) if decision is False else not all(s.children for s in subs):
                    continue  # a heading above a heading stays one; a heading over no list would hold nothing
                for sub in subs:
                    sub.heading = decision
                owner = next(item for item in group if subs[0] in item.items)
                owner.contains_heading = contains_heading(owner)


def spill_sentences(node: Node) -> bool:
    """A prose-style item alone is a sentence (`首先我们要审题，…`), not a list: the lists read into it
    after it (`一是…二是…三是…`) are its parent's, beside it. True when one was spilled."""
    spill = [c for c in node.children if c.lone and not c.label and c.children and c.para is not None]
    for item in spill:
        at = node.items.index(item)
        node.items[at : at + 1] = [item.para, *item.items] if item.para is not None else item.items
    return bool(spill)
