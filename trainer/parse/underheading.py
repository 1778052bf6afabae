"""Headings over prose: paragraphs under a short heading naming a kind are its points (GUIDE.md)."""

from __future__ import annotations

import re

from trainer.core.model import SectionKind
from trainer.parse.drafts import PointDraft
from trainer.parse.heads import GAP_HEAD, is_adverbial, label_leads, split_head
from trainer.parse.markers import find_inline
from trainer.parse.normalize import clean
from trainer.parse.outline import Node
from trainer.parse.paragraphs import Para
from trainer.parse.successions import top_list
from trainer.parse.vocab import head_kind, heading_kind, is_heading_phrase

PROSE_MIN = 12  # shorter: a stray line or a caption, no argument
_SENTENCE = "。！？；，!?;,"
NAMED_MAX = 15  # a heading this short that names a kind (`工作成效`) holds its points, also as paragraphs
LEAST = 2  # one paragraph under a heading is what it says, not a list


def paragraph_points(items: list[Para]) -> list[PointDraft]:
    """Each paragraph of prose as a point, its lead as head (the head rule, a short label lead where the
    paragraphs open with labels); [] for fewer than LEAST, or when a lead-in (`…如下：`) is among them. A
    paragraph opening on the scene (`如今，…`, `近年来，…`) leads in the points, it is none."""
    prose = [p for p in items if len(p.text.strip()) >= PROSE_MIN and any(c in p.text for c in _SENTENCE)]
    prose = [p for p in prose if not is_adverbial(clean(re.split("[，,。]", p.text.strip(), maxsplit=1)[0]))]
    if len(prose) < LEAST or any(p.key.rstrip().endswith(("：", ":")) for p in prose):
        return []
    points = []
    for para, label in zip(prose, label_leads([p.text for p in prose]), strict=True):
        head, body, long_head = split_head(para.text.strip(), label)
        if head:
            points.append(PointDraft(head, body, long_head, para.lineno))
    return points


def subheadings_of_prose(group: list[Node], parent: Node) -> bool:
    """Two or more headings by form (`### 1. 深化改革`, a bare `现状` line) under a heading of any kind
    (`## 对策建议`, `## 检查行动的背景`) or under the document's title, each over prose only: read as
    headings they would hold no point, so they are the points, the heading line its head and the prose
    its body."""
    for n in group:
        lists = (top_list(find_inline(it.key)) for it in n.items if isinstance(it, Para))
        if n.children or not n.items or any(run and run[0].style != "side" for run in lists):
            return False  # the two sides said in its prose (`一方面…另一方面…`) are no list of its own
    if len(group) >= 2 and 2 * sum(map(_names_kind_over_paragraphs, group)) >= len(group):
        return False  # `工作成效` `存在问题` over paragraphs each: sections, their paragraphs the points
    # (the exception to the rule above: `structure` reads the paragraphs under such headings as their points)
    # One alone is a list cut short when it makes a claim under a heading naming a kind (`人口流失严重`
    # under `二、乡村治理面临的困境`, the copy ending there).
    alone = heading_kind(parent.title) is not SectionKind.OTHER and head_kind(group[0].title) is not SectionKind.OTHER
    return len(group) >= 2 or (alone and parent.style != "root")


def names_its_kind(title: str, strict: bool = False) -> bool:
    """A heading short enough to name a kind (`工作成效`) and naming one; `strict`: in section vocabulary too
    (not a claim such as `检验机构缺乏`, which names problems by what it says)."""
    title = title.strip().rstrip("：:")
    named = len(title) <= NAMED_MAX and heading_kind(title) is not SectionKind.OTHER
    return named and (not strict or is_heading_phrase(title))


def gap_led(node: Node) -> bool:
    """A heading over paragraphs, two or more, each led by a phrase set apart by a space (`养老资源匮乏 农村…`,
    its stop lost with its bold): a list, whatever the heading names."""
    held = held_paragraphs(node)
    return node.style != "root" and len(held) >= LEAST and all(GAP_HEAD.match(p.text.strip()) for p in held)


def held_paragraphs(node: Node) -> list[Para]:
    """The paragraphs a node holds, or [] when it holds anything else (a list, a heading)."""
    paras = [it for it in node.items if isinstance(it, Para)]
    return paras if len(paras) == len(node.items) else []


def _names_kind_over_paragraphs(node: Node) -> bool:
    """A heading of section vocabulary naming a kind over two or more paragraphs: they are its points."""
    return names_its_kind(node.title, strict=True) and len(paragraph_points(held_paragraphs(node))) >= LEAST
