"""Pages cut short: which level is the point when a list stops after its first item; no kinds."""

from __future__ import annotations

import re

from trainer.parse.depth import PART_NUMBERINGS
from trainer.parse.markers import PROSE_STYLES, STYLE_RANK
from trainer.parse.noise import ends_terminal
from trainer.parse.outline import BARE_MAX, Node
from trainer.parse.paragraphs import HEADING_SUBTITLE, Para
from trainer.parse.vocab import is_facet_heading, is_heading_phrase, is_question_heading

# A phrase framing a side of the subject, however long (`在带头严守政治纪律和政治规矩，维护党的团结统一方面`):
# a heading over the points of that side, never a point.
_SIDE_FRAME = re.compile(r"^(?:在|从|就|关于)[^。；！？]{2,40}(?:方面|层面|领域|角度|维度|问题上)[。：:]?$")
_CLAIM_MARK = re.compile("[，,]")


def _claims(item: Node) -> bool:
    """True for an item whose first sentence makes a claim of its own (two clauses, `聚力加快转型升级，产业
    发展更加兴旺`, or a whole sentence), not a heading phrase (section vocabulary, a side, a question): a
    short phrase (`建强阵地`) may still head the list it holds."""
    title = re.split("[。；;！？!?]", item.title.strip(), maxsplit=1)[0].rstrip("：:")
    if is_heading_phrase(title) or is_facet_heading(title) or is_question_heading(title) or _SIDE_FRAME.match(title):
        return False
    if item.style == "cn_paren" and HEADING_SUBTITLE.fullmatch(title):
        return False  # `（一）硬件之困：“爬不动的楼”与“够不着的设施”`: a label and its subtitle at a heading's rank
    claim = len(title) > BARE_MAX or bool(_CLAIM_MARK.search(title))
    return claim


def _first_of_cut_list(item: Node, group: list[Node]) -> bool:
    numbered = STYLE_RANK.get(item.style) is not None and item.style not in PROSE_STYLES
    return len(group) == 1 and numbered and item.ordinal == 1 and item.style not in PART_NUMBERINGS and _claims(item)


def points_under_headings(node: Node) -> None:
    """Under a numbered section heading, the level right below it is the point level: an item alone of its
    numbering there, first of its list (`（一）强化责任担当，全面高效履职` under `二、主要做法和工作成效`, the
    copy ending inside it) and making a claim, was read as the heading of the list it holds (`1.…`,
    `一是…`) because a list of one is no list; it is the first point of a list cut short, and what it holds
    is its body. Top-down, once the headings above are known."""
    for child in node.children:
        if not child.heading:
            continue
        if STYLE_RANK.get(child.style) is not None:
            by_style: dict[str, list[Node]] = {}
            for sub in child.children:
                by_style.setdefault(sub.style, []).append(sub)
            for group in by_style.values():
                if group[0].heading and _first_of_cut_list(group[0], group):
                    group[0].heading = False
        points_under_headings(child)


def broken_off(item: Node, parent: Node) -> bool:
    """True when the copy breaks off inside an item opening a paragraph of its own: the last thing its
    parent holds, over prose only, its text ending mid-sentence (`…“第一责任人”制度，` at the page's end).
    The list it opens was cut short there, whatever its marker (a lone `一是` is then no sentence)."""
    if item.para is None or parent.items[-1] is not item or item.children:
        return False
    last = item.items[-1] if item.items else None
    text = last.text if isinstance(last, Para) else item.title
    return bool(text.strip()) and not ends_terminal(text.strip())
