"""What items hold that makes them points: a template of labels (`问题清单：`), claims over details."""

from __future__ import annotations

import re

from trainer.core.model import SectionKind
from trainer.parse.hant import hans
from trainer.parse.markers import STYLE_RANK
from trainer.parse.outline import BARE_MAX, Node
from trainer.parse.paragraphs import Para
from trainer.parse.shapes import RUN_IN
from trainer.parse.vocab import head_kind, heading_kind, is_heading_phrase

TEMPLATE_MIN = 3  # items at least for labels most share; two items follow a template only where each gives every label
TEMPLATE_SHARE = 2 / 3  # of the items a label opens a part of, at least
TEMPLATE_PARTS = 2  # labels at least: one shared label (`参考答案：`, a head said twice) is no template
_PARA_LABEL = re.compile(r"^([^，。；：！？、\s]{2,8})：")
# A line that opens on a question word (`为什么要做工作总结`, `如何进行工作总结`) asks what its list answers,
# with or without its question mark: it names a section, it makes no claim.
_ASKS = re.compile(r"^(?:如何|怎样|怎么|为什么|为何|为啥|何以)")
# A line ending on a heading phrase, its subject before (`乡村产业现存问题`, `产业振兴改进措施`): it names a
# section, unless it opens on a call to act (`加快完善改进措施`, a claim).
_CALL = re.compile(
    r"^(?:进一步|切实|加快|大力)?(?:完善|加强|健全|推进|推动|强化|落实|提高|提升|优化|创新|制定|采取|出台)"
)
KIND_TAIL = 4  # the heading phrase a section's name ends on: a kind word and its modifier (`现存问题`)


# Kind words that name a list as a whole (`…挑战`, `…新路径`, `…现状`), never a claim's predicate as `不足`,
# `不到位`, `矛盾` are: a bare line ending on one names its section (numbered, `2. 资金困境` is a claim).
LIST_NOUNS = ("挑战", "路径", "现状", "对策", "建议", "措施", "举措", "意义", "成效", "经验", "启示", "成因", "困境",
              "途径", "策略", "思路", "做法", "成果", "难点", "痛点", "堵点", "价值")  # fmt: skip


def _ends_on_heading(label: str) -> bool:
    return len(label) > KIND_TAIL and not _CALL.match(label) and is_heading_phrase(label[-KIND_TAIL:])


def _labels(item: Node) -> set[str]:
    """The labels opening the parts of an item: its run-in leads (`问题清单`), its bare lines over no list, and the
    label before a colon at the head of its paragraphs (`整改情况：1、…`)."""
    found = set()
    for it in item.items:
        if isinstance(it, Para):
            m = _PARA_LABEL.match(it.key)
            if m:
                found.add(m.group(1))
        elif (it.style == RUN_IN or it.style.startswith("bare")) and not it.children:
            found.add(hans(it.title.strip().rstrip("：:")))  # the title as written; a key is folded
        elif label := _bullet_label(it):
            found.add(label)  # `- 亮点描述：…` `- 具体案例：…`: bulleted parts led by a label
    return found


def _bullet_label(node: Node) -> str:
    """The label a bulleted line opens on (`亮点描述` of `- 亮点描述：…`), or ""."""
    m = _PARA_LABEL.match(node.title.strip()) if node.style == "bullet" else None
    return hans(m.group(1)) if m else ""


def template_labels(group: list[Node]) -> set[str]:
    """The labels (TEMPLATE_PARTS or more) that each open a part of most items of a list (TEMPLATE_SHARE
    of them, TEMPLATE_MIN items or more): the items follow one template (`问题清单：…` then `整改情况：…` under each 一、二、三、),
    so they are the points and what the labels hold is their body, lists included."""
    if len(group) < 2 or STYLE_RANK.get(group[0].style) is None:
        return set()  # numbered items only: headings by form (`## 材料1`) hold whole documents alike
    counts: dict[str, int] = {}
    for item in group:
        for label in _labels(item):
            counts[label] = counts.get(label, 0) + 1
    shared = {label for label, n in counts.items() if n >= TEMPLATE_SHARE * len(group)}
    if len(shared) < TEMPLATE_PARTS or (len(group) < TEMPLATE_MIN and any(n < len(group) for n in counts.values())):
        return set()  # two items: a template only where both give every label (`做法：` `案例：` under each)
    # A template's labels are most of the labels of each item they open parts of: two points said again in
    # two sections (`推进医养结合` among four measures under 措施 and five under 路径) are no template.
    own = [labels for labels in map(_labels, group) if labels & shared]
    return shared if all(2 * len(labels & shared) > len(labels) for labels in own) else set()


def mark_template(group: list[Node]) -> bool:
    """Mark the run-in leads and bare lines of a templated list's items as labels (parts of their
    item, neither points nor headings); True when the list follows a template."""
    labels = template_labels(group)
    for item in group:
        for sub in item.children:
            title = hans(sub.title.strip().rstrip("：:"))
            if ((sub.style == RUN_IN or sub.style.startswith("bare")) and title in labels) or _bullet_label(
                sub
            ) in labels:
                sub.label = True
    return bool(labels)


_BY_FORM = ("md", "centred")  # heading lines by form: never details


def _detail_of(node: Node, bare: bool) -> bool:
    """A line under a claim that details it: numbered or bulleted under a bare claim, bare (or led by a
    label run in to its prose, `水电管网：…`) under a numbered one; never a heading line by form."""
    if node.style.startswith(_BY_FORM):
        return False
    return node.style.startswith("bare") != bare or (not bare and node.style == RUN_IN)


def claims_over_details(group: list[Node]) -> bool:
    """Bare lines that make claims of a kind (`治理体系不健全`, `社保覆盖面不足`, `空间失衡：…`: a deficit, a
    call to act, a benefit by the rows of `headwords.py`; all but one of them), none a section's name,
    each over a numbered or bulleted list of its own: the claims are the points and their lists the details in their bodies
    (labels naming no claim, `经济成本`, are headings: `nesting.labels_over_points`). So are numbered claims
    (`一、供需结构性矛盾`) each over bare lines of their own (`劳动力供给过剩` and its paragraph): the
    numbered succession is the list, the lines under each its details."""
    bare = group[0].style.startswith("bare")
    if len(group) < 2 or not (bare or STYLE_RANK.get(group[0].style)):
        return False
    claims = 0
    for n in group:
        label = re.split("[：:]", n.title.strip(), maxsplit=1)[0]
        listed = [c for c in n.children if _detail_of(c, bare)]
        least = 0 if n is group[-1] else 2  # the last may hold a list the copy cut short
        if len(label) > BARE_MAX or len(listed) < least or is_heading_phrase(label) or _ASKS.match(hans(label)):
            return False
        named = "的" in label or _ends_on_heading(hans(label)) or (bare and hans(label).endswith(LIST_NOUNS))
        if named and heading_kind(label) is not SectionKind.OTHER:
            return False  # `…反映比较集中的几个问题`, `乡村产业现存问题` name their kind: headings
        claims += head_kind(label) is not SectionKind.OTHER
    return claims >= max(2, len(group) - 1)
