"""Numberings that make numbered items headings or points (section numbers, numbers run on); no structure."""

from __future__ import annotations

import re
from itertools import pairwise

from trainer.parse.markers import STYLE_RANK, find_inline
from trainer.parse.outline import NOTE, Node
from trainer.parse.paragraphs import Para
from trainer.parse.successions import top_list

# A heading that counts the list it names (`三点任职感受`, `四个方面的问题`, `五大举措`): a count, a measure word.
COUNTED_TITLE = re.compile(r"^[两二三四五六七八九十]{1,2}(?:个|条|点|种|类|项|大|方面)[^，。；：:,;]{0,14}$")


def numbered_list(node: Node) -> bool:
    """True when a node holds a numbered list of two or more (a succession, not bullets)."""
    return sum(STYLE_RANK.get(c.style) is not None for c in node.children) >= 2


def holds_list(node: Node, least: int = 2) -> bool:
    """True when a node opens straight onto a list of two or more items of one style (`least`: of one
    for a list cut short), on lines of their own or run together in its first paragraphs."""
    first = next((it for it in node.items if isinstance(it, Node) and it.style != NOTE), None)
    if first is not None and not first.lone and node.items.index(first) <= 1:
        return sum(1 for c in node.children if c.style == first.style) >= least
    if node.children:
        return False
    return any(isinstance(it, Para) and top_list(find_inline(it.key)) for it in node.items[:2])


# Numberings that count sections, not points: `1.1`, `2.3` say "the first part of section 1". A new
# such numbering is a row here.
SECTION_NUMBERINGS = frozenset({"dotted"})


_DECIMAL = re.compile(r"(\d{1,2})\.\d")


def own_decimals(group: list[Node]) -> bool:
    """Items (`1. 农业现代化`) each over a list numbered as its own parts (`1.1 …`, `1.2 …`): the numbering
    says those are the item's details, so the item is a point holding them, not a heading over them."""
    for n in group:
        subs = n.children
        numbers = [_DECIMAL.match(c.raw.lstrip()) for c in subs]
        if not subs or not n.ordinal or not all(m and int(m.group(1)) == n.ordinal for m in numbers):
            return False
    return True


def numbered_sections(group: list[Node]) -> bool:
    """Items of a section numbering (`1.1 政策密集出台但缺乏系统性`) of which one or more opens onto a
    list of its own (`• 政策碎片化：…`): the numbering says they are sections, so the list under each is
    that section's points, whatever the item's phrase looks like (a claim or a topic)."""
    numbering = group[0].style in SECTION_NUMBERINGS or all(_BOOK_PART.match(n.raw.strip()) for n in group)
    return numbering and any(n.children and holds_list(n) for n in group)  # a list on lines of its own


def numbering_runs_on(group: list[Node]) -> bool:
    """Items whose lists go on one numbering from each to the next (`（一）` over 1. 2., `（二）` over 3.):
    one list of points under headings that part it, so the items are those headings."""
    if STYLE_RANK.get(group[0].style) is None:
        return False  # numbered parts only: bullets a copy's tree let swallow the lines after them are none
    lists = [[c for c in n.children if c.style == n.children[0].style] for n in group if n.children]
    if len(lists) < 2 or len({items[0].style for items in lists}) != 1 or max(map(len, lists)) < 2:
        return False
    return all(b[0].ordinal == a[-1].ordinal + 1 for a, b in pairwise(lists))


# `第二节 申论的命题内容`, `第一幕`: a book's (or a course's) sections.
_BOOK_PART = re.compile(r"^第[一二三四五六七八九十\d]{1,3}\s?(?:[章节幕课]|单元)")
