"""Choosing the reading of an outline tree: which numbered items are headings and which are points."""

from __future__ import annotations

import re

from trainer.core.model import SectionKind
from trainer.parse.choices import decided
from trainer.parse.clauses import counts_group, counts_kind
from trainer.parse.cutshort import broken_off, points_under_headings
from trainer.parse.depth import (
    close_last_item,
    close_opening_parts,
    contains_heading,
    harmonize,
    nest_bare_runs,
    nest_flat_bullets,
    open_successions,
    read_alike,
    spill_sentences,
)
from trainer.parse.glue import unglue, unglue_headings
from trainer.parse.lone import unlist_lone_items
from trainer.parse.markers import HEADING_SYMBOLS, PROSE_STYLES, STYLE_RANK, find_inline
from trainer.parse.nesting import (
    aspects,
    claims_over_lists,
    claims_under_kind,
    counted_first,
    demote,
    findings,
    is_outline,
    items_before,
    labels_over_points,
    names_itself,
)
from trainer.parse.numberings import (
    COUNTED_TITLE,
    holds_list,
    numbered_list,
    numbered_sections,
    numbering_runs_on,
    own_decimals,
)
from trainer.parse.outline import BARE_MAX, Node
from trainer.parse.paragraphs import Para
from trainer.parse.questions import asked, opens_task, scored_task
from trainer.parse.shapes import RUN_IN
from trainer.parse.successions import top_list
from trainer.parse.templates import claims_over_details, mark_template, template_labels
from trainer.parse.underheading import subheadings_of_prose
from trainer.parse.vocab import (
    COUNTS_WHAT_FOLLOWS,
    DOCUMENT_PART,
    describes_subject,
    head_kind,
    heading_kind,
    is_facet_heading,
    is_heading_phrase,
    is_question_heading,
)

_LABELLED = re.compile(r"^([^，。；：！？]{2,10})：[^。；：！？]{2,20}$")


def _phrases_holding_lists(group: list[Node]) -> bool:
    """Items that are bare phrases (`工作开展情况`, `“空巢老人”的出现`), each opening onto a list of its
    own: the reading with complete successions has them as headings over those lists. The last may
    hold a list cut short (one item: the copy ends there)."""
    for n in group:
        title = n.title.strip().rstrip("：:")
        title = _LABELLED.sub(r"\1", title)  # `人际关系题：先稳态度，再谈…`: a label and its subtitle
        holds = holds_list(n, 1 if n is group[-1] and len(group) > 1 else 2)
        if not title or len(title) > BARE_MAX + 5 or _SENTENCE_MARKS.search(title) or not holds:
            return False
    return True


def _prose_only(group: list[Node]) -> bool:
    """Numbered items that hold paragraphs only (no nested list, none run together in a paragraph),
    most of them not named by section vocabulary: whatever they look like, they are the points."""
    if len(group) < 2 or group[0].style.startswith(("md", "bare", "centred", "sym")) or group[0].style == "bullet":
        return False
    major = [n for n in group if _holds_major_list(n)]
    if major and (2 * len(major) >= len(group) or not all(map(_details_after_prose, major))):
        return False
    named = [n for n in group if not is_question_heading(n.title) and heading_kind(n.title) is not SectionKind.OTHER]
    return 2 * len(named) < len(group)


MINOR_MAX = 2  # a list of this many sides (`一方面…另一方面…`) said inside a point's prose details it


def _holds_major_list(node: Node) -> bool:
    """True when an item holds a list that may be what is learnt: on lines of its own, or opening one of
    its paragraphs; not a `一方面…另一方面…` said inside its prose."""
    kids = node.children
    if kids and (len(kids) > MINOR_MAX or any(c.style not in PROSE_STYLES for c in kids)):
        return True
    for it in node.items:
        run = top_list(find_inline(it.key)) if isinstance(it, Para) else []
        if run and (run[0].start == 0 or run[0].style not in PROSE_STYLES or len(run) > MINOR_MAX):
            return True
    return False


def _details_after_prose(node: Node) -> bool:
    """An item that opens on its prose and only then lists a detail or two on lines of their own (`• A 地…`
    `• B 地…`): among items of prose, one such is a point too."""
    first = next((i for i, it in enumerate(node.items) if isinstance(it, Node)), 0)
    return first > 0 and len(node.children) <= MINOR_MAX and not any(c.children for c in node.children)


def _most_hold_lists(group: list[Node]) -> bool:
    """Numbered phrases at the top of a document, two or more of them, at least half opening onto a list of
    their own (`二、实现文化自信的关键路径` over 1. 2. 3., `三、…实践案例` over a table), the others over
    prose (`一、…核心内涵`) or cut off (the last, over nothing: `三、典型` where the copy ends): the document's
    sections, not points with sub-lists."""
    titles = [n.title.strip().rstrip("：:") for n in group]
    if len(group) < 2 or STYLE_RANK.get(group[0].style) is None:
        return False
    if any(len(t) > _PHRASE_MAX or _SENTENCE_MARKS.search(t) for t in titles):
        return False
    listy = sum(1 for n in group if holds_list(n, 1 if n is group[-1] else 2))  # the last maybe cut short
    cut = 1 if len(group) > 2 and not group[-1].items else 0  # the copy ends at the last item's line
    return listy >= 1 and 2 * listy >= len(group) - cut


def _titled_by_line(node: Node) -> bool:
    """True for the document's root and for a title line of its own (a topic's title, a subtitle): the
    numbered phrases right under it are its parts, as under the document's title."""
    return node.style in ("root", "bare_title", "centred")


def _over_parts(node: Node) -> bool:
    """A title line, or a bare heading line (`角度解读`, `热点背景`): what is numbered right under it may be
    its parts."""
    return _titled_by_line(node) or node.style.startswith("bare")


ANSWER_LEAD_MAX = 3  # a task's lines before its answer's list: `要求：…`, `【参考要点】`


def _answer_list(node: Node) -> bool:
    """A list of two or more after a task's requirement and its answer's label."""
    first = next((it for it in node.items[:ANSWER_LEAD_MAX] if isinstance(it, Node)), None)
    return first is not None and sum(1 for c in node.children if c.style == first.style) >= 2


def _questions_answered(group: list[Node]) -> bool:
    """Questions put to the reader (`1.在整治行动中，如何评估整治效果？`) or tasks set (`2.分析可能存在的问题。`),
    most of them answered by a list of their own (`答案：1）…；2）…`): each heads its answer's section,
    whose items are the points."""
    if len(group) < 2:
        return False
    answered = [n for n in group if (asked(n.title) or scored_task(n.title)) and (holds_list(n) or _answer_list(n))]
    if 2 * len(answered) > len(group):
        return True
    # `1.分析…的目的意义。` `2.提出改进建议。`, each over its answer's `(1)…(2)…`: tasks, every one of them;
    # an answer's steps (`1.表明观点` over prose, `3.分析观点` over `(1)…(2)…`) when one holds a list.
    return all(map(opens_task, (n.title for n in group))) and any(map(holds_list, group))


def _is_heading_group(group: list[Node], parent: Node) -> bool:
    style = group[0].style
    if style == RUN_IN and not any(n.children for n in group):
        # leads run in to their prose (`存在问题：剖析…`, a table's rows `| 引言 | 开篇点题 |`) head no
        # list: points, whatever they name
        return False
    if claims_over_lists(group, _over_parts(parent)):
        return False
    if any(DOCUMENT_PART.match(n.title.strip().rstrip("：:")) for n in group) or is_outline(group):
        return True
    if all(COUNTED_TITLE.match(n.title.strip()) and n.children for n in group):
        return True  # `一、三点任职感受` `二、三点工作困惑`, each over its `一是…`: they name the lists they count
    if _prose_only(group) or claims_over_details(group) or template_labels(group):
        return False
    if _questions_answered(group):
        return True
    if (numbered_sections(group) and not claims_under_kind(group, parent)) or numbering_runs_on(group):
        return True
    if counts_group(parent.title, len(group)):
        return False  # `建立“三张清单”` over 1. 政策清单 2. 案例清单 3. 工具清单: the three it counts are the list
    if any(isinstance(it, Para) and counts_kind(it.key, len(group)) for it in items_before(parent, group[0])):
        return False  # `本文从五个根源入手…` before 一、 … 五、: the five roots it counts are the points
    # Phrases each opening onto a list are the headings of those lists, unless they sit under a section
    # heading naming a kind (`工作建议` over `（一）在改革方面`), or under a document title naming a kind
    # that most of them name too as heads (`基层干部素质不高` under …问题和不足): then they are its
    # points and their sub-lists stay in the body.
    if style not in PROSE_STYLES and _phrases_holding_lists(group) and not own_decimals(group):
        if findings(group):
            return False  # `一、基础设施薄弱` `二、物流成本高` over their details: problems found, the points
        kind = heading_kind(parent.title)
        same = sum(1 for n in group if head_kind(n.title) is kind)
        if (
            kind is SectionKind.OTHER
            or (parent.style == "root" and 2 * same <= len(group))
            or labels_over_points(group)
        ):
            return True
        # Under a heading naming a kind, phrases of their own (`科学采购与储存`, `设施配置到位`), two or more,
        # none a kind or a side, are its points whatever lists they hold: the README's rule keeps a nested
        # list in its point unless the outer level is a section heading. A markdown heading is one by form.
        if len(group) >= 2 and not style.startswith("md") and not names_itself(group):
            return False
    if style.startswith(("md", "bare", "centred")):
        return not subheadings_of_prose(group, parent)
    if _over_parts(parent) and heading_kind(parent.title) is SectionKind.OTHER and _most_hold_lists(group):
        return True
    if any(n.contains_heading for n in group):
        return True
    if style == "emoji" and 2 * sum(numbered_list(n) for n in group) >= len(group):
        return True  # `🎯展望2024年，…以下目标：` over `1️⃣ …` `2️⃣ …`: decorated leads over the numbered lists
    if style.startswith("sym") and style[3:] in HEADING_SYMBOLS:
        short = [n for n in group if len(n.title) <= 25 and not re.search("[。；;，,]", n.title)]
        if 2 * len(short) >= len(group):
            return True
    vocab = [n for n in group if "。" not in n.title and is_heading_phrase(n.title)]
    if len(group) >= 2 and len(vocab) == len(group):
        return True  # `隐患分析` `对策建议` `结语`: section vocabulary every one, headings whatever they hold
    kinded = parent.style != "root" and heading_kind(parent.title) is not SectionKind.OTHER
    if kinded and 2 * sum(map(holds_list, group)) < len(group):
        return False  # under `二、…面临的问题`, items most of which hold no list of their own are its points
    if 2 * len(vocab) >= len(group) and vocab:
        return True
    if (
        vocab
        and 2 * (len(vocab) + len(aspects(group, vocab))) > len(group)
        and 2 * sum(map(holds_list, group)) > len(group)
    ):
        return True  # `2. 主要问题` `3. 行业现状` over lists of their own: an aspect beside section vocabulary
    return _names_lists(group)


_PHRASE_MAX = 40
_SENTENCE_MARKS = re.compile(r"[，,。；;！!]")


def _names_lists(group: list[Node]) -> bool:
    """Items that are phrases holding lists of their own, most of them naming a section kind or a
    side (`一、深刻认识…的重大意义`, `（一）政府层面`): headings, not points with sub-items."""
    for n in group:
        title = n.title.strip().rstrip("：:")
        if not title or len(title) > _PHRASE_MAX or _SENTENCE_MARKS.search(title):
            return False
    # The list comes first: `（一）在改革方面` followed by a sentence of its own, then 一是…, is a point.
    listy = [n for n in group if n.items and isinstance(n.items[0], Node) and not n.items[0].lone]
    kinded = [n for n in group if heading_kind(n.title) is not SectionKind.OTHER or describes_subject(n.title)]
    facets = [n for n in group if is_facet_heading(n.title)]
    if len(listy) == len(group):
        return 2 * len(kinded + facets) >= len(group)
    # Some hold prose only: still headings when most name a kind (their prose is no point anyway).
    return bool(listy) and 2 * len(listy) >= len(group) and 2 * len(kinded) >= len(group)


def _heads_own_list(group: list[Node]) -> bool:
    """A numbered item with no sibling over a list of its own (`一、传统节日面临尴尬。` then `1、…2、…`):
    a list of one is no list, so the reading with a complete succession has the item as the heading
    of the list it holds, not as that list's only point."""
    if len(group) != 1 or group[0].style in PROSE_STYLES or group[0].style.startswith(("sym", "bullet")):
        return False
    if any(not c.heading and not c.lone for c in group[0].children):
        return True
    # a paragraph of its own further down runs a whole list together (`“五个突破”：一是…二是…三是…`)
    runs = (top_list(find_inline(it.key)) for it in group[0].items if isinstance(it, Para))
    return any(len(run) >= RUN_TOGETHER_LIST for run in runs) or _split_own_list(group[0])


RUN_TOGETHER_LIST = 3  # members of a list run together in one paragraph that make it the item's list


def _split_own_list(node: Node) -> bool:
    """For an item with no sibling whose own paragraph runs on into a list after its first sentence
    (`一、推进事项管理突破，实现政务服务智能办。由市级…。一是…二是…`): cut the title at that sentence and
    keep the rest as the paragraph it holds; True when it did (the item then heads that list)."""
    para = node.para
    if para is None or node.children or node.items:
        return False
    start = para.text.find(node.title)
    stop = para.key.find("。", start)
    group = top_list(find_inline(para.key))
    if start < 0 or stop < 0 or not group or group[0].start <= stop:
        return False
    node.title = para.text[start:stop]
    node.items.append(para.slice(stop + 1))
    return True


def _cut_short(group: list[Node], parent: Node) -> bool:
    """A `一是…` with no sibling that opens what a section heading naming a kind holds (`三、下一步工作
    计划` then `一是继续推进…`, the copy cut off after it): the first item of a list cut short, a point,
    not a sentence; so is one after a line that counts what follows (`对策一般有三个来源。` then
    `第一、成功案例中找对策。`), and so is one opening the paragraph the copy breaks off in (`一是上级政策落地
    落实“全”。…制度，` at the page's end). `一方面` alone stays a sentence: prose opens with it."""
    first = group[0]
    if len(group) != 1 or first.style not in PROSE_STYLES or first.style == "side" or first.ordinal != 1:
        return False
    at = parent.items.index(first)
    before = parent.items[at - 1] if at else None
    if isinstance(before, Para) and COUNTS_WHAT_FOLLOWS.search(before.key.rstrip()[-12:]):
        return True
    if at == 0 and COUNTED_TITLE.match(parent.title.strip()):
        return True  # `一、三点任职感受` over `一是…` alone: the first of the three, the copy cut short
    if broken_off(first, parent):
        return True
    return at == 0 and parent.style != "root" and heading_kind(parent.title) is not SectionKind.OTHER


def _points_of_a_kind(group: list[Node], parent: Node) -> bool:
    """Numbered items (`1.`, `（一）`) under a section heading that names a kind (`一、…面临的现实难题`):
    its points, so a bare line inside one (`深层原因` over a few bullets) is a label in that point's body,
    not a heading that would lift the item to a heading too. Items counted by a kind word (`策略一：`,
    `原因二：`) are points of that kind wherever they stand."""
    if group[0].style == "word_num":
        return True
    if parent.style == "root" or STYLE_RANK.get(group[0].style) is None:
        return False
    return heading_kind(parent.title) is not SectionKind.OTHER


def _mark_labels(node: Node) -> None:
    """A bare line repeated under two or more items of one list and naming no section kind (`应用示例`
    under each quotation of a 金句 page) is the items' template, a label, not a heading."""
    by_style: dict[str, list[Node]] = {}
    for child in node.children:
        by_style.setdefault(child.style, []).append(child)
    for group in by_style.values():
        mark_template(group)  # `问题清单：` `整改情况：` under each numbered item: its parts
        if _points_of_a_kind(group, node):
            for item in group:
                for sub in item.children:
                    sub.label = sub.label or sub.style.startswith("bare")
        if len(group) < 2:
            continue
        seen: dict[str, list[tuple[int, Node]]] = {}
        for n, item in enumerate(group):
            for sub in item.children:
                if sub.style.startswith("bare"):
                    seen.setdefault(sub.title.strip().rstrip("：:"), []).append((n, sub))
        for title, subs in seen.items():
            if len({n for n, _ in subs}) >= 2 and heading_kind(title) is SectionKind.OTHER:
                for _, sub in subs:
                    sub.label = True


def classify(node: Node) -> None:
    """Mark each node heading or point, bottom-up, one decision per sibling style group.

    Siblings of one style are headings when they are headings by form (markdown, bare or centred
    line), hold headings themselves, or are mostly section vocabulary (取得成效, 存在问题).
    """
    if not node.items:  # an item over nothing (most lines of a page of headings): nothing to decide
        node.contains_heading = False
        return
    unlist_lone_items(node)
    close_opening_parts(node)
    nest_bare_runs(node)
    nest_flat_bullets(node)
    read_alike(node)
    open_successions(node)
    close_last_item(node)
    _mark_labels(node)
    children = node.children
    for child in children:
        classify(child)
    harmonize(children)
    groups: dict[str, list[Node]] = {}
    for child in children:
        groups.setdefault(child.style, []).append(child)
    for group in groups.values():
        if STYLE_RANK.get(group[0].style):
            unglue_headings(group)
        labels = all(c.label for c in group)
        rules = not counted_first(group, node) and (_is_heading_group(group, node) or _heads_own_list(group))
        decision = not labels and decided(tuple(c.title for c in group), rules)
        # A prose-style item alone is a sentence (`一方面…`), unless it goes on with a list cut off above.
        alone = len(group) == 1 and group[0].style in PROSE_STYLES and group[0].ordinal < 2
        lone = labels or (not decision and alone)
        lone = lone and not _cut_short(group, node)
        demoting = not decision and claims_over_lists(group, _over_parts(node))
        for child in group:
            child.heading = decision
            child.lone = lone
            if demoting and child.contains_heading:
                demote(child)
        if STYLE_RANK.get(group[0].style):
            unglue(group)
    if spill_sentences(node):
        classify(node)  # read again with the lists those sentences held in place
        return
    node.contains_heading = contains_heading(node)
    if node.style == "root":
        points_under_headings(node)
