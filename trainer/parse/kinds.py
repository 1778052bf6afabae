"""A section's kind by meaning: which cue decides when its heading names none; no parsing, no text clean-up."""

# The cues are hand-written rows (vocabulary of kind words, lead-ins, head votes, the topic's title) and,
# last, a learned one (`_learned`: a small model of character n-grams; its docstring says what it was
# trained on and its leave-one-part-out figures).

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from trainer.core.model import SectionKind
from trainer.parse import kindmodel
from trainer.parse.hant import hans
from trainer.parse.headwords import BENEFIT, REPORTED, TRAIT
from trainer.parse.kindwords import AHEAD, DESCRIBING, DIRECTED, HEADING_SHAPES, KIND_RX, RESULT_WORDS
from trainer.parse.vocab import (
    KIND_WORDS,
    OTHER_WORDS,
    action_kind,
    counted_kind,
    describes_subject,
    head_kind,
    heading_kind,
    heads_kind,
    is_facet_heading,
    is_question_heading,
    lead_kind,
    names_study_method,
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


def _trait_heads(c: KindCues) -> SectionKind | None:
    """Heads that name traits, types or areas (`活态传承性`, `“算法调度”型就业`, `建筑施工领域`) describe
    their subject: OTHER, under a heading naming no kind or a describing word beside one (`核心价值与特征`)."""
    heading = hans(c.heading)
    if heading and heading_kind(heading) is not SectionKind.OTHER and not any(w in heading for w in DESCRIBING):
        return None
    if not c.heading and _announcing_lead(c) is not None:
        return None  # `主要存在以下问题：` over `针对性`, `系统性`: the lead names what they are
    heads = [hans(h).strip().rstrip("。；") for h in c.heads]
    traits = sum((bool(TRAIT.match(h)) or is_facet_heading(h)) and head_kind(h) is SectionKind.OTHER for h in heads)
    return SectionKind.OTHER if traits >= 2 and 2 * traits > len(heads) else None


# A heading its first sentence was glued to after a space (`2023年工作回顾 2023年是…开局之年`): the heading is
# the phrase before the space.
_GLUED_TEXT = re.compile(r"^(\S{2,20}) +\S{10,}")


def _own_heading(c: KindCues) -> SectionKind | None:
    if not c.heading:
        return None
    glued = _GLUED_TEXT.match(c.heading.strip())
    kind = heading_kind(glued.group(1) if glued else c.heading)
    if kind is SectionKind.OTHER and _ASKS.match(c.heading.strip()):
        kind = heading_kind(c.heading.strip().rstrip("：:。") + "？")  # `为什么要做工作总结` asks without its ？
    return _named(kind)


def _benefit_heading(c: KindCues) -> SectionKind | None:
    """A heading that says what its subject is good for (`壮大县域经济是实现发展目标的重要动力`, `…有利于…`)
    names no kind word, but the list under it gives the reasons: significance."""
    return SectionKind.SIGNIFICANCE if c.heading and BENEFIT.search(hans(c.heading).strip().rstrip("：:。")) else None


def _glued_heading(c: KindCues) -> SectionKind | None:
    """A numbered heading glued to the end of the lead-in on one line (`…工作计划 一、2019年工作小结`), the
    list right after it: its kind, before any other reading of the lead."""
    m = _GLUED.search(hans(c.lead).rstrip())
    return _named(heading_kind(m.group(1))) if m else None


_GLUED = re.compile(r"(?:^|\s)[一二三四五六七八九十]{1,2}[、.．]\s*([^，。；：:！？\s]{2,20})[：:]?$")
_ASKS = re.compile(r"^(?:为什么|为何|为啥|如何|怎样|怎么)")


def _inherited(c: KindCues) -> SectionKind | None:
    if c.heading and describes_subject(c.heading):
        return SectionKind.OTHER  # `（一）隐患的定义与分类` under `一、…的重要性`: it describes, whatever is above
    return c.inherited


def _call_after_problems(c: KindCues) -> SectionKind | None:
    return _named(action_kind(c.heading)) if c.after_problems and c.heading else None


def _call_heading(c: KindCues) -> SectionKind | None:
    """A heading that calls to act (`推进事项管理突破，实现政务服务智能办`) over heads that name no kind
    (`事项目录统一下沉`): the points are the ways it is done."""
    return _named(action_kind(c.heading)) if c.heading else None


def _announcing_lead(c: KindCues) -> SectionKind | None:
    """A lead-in that announces the list (`…主要表现在以下几个方面：`) says what it holds, before any
    guess from the heads."""
    last = c.lead.rstrip()
    if not _COLON_END.search(last):
        return None
    start = max(last.rfind(ch, 0, len(last) - 1) for ch in "。！？；") + 1
    kind = lead_kind(last[start:])
    return _named(kind) if kind is not None else None


def _describing_lead(c: KindCues) -> SectionKind | None:
    """A lead-in that announces what its subject is like (`…有着不少自身的特点：`, `其主要特征如下：`): the
    list describes, OTHER, whatever its heads' words (`福利性与经营性相结合` is a trait, not a measure)."""
    last = hans(c.lead).rstrip()
    if not _COLON_END.search(last):
        return None
    clause = _last_clause(last.rstrip("：: "))
    return SectionKind.OTHER if _DESCRIBED.search(clause) and not _kind_words(clause) else None


_DESCRIBED = re.compile(rf"(?:{'|'.join(DESCRIBING)})(?:如下|有|包括|主要有|体现在)?(?:以下|下面)?(?:几点|几个方面)?$")


def _question_heads(c: KindCues) -> SectionKind | None:
    """Heads asked as questions (`岗位供需失衡如何缓解？`) name their kind by their question words."""
    marked = [h if h.endswith(("？", "?")) else h + "？" for h in c.heads]
    asked = [heading_kind(h) for h in marked if is_question_heading(h)]
    asked = [k for k in asked if k is not SectionKind.OTHER]
    if len(asked) < 2 or 2 * len(asked) <= len(c.heads):
        return None
    return max(asked, key=asked.count)  # a tie goes to the kind asked first (a set's order is the hash seed's)


def _counted_lead(c: KindCues) -> SectionKind | None:
    """A lead-in that counts what follows (`…挑出2016年热度最高的16大申论热点，呈现给大家。`) names
    it, before any guess from the heads; a count of topics or quotations decides OTHER."""
    return counted_kind(c.lead) if c.lead else None


def _heads(c: KindCues) -> SectionKind | None:
    return _named(heads_kind(c.heads))


# A heading looking ahead (`展望2024年，我们将…`, `下一步工作打算`): what will be done, the plans.
_LOOKS_AHEAD = re.compile(r"^(?:展望|下一步|下步|今后|下阶段|新的一年)")


def _ahead_heading(c: KindCues) -> SectionKind | None:
    """A heading that opens looking ahead names plans: what is to be done, whatever the heads' words."""
    return SectionKind.COUNTERMEASURES if _LOOKS_AHEAD.match(hans(c.heading).strip()) else None


def _asking_title(c: KindCues) -> SectionKind | None:
    """A section with no heading under a title that asks for one kind (`…的意义是什么？`, `…怎么办？`): the
    list answers it, whatever its heads' verbs (`促进社会和谐与文化建设` is a benefit asked for); heads stating
    what is found or done (problems, achievements) say what they are themselves."""
    asked = None if c.heading else _asked(_title(c))
    voted = heads_kind(c.heads)  # findings (`养老服务供给不足`) under `如何破解…？` are still the problems
    return asked if voted in (SectionKind.COUNTERMEASURES, SectionKind.OTHER) else None


def _directed_lead(c: KindCues) -> SectionKind | None:
    """A lead-in ending on what a meeting or a leader requires (`会议要求，`, `他强调：`): what follows is to
    be done, whatever its heads' words."""
    clause = _last_clause(hans(c.lead).rstrip().rstrip("，,：:"))
    return SectionKind.COUNTERMEASURES if c.lead and DIRECTED.search(clause) else None


def _lead_sentence(c: KindCues) -> SectionKind | None:
    """The last clause of the lead-in, the one that leads into the list (`…主要有以下几个问题。`); an
    opening paragraph's earlier clauses (`…探索振兴路径，农业基础更加稳固。`) name nothing of the list."""
    return _named(sentence_kind(_last_clause(c.lead))) if c.lead else None


_SENTENCE_END = re.compile(r"[。！？!?，,；;]")


def _last_clause(text: str) -> str:
    body = text.rstrip().rstrip("。！？!?")
    return body[max((m.end() for m in _SENTENCE_END.finditer(body)), default=0) :]


def _named(kind: SectionKind) -> SectionKind | None:
    """A vocabulary answer as a rule's: OTHER there means the text names no kind, so nothing to say."""
    return None if kind is SectionKind.OTHER else kind


# A title's closing remark in brackets (`节约粮食的重要性（节约粮食的意义）`, `…对策（范文）`): the title ends before it.
_AFTERWORD = re.compile(r"[（(][^（）()]{1,20}[）)]$")


def _title(c: KindCues) -> str:
    """The topic's title without a closing remark in brackets."""
    return _AFTERWORD.sub("", hans(c.topic.strip())).rstrip()


def _asked(title: str) -> SectionKind | None:
    """The kind a title asked as a question names (`…的意义是什么`, its mark there or not), or None."""
    asked = title if title.endswith(("？", "?")) else title + "？"
    return _named(heading_kind(asked)) if len(title) >= 2 and is_question_heading(asked) else None


def _topic_title(c: KindCues) -> SectionKind | None:
    """The topic's title, when it names exactly one kind (`大学生就业难如何缓解`, `…的重要意义`); a
    title naming two (`…存在的问题与对策`) says nothing of one section."""
    title = _title(c)
    if not title or names_study_method(title):
        return None
    shaped = next((kind for kind, rx in HEADING_SHAPES if rx.search(title)), None)
    if shaped is not None:
        return shaped  # `关于安全生产年终总结`: a period's work reviewed, as a heading of that shape says
    if (kind := _asked(title)) is not None:
        return kind
    kinds: set[SectionKind] = set()
    parts = list(reversed(_CONJUNCTION.split(_TITLE_STUDY.sub("", title))))
    for i, part in enumerate(parts):
        end = _ENDS_KIND.search(part)
        if end is None:
            # `…2015年工作总结和2016年工作安排`: a summary beside the plans names no one kind.
            return None if _ENDS_OTHER.search(part) else _one(kinds)
        kinds.add(heading_kind(end.group(0)))
        if len(part) > SHORT_PART:
            # `…文化产业存在的问题`: the subject and its kind word; what comes before is the subject,
            # unless it names a part of its own.
            before = parts[i + 1] if i + 1 < len(parts) else ""
            return None if _ENDS_OTHER.search(before) else _one(kinds)
    return _one(kinds)


def _results_title(c: KindCues) -> SectionKind | None:
    """A title naming results (`乡镇工作总结亮点`, `…工作成效`) reads the headings and heads below it that
    call to act (`推动经济发展`, `扶持新兴产业`) as what was done: achievements. Not a title naming
    `经验`, which are also practices to copy (`…改革经验`), nor one naming significance (`加强组织领导`
    under `…的重要意义` is still a measure): there the heads decide."""
    if _topic_title(c) is not SectionKind.ACHIEVEMENTS:
        return None
    named = KIND_RX.findall(hans(c.topic))
    return SectionKind.ACHIEVEMENTS if named and named[-1] in RESULT_WORDS else None


def _reported_lead(c: KindCues) -> SectionKind | None:
    """A lead-in whose last sentence reports what the writer's side did over a period (`这一年，我们苦干实干，
    让振兴底盘更稳。`, `一年来，我们的工作涵盖五个方面：`): the list after it is that work, done."""
    lead = hans(c.lead).strip().rstrip("。！？!?：:")
    sentence = lead[max(lead.rfind(ch) for ch in "。！？；") + 1 :].strip()
    if not REPORTED.search(sentence) or _RESULTS_NOT.search(sentence) or AHEAD.search(sentence):
        return None
    return SectionKind.ACHIEVEMENTS


def _results_lead(c: KindCues) -> SectionKind | None:
    """A lead-in whose last sentence says results were had (`…工作体系初步建立，取得了一定成效。`,
    `这一次的抢险救援有了明显进步。`) reads the list after it as those results, even where its heads call
    to act (`一是建立健全组织机构`): what was done, reported. Not `经验` (also a practice to copy)."""
    lead = hans(c.lead).rstrip().rstrip("。！？!?")
    clause = _last_clause(lead)
    if not clause or _RESULTS_NOT.search(lead[max(lead.rfind(ch) for ch in "。！？；") + 1 :]):
        return None
    named = _kind_words(clause)
    return SectionKind.ACHIEVEMENTS if (named and named[-1] in RESULT_WORDS) or _GAINED.search(clause) else None


# `有了明显进步`, `取得长足进展`: results had, named by no kind word; a clause that aims at them or asks
# for more (`为取得更大成效`, `要…`) or has them still to come is no report.
_GAINED = re.compile(r"(?:有了|取得了?|实现了)[\u4e00-\u9fff]{0,4}(?:进步|进展|突破|改善|提升|提高|好转)$")
_RESULTS_NOT = re.compile(
    r"为了?(?:取得|实现|确保|进一步)|着力|致力|努力|旨在|以期|(?<![重主必需只想纲首摘])要(?![求素点害紧闻事件务])|应(?![急用])|需要|必须|力争|争取|如何|怎样"
)


def _kind_words(text: str) -> list[str]:
    return KIND_RX.findall(text)


def _learned(c: KindCues) -> SectionKind | None:
    """What a model trained on annotated sections reads in the heading and heads, when nothing above
    named a kind and the model is sure (`严把谈心谈话关`… → countermeasures, `…比较重视`… → achievements).

    The model (`kindmodel`, its weights in `kindmodel_table`) is multinomial naive Bayes over character
    n-grams of the heading and the heads, trained on the sections of tests/realdocs (every part developed
    on, not the blind one: `benchmarks.outline.BLIND_PARTS`) and tests/corpus (weighed double) whose
    heading names no kind: the ones this cue is asked about. Its place and settings were chosen
    leave-one-part-out by `python -m benchmarks.kindmodel` (each part scored with a model trained without
    it): 0.883 by the rules alone, 0.903 with the cue over fifteen parts; blind, dev15 0.758 -> 0.796,
    dev16 0.787 -> 0.806, dev17 0.816 unchanged (session 14). Earlier in RULES, or deciding with less
    certainty, it scored lower: it decides only with probability >= LEARNED_MIN.
    """
    kind, p = kindmodel.model().predict(c.heading, c.heads, c.topic)
    return _named(kind) if p >= LEARNED_MIN else None


LEARNED_MIN = 0.95


def _read_lead(c: KindCues) -> SectionKind | None:
    """What a second model reads in the lead-in, the heading, the heads and the topic's title, when no rule
    above decided and the model is sure (`城市交通拥堵是由多种因素引起的。` over `路网先天不足`… → problems;
    `背景分析` over `自然气候背景`, `社会经济背景`… → other: it may decide OTHER).

    The model (`kindmodel.lead_model`, its weights in `kindlead_table`) is softmax regression over character
    n-grams (the mean of five fits in different orders, so that a few more pages move it little), trained
    on the sections the builder makes of every developed part of tests/realdocs and of tests/corpus (weighed
    double), labelled by the annotated kind of their matched points, with both learned cues set aside (so
    the table does not depend on itself). Its place and its threshold were chosen on the
    three parts last scored blind, each read with the builder as it was while blind and the model trained
    without that part (session 15): kind accuracy over their 519 matched points 0.796 -> 0.827 (dev15 0.775
    -> 0.850, dev16 0.812 -> 0.833, dev17 unchanged). Leave-one-part-out over all eighteen developed parts
    (`python -m benchmarks.kindmodel --lead`, where the rules were fitted): 0.884 -> 0.888. Ahead of the
    rules (where it overrode headings naming their kind) or less sure, it scored lower.
    """
    kind, p = kindmodel.lead_model().predict(c.heading, c.heads, c.topic, c.lead)
    return kind if p >= LEAD_MIN else None


LEAD_MIN = 0.9


def _both_read(c: KindCues) -> SectionKind | None:
    """Where nothing above decided, the kind both learned models read first, however unsure each is: two
    models trained on different data (the annotated sections; the sections the builder makes) agreeing.
    On the five parts last scored blind before session 16 (dev15-dev19 as the builder read each while
    blind, both models trained without it) those sections' points: 802 of 970 right as OTHER, 814 with this
    (813 with session 16's guess, the lead model alone at p >= 0.7, dropped in session 17 as its table moved
    with each retraining and read a hand-written `经济形势` as significance; the models disagree on it)."""
    kind = kindmodel.lead_model().predict(c.heading, c.heads, c.topic, c.lead)[0]
    return kind if kind is kindmodel.model().predict(c.heading, c.heads, c.topic)[0] else None


def _one(kinds: set[SectionKind]) -> SectionKind | None:
    return next(iter(kinds)) if len(kinds) == 1 else None


# A title names kinds with its closing words (`…存在的问题与对策`, `…的重要意义研究`); a kind word in
# its middle (`社会问题四大要素`) names its subject.
_TITLE_STUDY = re.compile(r"(?:的|之)?(?:研究|分析|探析|探讨|浅析|浅谈|思考|初探|报告|综述)$")
_CONJUNCTION = re.compile(r"以及|[与和及、]")
_ENDS_KIND = re.compile(rf"(?:{'|'.join(sorted(KIND_WORDS, key=len, reverse=True))})$")
_ENDS_OTHER = re.compile(rf"(?:{'|'.join(sorted(OTHER_WORDS, key=len, reverse=True))})$")
SHORT_PART = 8


# The cues in the order they decide: the first with something to say (not None) wins; only heads naming
# traits or areas (`活态传承性`), a heading describing its subject (`定义与分类`), a lead-in announcing
# what its subject is like (`…的特点：`), a counted lead-in (`16大申论热点`) or the lead-reading model
# can decide OTHER. A new cue is a row here.
RULES: tuple[Callable[[KindCues], SectionKind | None], ...] = (
    _trait_heads,
    _own_heading,
    _benefit_heading,
    _inherited,
    _call_after_problems,
    _glued_heading,
    _announcing_lead,
    _describing_lead,
    _question_heads,
    _counted_lead,
    _results_title,
    _reported_lead,
    _results_lead,
    _ahead_heading,
    _asking_title,
    _heads,
    _directed_lead,
    _lead_sentence,
    _call_heading,
    _topic_title,
    _read_lead,
    _learned,
    _both_read,
)


def section_kind(cues: KindCues) -> SectionKind:
    """The kind of a section: the first of RULES that decides, else OTHER."""
    for rule in RULES:
        kind = rule(cues)
        if kind is not None:
            return kind
    return SectionKind.OTHER
