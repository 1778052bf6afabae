"""A sibling group's reading (headings or points) as `benchmarks.readingmodel` learns it: features and model.

`readings.classify` makes one decision per sibling group of numbered items (headings over lists, or
points). Here a group is read as a few structural features (its numbering style, size, title lengths and
sentence marks, how many of its items hold lists or name a kind, its parent, and the rules' own
decision), weighed by a logistic model. Not part of the builder: the learned override did not pass its
part-out test (see benchmarks/readingmodel.py); if it ever does, this moves to trainer/parse with a
generated table, as the learned kind cue did.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from trainer.core.model import SectionKind
from trainer.parse.markers import PROSE_STYLES, STYLE_RANK, find_inline
from trainer.parse.outline import Node
from trainer.parse.paragraphs import Para
from trainer.parse.successions import top_list
from trainer.parse.vocab import (
    describes_subject,
    head_kind,
    heading_kind,
    is_facet_heading,
    is_heading_phrase,
    is_question_heading,
)

_SENTENCE = re.compile(r"[，,。；;！!]")
_FAMILIES = ("md", "bare", "centred", "sym", "bullet", "word_num", "dotted", "cn_dun", "cn_paren", "arabic")


def _family(style: str) -> str:
    for name in _FAMILIES:
        if style.startswith(name):
            return name
    if style in PROSE_STYLES:
        return "prose"
    return "paren" if STYLE_RANK.get(style) else "other"


def _share(group: list[Node], test: Callable[[Node], bool]) -> float:
    return sum(1 for n in group if test(n)) / len(group)


def _inline_list(n: Node) -> bool:
    return any(isinstance(it, Para) and top_list(find_inline(it.key)) for it in n.items[:2])


def features(group: list[Node], parent: Node, rule: bool, holds: Callable[[Node], bool]) -> dict[str, float]:
    """The group's features by name (`holds`: whether an item opens onto a list of its own)."""
    titles = [n.title.strip().rstrip("：:") for n in group]
    mean = sum(map(len, titles)) / len(titles)
    size = len(group)
    named = heading_kind(parent.title)
    parent_kind = parent.style != "root" and named is not SectionKind.OTHER
    out = {
        "rule": float(rule),
        f"style:{_family(group[0].style)}": 1.0,
        "parent:root": float(parent.style == "root"),
        "parent:kind": float(parent_kind),
        f"parent:{_family(parent.style)}": 1.0 if parent.style != "root" else 0.0,
        "size:1": float(size == 1),
        "size:2": float(size == 2),
        "size:3-4": float(3 <= size <= 4),
        "size:5+": float(size >= 5),
        "title:<=8": float(mean <= 8),
        "title:9-16": float(8 < mean <= 16),
        "title:17-30": float(16 < mean <= 30),
        "title:>30": float(mean > 30),
        "sentence marks": sum(1 for t in titles if _SENTENCE.search(t)) / size,
        "holds list": _share(group, holds),
        "has children": _share(group, lambda n: bool(n.children)),
        "holds nothing": _share(group, lambda n: not n.items),
        "inline list": _share(group, _inline_list),
        "children headings": _share(group, lambda n: any(c.heading for c in n.children)),
        "names kind": _share(group, lambda n: heading_kind(n.title) is not SectionKind.OTHER),
        "head kind": _share(group, lambda n: head_kind(n.title) is not SectionKind.OTHER),
        "heading phrase": _share(group, lambda n: "。" not in n.title and is_heading_phrase(n.title)),
        "question": _share(group, lambda n: is_question_heading(n.title)),
        "facet": _share(group, lambda n: is_facet_heading(n.title)),
        "describes": _share(group, lambda n: describes_subject(n.title)),
        # claims of the very kind the heading (or the document's title) above names: its points
        "parent's kind": _share(group, lambda n: named is not SectionKind.OTHER and head_kind(n.title) is named),
        "contains heading": float(any(n.contains_heading for n in group)),
    }
    # Claims under the document's title (`基层干部素质不高` under `…存在的问题`) read unlike those under a heading.
    for name in ("parent's kind", "head kind", "holds list", "names kind"):
        out[f"root&{name}"] = out["parent:root"] * out[name]
    # The same features again for a group the rules read as headings (`rule&…`): the model may learn
    # where the rules' reading is wrong, separately for each reading.
    if rule:
        out.update({f"rule&{k}": v for k, v in list(out.items()) if k != "rule"})
    return out


@dataclass(frozen=True, slots=True)
class Model:
    """Logistic: P(headings) = sigmoid(bias + sum of weight * value)."""

    bias: float
    weights: dict[str, float]

    def p_heading(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
