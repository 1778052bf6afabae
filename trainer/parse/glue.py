"""Heads glued to their body where a page's bold was lost (`学习深度不足，流于表面化部分单位…`); no kinds."""

from __future__ import annotations

import re

from trainer.parse.hant import hans
from trainer.parse.kindwords import FINDING_WORDS
from trainer.parse.markers import find_inline
from trainer.parse.outline import Node
from trainer.parse.successions import top_list

# The words a point's head ends on when it states a finding (`…不足`, `…滞后`, `…较低`). A glue point is
# the end of one of them with no mark after it, the body's first words run on straight after (`流于表面化`
# then `部分单位把…`). A new ending is an alternative here.
_HEAD_END = re.compile(
    "|".join((*FINDING_WORDS, "表面化", "形式化", "碎片化", "空心化", "有待提高", "有待加强", "亟待解决"))
)
# What may follow such a word inside one clause (`不足的问题`, `滞后等`, `单一、`): no glue point there.
_GOES_ON = re.compile(
    r"[的地得了着等和与及或并而且也都还仍之所以于化性型者、，。；：！？,.;:!?”’）)》】\s]"
    r"|问题|现象|情况|状况|局面|水平|程度|状态|阶段|方面|领域|环节|地区|区域"
)
# A body that opens by setting its scene (`当前，…`, `随着…`, `2021年7月24日，…`) with no mark before it: the
# head glued to it ends where the opener begins (`乡村旅游缺乏政策支持当前，…`). A verb that takes the time
# as its object (`立足当前`) keeps it. A new opener is an alternative here.
_SCENE_OPENS = re.compile(
    r"(?<!立足)(?<!面对)(?<!着眼)(?<!针对)(?<!结合)(?<!聚焦)(?<!把握)(?<!抓住)(?<!解决)"
    r"(?:(?:当前|目前|近年来|近些年|近几年|如今|现阶段|首先|其次)(?=[，,])|随着|虽然|尽管|有的(?!放矢)|调研中|据了解|据统计"
    r"|\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?=[，,\u4e00-\u9fff]))"
)
# A place the body's sentence opens on before it says the head's words again (`…参差不齐我国乡村旅游产品…`).
_PLACES = frozenset({"我国", "我省", "我市", "我县", "我区", "全国", "各地", "当地", "国内"})
REPEAT = 4  # a body opening on this many characters its head said (`乡村旅游基础设施滞后乡村旅游配套…`) glues on
_STOPS = "。；！？;!?"
_CLAUSE_MARKS = "，,、：:。；！？;!?"
_OPEN, _CLOSE = "“‘《（(「【", "”’》）)」】"
HEAD_MIN, HEAD_MAX = 4, 30
_HAN = re.compile(r"[\u4e00-\u9fff]")
BODY_MIN = 4


def glue_point(title: str) -> int:
    """Where the head glued to the start of `title` ends, or -1: the first finding word, outside quotes,
    before the first sentence stop, that the body's words follow with no mark between, when that first
    sentence is longer than a head and the head is of a head's length."""
    key = hans(title)
    depth = 0
    stop = next((i for i, ch in enumerate(key) if ch in _STOPS), len(key))
    clause = next((i for i, ch in enumerate(key) if ch in _CLAUSE_MARKS), len(key))
    if stop <= HEAD_MAX:
        # a short first sentence is the head already, unless its words start again inside its first clause
        # (`教育机构培训不足教育机构在…`)
        at = next((i for i in range(HEAD_MIN, clause - BODY_MIN) if _repeats(key, i, clause)), -1)
        return at - 2 if at > 0 and key[at - 2 : at] in _PLACES and at - 2 >= HEAD_MIN else at
    for i, ch in enumerate(key[:stop]):
        depth += (ch in _OPEN) - (ch in _CLOSE)
        if depth:
            continue
        m = _HEAD_END.match(key, i)
        if m is not None:
            end = m.end()
            if HEAD_MIN <= end <= HEAD_MAX and stop - end >= BODY_MIN and not _GOES_ON.match(key, end):
                return end
        opens = _SCENE_OPENS.match(key, i) or _repeats(key, i, clause)
        if opens and HEAD_MIN <= i <= HEAD_MAX and _HAN.match(key, i - 1):
            return i - 2 if key[i - 2 : i] in _PLACES and i - 2 >= HEAD_MIN else i
    return -1


def _repeats(key: str, i: int, clause: int) -> bool:
    """True when the words at `i`, inside the first clause, say again what the head before them said."""
    return REPEAT <= i < clause and _HAN.match(key, i) is not None and key[i : i + REPEAT] in key[:i]


def _cut(node: Node, at: int) -> None:
    """The node's title cut at `at`, the rest of its paragraph kept as the first item it holds."""
    para = node.para
    start = para.text.find(node.title) if para is not None else -1
    if para is not None and start >= 0:
        node.items.insert(0, para.slice(start + at))
        node.title = node.title[:at]


def unglue(group: list[Node]) -> None:
    """Numbered points of one list most of which (two or more) open on a head glued to their body: the
    page set the heads apart by bold alone, lost in the copy. Each such title is cut at its glue point, the
    rest kept as the paragraph it holds; a list where only one item has one is left alone."""
    points = [n for n in group if not n.heading and not n.lone and n.para is not None]
    cuts = [(n, glue_point(n.title)) for n in points]
    glued = [(n, at) for n, at in cuts if at > 0]
    if len(glued) < 2 or 2 * len(glued) < len(points):
        return
    for node, at in glued:
        _cut(node, at)


# A run-in list opening right after a heading glued to it (`…面临的严峻形势一是各类安全事故…`).
_LIST_OPENS = re.compile(r"一是|一要|首先")


def _list_glue_point(title: str) -> int:
    """Where a heading glued to its text ends: its glue point, or where a run-in list opens right after
    it; -1 when the text after neither holds a run-in list nor opens one."""
    key = hans(title)
    at = glue_point(title)
    opens = next((m.start() for m in _LIST_OPENS.finditer(key) if HEAD_MIN <= m.start() <= HEAD_MAX), -1)
    if opens > 0 and _HAN.match(key, opens - 1) and not re.search("[，。；：！？,;:]", key[:opens]):
        at = opens if at < 0 else min(at, opens)
    if at < 0:
        return -1
    run = top_list(find_inline(key[at:]))
    return at if run and (len(run) >= 2 or run[0].start == 0) else -1


def unglue_headings(group: list[Node]) -> None:
    """Numbered items, each a whole paragraph whose heading a copy glued to its text (`一、充分肯定…的成效
    2002年，…：一是…二是…`), most of them over a run-in list: each title is cut where its text begins, the
    rest kept as the paragraph it holds, so the list is read under its heading."""
    whole = [n for n in group if not n.items and n.para is not None]
    cuts = [(n, _list_glue_point(n.title)) for n in whole]
    glued = [(n, at) for n, at in cuts if at > 0]
    if not glued or 2 * len(glued) < len(group):
        return
    for node, at in glued:
        _cut(node, at)
