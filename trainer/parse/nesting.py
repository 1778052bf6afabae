"""Which level of a nested list holds the points, where the outer level is no section heading."""

from __future__ import annotations

import re

from trainer.core.model import SectionKind
from trainer.parse.markers import STYLE_RANK
from trainer.parse.outline import Node
from trainer.parse.vocab import head_kind, heading_kind, is_facet_heading, is_heading_phrase

# A call to act in two halves, each a short phrase (`加强宣传教育，提高公众防灾减灾意识`).
_CLAIM_PAIR = re.compile(r"^[^，,。；;：:！？]{3,16}[，,][^，,。；;：:！？]{3,16}$")


def claims_over_lists(group: list[Node], over_parts: bool) -> bool:
    """Numbered calls to act in two halves, most of a group of two or more, right under the document's
    title or a bare heading line (`over_parts`), whatever they hold: each is a point and its nested lists
    its body. The README's rule keeps a nested list in its point unless the outer level is a section
    heading, and a call to act in two clauses is none."""
    if len(group) < 2 or STYLE_RANK.get(group[0].style) is None or not over_parts:
        return False
    claims = [
        n
        for n in group
        if _CLAIM_PAIR.match(n.title.strip().rstrip("。；;"))
        and head_kind(n.title) is SectionKind.COUNTERMEASURES
        and not is_heading_phrase(n.title)
    ]
    return 2 * len(claims) > len(group)


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
