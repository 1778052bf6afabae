"""Settling the depth of heading lines the numbering leaves open (a bare heading over bare heads); no kinds."""

from __future__ import annotations

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
    and its paragraph, then `存在的问题`, read into it because it names a kind and the other did not)."""
    out: list[Para | Node] = []
    for item in items:
        out.append(item)
        if _unnumbered(item) and isinstance(item, Node) and len(item.items) > 1 and _empty(item.items[-1]):
            out.append(item.items.pop())
    return out


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
