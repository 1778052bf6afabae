"""Paragraphs of the same shape as a list with no numbers (each led by a short lead); no tree building."""

from __future__ import annotations

import re
from collections.abc import Callable

from trainer.core.model import SectionKind
from trainer.parse.heads import is_adverbial
from trainer.parse.kindwords import FINDING
from trainer.parse.markers import find_inline, match_line
from trainer.parse.noise import ends_terminal
from trainer.parse.paragraphs import Para
from trainer.parse.questions import ANSWER_LINE
from trainer.parse.successions import top_list
from trainer.parse.tablerows import ROW_LEAD, row_leads
from trainer.parse.vocab import heading_kind, is_heading_phrase

RUN_IN = "runin"
BRACKET_LEAD_MIN = 4  # a bracketed lead shorter than this is a label (【摘要】, 【关键词】)
OPENING_AMONG = 3  # in a run of this many paragraphs or more, some may open or close the argument
# The shapes of an unnumbered point: a paragraph led by a short lead, then its elaboration. Group 1 is the
# lead (the point's title); the elaboration follows it in the same paragraph. Paragraphs of one shape,
# two or more in a row, are a list with no numbers. A new shape is a row here.
# `动能转换与效率提升：支撑我国经济增长的…`, `多头执法、重复检查：…`: a short phrase and a colon.
_COLON_LEAD = re.compile(
    r"^([^。；：！？.;:!?“”\s][^。；：！？.;:!?\s]{1,19})：(?=[^：]{10})"
)  # `加装电梯“卡壳”：…` too
# What leads a quotation or an example, not a point (`习近平总书记指出：`, `例如：`).
NOT_A_LEAD = re.compile(
    r"^(?:例如|比如|譬如|其中|对此|总之|综上|即|包括|具体|比方说)|(?:说|道|称|指出|表示|认为|强调|提出|要求|如下|以下|提醒您?|几点|几个?方面)$"
)

# `当好食品安全卫士，全面布控精确打击。统计显示，…`: a short lead sentence (the page's bold lost).
_SENTENCE_LEAD = re.compile(r"^([^“「『\"（(【《\s。！？；;：:][^。！？；;：:\s]{1,23})[。！](?= *[^ ]{8})")
# `【加强统筹】各地要…`: a bracketed lead.
_BRACKET_LEAD = re.compile(r"^[【〖]([^【】〖〗。；：！？]{2,20})[】〗](?= *[^ ]{10})")
# `“民亦劳止，汔可小康。”——《诗经》`: a quotation (a 金句 line), alone, with its source, or as a whole
# sentence before a comment; a quoted word that opens a sentence (`“放管服”改革…`) is no lead.
_QUOTE_LEAD = re.compile(r"^[“「]([^“”「」]{4,60})[”」](?:(?<=[。！？!?][”」])|(?=$|[ —－\-（(【]))")
# `从可持续发展来看，…`, `從歷史維度看，…`: a viewpoint the paragraph argues from; paragraphs in a row each
# taking one (`从…来看` / `从…来看` / …) are the sides of one list, each viewpoint its head.
_VIEW_LEAD = re.compile(r"^([从從][^，。；：！？,.;:!?\s]{2,16}?(?:上來看|上来看|來看|来看|上看|看))(?=[，,。])")
LEAD_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("row", ROW_LEAD),  # a table row, led by its first cell (`tablerows`)
    ("colon", _COLON_LEAD),
    ("view", _VIEW_LEAD),  # before `sentence`: `从…来看。` is a viewpoint, whether a comma or a stop ends it
    ("sentence", _SENTENCE_LEAD),
    ("bracket", _BRACKET_LEAD),
    ("quote", _QUOTE_LEAD),
)
# A sentence that opens with a connective or a pronoun goes on from the one before: prose, not a lead.
_PROSE_OPENER = re.compile(
    r"^(?:但|而|且|这|那|该|其|此|因此|所以|然而|同时|此外|另外|总之|可见|于是|并且|如果|虽然|尽管|因为)"
)
LEAD_END = " 】〗：。！”」—－-|，,"  # what closes a lead before its elaboration


def _is_claim(sentence: str) -> bool:
    """True for a short sentence that can lead a point: a claim (`消费市场持续回暖`), not a figure
    (`全年地区生产总值增长6.5%`), a scene-setting clause (`近年来，…`) or a sentence going on from the
    one before (`但问题依然存在`)."""
    first = sentence.split("，")[0]
    return not (re.search(r"[\d%％]", sentence) or _PROSE_OPENER.match(sentence) or is_adverbial(first))


def _names_section(lead: str) -> bool:
    """`建议：…`, `存在问题：…`: a section named by its kind before what it holds, no point's lead (a part's
    label, `前言：`, `要求：`, is read as before)."""
    return is_heading_phrase(lead) and heading_kind(lead) is not SectionKind.OTHER


def _lead_shape(para: Para) -> tuple[str, int, int] | None:
    """The shape of a paragraph opening with a short lead (name, where the lead starts and ends).

    A list run together in the paragraph right after its lead (`存在问题：一是…`) makes the lead a
    heading over that list, not a point; a list further on elaborates the point."""
    if match_line(para.key) is not None:
        return None
    inline = top_list(find_inline(para.key))
    for name, rx in LEAD_SHAPES:
        m = rx.match(para.key)
        if m:
            lead = m.group(1).replace(" ", "")
            if name == "bracket" and (
                len(lead) < BRACKET_LEAD_MIN or is_heading_phrase(lead) or ANSWER_LINE.match(lead)
            ):
                return None  # `【摘 要】`, `【热点背景】`, `【参考答案】`: a label or a heading, not a point's lead
            if name in ("sentence", "colon") and not _is_claim(lead):
                return None
            if name == "colon" and (NOT_A_LEAD.search(lead) or _names_section(lead)):
                return None
            if inline and (name == "colon" or inline[0].start <= m.end() + 1 or is_heading_phrase(lead)):
                return None
            return name, m.start(1), m.end(1)
    return None


PARALLEL_SHARE = 3  # leads sharing a run of this many characters are parallel (排比)


def _shared(a: str, b: str) -> int:
    """The length of the longest run of characters two short leads share."""
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b):
            if x == y:
                cur[j + 1] = prev[j] + 1
                best = max(best, cur[j + 1])
        prev = cur
    return best


def _marks(lead: str) -> frozenset[str]:
    return frozenset(ch for ch in lead if ch in "，、；")


def _alike(a: str, b: str) -> int:
    """How alike two leads are: the run of characters they share, and at least PARALLEL_SHARE when
    they are built alike: clauses parted by the same marks (`顶层引领，…` beside `潜力巨大，…`,
    `多头执法、重复检查` beside `执法标准不一、自由裁量过宽`), or one clause each of one length
    (`压实企业责任` beside `强化政府监管`)."""
    marks = _marks(a)
    built_alike = marks == _marks(b) and (bool(marks) or len(a) == len(b))
    return max(_shared(a, b), PARALLEL_SHARE if built_alike else 0)


def alike_neighbours(texts: list[str], alike: Callable[[str, str], int], least: int) -> set[int]:
    """Indexes of texts alike to a neighbour (`产业兴旺，乡村振兴有了坚实基础` beside `人才回流，乡村振兴有了
    持久动力`; `…需要转变生产方式` beside `…需要转变生活方式`), `alike` counting what two share: the pairs
    most alike win (within two of the most, and at least `least`), as an opening may share a word or two
    of the topic."""
    shared = [alike(texts[i], texts[i + 1]) for i in range(len(texts) - 1)]
    longest = max(shared, default=0)
    if longest < least:
        return set()
    floor = max(least, longest - 2)
    return {k for i, n in enumerate(shared) if n >= floor for k in (i, i + 1)}


HEAD_LINE = (4, 25)  # the length of a head set on a line of its own above its paragraph
_MD_LINE = re.compile(r"^#{1,6}(?:\s|$)")
_INNER_MARK = re.compile(r"^[\u4e00-\u9fff“][^【】\[\]|]*[，、]")  # two clauses or a list of words, opened by a word


def _is_head_line(para: Para) -> bool:
    """A short line that states a claim and ends no sentence (`坚持党建引领，凝聚治理合力`)."""
    key = para.key.strip()
    if not HEAD_LINE[0] <= len(key) <= HEAD_LINE[1] or ends_terminal(key) or key.endswith(("：", "，", "、")):
        return False
    if match_line(key) is not None or _MD_LINE.match(key) or "：" in key or not _INNER_MARK.search(key):
        return False  # a line with no mark inside is a bare heading line, read as one (outline, depth)
    return _is_claim(key) and not is_heading_phrase(key)


def _is_body(para: Para, head: Para) -> bool:
    return ends_terminal(para.key) and len(para.key) > len(head.key) and match_line(para.key) is None


def head_lines(paras: list[Para]) -> dict[int, tuple[int, int]]:
    """Short claim lines each over a paragraph of its own (`坚持党建引领，凝聚治理合力` then `各地把…。`), two
    or more in a row with only their paragraphs between: a list with no numbers whose heads sit on their
    own lines (the page's bold lost). Maps each head line's index to its whole text as the lead."""
    heads = [i for i in range(len(paras) - 1) if _is_head_line(paras[i]) and _is_body(paras[i + 1], paras[i])]
    found: dict[int, tuple[int, int]] = {}
    run: list[int] = []
    for i in heads:
        if run and all(_is_body(paras[k], paras[run[-1]]) for k in range(run[-1] + 1, i)):
            run.append(i)
            continue
        if len(run) >= 2:
            found.update((k, (0, len(paras[k].key))) for k in run)
        run = [i]
    if len(run) >= 2:
        found.update((k, (0, len(paras[k].key))) for k in run)
    return found


def run_in_paragraphs(paras: list[Para]) -> dict[int, tuple[int, int]]:
    """Paragraphs of the same shape, two or more in a row, each led by a short lead (a phrase and a
    colon, a short sentence, a bracketed phrase, a quotation): a list with no numbers. An essay's
    opening and closing may begin with a short sentence too: where some short-sentence leads of a run
    of three or more are parallel (排比), only those are the points. Maps each point's index to where
    its lead starts and ends."""
    shapes = [_lead_shape(p) for p in paras]
    found: dict[int, tuple[int, int]] = {}
    i = 0
    while i < len(shapes):
        shape = shapes[i]
        j = i + 1
        while shape is not None and j < len(shapes) and (shapes[j] or ("",))[0] == shape[0]:
            j += 1
        if shape is not None and j - i >= 2:
            run = list(range(i, j))
            leads = [paras[k].key[slice(*(shapes[k] or ("", 0, 0))[1:])] for k in run]
            parallel = alike_neighbours(leads, _alike, PARALLEL_SHARE)
            if shape[0] == "sentence" and len(run) >= OPENING_AMONG and len(parallel) >= 2:
                # a lead stating a problem found (`整体统筹协调性不足。`) is a point whatever it is parallel to
                run = [run[k] for k in range(len(run)) if k in parallel or FINDING.search(leads[k])]
            if shape[0] == "row":  # a table: its header row and a column counting its rows lead nothing
                found.update((run[k], lead) for k, lead in row_leads([paras[k].key for k in run]).items())
            else:
                found.update((k, (shapes[k] or ("", 0, 0))[1:]) for k in run)
        i = j
    return {**head_lines(paras), **found}
