"""Which level of a nested list holds the points, where the outer level is no section heading."""

from __future__ import annotations

import re

from trainer.core.model import SectionKind
from trainer.parse.clauses import counted
from trainer.parse.kindwords import FINDING
from trainer.parse.markers import STYLE_RANK
from trainer.parse.outline import BARE_MAX, Node
from trainer.parse.paragraphs import LED_ITEM, Para
from trainer.parse.vocab import head_kind, heading_kind, is_facet_heading, is_heading_phrase

# A call to act in two halves, each a short phrase (`加强宣传教育，提高公众防灾减灾意识`).
_CLAIM_PAIR = re.compile(r"^[^，,。；;：:！？]{3,16}[，,][^，,。；;：:！？]{3,16}$")


def claims_over_lists(group: list[Node], over_parts: bool) -> bool:
    """Numbered calls to act in two halves, most of a group of two or more, right under the document's
    title or a bare heading line (`over_parts`), whatever they hold: each is a point and its nested lists
    its body. The README's rule keeps a nested list in its point unless the outer level is a section
    heading, and a call to act in two clauses is none."""
    if len(group) < 2 or STYLE_RANK.get(group[0].style) is None or not over_parts or is_outline(group):
        return False
    claims = [
        n
        for n in group
        if _CLAIM_PAIR.match(n.title.strip().rstrip("。；;"))
        and head_kind(n.title) is SectionKind.COUNTERMEASURES
        and not is_heading_phrase(n.title)
    ]
    return 2 * len(claims) > len(group)


def is_outline(group: list[Node]) -> bool:
    """Items with no text of their own, each over numbered entries (two or more under most) that have none
    either, half of them or more naming a kind: an outline of sections (`一、肯定成绩，…`, `二、正视问题，…` over
    `（一）政策体系持续完善，…` `（二）…`), its items the headings. (Measures over their steps, `一、强化服务理念`
    over `1. 树立…` `2. …`, are points whose steps are their body; so are findings over findings each said with
    its text, `1.预案编制缺乏针对性。有些…`.)"""
    entries = [[c for c in n.children if STYLE_RANK.get(c.style) is not None] for n in group]
    return (
        all(n.items == n.children and n.children for n in group)
        and all(len(e) == len(n.children) for e, n in zip(entries, group, strict=True))
        and 2 * sum(len(e) >= 2 for e in entries) > len(group)
        and all(not c.items and "。" not in c.title.strip().rstrip("。") for e in entries for c in e)
        and 2 * sum(heading_kind(re.split("[，,。]", n.title)[0]) is not SectionKind.OTHER for n in group) >= len(group)
    )


def demote(node: Node) -> None:
    """A point's nested lists are its body: nothing under it heads anything."""
    for child in node.children:
        child.heading = False
        child.label = True
        demote(child)
    node.contains_heading = False


def names_itself(group: list[Node], strict: bool = False) -> bool:
    """Some item names a kind (`存在的问题`, `…的深层成因`) or a facet (`政策背景`): a heading by its words.
    `strict`: a kind named as a name only (`…的具体表现`, `存在的不足`), not a finding (`政策落地效能不足`)."""
    named = _names_kind if strict else _has_kind
    return any(is_facet_heading(n.title) or named(n.title) for n in group)


def _has_kind(title: str) -> bool:
    return heading_kind(title) is not SectionKind.OTHER


def claims_under_kind(group: list[Node], parent: Node) -> bool:
    """Items of a section numbering (`2.1 加强气象监测与预警`, `1.2 政策落地效能不足`) under a heading naming a
    kind (`二、…的预防措施`, `问题定义`), none naming one itself: that heading's points, the lists under them
    their bodies. The README's rule keeps a nested list in its point unless the outer level is a section
    heading, and a decimal number alone makes none (items naming their kind, `1.1 …的具体表现`, are headings)."""
    if parent.style == "root" or heading_kind(parent.title) is SectionKind.OTHER:
        return False
    return not names_itself(group, strict=True)


def _names_kind(title: str) -> bool:
    """`…的具体表现`, `存在的不足`: a kind named; `政策落地效能不足` is a finding, no name."""
    return heading_kind(title) is not SectionKind.OTHER and ("的" in title or is_heading_phrase(title))


ASPECT_MAX = 10
_ASPECTS = ("现状", "概况", "态势", "形势")  # what a subject is like: a heading's word, never a claim's end


def aspects(group: list[Node], vocab: list[Node]) -> list[Node]:
    """Items beside section vocabulary that name an aspect of their subject (`行业现状`): headings' words too."""
    return [n for n in group if n not in vocab and len(n.title) <= ASPECT_MAX and n.title.endswith(_ASPECTS)]


def items_before(parent: Node, first: Node) -> list[Para | Node]:
    """What the parent holds before an item (the paragraphs leading in to it), with what an opening part
    before it holds (`引言` over its paragraph)."""
    at = next((i for i, it in enumerate(parent.items) if it is first), 0)
    return [x for it in parent.items[:at] for x in (it.items if isinstance(it, Node) and it.heading else [it])]


LABEL_MAX = 10  # a label phrase (`经济成本`, `政策与支持`) before any colon and subtitle


def labels_over_points(group: list[Node]) -> bool:
    """Short noun labels (`经济成本`, `观念变化：…`), naming no claim of their own, each opening straight
    onto a list whose items each have a head and an elaboration (`住房与教育支出：…`): the labels are
    headings and their items the points, even under a heading naming a kind (`## 主要原因`)."""
    for n in group:
        label = n.title.strip().split("：")[0]
        first = n.items[0] if n.items else None
        named = head_kind(label) is not SectionKind.OTHER and not is_facet_heading(label)  # `政策因素`: a side
        if len(label) > LABEL_MAX or named or not isinstance(first, Node):
            return False
        items = [c for c in n.children if c.style == first.style]
        if n is group[-1] and (len(items) > 1 or len(group) > 1):
            items = items[:-1]  # the page may break off in the last label's last item (`- 推进`), its only one too
        if not all(LED_ITEM.match(c.title) or (c.items and len(c.title) <= BARE_MAX) for c in items):
            return False
    return True


def findings(group: list[Node]) -> bool:
    """Most items state a problem found (`基础设施薄弱`, `物流成本高`, `电商人才缺乏`), none naming a kind as a
    name (`存在的问题`, `…的具体表现`): claims, the points of the list, whatever details they hold."""
    found = [n for n in group if FINDING.search(re.split("[：:，,。]", n.title.strip(), maxsplit=1)[0])]
    return len(group) >= 2 and 2 * len(found) > len(group) and not names_itself(group, strict=True)


def counted_first(group: list[Node], parent: Node) -> bool:
    """The first item alone of a list its lead counts (`下面，我提三点要求：` then `一、…`, the copy cut short),
    holding no list on lines of its own (one run together in its prose, `首先…其次…`, is its body): a point of
    the list the lead counts."""
    lead = next((it for it in reversed(items_before(parent, group[0])) if isinstance(it, Para)), None)
    if len(group) != 1 or group[0].ordinal != 1 or group[0].children or lead is None:
        return False
    key = lead.key.rstrip()
    return key.endswith("：") and counted(key.rstrip("：")) >= 2
