"""The template a list's items follow: labels repeated under each item (`问题清单：` `整改情况：`); no kinds."""

from __future__ import annotations

import re

from trainer.parse.hant import hans
from trainer.parse.outline import Node
from trainer.parse.paragraphs import Para
from trainer.parse.shapes import RUN_IN

TEMPLATE_MIN = 3  # items at least: two items sharing a label may be two sections of one kind
TEMPLATE_SHARE = 2 / 3  # of the items a label opens a part of, at least
TEMPLATE_PARTS = 2  # labels at least: one shared label (`参考答案：`, a head said twice) is no template
_PARA_LABEL = re.compile(r"^([^，。；：！？、\s]{2,8})：")


def _labels(item: Node) -> set[str]:
    """The labels opening the parts of an item: its run-in leads (`问题清单`), its bare lines, and the
    label before a colon at the head of its paragraphs (`整改情况：1、…`)."""
    found = set()
    for it in item.items:
        if isinstance(it, Para):
            m = _PARA_LABEL.match(it.key)
            if m:
                found.add(m.group(1))
        elif it.style == RUN_IN or it.style.startswith("bare"):
            found.add(hans(it.title.strip().rstrip("：:")))  # the title as written; a key is folded
    return found


def template_labels(group: list[Node]) -> set[str]:
    """The labels (TEMPLATE_PARTS or more) that each open a part of most items of a list (TEMPLATE_SHARE
    of them, TEMPLATE_MIN items or more): the items follow one template (`问题清单：…` then `整改情况：…` under each 一、二、三、),
    so they are the points and what the labels hold is their body, lists included."""
    if len(group) < TEMPLATE_MIN:
        return set()
    counts: dict[str, int] = {}
    for item in group:
        for label in _labels(item):
            counts[label] = counts.get(label, 0) + 1
    shared = {label for label, n in counts.items() if n >= TEMPLATE_SHARE * len(group)}
    return shared if len(shared) >= TEMPLATE_PARTS else set()


def mark_template(group: list[Node]) -> bool:
    """Mark the run-in leads and bare lines of a templated list's items as labels (parts of their
    item, neither points nor headings); True when the list follows a template."""
    labels = template_labels(group)
    for item in group:
        for sub in item.children:
            title = hans(sub.title.strip().rstrip("：:"))
            if (sub.style == RUN_IN or sub.style.startswith("bare")) and title in labels:
                sub.label = True
    return bool(labels)
