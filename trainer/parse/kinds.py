"""A section's kind by meaning: which cue decides when its heading names none; no parsing, no text clean-up."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from trainer.core.model import SectionKind
from trainer.parse.vocab import (
    KIND_WORDS,
    action_kind,
    heading_kind,
    heads_kind,
    is_question_heading,
    lead_kind,
    sentence_kind,
)


@dataclass(frozen=True, slots=True)
class KindCues:
    """What a section says about its kind, from its own heading outwards.

    heading: its own heading ("" when it has none); inherited: the kind of a heading above it that
    names one (`二、存在问题` over `（一）政府层面`); after_problems: it follows a problems section in
    its topic; heads: its points' heads; lead: the paragraph right before its first point (the
    lead-in sentence); topic: the title of its topic (or of the document).
    """

    heading: str = ""
    inherited: SectionKind | None = None
    after_problems: bool = False
    heads: list[str] = field(default_factory=list)
    lead: str = ""
    topic: str = ""


_COLON_END = re.compile(r"[：:]\s*$")


def _own_heading(c: KindCues) -> SectionKind:
    return heading_kind(c.heading) if c.heading else SectionKind.OTHER


def _inherited(c: KindCues) -> SectionKind:
    return c.inherited or SectionKind.OTHER


def _call_after_problems(c: KindCues) -> SectionKind:
    return action_kind(c.heading) if c.after_problems and c.heading else SectionKind.OTHER


def _announcing_lead(c: KindCues) -> SectionKind:
    """A lead-in that announces the list (`…主要表现在以下几个方面：`) says what it holds, before any
    guess from the heads."""
    last = c.lead.rstrip()
    if not _COLON_END.search(last):
        return SectionKind.OTHER
    start = max(last.rfind(ch, 0, len(last) - 1) for ch in "。！？；") + 1
    return lead_kind(last[start:]) or SectionKind.OTHER


def _heads(c: KindCues) -> SectionKind:
    return heads_kind(c.heads)


def _lead_sentence(c: KindCues) -> SectionKind:
    return sentence_kind(c.lead) if c.lead else SectionKind.OTHER


def _topic_title(c: KindCues) -> SectionKind:
    """The topic's title, when it names exactly one kind (`大学生就业难如何缓解`, `…的重要意义`); a
    title naming two (`…存在的问题与对策`) says nothing of one section."""
    title = c.topic.strip()
    if not title:
        return SectionKind.OTHER
    if is_question_heading(title + ("" if title.endswith(("？", "?")) else "？")):
        kind = heading_kind(title if title.endswith(("？", "?")) else title + "？")
        if kind is not SectionKind.OTHER:
            return kind
    kinds: set[SectionKind] = set()
    for part in reversed(_CONJUNCTION.split(_TITLE_STUDY.sub("", title))):
        end = _ENDS_KIND.search(part)
        if end is None:
            break
        kinds.add(heading_kind(end.group(0)))
        if len(part) > SHORT_PART:
            break  # `…文化产业存在的问题`: the subject and its kind word; what comes before is the subject
    return kinds.pop() if len(kinds) == 1 else SectionKind.OTHER


# A title names kinds with its closing words (`…存在的问题与对策`, `…的重要意义研究`); a kind word in
# its middle (`社会问题四大要素`) names its subject.
_TITLE_STUDY = re.compile(r"(?:的|之)?(?:研究|分析|探析|探讨|浅析|浅谈|思考|初探|报告|综述)$")
_CONJUNCTION = re.compile(r"以及|[与和及、]")
_ENDS_KIND = re.compile(rf"(?:{'|'.join(sorted(KIND_WORDS, key=len, reverse=True))})$")
SHORT_PART = 8


# The cues in the order they decide: the first that names a kind wins. A new cue is a row here.
RULES: tuple[Callable[[KindCues], SectionKind], ...] = (
    _own_heading,
    _inherited,
    _call_after_problems,
    _announcing_lead,
    _heads,
    _lead_sentence,
    _topic_title,
)


def section_kind(cues: KindCues) -> SectionKind:
    """The kind of a section: the first of RULES that names one, else OTHER."""
    for rule in RULES:
        kind = rule(cues)
        if kind is not SectionKind.OTHER:
            return kind
    return SectionKind.OTHER
