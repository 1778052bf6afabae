"""Exam paper blocks in an outline tree: instructions to the candidate hold nothing to learn; no kinds."""

from __future__ import annotations

import re

from trainer.parse.markers import match_line
from trainer.parse.outline import NOTE, Node
from trainer.parse.paragraphs import Para
from trainer.parse.questions import SCORE

# What only a paper's instructions to the candidate speak of (`本卷满分为100分`, `请先仔细阅读给定资料`,
# `考试总时限为150分钟`). A new phrase is an alternative here.
_PAPER_WORDS = re.compile(
    r"本卷|本试卷|满分|总时限|考试时[间限]|给定资料|给定的资料|作答要求|答题卡|答题纸|准考证|考生须知|监考|草稿纸|指定位置"
    # what a task requires of the answer (`中心明确，联系实际`, `语言通顺，条理清楚`, `不少于800字`)
)
INSTRUCTIONS_SHARE = 0.5  # at least this share of a block's items speak of the paper


def _lines(node: Node) -> list[str]:
    """The block's own lines: its paragraphs and its items that hold no list (not the headings of
    blocks inside it, nor exam notes)."""
    lines = []
    for it in node.items:
        if isinstance(it, Para):
            lines.append(it.key)
        elif it.style != NOTE and not it.children:
            lines.append(it.title)
    return lines


def _instructs(node: Node) -> bool:
    """True for a block (`一、注意事项` and its items) most of whose lines speak of the paper itself."""
    lines = _lines(node)
    said = sum(1 for line in lines if _PAPER_WORDS.search(line))
    return len(lines) >= 2 and said >= INSTRUCTIONS_SHARE * len(lines)


# A question put to the candidate (`你认为…的原因是什么？`, `妳會怎麽做？`): what the paper asks, not a point.
_ASKS_YOU = re.compile(r"[你妳您](?:们|們)?(?:认为|認為|会|會|将|將|打算|觉得|覺得|如何|怎么|怎麽|怎样|怎樣)")
_QUESTION_END = re.compile(r"[？?](?:[（(]\s*\d{1,3}\s*分\s*[）)])?$")
QUESTIONS_MIN = 2


def _asks_candidate(node: Node) -> bool:
    text = (node.para.text if node.para is not None else node.raw).strip()
    return bool(_QUESTION_END.search(text)) and bool(_ASKS_YOU.search(text))


_REQUIREMENTS = re.compile(r"^(?:作答|答题)?要求\s*[：:]?$")


def _requirements(node: Node, previous: Node) -> bool:
    """`要求：` over its items, right under a task given with its score (`…写一篇文章。（40分）`)."""
    return bool(node.items) and bool(_REQUIREMENTS.match(node.title.strip())) and bool(SCORE.search(previous.title))


# A task set to the candidate: it sends them to the materials or asks for a piece of writing.
_TASK_OPEN = re.compile(r"^(?:请你?)?(?:根据|结合|阅读|参考|围绕|依据)|写(?:一篇|一份|一则)")


def _scored_task(node: Node) -> bool:
    """`（四）结合“给定资料”，以“家底”为题，写一篇文章。（40分）`: a task with its score, with nothing under
    it (no answer follows it there: what comes below is the guide's own text)."""
    return not node.items and bool(SCORE.search(node.title)) and bool(_TASK_OPEN.search(node.title))


def _lift(parent: Node, child: Node) -> None:
    """Set what `child` holds after it, in `parent`, and leave it holding nothing."""
    at = parent.items.index(child)
    parent.items[at + 1 : at + 1] = child.items
    child.items = []


def mark_instructions(node: Node) -> None:
    """Turn each block of instructions to the candidate under `node` into an exam note: whatever its
    heading says (`注意事项`, `考生须知`), a block that speaks of the paper (`本卷满分…`) is no study
    material; a `注意事项` section that speaks of the subject (`分清问数：…`) stays one. A paper's questions
    put to the candidate (`1.你认为…？` `2.你会怎么做？`, most of a list's items) are notes too."""
    for style in {c.style for c in node.children if c.ordinal}:
        siblings = [c for c in node.children if c.ordinal and c.style == style]
        asking = [c for c in siblings if _asks_candidate(c)]
        if len(asking) >= QUESTIONS_MIN and 2 * len(asking) > len(siblings):
            for child in asking:
                child.style = NOTE
                _lift(node, child)  # what the last question holds is the text that follows the questions
    previous: Node | None = None
    for child in node.children:
        if _scored_task(child) or (previous is not None and _requirements(child, previous)):
            child.style = NOTE  # `要求：(1)中心明确…(3)不少于800字` under a scored task: the paper's
        elif child.items and _instructs(child):
            child.style = NOTE
        else:
            mark_instructions(child)
        previous = child


def open_notes(node: Node) -> bool:
    """Unwrap the exam notes under `node` (not the instructions, nor the questions put to the candidate): the materials of a paper that gives no
    answer are all there is to learn, so what they hold is read as the paper's text, their label line
    (`二、给定资料`) dropped. True when there was one."""
    opened = False
    items: list[Para | Node] = []
    for item in node.items:
        if isinstance(item, Node) and item.style == NOTE and not _instructs(item) and not _asks_candidate(item):
            open_notes(item)
            items.extend(_passages(item.items))
            opened = True
            continue
        if isinstance(item, Node):
            opened = open_notes(item) or opened
        items.append(item)
    node.items[:] = items
    return opened


def _passages(items: list[Para | Node]) -> list[Para | Node]:
    """A paper's materials as text: numbered passages (`1.2003年卫生部…`, `2.近日，某村…`) of which some
    hold a list of their own are the materials' numbering, not points; each passage is its text and
    the list it holds."""
    numbered = [it for it in items if isinstance(it, Node) and it.ordinal and it.style != NOTE]
    if not any(n.children for n in numbered):
        return items
    out: list[Para | Node] = []
    for it in items:
        if isinstance(it, Node) and it in numbered and it.para is not None:
            marker = match_line(it.para.key)
            out.extend([it.para.slice(marker.end if marker is not None else 0), *it.items])
        else:
            out.append(it)
    return out
