"""Building the outline tree of a document from its paragraphs, by numbering style; no deck values."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from trainer.core.model import SectionKind
from trainer.parse.continued import (
    REFERS_BACK,
    announces_sibling,
    beside_run_in,
    continued_lists,
    goes_on_with,
    split_continued,
    split_next_members,
)
from trainer.parse.markers import CHAPTER_LABEL, PROSE_STYLES, STYLE_RANK, Marker, find_inline, list_rank, match_line
from trainer.parse.noise import ends_terminal
from trainer.parse.paragraphs import LABEL_AND_SUBTITLE, LED_ITEM, Para, split_run_on_items
from trainer.parse.questions import ANSWER_LINE, ANSWER_WORDS, SCORE, answered_question, asked, asks_as_heading
from trainer.parse.runon import HEADING_PUNCT, run_on
from trainer.parse.shapes import LEAD_END, RUN_IN, run_in_paragraphs
from trainer.parse.successions import top_list
from trainer.parse.vocab import COUNTS_WHAT_FOLLOWS, heading_kind, is_heading_phrase, is_lead_word, is_question_heading
from trainer.parse.vocab import DOCUMENT_PART as _PART  # `总结` after a page's heading lines closes them all

_MD = re.compile(r"^(#{1,6})\s*+((?:\s*+[^\s#]++|\s*+#++)*?)\s*+#*+\s*+$")  # linear: lazy by whole runs
_QUOTED = re.compile(r"“[^“”]{1,8}”")  # `“天坑专业”现象普遍`: a quoted term inside a heading's words
CENTRED_INDENT = 6
BARE_MAX = 20
_RUN_ON_STYLES = frozenset({"cn_dun", "cn_paren", "arabic"})
NOTE = "note"  # an exam block that is not study material: the question, its materials, the 解析
_NOTE_WORDS = (
    r"题目|试题|原题|题干|材料[一二三四五六七八九十\d]*|给定资料[一二三四五六七八九十\d]*|资料[一二三四五六七八九十\d]*"
    r"|背景材料|作答要求|答题要求|解析|答案解析|试题解析|题目解析|思路点拨|答题思路|解题思路|审题思路"
    r"|名师点评|名师点拨|点评|评析|考点分析|考点"
)
_NOTE_LABEL = re.compile(rf"^(?:[【〖\[] *(?:{_NOTE_WORDS}|要求) *[】〗\]]|(?:{_NOTE_WORDS}) *[：:]) *")
_ANSWER_LABEL = re.compile(rf"^[【〖\[] *(?:{ANSWER_WORDS})")
_NOTE_TITLE = re.compile(rf"^(?:{_NOTE_WORDS})$")  # `一、给定资料` / `三、参考答案`: the labels as numbered headings
_ANSWER_TITLE = re.compile(rf"^(?:{ANSWER_WORDS})$")


@dataclass(eq=False)
class Node:
    """A heading or numbered item with what it holds (paragraphs and nested nodes, in order)."""

    style: str
    ordinal: int
    title: str
    raw: str
    lineno: int
    items: list[Para | Node] = field(default_factory=list)
    heading: bool = False
    lone: bool = False  # a prose-style marker (一方面, 首先) with no sibling: a sentence, not a list
    contains_heading: bool = False
    role: str = ""
    opened_by: str = ""  # for an exam note headed `一、给定资料`, the numbering style of that heading
    gap: int = 0  # blank lines before its line
    para: Para | None = None  # the paragraph it was read from
    label: bool = False  # a bare line repeated under each item of a list (`应用示例`): part of the item

    @property
    def children(self) -> list[Node]:
        """The nested nodes, in order (exam notes left out: they hold nothing to learn)."""
        return [it for it in self.items if isinstance(it, Node) and it.style != NOTE]


@dataclass(frozen=True, slots=True)
class _Head:
    style: str
    ordinal: int
    title_start: int


_BRACKETED = re.compile(r"^[【〖\[]([^【】〖〗\[\]]{1,20})[】〗\]]$")
# `【专题二】生态文明`: a bracketed label, then the heading itself.
_LABELLED = re.compile(r"^[【〖\[]([^【】〖〗\[\]]{1,10})[】〗\]] *(?=[^【】〖〗\[\] ])")
# `专题一：非遗保护`, `第二篇：传统村落`: a numbered topic label, then the topic itself.
_COLON_LABEL = re.compile(
    rf"^(?:(?:专题|主题|话题|热点|模块|板块|素材)[一二三四五六七八九十\d]{{1,3}}|{CHAPTER_LABEL}) *[：:] *(?=[^ ：:])"
)
LABELLED_MAX = 40
# 【参考答案】 marks an answer, not a heading: the list under it belongs to the question above.
_ANSWER = re.compile(r"参考|答案|作答|答题|解析|示例|范例|评分")


# `01 重要意义`, `✅产业振兴是基础`: a number set apart by a space, or emoji, before a heading's words.
_SET_APART_NUMBER = re.compile(r"(?:\d{1,2} +|[\U0001f300-\U0001faff\u2600-\u27bf\u2b50\ufe0f]+ *)(?=[\u4e00-\u9fff])")


def _bare_start(key: str) -> int:
    """Where a bare heading's text starts: after a whole-line bracket, a bracketed label, or a number
    set apart before its words."""
    if _BRACKETED.match(key):
        return 1
    labelled = _LABELLED.match(key) or _COLON_LABEL.match(key)
    if labelled:
        return labelled.end()
    number = _SET_APART_NUMBER.match(key)
    return number.end() if number else 0


_LEADS_INTO = re.compile(r"^(?:例如|比如|譬如|比方说|举个例子)|(?:说|道|指出|表示|强调|认为|如下|以下)$")
_FIGURE_END = re.compile(r"\d *+[%％]$")


def _bare_style(para: Para, prev: Para | None) -> str | None:
    key = para.key
    colon = _COLON_LABEL.match(key)
    if colon:
        rest = key[colon.end() :].rstrip("：")
        ok = len(rest) <= LABELLED_MAX and not re.search("[。；！]", rest) and not ends_terminal(rest)
        return "bare_title" if ok else None
    bracketed = _BRACKETED.match(key)
    labelled = None if bracketed else _LABELLED.match(key)
    if bracketed:
        key = bracketed.group(1).strip()
        if _ANSWER.search(key) and heading_kind(key) is SectionKind.OTHER:
            return None  # 【参考答案】 answers; 【参考对策】 is a heading
    elif labelled:
        if _ANSWER.search(labelled.group(1)) and heading_kind(labelled.group(1)) is SectionKind.OTHER:
            return None
        key = key[labelled.end() :]
    else:
        number = _SET_APART_NUMBER.match(key)
        key = key[number.end() :] if number else key
    text = key.rstrip("：")
    if ANSWER_LINE.match(key):
        return None  # `参考答案：` heads nothing: what follows answers the question above it
    if is_lead_word(text) or (key.endswith("：") and (_LEADS_INTO.search(text) or COUNTS_WHAT_FOLLOWS.search(key))):
        return None  # `例如：`, `…包括以下几个方面：` lead into the lines after them; they head nothing
    if asks_as_heading(text) or ((text.endswith(("？", "?")) or SCORE.search(text)) and asked(text)):
        return "bare_sec"  # `在老旧小区改造中，如何听取居民意见？` and `根据给定资料3，概括…。（15分）` ask too
    if len(text) < 2 or len(text) > BARE_MAX or HEADING_PUNCT.search(_QUOTED.sub("", text)) or "：" in text:
        return None
    if not re.search(r"[\u4e00-\u9fff]", text) or _FIGURE_END.search(text):
        return None  # `满意40.5%`: a table's cell or a figure, no heading
    # Right after a long unfinished line it is the tail of that sentence, not a heading.
    unfinished = prev is not None and len(prev.key) > BARE_MAX and not ends_terminal(prev.key)
    unfinished = unfinished and prev is not None and not prev.key.endswith("：")  # a lead announces, it is done
    if unfinished and prev is not None and match_line(prev.key) is None and not _MD.match(prev.key):
        return None
    return "bare_sec" if is_heading_phrase(text) else "bare_title"


def _task_line(key: str) -> bool:
    return not is_question_heading(key.rstrip("：")) and bool(asked(key.rstrip("：")))


def _classify(para: Para, prev: Para | None, stack: list[Node], continued: bool = False) -> _Head | None:
    md = _MD.match(para.key)
    if md and para.key.startswith("#"):
        start = md.start(2)
        # `### 一、重要意义`: the heading's own numbering is not part of its title.
        numbered = match_line(para.key[start:])
        if numbered is not None and numbered.ordinal > 0 and numbered.style not in PROSE_STYLES:
            start += numbered.end
        return _Head(f"md{len(md.group(1))}", 0, start)
    marker: Marker | None = match_line(para.key)
    if marker is not None:
        opened = any(n.style == marker.style for n in stack)
        mixed = None if opened else goes_on_with(marker.style, marker.ordinal, [(n.style, n.ordinal) for n in stack])
        if mixed is not None:  # `第三，` after `首先…其次…`: the next member of that list, in its style
            marker, opened = replace(marker, style=mixed), True
        inline = top_list(find_inline(para.key))
        if inline and inline[0].start == 0 and (inline[0].ordinal == 1 or not opened):
            # `一是…；二是…；三是…` on one line is a run-together list, not one item (and so is
            # `三是…四是…` opening a page copied from a list's middle).
            return None
        if marker.style in PROSE_STYLES and marker.ordinal != 1 and not opened and not continued:
            return None
        return _Head(marker.style, marker.ordinal, marker.end)
    if para.indent >= CENTRED_INDENT and len(para.key) <= 40 and not ends_terminal(para.key):
        return _Head("centred", 0, 0)
    bare = _bare_style(para, prev)
    if bare is None or (bare == "bare_sec" and any(n.style == NOTE for n in stack) and _task_line(para.key)):
        return None  # a task inside an exam note (`【题目】`) is the note's text
    return _Head(bare, 0, _bare_start(para.key))


def _pop_for(style: str, stack: list[Node], ordinal: int = 0) -> None:
    if style.startswith("md"):
        level = int(style[2:])
        while len(stack) > 1 and not (stack[-1].style.startswith("md") and int(stack[-1].style[2:]) < level):
            stack.pop()
    elif style == "centred":
        while len(stack) > 1 and not stack[-1].style.startswith("md"):
            stack.pop()
    else:
        # Inside an exam note a new list is the note's own; only the next number of a list open
        # outside it (`二、` after `一、给定资料`) closes the note.
        floor = max((i for i, n in enumerate(stack) if n.style == NOTE), default=0)
        for i in range(len(stack) - 1, 0, -1):
            node = stack[i]
            if node.style == style or node.opened_by == style:
                if i > floor or not ordinal or ordinal == node.ordinal + 1:
                    del stack[i:]
                return
        if STYLE_RANK.get(style) == 1 and ordinal == 1:  # `一、` after bullets making points (`• 执行进度缓慢：…`)
            while len(stack) > 1 and stack[-1].style == "bullet" and LED_ITEM.match(stack[-1].title):
                stack.pop()  # they were the text's own list, no sections the outermost numbering goes under
        _pop_deeper(style, ordinal, stack)


def _pop_deeper(style: str, ordinal: int, stack: list[Node]) -> None:
    """A list continuing at a shallower rank (`三、` after `（六）`, a document copied from its middle)
    closes the deeper items open before it (`一是…` too): it is their parent's sibling, not their child."""
    rank = STYLE_RANK.get(style)
    if rank is None or ordinal == 1:
        return
    while len(stack) > 1 and list_rank(stack[-1].style) > rank:
        stack.pop()


_SENTENCE_STOP = re.compile(r"[。；;！!？?]")


def _is_sentence(title: str) -> bool:
    """True for an item's title that is a sentence, not a heading: a stop inside it, or a stop at the
    end of a line longer than a heading phrase (`四、个别企业在招聘中设置的各种…也阻碍了大学生的就业。`)."""
    body = title.rstrip("。；;！!？? ")
    return bool(_SENTENCE_STOP.search(body)) or (len(body) > BARE_MAX and body != title.rstrip())


def _pop_for_bare(style: str, nxt: Para | None, stack: list[Node]) -> None:
    while len(stack) > 1 and stack[-1].style == RUN_IN:
        stack.pop()  # a heading line never sits inside an unnumbered point
    if any(n.style == style for n in stack[1:]):
        _pop_for(style, stack)
        return
    marker = match_line(nxt.key) if nxt is not None else None
    if marker is not None:
        for i in range(len(stack) - 1, 0, -1):
            if stack[i].style == marker.style:
                del stack[i:]
                return
    # A heading line never sits in a numbered point said whole (`三是服务功能发挥不充分；有的…`): it starts anew.
    while len(stack) > 1 and (stack[-1].ordinal or stack[-1].style == "bullet") and _said_whole(stack[-1]):
        stack.pop()
    if style == "bare_title":
        # A title line never sits under a section line.
        while len(stack) > 1 and stack[-1].style == "bare_sec":
            stack.pop()


def _said_whole(node: Node) -> bool:
    """A sentence, or a claim closed by its stop over nothing (an outline's `（二）加强督导考核，确保任务落实。`)."""
    return _is_sentence(node.title) or (node.title.rstrip().endswith("。") and not node.items)


def _close_note(stack: list[Node]) -> None:
    for i, node in enumerate(stack):
        if node.style == NOTE:
            del stack[i:]
            return


def _open_note(para: Para, label_end: int, stack: list[Node], head: _Head | None = None) -> None:
    _close_note(stack)
    if head is not None:
        _pop_for(head.style, stack, head.ordinal)
    note = Node(NOTE, 0, para.text[label_end:].strip(), para.text, para.lineno, heading=True)
    if head is not None:
        note.ordinal, note.opened_by = head.ordinal, head.style
    stack[-1].items.append(note)
    stack.append(note)


def _exam_title(head: _Head, para: Para) -> str:
    """`note` or `answer` for a numbered or markdown heading that is an exam label, else ""."""
    if head.style.startswith("bare") or head.style in PROSE_STYLES:
        return ""
    title = para.key[head.title_start :].strip().rstrip("：: ").strip("【】〖〗[] ")
    if _NOTE_TITLE.match(title):
        return NOTE
    return "answer" if _ANSWER_TITLE.match(title) else ""


def _ends_tight_list(stack: list[Node]) -> bool:
    """True when the open item is the last of a run of one-line items written on consecutive lines."""
    if len(stack) < 3:
        return False
    top, parent = stack[-1], stack[-2]
    if top.ordinal < 2 or top.items or top.style == NOTE:
        return False
    siblings = [n for n in parent.children if n.style == top.style]
    return len(siblings) >= 2 and all(not n.items and n.gap == 0 for n in siblings[1:]) and not siblings[0].items


def _announced_after(item: Node, style: str) -> bool:
    """True when a list of `style` starting at 1 after `item` is announced by a lead of its own
    (`对此，建议从以下几方面着手：` on a line of its own) and is no deeper than `item` (`第一，` after `三是`), or
    by a lead answering it (`针对上述原因，…的对策：`), or, after a run-in point's text, by a paragraph naming a kind
    (`…仍然存在诸多挑战：`): a list beside item's, not nested (`具体表现为：` then `一是…` nests)."""
    last = item.items[-1] if item.items else None
    if not isinstance(last, Para) or not last.key.rstrip().endswith("："):
        return False
    if item.style == RUN_IN:  # a paragraph of its own after the point's text
        return len(item.items) >= 2 and beside_run_in(last.key)
    if not item.ordinal:
        return False
    ranks = [list_rank(s) for s in (item.style, style)]
    return all(ranks) and (ranks[1] <= ranks[0] or bool(REFERS_BACK.match(last.key)))


def _take_lead(closed: Node, parent: Node) -> None:
    """A lead (`一些解决思路包括：`) introduces what follows: when a new list starts after it, at a
    shallower depth, it leaves the item it was read into and goes before the new list."""
    last = closed.items[-1] if closed.items else None
    if isinstance(last, Para) and last.key.rstrip().endswith("："):
        closed.items.pop()
        parent.items.append(last)


def build_tree(paras: list[Para], title: str) -> Node:
    """The outline: each heading or numbered item nests under the nearest open item of another style.

    A style already open closes everything opened after it (its next item is a sibling). An exam
    note (【题目】, 【材料】, 【解析】) holds everything up to the next heading or 【参考答案】.
    """
    paras = split_next_members(split_continued(split_run_on_items(paras)))
    run_in = run_in_paragraphs(paras)
    continued = continued_lists(paras)
    root = Node("root", 0, title, title, 0, heading=True)
    stack = [root]
    prev: Para | None = None
    for i, para in enumerate(paras):
        label = _NOTE_LABEL.match(para.key)
        if label:
            _open_note(para, label.end(), stack)
            prev = para
            continue
        if _ANSWER_LABEL.match(para.key):
            _close_note(stack)
        lead = run_in.get(i)
        head = _Head(RUN_IN, 0, lead[0]) if lead else _classify(para, prev, stack, i in continued)
        if head is not None and head.style == "bare_title" and i == len(paras) - 1 and prev is not None:
            head = None  # the copy's last line heads nothing: a body cut off (`加大食品安全`)
        if head is None and i + 1 < len(paras) and LABEL_AND_SUBTITLE.match(para.key):
            nxt = match_line(paras[i + 1].key)
            if nxt is not None and nxt.ordinal <= 1 and not nxt.style.startswith("sym"):
                head = _Head("bare_title", 0, 0)  # `经济成本：生育的“不可承受之重”` over its list
        prev = para
        exam = _exam_title(head, para) if head is not None else ""
        if exam == NOTE and head is not None:
            _open_note(para, head.title_start, stack, head)
            continue
        if exam:
            _close_note(stack)
            head = None  # `三、参考答案`: what follows answers the document's own question
        if head is None:
            if para.gap and _ends_tight_list(stack):
                stack.pop()  # a closing remark after a list of one-line items is not the last item's
            while len(stack) > 1 and announces_sibling(para, stack[-1].style, stack[-1].ordinal):
                stack.pop()  # `针对上述问题…：一是…` after `此外，…`: a new list beside the item's
            stack[-1].items.append(para)
            continue
        title_text = para.text[head.title_start :]
        rest = None
        if lead:
            # The lead is the title; its elaboration is the point's first paragraph.
            tail = para.key[lead[1] :]
            body = lead[1] + len(tail) - len(tail.lstrip(LEAD_END))
            rest = para.slice(body) if body < len(para.key) else None
            title_text = para.text[lead[0] : lead[1]]
        elif head.style in _RUN_ON_STYLES or head.style.startswith("sym"):
            cut = run_on(title_text)
            if cut >= 0:
                rest_para = para.slice(head.title_start + cut)
                rest_para.text, rest_para.key = rest_para.text.lstrip(), rest_para.key.lstrip()
                rest = rest_para
                title_text = title_text[:cut]
        if head.style.startswith(("bare", "md", "centred")) or answered_question(
            head.ordinal, title_text, paras[i + 1].key if i + 1 < len(paras) else None
        ):
            _close_note(stack)
        deepest = stack[-1]
        if head.ordinal == 1 and _announced_after(deepest, head.style):
            stack.pop()
        if head.style.startswith("bare") and _PART.match(title_text.strip().rstrip("：:")):
            del stack[1:]
        elif head.style.startswith("bare"):
            _pop_for_bare(head.style, paras[i + 1] if i + 1 < len(paras) else None, stack)
        else:
            _pop_for(head.style, stack, head.ordinal)
        if head.ordinal == 1 and deepest is not stack[-1]:
            _take_lead(deepest, stack[-1])
        raw = para.text if rest is None else para.text[: head.title_start] + title_text
        if head.style.startswith("bare"):
            title_text = title_text.rstrip("】〗]")
        node = Node(head.style, head.ordinal, title_text.strip(), raw, para.lineno, gap=para.gap, para=para)
        if rest is not None:
            node.items.append(rest)
        stack[-1].items.append(node)
        stack.append(node)
    return root
