"""Section vocabulary: which heading words mean which SectionKind, and what reads as a heading; no parsing."""

from __future__ import annotations

import re

from trainer.core.model import SectionKind
from trainer.parse.hant import hans
from trainer.parse.headwords import CALL_START, HEAD_ROWS
from trainer.parse.kindwords import (
    ALL_WORDS,
    COUNTED_OTHER,
    COUNTED_TASKS,
    DESCRIBING,
    HAVING,
    HEADING_SHAPES,
    KIND_RX,
    MODS,
    PRESENTING,
    QUESTION_KINDS,
    SPOKEN_MATTERS,
    TAIL_OK,
    WHAT_IS,
    WORD_KIND,
    names_study_method,
)
from trainer.parse.kindwords import COUNTS_WHAT_FOLLOWS as COUNTS_WHAT_FOLLOWS  # re-exported
from trainer.parse.kindwords import KIND_WORDS as KIND_WORDS  # re-exported for the modules that read it
from trainer.parse.kindwords import OTHER_WORDS as OTHER_WORDS
from trainer.parse.memo import per_document

# A practice-question label (问题1: / 第2题) names a question, not a problems section.
_LABEL = re.compile(
    r"^(?:问题|题目|试题|例题|材料|资料|案例|练习|附件|图|表)\s*[\d一二三四五六七八九十]+|^第[\d一二三四五六七八九十]+题"
)

_PUNCT_TAIL = "：:。，,；;！!？? "


# A heading asked as a question (`如何为基层减负？`): its question word names the kind, before any keyword.
_QUESTION = re.compile(r"^[^，。；：,;:!！?？]{2,24}[？?]$")
_QUESTION_WORD = re.compile(r"如何|怎样|怎么|怎么办|咋办|为什么|为何|为啥|何以|哪些|什么|何在|何处|何方|几个|在哪|哪里")


# The parts every document may have (`一、引言`, `五、结论`, a bare `总结` line; a survey report's `调查背景与目的`,
# `调查结果与分析`): a numbered item so named is a part of the document, never a point, and so are its siblings;
# a line so named never sits inside another part. A new part is an alternative here.
DOCUMENT_PART = re.compile(
    r"^(?:引言|前言|导言|绪论|序言|问题的提出|文献综述|研究方法|结论|结语|结束语|小结|总结|概述|参考文献|附录|(?:调查|调研|研究)"
    r"(?:背景|目的|方法|对象|范围|过程|结果|发现)(?:[与和及、](?:目的|方法|对象|范围|过程|结果|发现|分析))?)$"
)


# `政府层面`, `从企业角度来看`: a heading that names who or which side the points under it concern.
_FACET = re.compile(r"^(?:从|在|就)?[\u4e00-\u9fff]{1,8}(?:层面|方面|角度|维度|视角|领域|因素)(?:来看|而言|来说|看)?$")


# `扎实推进…传承发展`: a heading that is a call to act; after a problems section it holds the measures.
_ACTION = re.compile(
    r"^(?:[一二三四五六七八九十]+要|要|应|必须|需要|坚持)?(?:扎实|着力|大力|全面|持续|加快|进一步|切实|积极|深入|多措并举)*"
    r"(?:推进|推动|加强|完善|健全|深化|构建|提升|强化|优化|破解|打造|建立|创新|促进|落实|补齐|激发|夯实)"
)


def action_kind(title: str) -> SectionKind:
    """COUNTERMEASURES for a heading that calls to act (`扎实推进…`, `加快构建…`), else OTHER.

    Only meaningful after a problems section: on its own such a heading may name a topic.
    """
    title = hans(title)
    return SectionKind.COUNTERMEASURES if _ACTION.match(title.strip()) else SectionKind.OTHER


def is_facet_heading(title: str) -> bool:
    """True for a heading that names a side or level (`政府层面`, `从企业角度来看`), not a point."""
    title = hans(title)
    return bool(_FACET.match(title.strip().rstrip("：: ")))


# `那么，怎么办？`: a connective before a question heading is no part of it.
_QUESTION_LEAD = re.compile(r"^(?:那么|那|所以|因此|于是|既然如此|问题来了|接下来)\s*[，,：:]?\s*")


@per_document
def is_question_heading(title: str) -> bool:
    """True for a short heading asked as a question (`基层负担为何屡减不轻？`, `那么，怎么办？`); not a
    rhetorical `…吗？`."""
    title = hans(title)
    text = _QUESTION_LEAD.sub("", title.strip())
    asked = text.rstrip("？?")
    if not _QUESTION.match(text) or (asked[-1:] in "吗呢吧啊么" and not asked.endswith(("什么", "怎么"))):
        return False
    return bool(_QUESTION_WORD.search(text))


def describes_subject(title: str) -> bool:
    """True for a heading made of section words that describes its subject (`隐患的定义与分类`,
    `基本内涵`): kind other, never inherited from the heading above it."""
    text = hans(title).strip()
    text = _LEAD_TAIL.sub("", text.rstrip(_PUNCT_TAIL))  # `数字政府建设的目标主要有：`
    short = len(text) <= SHORT_DESCRIBING and not re.search(r"[，。；！？,.;!?]", text)
    if short and WHAT_IS.search(text) and heading_kind(text) is SectionKind.OTHER:
        return True  # `什么是应急管理强基工程？`: asks what a thing is, a definition
    return short and text.endswith(DESCRIBING) and heading_kind(text) is SectionKind.OTHER


SHORT_DESCRIBING = 16


@per_document
def heading_kind(title: str) -> SectionKind:
    """The kind a heading names; OTHER when it names none (or is a question label)."""
    title = hans(title)
    text = title.strip()
    if _LABEL.match(text) or names_study_method(text):
        return SectionKind.OTHER
    if is_question_heading(text):
        for kind, rx in QUESTION_KINDS:
            if rx.search(text):
                return kind
    if KIND_RX.search(text) is None:
        return next((kind for kind, rx in HEADING_SHAPES if rx.search(text)), SectionKind.OTHER)
    for clause in _CLAUSE_SPLIT.split(text):
        m = KIND_RX.search(clause)
        if m is None:
            continue
        if _ACTS_ON.match(clause.strip()) and "的" not in clause[: m.start()]:
            # `发挥基层党组织作用`, `多措并举，破解难题`: the kind word is acted on in the clause naming
            # it; in `应对…的战略抉择` it is the head noun after 的, and names the kind.
            return SectionKind.COUNTERMEASURES
        break
    # `取得的成效和存在的问题`: of phrases joined, the first naming a kind decides, or JOINED_KINDS' row.
    parts = [part for part in _JOINED.split(text) if not names_study_method(part)]
    named = [kind for kind in map(_noun_kind, parts) if kind is not None]
    return JOINED_KINDS.get(frozenset(named[:2])) or (named[0] if named else SectionKind.OTHER)


_JOINED = re.compile(r"以及|[和与及、]")
# Two kinds named together whose section holds one: `主要做法及成效` lists what a work report achieved
# (five of six such sections in tests/realdocs are annotated achievements). A pair is a row.
JOINED_KINDS: dict[frozenset[SectionKind], SectionKind] = {
    frozenset({SectionKind.COUNTERMEASURES, SectionKind.ACHIEVEMENTS}): SectionKind.ACHIEVEMENTS,
}


def _noun_kind(phrase: str) -> SectionKind | None:
    """The kind a noun phrase names by its head noun, the words after its last 的 (`隐患整改的现实意义`);
    a kind word only before that 的 names what it is about (`问题的提出`, `隐患的定义`): None."""
    m = KIND_RX.search(phrase)
    if m is None:
        return None
    tail = phrase.rfind("的", m.end())
    if tail >= 0 and phrase[tail + 1 :] in PRESENTING:
        tail = phrase.rfind("的", m.end(), tail)  # `现状与主要问题的呈现`: what is presented is the head
    if tail >= 0 and tail + 1 < len(phrase):
        after = KIND_RX.search(phrase, tail + 1)
        return WORD_KIND[after.group(0)] if after else None
    *_, last = KIND_RX.finditer(phrase)
    return WORD_KIND[last.group(0)]  # `整改成效`: the last noun of a compound is its head


# A heading that opens with a verb acting on what its kind word names: the kind word is the object.
_ACTS_ON = re.compile(
    r"^(?:[一二三四五六七八九十]+要|要|应|须|必须|着力|切实|充分|更好|进一步)?(?:正确|妥善|有效|积极|全面|大力)?"
    r"(?:发挥|解决|破解|补齐|补足|补强|应对|克服|化解|消除|攻克|突破|弥补|提升|激发|释放|用好|堵住|打通|疏通|破除"
    # a call to act on what the kind word names (`强化安全隐患整改`, `加强问题整改`)
    r"|加强|强化|推进|推动|深化|抓好|做好|落实|排查|整治|治理|防范|防止|避免|杜绝|根治|扭转|改善|减少|降低|处理|调处"
    # aiming at it (`聚焦痛点堵点`, `坚持问题导向`, `以问题为导向`, `补短板、强弱项`)
    r"|聚焦|针对|围绕|坚持|着眼|补(?=短板|弱项)|强(?=弱项)|以[^，,；;]{1,8}为导向)"
)


# A line that is only a lead-in word (`例如：`, `具体如下：`): the sentence goes on in the lines below.
_LEAD_WORDS = re.compile(r"^(?:例如|比如|譬如|诸如|具体如下|如下|具体来说|具体而言|主要有|主要包括|包括)[：:]?$")


def is_lead_word(text: str) -> bool:
    """True for a line that only says `例如：` (or another lead-in word): it heads nothing."""
    return bool(_LEAD_WORDS.match(text.strip()))


def is_label(title: str) -> bool:
    """True for a label and its number: a practice question (问题1, 第2题), a material, a figure or an annex (`图 3`)."""
    title = hans(title)
    return bool(_LABEL.match(title.strip()))


def _strip_tail(text: str, words: tuple[str, ...]) -> tuple[str, bool]:
    for w in words:
        if text.endswith(w):
            return text[: -len(w)], True
    return text, False


@per_document
def is_heading_phrase(title: str) -> bool:
    """True when a short title is made of section vocabulary (存在问题, 对策措施, 规范执法的意义).

    Strict on purpose: `人才总量不足` or `完善政策措施` end with a keyword but are points.
    """
    title = hans(title)
    if is_question_heading(title):
        return True
    text = title.strip().rstrip(_PUNCT_TAIL)
    if not text or len(text) > 24:
        return False
    if is_label(text):
        return True
    text, found = _strip_tail(text, ALL_WORDS)
    if not found:
        return False
    while text:
        text, hit = _strip_tail(text, ALL_WORDS)
        if hit:
            continue
        if text.endswith(TAIL_OK):
            # `…所取得的成效`, `规范执法的意义`: whatever precedes names the subject.
            return True
        text, hit = _strip_tail(text, MODS)
        if not hit:
            return False
    return True


_LEAD_CUE = re.compile(
    r"以下|如下|下列|几个?方面|[两二三四五六七八九十几]个?方面|几点|[两二三四五六七八九十]点"
    r"|主要(?:表现|体现)|具体(?:表现|体现|而言|来说|包括)"
)
_PROBLEM_CUE = re.compile(r"不[够强高足畅全成平充规健到完]|欠缺|缺乏|有待|滞后|薄弱|困难|障碍|风险|短缺|难以")
_MEASURE_CUE = re.compile(
    r"着手|入手|注意|提醒|牢记|切记|谨记|(?:应|可|要|应该|应当|需要|必须|须)(?:从|在)|做起|创造条件|发力|用力|下功夫|下力气"
    # `为此，我们要做到以下几点`, `下一步，将重点抓好以下工作`: what is to be done
    r"|(?:要|应|应当|应该|需要|必须|须|将|需)(?:重点|着力|切实|努力)?(?:做到|做好|抓好|把握|坚持|采取|推进)|^下一步|^今后"
)
_BOTH = re.compile(r"[^，。；：]{0,3}以及[^，。；：]{0,8}")  # `途径以及挑战：` two lists (`问题和对策：` may be one)


def lead_kind(lead: str) -> SectionKind | None:
    """The kind of a prose lead that opens a list (`…主要表现在以下两方面：`), or None if it is no lead.

    Unlike a heading, a lead is judged by its last kind word: `针对上述问题，提出以下对策` is
    about countermeasures.
    """
    lead = hans(lead)
    cue = bool(_LEAD_CUE.search(lead))
    hits = _kind_hits(lead)
    if hits:
        # The word nearest the colon names what the list holds: `以上举措…存在着一些问题，主要表现在`;
        # unless it is what the list sets out to solve (`要解决这些问题，需从以下几方面入手`).
        solved = [m.end() for m in _SOLVE_OBJECT.finditer(lead)]
        if hits[-1].end() in solved:
            return SectionKind.COUNTERMEASURES
        kinds = [WORD_KIND[h.group(0)] for h in hits]
        if len(hits) >= 2 and kinds[-2] is not kinds[-1] and _BOTH.fullmatch(lead[hits[-2].end() : hits[-1].start()]):
            return kinds[-2]  # `探讨…的新途径以及面临的挑战：` names two lists, the first of them first
        if hits[-1].group(0) in ("原因", "成因") and SectionKind.SIGNIFICANCE in kinds:
            return SectionKind.SIGNIFICANCE  # `…意义重大，主要原因如下：` gives the reasons it matters
        return kinds[-1]
    if cue and _MEASURE_CUE.search(lead):
        return SectionKind.COUNTERMEASURES
    if cue and _PROBLEM_CUE.search(lead):
        return SectionKind.PROBLEMS
    return SectionKind.OTHER if cue else None


@per_document
def head_kind(head: str) -> SectionKind:
    """The kind one head names by itself (see `heads_kind`), OTHER when it names none."""
    return _head_vote(head)


def _head_vote(head: str) -> SectionKind:
    clause = hans(head).rstrip("。；！？ ")
    kind = _row_kind(clause)
    return kind if kind is not SectionKind.OTHER else heading_kind(clause)


def heads_kind(heads: list[str]) -> SectionKind:
    """The kind most heads of a list point to (more than half of them, at least two), else OTHER."""
    votes: dict[SectionKind, int] = {}
    for head in heads:
        kind = head_kind(head)
        votes[kind] = votes.get(kind, 0) + 1
    best = max(votes, key=lambda k: votes[k], default=SectionKind.OTHER)
    count = votes.get(best, 0)
    return best if count >= 2 and 2 * count > len(heads) else SectionKind.OTHER


def unanimous_kind(heads: list[str]) -> SectionKind:
    """The kind every head (two or more) reads as by its own words (HEAD_ROWS, no kind word of a
    heading), else OTHER: paragraphs of prose that each call to act are measures."""
    kinds = {_row_kind(hans(h).rstrip("。；！？ ")) for h in heads}
    return kinds.pop() if len(heads) >= 2 and len(kinds) == 1 else SectionKind.OTHER


@per_document
def _row_kind(clause: str) -> SectionKind:
    return next((kind for kind, rx in HEAD_ROWS if rx.search(clause)), SectionKind.OTHER)


# A sentence that sets out to solve something (`这就需要…共同发力，改善…的问题`): what follows are the
# measures, whatever kind word it names as the thing to solve.
_SOLVE_OBJECT = re.compile(
    # 治理 and 整治 are nouns too (社区治理存在以下问题): a verb of having between them and the problem
    # word makes the problem that verb's object, not the thing solved.
    r"(?:解决|改善|破解|化解|缓解|应对|治理|整治|克服|攻克|根治|扭转|针对)(?!的)"
    r"(?:(?!存在|出现|面临|暴露|遇到|还有|仍有|尚有)[^，。；！？：]){0,20}?"
    r"(?:问题|困境|难题|短板|痛点|堵点|挑战|瓶颈|困难)"
)
_SOLVING = re.compile(r"^(?:这就|这|对此|为此|因此|所以)?(?:需要|必须|应当|应该|亟需|亟待)|" + _SOLVE_OBJECT.pattern)


def _kind_hits(text: str, start: int = 0) -> list[re.Match[str]]:
    """The kind words of a sentence, without 表现 used as a verb (`成效主要表现在`, `具体表现为`) and the
    matters a speaker counts (`我讲四个方面的问题`)."""
    spoken = {m.end() for m in SPOKEN_MATTERS.finditer(text)}
    return [
        m
        for m in KIND_RX.finditer(text, start)
        if not (m.group(0) == "表现" and text[m.end() : m.end() + 1] in "在为出得") and m.end() not in spoken
    ]


# `从中挑出16大申论热点`, `存在三大问题`, `提出五项措施`: a count names what a list holds.
_COUNTED = re.compile(
    r"(?:\d{1,2}|[两二三四五六七八九十几]{1,3})(?:大|个|项|条|类|种|点)(?:方面的?)?([\u4e00-\u9fff]{1,8})"
)
_ANY_WORD = re.compile("|".join((*ALL_WORDS, *COUNTED_OTHER)))


def counted_kind(text: str) -> SectionKind | None:
    """The kind a counted noun in the last sentence names (`…16大申论热点，呈现给大家。`: OTHER), or
    None when the sentence counts nothing the vocabulary knows."""
    text = hans(text)
    body = text.rstrip(" 。！？；：!?;:")
    start = max(body.rfind(c) for c in "。！？!?") + 1
    found: SectionKind | None = None
    spoken = {m.end() for m in SPOKEN_MATTERS.finditer(body)}
    for m in _COUNTED.finditer(body, start):
        # `几点对心得体会的看法`: the noun after the last 的 is what is counted.
        noun = m.group(1)[m.group(1).rfind("的") + 1 :]
        words = _ANY_WORD.findall(noun)
        if words and m.end() not in spoken:
            found = None if words[-1] in COUNTED_TASKS else WORD_KIND.get(words[-1], SectionKind.OTHER)
    return found


def sentence_kind(text: str) -> SectionKind:
    """The kind the last sentence of a paragraph names: COUNTERMEASURES when it sets out to solve
    something (`…改善当前乡村留守老人的问题。`), else by its last kind word (`…困难和问题还不少。`)."""
    text = hans(text)
    body = text.rstrip(" 。！？；：!?;:")
    start = max(body.rfind(c) for c in "。！？!?") + 1
    if _SOLVING.search(body[start:]):
        return SectionKind.COUNTERMEASURES
    hits = _kind_hits(body, start)
    clause = max((m.end() for m in _CLAUSE_SPLIT.finditer(body, start)), default=start)
    acted = body[clause : hits[-1].start()] if hits and hits[-1].start() >= clause else ""
    if acted and CALL_START.match(acted) and not HAVING.search(acted):
        # `…，促进基层党组织作用更好发挥`: the kind word is what the measures act on (not in
        # `推进改革仍面临不少困难`, where it is what the subject has).
        return SectionKind.COUNTERMEASURES
    return WORD_KIND[hits[-1].group(0)] if hits else SectionKind.OTHER


# Words that open a clause of a lead without naming anything (`但同时也存在着一些问题`).
_CONNECTIVE = re.compile(
    r"^(?:针对上述问题|针对这些问题|同时也要看到|但同时也|但同时|但也|但是|但|然而|同时也|同时|而且|并且|此外|另外"
    r"|目前|当前|现阶段|近年来|近些年|近几年|其中|对此|为此|因此|据此|总体而言|总体来看|具体而言|也)"
)
# A clause that only sets the scene (`随着人口老龄化加快`): never the heading phrase.
_OPENER = re.compile(r"^(?:随着|伴随着?|按照|根据|依据)")
_CLAUSE_SPLIT = re.compile(r"[，,；;]")
SHORT_KIND_CLAUSE = 12


def heading_phrase(lead: str) -> str:
    """The heading phrase of a prose lead, for a card's header: the lead without its cue clause
    (`…，可重点从以下三方面着手`) and connectives, the clause naming the kind when that is short
    (`存在着一些问题`), else the first clause that says something (`完善数据平台和处理流程`)."""
    clauses = [c.strip() for c in _CLAUSE_SPLIT.split(lead) if c.strip()]
    while len(clauses) > 1 and _LEAD_CUE.search(clauses[-1]):
        clauses.pop()
    if len(clauses) == 1 and _LEAD_CUE.search(clauses[0]):
        clauses = []
    body = [_CONNECTIVE.sub("", c).strip() for c in clauses]
    body = [c for c in body if len(c) >= 2 and not _OPENER.match(c)]
    if not body:
        hits = list(KIND_RX.finditer(lead))
        return hits[-1].group(0) if hits else lead
    # A clause that names a kind (`存在着一些问题`), not one that acts on it (`转变其设置思路`).
    kinded = [c for c in body if KIND_RX.search(c) and not CALL_START.search(c)]
    if kinded and len(kinded[-1]) <= SHORT_KIND_CLAUSE:
        return _LEAD_TAIL.sub("", kinded[-1]) or kinded[-1]
    return _LEAD_TAIL.sub("", body[0]) or body[0]


# `一些解决思路包括`: the words that announce what follows are no part of the heading phrase.
_LEAD_TAIL = re.compile(r"(?:主要|具体|大致|一般)?(?:包括|有|如下|是)$")
