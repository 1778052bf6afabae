"""Reading topics, sections and points off a classified outline tree; no text clean-up, no ids."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from trainer.core.model import SectionKind
from trainer.parse.clauses import clause_lead, labelled_claims, last_stop, parallel_section, semicolon_points, text_end
from trainer.parse.drafts import PointDraft, SectionDraft, TopicDraft, drop_strays, point_drafts
from trainer.parse.heads import label_leads, line_head, split_head, split_run_together
from trainer.parse.kinds import KindCues, section_kind
from trainer.parse.leadins import lead_in
from trainer.parse.markers import Marker, find_inline
from trainer.parse.noise import split_title
from trainer.parse.normalize import clean, clean_title
from trainer.parse.outline import NOTE, Node
from trainer.parse.paragraphs import Para
from trainer.parse.questions import asked
from trainer.parse.shapes import NOT_A_LEAD
from trainer.parse.successions import run_lists
from trainer.parse.titles import is_label_line
from trainer.parse.underheading import gap_led, held_paragraphs, names_its_kind, paragraph_points
from trainer.parse.vocab import (
    head_kind,
    heading_kind,
    heading_phrase,
    heads_kind,
    is_heading_phrase,
    lead_kind,
    sentence_kind,
)

_HEAD_TRIM = " ：:。，,；;！!？?"
MIN_INLINE_HEAD = 2  # a run-together item's head shorter than this is a fragment, not a point


@dataclass(slots=True)
class _Gathered:
    own: list[PointDraft] = field(default_factory=list)
    # Document-ordered children: heading nodes and prose-led sections.
    parts: list[Node | SectionDraft] = field(default_factory=list)


def _render(item: Para | Node) -> list[str]:
    if isinstance(item, Para):
        return [clean(item.text)]
    if item.style == NOTE:
        return []
    lines = [clean(item.raw)]
    for sub in item.items:
        lines.extend(_render(sub))
    return lines


def _point_from_node(node: Node, label: str = "") -> PointDraft | None:
    head, body, long_head = split_head(node.title, label or line_head(node.title, bool(node.items)))
    if not head:
        return None
    extra = [line for it in node.items for line in _render(it) if line]
    body = "\n".join([body, *extra] if body else extra)
    return PointDraft(head, body.strip(), long_head, node.lineno, node.ordinal)


def _inline_points(para: Para, group: list[Marker], stop: int) -> list[PointDraft]:
    points = []
    for i, mk in enumerate(group):
        end = group[i + 1].start if i + 1 < len(group) else stop
        head, body, long_head = split_run_together(para.text[mk.end : end])
        if len(head) >= MIN_INLINE_HEAD:  # `…。二是小` at the end of a cut-off copy is a fragment
            points.append(PointDraft(head, body, long_head, para.line_at(mk.start), mk.ordinal))
    return points


def _elaborates(key: str, group: list[Marker]) -> bool:
    """True for `一方面…；另一方面…` after a whole sentence that announces no list and names no
    shortcoming (`发展银发经济，能有效缓解社会压力。一方面，…`): the two sides elaborate that sentence,
    they are no points of their own."""
    if group[0].style != "side" or group[0].start == 0:
        return False
    before = key[: group[0].start].rstrip()
    if not before.endswith(("。", "！", "？", "，")):  # `这种高能耗治理，一方面…`: the sentence's own sides
        return False
    start = max(before.rfind(c, 0, len(before) - 1) for c in "。！？") + 1
    sentence = before[start:]
    if lead_kind(sentence) is not None:
        return False
    # `基层负担过重，说到底是权责失衡、机制僵化。一方面…`: a diagnosis, whose two sides are the problems.
    last = sentence.rstrip("。！？，").split("，")[-1]
    return head_kind(last) is not SectionKind.PROBLEMS


def _run_lists(para: Para) -> list[tuple[list[Marker], int]]:
    """Every list run together in a paragraph, in order, each with where its text stops: a list that
    starts again at 1 (`问题：1.…；2.…。对策：1.…`) is a second list, and its lead (`对策：`) is cut off
    the last item of the one before."""
    lists: list[tuple[list[Marker], int]] = []
    for group in run_lists(find_inline(para.key)):
        led = para.key.endswith("：", 0, text_end(para.key, group[0].start)) or clause_lead(para.key, group[0].start)
        if lists and not led:
            break  # a later list with no lead of its own is nested in the last item
        if not lists and _elaborates(para.key, group):
            break
        lists.append((group, len(para.key)))
    for i in range(len(lists) - 1):
        group, _ = lists[i]
        nxt = lists[i + 1][0][0].start
        end = text_end(para.key, nxt)
        begin = last_stop(para.key, group[-1].end, end - 1)
        lists[i] = (group, begin + 1 if para.key.endswith(("：", "。"), 0, end) and begin >= 0 else nxt)
    return lists


# `时间成本高：…。参与效能感低：…`: sentences of one paragraph led by a short phrase and a colon (no `（评析：`).
_RUN_IN_HEAD = re.compile(r"(?:^|(?<=[。！？；]))([^，。；：！？、,.;:!?“”《》（(\s]{3,12})：")


def _run_in_points(para: Para) -> list[PointDraft]:
    """Two or more sentences of one paragraph led by a short phrase and a colon are a list with no
    numbers; fewer are prose."""
    found = [m for m in _RUN_IN_HEAD.finditer(para.key) if not NOT_A_LEAD.search(m.group(1))]
    if len(found) < 2:
        return []
    points = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(para.text)
        body = clean(para.text[m.end() : end]).rstrip("；;，,、 ")
        points.append(PointDraft(clean(para.text[m.start(1) : m.end(1)]), body, False, para.line_at(m.start())))
    return points


def _lead(para: Para, start: int) -> tuple[str, str] | None:
    """The prose lead sentence before a list (display and key), when it ends with a colon, or when it
    is a heading phrase ended by a stop (`存在问题。一是…`)."""
    key, end = para.key, text_end(para.key, start)  # read in place: this is asked of every list
    if not key.endswith(("：", "。"), 0, end):
        return None
    begin = last_stop(key, 0, end - 1) + 1
    if key.endswith("。", 0, end) and not is_heading_phrase(key[begin : end - 1]):
        return None
    return clean(para.text[begin : end - 1]), key[begin : end - 1]


_COUNTED_BY = re.compile(r"^[^一二三四五六七八九十\d]{2,4}")  # `对策` of `对策1：`


def _counted_restart(prev: Para | Node | None, item: Node, points: list[PointDraft]) -> SectionDraft | None:
    """A list counted by a word of its own (`对策1：` after `原因三：`) is a section of its own, headed and
    kinded by its lead-in (`…一些解决思路包括：`) or else that word; other restarts: `_restart_lead`."""
    if item.style != "word_num" or item.ordinal != 1 or not points:
        return None
    lead = _lead(prev, len(prev.key.rstrip())) if isinstance(prev, Para) else None
    if lead is None:
        word = _COUNTED_BY.match(item.raw.strip())
        lead = (word.group(0), word.group(0)) if word else None
    if lead is None or not lead[0]:
        return None
    return SectionDraft(lead_kind(lead[1]) or SectionKind.OTHER, heading_phrase(lead[0]), [], "lead")


def _labels(node: Node) -> dict[int, str]:
    """Each point item's short label lead (`水` of `1、水，…`), by the items of each list of the node."""
    by_style: dict[str, list[Node]] = {}
    for child in node.children:
        if not child.heading and not child.lone:
            by_style.setdefault(child.style, []).append(child)
    return {
        id(n): lead
        for group in by_style.values()
        for n, lead in zip(group, label_leads([n.title for n in group]), strict=True)
    }


def _gather(node: Node, kind_bearing: bool) -> _Gathered:
    got = _Gathered()
    target = got.own
    prev: Para | Node | None = None
    labels = _labels(node)
    for item in node.items:
        before, prev = prev, item
        if isinstance(item, Node):
            if item.style == NOTE:
                continue
            if item.heading:
                got.parts.append(item)
            elif not item.lone:
                point = _point_from_node(item, labels.get(id(item), ""))
                restart = _counted_restart(before, item, target)
                if restart is not None:
                    got.parts.append(restart)
                    target = restart.points
                led = _restart_lead(item, before, got) if point and restart is None else None
                if led is not None:
                    got.parts.append(led)
                    target = led.points
                if point:
                    target.append(point)
            continue
        lists = _run_lists(item)
        if not lists and not kind_bearing and not _run_in_points(item):
            _parallel_section(item, got)  # `…，是…，是…，是…。`: a 排比 of clauses, then maybe a list
        run_in = [] if lists else _run_in_points(item)
        for said, clauses in (
            [] if lists else ([("", [])] if run_in else semicolon_points(item, kind_bearing) or [("", [])])
        ):
            points = run_in or point_drafts(item, clauses)
            kind = lead_kind(said) if clauses and not kind_bearing else None
            if kind is not None:  # the lead names the list's kind, as a lead before numbers does
                got.parts.append(SectionDraft(kind, heading_phrase(said.split("，")[-1]), points, "lead"))
            got.own.extend([] if kind else points)
        for said, c in labelled_claims(item) if lists and not kind_bearing else []:  # `存在问题：…。整改措施：一是…`
            got.parts.append(SectionDraft(lead_kind(said) or SectionKind.OTHER, said, point_drafts(item, c), "lead"))
        for group, stop in lists:
            points = _inline_points(item, group, stop)
            # Under a heading naming a kind one list is its points; lists run together each name a section by their leads.
            lead = None if kind_bearing and len(lists) == 1 else _lead(item, group[0].start) or _said(item, group)
            if lead is None and group[0].start == 0 and isinstance(before, Para) and not kind_bearing:
                lead = _lead(before, len(before.key.rstrip()))  # `建议如下：` on the line before
            kind = lead_kind(lead[1]) if lead else None
            if lead is not None and kind is not None and points and lead[0]:
                got.parts.append(SectionDraft(kind, heading_phrase(lead[0]), points, "lead"))
            else:
                got.own.extend(points)
    if not got.own and not got.parts and ((kind_bearing and names_its_kind(node.title)) or gap_led(node)):
        got.own.extend(paragraph_points(held_paragraphs(node)))
    for part in got.parts:
        if isinstance(part, SectionDraft) and part.kind is SectionKind.OTHER:
            part.kind = heads_kind([p.head for p in part.points])
    return got


def _parallel_section(para: Para, got: _Gathered) -> None:
    """Clauses of one sentence, or sentences of one paragraph, opening alike (`…，是…的内在要求，是…的客观
    需要，是…`) as a section of their own, of the kind `clauses.parallel_section` gives them."""
    kind, clauses = parallel_section(para)
    points = point_drafts(para, clauses)
    got.own.extend(points if points and kind is None else [])  # sentences: the points of the heading above
    got.parts.extend([SectionDraft(kind, "", points, "lead")] if points and kind is not None else [])


def _said(para: Para, group: list[Marker]) -> tuple[str, str] | None:
    span = clause_lead(para.key, group[0].start)
    return (clean(para.text[span[0] : span[1]]), para.key[span[0] : span[1]]) if span else None


def _last_sentence(para: Para) -> tuple[str, str] | None:
    """The last sentence of a paragraph (display and key), which may lead in the list after it."""
    key = para.key.rstrip()
    begin = max(key.rfind(c, 0, len(key) - 1) for c in "。！？；") + 1
    return (clean(para.text[begin : len(key)]).rstrip("。！？"), key[begin:]) if key else None


def _restart_lead(item: Node, before: Para | Node | None, got: _Gathered) -> SectionDraft | None:
    """A list starting again at 1 after a lead-in of its own (`针对大学生就业难，一些解决思路包括：`),
    when points came before it: a new section, of the kind its lead-in names."""
    if isinstance(before, Node) and before.items and isinstance(before.items[-1], Para):
        before = before.items[-1]  # the lead-in closed the last item of the list before
    if item.ordinal != 1 or not got.own or got.parts or not isinstance(before, Para):
        return None
    colon = _lead(before, len(before.key))
    lead = colon or _last_sentence(before)
    if lead is None or not lead[0]:
        return None
    # A lead-in ending with a colon announces the list; a plain sentence must name a kind to.
    kind = lead_kind(lead[1]) if colon else sentence_kind(lead[1])
    if kind is None or (not colon and kind is SectionKind.OTHER):
        return None
    last = got.own[-1]
    text = clean(before.text)
    if last.body.endswith(text):
        last.body = last.body[: -len(text)].rstrip()  # the lead-in is the next list's, not this point's
    return SectionDraft(kind, heading_phrase(lead[0]), [], "restart")


_PHRASE_MAX = 30
_SENTENCE_MARKS = re.compile(r"[，,。；;！!]")


def _is_kind_bearing(node: Node) -> bool:
    """A heading that names a section kind: section vocabulary (`存在问题`), or a phrase with a kind
    word in it (`教育公平面临的现实困境`, `推进教育公平的重要意义`)."""
    if node.style == "root":
        return False
    if is_heading_phrase(node.title):
        return True
    title = node.title.strip().rstrip("：:")
    return (
        len(title) <= _PHRASE_MAX and not _SENTENCE_MARKS.search(title) and heading_kind(title) is not SectionKind.OTHER
    )


def _assign_roles(node: Node, gathered: dict[int, _Gathered]) -> None:
    if not node.items:  # a heading over nothing (most lines of a page of headings): nothing to gather
        gathered[id(node)] = _Gathered()
        node.role = "empty"
        return
    heads = [c for c in node.children if c.heading]
    for child in heads:
        _assign_roles(child, gathered)
    if node.style == "root" and not node.title:
        # Without a document title, a plain heading holding points names a topic, not a section.
        for child in heads:
            if child.role == "section" and not _is_kind_bearing(child):
                child.role = "topic"
    by_style: dict[str, list[Node]] = {}
    for child in heads:
        by_style.setdefault(child.style, []).append(child)
    for group in by_style.values():
        if any(c.role == "topic" for c in group):
            for c in group:
                c.role = "topic"
    got = gathered[id(node)] = _gather(node, _is_kind_bearing(node))
    has_section = any(c.role in ("section", "group") for c in heads) or any(
        isinstance(p, SectionDraft) for p in got.parts
    )
    if has_section:
        node.role = "group" if _is_kind_bearing(node) else "topic"
    elif got.own:
        node.role = "section"
    elif any(c.role == "topic" for c in heads):
        node.role = "container"
    else:
        node.role = "empty"


def _heading(node: Node) -> str:
    return clean(node.title).strip(_HEAD_TRIM) or clean(node.raw).strip(_HEAD_TRIM)


def _topic_heading(node: Node) -> str:
    """A topic's title as its heading says it; "" for a part's label alone (`【参考答案】`, `正文`), which
    names no subject: the topic takes the document's title."""
    return "" if is_label_line(node.title) else clean_title(node.title).strip(_HEAD_TRIM) or _heading(node)


class _Emitter:
    def __init__(self, gathered: dict[int, _Gathered], fallback: str) -> None:
        self.gathered = gathered
        self.fallback = fallback
        self.topics: list[TopicDraft] = []

    def _new_topic(self, node: Node, subtitle: str = "") -> TopicDraft:
        title, sub = split_title(_topic_heading(node)) if node.title else (self.fallback, "")
        topic = TopicDraft(title or self.fallback, subtitle or sub)
        self.topics.append(topic)
        return topic

    def _section(self, node: Node, topic: TopicDraft, inherit: SectionKind | None) -> None:
        got = self.gathered[id(node)]
        if got.own:
            after = bool(topic.sections) and topic.sections[-1].kind is SectionKind.PROBLEMS
            heads = [p.head for p in got.own]
            # The root's title is the document's; a question asked (`在…中，如何…？`) names what it asks,
            # and a word counting the points (`对策` of `对策一：`) names what they are.
            counted = next((c for c in node.children if c.style == "word_num" and not c.heading), None)
            word = _COUNTED_BY.match(counted.raw.strip()) if counted is not None else None
            own_heading = (asked(node.title) or node.title) if node.style != "root" else ""
            own_heading = (
                word.group(0) if word and heading_kind(word.group(0)) is not SectionKind.OTHER else own_heading
            )
            kind = section_kind(
                KindCues(own_heading, inherit, after, heads, lead_in(node, got.own[0].line), topic.title)
            )
            own = drop_strays(got.own, kind)
            how = "heading" if node.title and node.style != "root" else "untitled"
            heading = "" if is_label_line(node.title) else _heading(node)  # `【正文】` heads no section
            topic.sections.append(SectionDraft(kind, heading or topic.title, own, how))

    def emit(self, node: Node, topic: TopicDraft | None, inherit: SectionKind | None, sub: str = "") -> None:
        role = node.role
        got = self.gathered.get(id(node), _Gathered())
        if role == "topic" or (topic is None and role in ("section", "group")):
            topic = self._new_topic(node, sub)
            inherit = None
        if role in ("topic", "section", "group") and topic is not None:
            self._section(node, topic, inherit if role != "topic" else None)
        if role == "group":
            kind = heading_kind(node.title)
            inherit = kind if kind is not SectionKind.OTHER else inherit
        for part in got.parts:
            if isinstance(part, SectionDraft):
                if topic is None:
                    topic = self._new_topic(node, sub)
                topic.sections.append(part)
            else:
                self.emit(part, topic, inherit)


def read_topics(root: Node, subtitle: str, fallback: str) -> list[TopicDraft]:
    """Topics in document order, each with its sections and their top-level points.

    A heading holding sections is a topic (and so are its same-style siblings); a heading holding
    points is a section; points directly under a topic form a section named after the topic.
    """
    gathered: dict[int, _Gathered] = {}
    _assign_roles(root, gathered)
    emitter = _Emitter(gathered, fallback)
    emitter.emit(root, None, None, subtitle)
    return emitter.topics
