"""Cutting a point's text into the head phrase to recall and the body that elaborates it; no structure."""

from __future__ import annotations

import re
from collections.abc import Iterator

from trainer.parse.markers import COUNTED_LABEL, SEQUENCE_WORDS
from trainer.parse.normalize import clean, fold

MAX_HEAD = 30  # a head longer than this is a whole sentence (long_head)
MIN_CLAUSE = 4  # a first clause shorter than this is no head (近年来，)
# A lead clause up to this long is the head of a sentence at least twice its length (`数字政府的概念起源于
# 1998年美国前副总统戈尔提出的“数字地球”，…` runs on for 80 more); a head over MAX_HEAD is still flagged long.
LEAD_CLAUSE_MAX = 40
_STOPS = "。；：！？!?;…"
_OPEN = "“‘《（(「『〔【["
_CLOSE = "”’》）)」』〕】]"
_TRIM = " ，。；：、！？,.;:!?…—-"
# Openers that only set the scene (a time, a place, a condition, whose view): a first clause made of one
# is no head, and the whole first sentence is. One row per kind of opener; each row a regex, joined.
_SCENE_ROWS = (
    r"\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日",  # a date
    r"(?:截至|截止到?)[^，,]{1,16}",  # a date a count runs to: `截至2021年末`
    r"近年来|近些年|近几年|近年|目前|当前|当下|如今|现阶段|同时|此外|另外|因此|所以|总之|对此|为此|其中|例如|比如",
    r"一般来说|总的来说|具体来说|具体而言|.{0,8}以来",
    # 在…中 / 在…的今天 / 在…时: where or when (`在互联网日益成为舆论策源地的今天`).
    r"在[^，,]{1,24}(?:中|上|下|里|内|方面|领域|地区|时期|阶段|背景下|过程中|同时|之际|之时|今天|当下|时代|时候|时)",
    r".{1,8}(?:当前|面前|之下)",
    # A clause that ends waiting for its main clause: `…就餐时`, `…之后`, `如果…的话` (not 及时, 按时).
    r"[^，,]{1,20}(?<![及按准适实临暂同随定超历])时|[^，,]{1,20}(?:之后|以后|之际|的话|之日起)",
    r".{1,6}(?:觉得|认为|指出|表示|强调|看来)|(?:就|拿|以|从)[^，,]{1,12}(?:来说|来看|而言)",
    r"从[^，,]{1,16}(?:来)?看(?:来)?",  # a viewpoint: `从世界竞争格局的发展演变看`, `从长远看`
    r"为了?(?:深入)?(?:贯彻|落实|加快|进一步|推动|推进|适应|解决).*|按照.*|根据.*|依据.*|随着.*",
)
_ADVERBIAL = re.compile(rf"^(?:{'|'.join(_SCENE_ROWS)})$")
# A first clause that states a purpose or condition the next clause answers (`要破解查摆虚化，关键在于
# 建立…机制`, `只有…，才能…`): an opener too, so the head is the whole first sentence.
_PURPOSE = re.compile(
    r"^(?:要想?|想要|若要|如要|只有|唯有)[^，,]{2,20}[，,]\s*"
    r"(?:(?:关键|根本|重点|核心|前提|首要|要害)(?:在于|是)|就要|就必须|就得|必须|才能|需要|应当|应该)"
)
# Words before a point's head that order or frame it (`首先`, `此外，`, `同时，`, `令人欣慰的是，`):
# markers of the list or of the writer's stance, never part of the head; the head rule applies to what
# follows. `同时` glued to its verb (`同时号召…`) is the head's own word.
_LEADING_SEQUENCE = "|".join(w for w in SEQUENCE_WORDS if w != "最后")  # 最后 only before a comma: 最后一公里
_DISCOURSE = re.compile(
    rf"^(?:(?:{_LEADING_SEQUENCE}|另外|其一|其二|其三|第[一二三四五六七八九十]{{1,2}}(?=\s*[，,])"
    # a count word left on an item whose list was not found (`三是生态环境…`, a copy cut before 一是)
    r"|[一二三四五六七八九十]{1,2}(?:是|要(?![素点件求务害紧事闻]))(?=[\u4e00-\u9fff“])"
    # a copy's own number kept after the list's (`5、2、勤俭节约是…`: the page renumbered a numbered list)
    r"|\d{1,2}、(?=[\u4e00-\u9fff“])"
    r"|(?:令人|让人|值得|需要|必须|应当|特别)[\u4e00-\u9fff]{1,4}的是|(?:但是?|然而)?不可否认|毋庸置疑|毫无疑问|众所周知|显而易见)"
    r"(?:\s*[，,：:])?|(?:同时|最后|然后|还有|再有|综上所述|[\u4e00-\u9fff]{1,5}的是)\s*[，,])\s*(?=[\u4e00-\u9fff“])"
    # `保障粮食安全，首先需要…`: a topic clause before the list's sequence word leads into the point.
    r"|^[^，,。；：！？]{2,12}[，,]\s*(?:首先|其次|再次)(?=[\u4e00-\u9fff“])"
)


# A phrase of words (no punctuation but 、) ended by a space between two Chinese characters, then a sentence
# that runs on for a while before its first stop: a head and its body.
GAP_HEAD = re.compile(
    r"^([\u4e00-\u9fff][^\s，。；：！？,.;:!?“”《》（）()]{2,28}[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff][^。；！？!?;]{14})"
    # a text whose stops are all spaces (`2024年粮食产量突破1.4万亿斤 脱贫地区… 农村居民…`): its first phrase
    r"|^(?!.*[，。；！？,;!?])([^\s]{4,40}) +(?=(?:\S+ +){2}\S)"
)
# A paragraph opening on what someone said, quoted whole: clauses and a stop inside the quotes (a slogan in quotes,
# `“两个确立”的…`, holds none).
_SPEECH = re.compile(r"^[“「][^”」]{4,200}?[，,。；！？][^”」]{0,200}[”」]")


# A document part's label before its text (`摘 要: | …`, `导语：…`): it names the part, never a head.
_PART_LABEL = re.compile(r"^(?:摘\s?要|内容提要|提要|引言|导语|导读|编者按|按语|前言)\s*[：:]\s*[|｜]?\s*(?=\S)")


# A lead phrase in brackets at the start of a point, with the point's text after it.
_BRACKETED = re.compile(r"^[【〖［\[]\s*([^【】〖〗［］\[\]。；！？]{2,30}?)\s*[】〗］\]]\s*[：:，,]?\s*(?=\S)")


def is_adverbial(clause: str) -> bool:
    """True for a clause that only sets the scene (`近年来`, `在基层治理中`, `随着…`): never a head."""
    return bool(_ADVERBIAL.match(fold(clause)))


# The marks that matter to cutting a head: quotes and brackets, stops, commas, dashes.
_MARKS = re.compile("[" + re.escape(_OPEN + _CLOSE + _STOPS + '"，,—') + "]")


def _pairs(text: str) -> bool | None:
    """False (none open yet) when the straight quotes `"` of a text (pasted) pair up, else None
    (ignore them)."""
    return False if text.count('"') % 2 == 0 else None


def _walk(text: str, start: int, nest: bool, straight: bool | None) -> Iterator[tuple[int, int]]:
    """(offset, depth) of each mark from `start` that is no quote or bracket itself; the depth is how
    many quotes and brackets are open around it (all ignored when not `nest`). A straight quote opens
    and closes in turn (`straight`: one is open; None: they do not count)."""
    depth = 0
    for m in _MARKS.finditer(text, start):
        ch = m.group()
        if ch == '"':
            if nest and straight is not None:
                depth, straight = (depth - 1, False) if straight else (depth + 1, True)
        elif ch in _OPEN:
            depth += nest
        elif ch in _CLOSE:
            depth = max(0, depth - nest)
        else:
            yield m.start(), depth
    yield len(text), depth


def _nesting(text: str) -> tuple[bool, bool | None]:
    """Whether a text's quotes and brackets close (else one was lost in the copy, `“绿水青山就是金山银山，
    …。` never closed, and nesting is ignored, or no stop would count) and its straight quotes' state at
    its start: worked out once per text, so a text of many stray stops stays linear."""
    straight = _pairs(text)
    *_, (_, depth) = _walk(text, 0, True, straight)
    return (True, straight) if depth == 0 else (False, None)


def _closes(text: str) -> bool:
    return _nesting(text)[0]


def _scan(text: str, start: int = 0, nesting: tuple[bool, bool | None] | None = None) -> tuple[int, int]:
    """Offsets of the first sentence stop and the first comma outside quotes and brackets from `start`
    (-1 if none). A dash pair after a lead phrase with no comma (`加强组织领导——各级党委…`) is a stop."""
    nest, straight = _nesting(text) if nesting is None else nesting
    comma = -1
    for i, depth in _walk(text, start, nest, straight):
        if depth or i == len(text):
            continue
        ch = text[i]
        if ch in _STOPS:
            return i, comma
        if ch in "，," and comma < 0:
            comma = i
        dash = ch == "—" and text[i + 1 : i + 2] == "—" and comma < 0 and i - start >= MIN_CLAUSE
        if dash and not _dash_tag(text, i + 2):
            return i, comma
    return -1, comma


DASH_TAG_MAX = 8  # `…的痛点——奉献精神。`: a short tag after a dash, the sentence ending there, is the head's


def _dash_tag(text: str, at: int) -> bool:
    """True when the words after a dash pair at `at` are a short tag that ends the sentence."""
    end = next(
        (j for j in range(at, min(len(text), at + DASH_TAG_MAX + 1)) if text[j] in _STOPS or text[j] in "，,"), -1
    )
    if end < 0:
        return len(text) - at <= DASH_TAG_MAX
    return end > at and text[end] in _STOPS


# An opener naming the side or facet of the subject a paragraph takes (`国内方面`, `在耕地资源方面`,
# `就农村而言`, `从国际层面来看`): a label the paragraph goes on from, unlike a scene (`近年来`, `在…的今天`),
# whose whole sentence is the head. One row per form. A viewpoint naming no side or level (`從歷史維度看`,
# `从长远看`) is no row: it is an adverbial opener (the GUIDE's head rule: the whole first sentence), as
# `heads._ADVERBIAL` reads it.
_FACET_ROWS = (
    r"(?:在|从)?(?!另一)[^，,]{2,10}(?:层面|方面)(?:来看|看|而言|来说)?",
    r"就(?!拿)[^，,]{1,12}(?:而言|来说|来看)",  # not `就拿…来说`: an example follows
)
_FACET = re.compile(rf"^(?:{'|'.join(_FACET_ROWS)})$")


def _after_opener(sentence: str) -> tuple[int, int] | None:
    """Where the lead clause after an opener naming a facet (`从国际层面来看，全球粮食安全形势不容乐观，…`)
    starts and ends in a long sentence, when that clause is short and no opener itself; else None."""
    nest, straight = _nesting(sentence)
    commas = [i for i, depth in _walk(sentence, 0, nest, straight) if depth == 0 and sentence[i : i + 1] in "，,"]
    if not commas or not _FACET.match(fold(clean(sentence[: commas[0]]).strip(_TRIM))):
        return None
    end = commas[1] if len(commas) > 1 else len(sentence)
    clause = clean(sentence[commas[0] + 1 : end]).strip(_TRIM)
    if len(clause) < MIN_CLAUSE or len(clause) > MAX_HEAD or _ADVERBIAL.match(fold(clause)):
        return None
    return commas[0] + 1, end


# A cause said first (`由于资金短缺和技术手段不足，部分长城段…`): the sentence's claim is after it, so the head
# is the whole sentence (in a list run together in a paragraph the GUIDE cuts at the first comma still).
_CAUSE = re.compile(r"^(?:由于|因为)")


def _clause_cut(sentence: str) -> int:
    """Where a long sentence's short lead clause ends, or -1 when it has none."""
    if _PURPOSE.match(fold(sentence.lstrip())):  # folded: a page in 繁體 reads as one in 简体
        return -1
    nest, straight = _nesting(sentence)
    for i, depth in _walk(sentence, 0, nest, straight):
        if depth == 0 and sentence[i : i + 1] in ("，", ","):
            clause = clean(sentence[:i]).strip(_TRIM)
            folded = fold(clause)
            if len(clause) < MIN_CLAUSE or _ADVERBIAL.match(folded) or _FACET.match(folded) or _CAUSE.match(folded):
                return -1
            # Past MAX_HEAD, a lead clause still heads a sentence that runs on at least as long again.
            longer = len(clause) <= LEAD_CLAUSE_MAX and 2 * len(clause) <= len(clean(sentence).strip(_TRIM))
            return i if len(clause) <= MAX_HEAD or longer else -1
    return -1


# Connectives a sentence may open with before a comma (`但是，`, `可见，`): never a label.
_CONNECTIVE = re.compile(
    r"^(?:但是?|然而|而且|并且|所以|因而|于是|其实|当然|可见|显然|不过|可是|然后|而|且|则|故|即|又|总而言之|事实上|实际上"
    r"|据悉|据了解|据统计|据报道|这样|那么|如此|对于此|由此|今年|去年|明年|此前|日前|近期|随后|最终|过去|以往|未来|当时|现在)$"
)


def _label_lead(text: str) -> str:
    """The first clause of an item's text when it is a label of under MIN_CLAUSE characters (`水，自来水管道
    老旧…`, `绿化，…`): no opener, connective or marker; else ""."""
    stripped = text.strip()
    stop, comma = _scan(stripped)
    if comma < 0 or (0 <= stop < comma):
        return ""
    clause = clean(stripped[:comma]).strip(_TRIM)
    if not clause or len(clause) >= MIN_CLAUSE or len(clean(stripped[comma + 1 :])) < MIN_CLAUSE:
        return ""
    if stop >= 0 and len(clean(stripped[comma + 1 : stop])) < 2 * MIN_CLAUSE:
        return ""  # `迷茫，不敢为。`: a sentence this short is the head whole, its two halves one phrase
    folded = fold(clause)
    if (
        folded[0] in _PREPOSITIONS
        or _ADVERBIAL.match(folded)
        or _CONNECTIVE.match(folded)
        or _DISCOURSE.match(fold(stripped))
    ):
        return ""
    return clause


LABELLED_MIN = 2
_PREPOSITIONS = "在从对就当随据如若为因由按依经通于"  # `在农村，…`: a place or a condition opening, no label


def _lead_clause(text: str) -> tuple[str, int]:
    """An item's first clause and the offset of the comma ending it, when its first sentence goes on past
    a comma; else ("", -1)."""
    stop, comma = _scan(text)
    if comma < 0 or (0 <= stop < comma):
        return "", -1
    return clean(text[:comma]).strip(_TRIM), comma


def _past_shared(text: str, comma: int) -> str:
    """The head of an item whose lead clause its whole list shares: that clause and the next one, or, when
    the next opens with 是 (`扎实做好…工作，是…，…的需要`), the predicate to its sentence's stop unless long."""
    stop, nxt = _scan(text, comma + 1)
    end = len(text) if stop < 0 else stop
    if nxt >= 0 and not (text[comma + 1 :].lstrip().startswith("是") and len(clean(text[comma + 1 : end])) <= MAX_HEAD):
        end = nxt
    return clean(text[:end]).strip(_TRIM)


def shared_leads(texts: list[str]) -> list[str]:
    """For the items of one list whose lead clauses are all the same words (`扎实做好医疗保险工作，是…的需要`
    three times over; `完成隐患治理最后一公里，企业要…` in each paragraph): the lead names no point, so each
    item's head runs on through the clause after it (`_past_shared`). [] when the list is not such."""
    leads = [_lead_clause(t.strip()) for t in texts]
    first = leads[0][0] if leads else ""
    if len(texts) < LABELLED_MIN or len(first) < MIN_CLAUSE or any(lead != first for lead, _ in leads):
        return []
    if _ADVERBIAL.match(fold(first)) or _FACET.match(fold(first)) or _DISCOURSE.match(fold(first + "，")):
        return []  # an opener: the head rule reads past it already
    return [_past_shared(t.strip(), comma) for t, (_, comma) in zip(texts, leads, strict=True)]


def line_head(title: str, has_body: bool) -> str:
    """An item's whole line as its head when the line is all it says (no stop inside it) and its body
    stands in the paragraphs below: `一、统一思想，提高认识，切实增强…的责任感和紧迫感` is said as one heading,
    not cut to its first clause; up to LEAD_CLAUSE_MAX long (a shorter one is whole anyway); else ""."""
    text = title.strip().rstrip("。；;！!？?")
    head = clean(text).strip(_TRIM)
    if not has_body or _scan(text)[0] >= 0 or not MAX_HEAD < len(head) <= LEAD_CLAUSE_MAX:
        return ""
    return "" if _DISCOURSE.match(fold(text)) or _PURPOSE.match(fold(text)) else head


def label_leads(texts: list[str]) -> list[str]:
    """For the items of one list, each item's short label lead (`1、水，…` `2、电，…` `3、气，…`: 水, 电, 气),
    or "" where it has none. A label of a character or two is the item's head only when two or more items
    of the list open alike with labels of their own (a list that names its parts): alone, a clause so short
    is more likely an opener the head rule does not know. All "" otherwise. Items that all open with the same
    lead clause take their heads from `shared_leads`."""
    shared = shared_leads(texts)
    if shared:
        return shared
    leads = [_label_lead(t) for t in texts]
    found = [lead for lead in leads if lead]
    if len(found) < LABELLED_MIN or len(set(found)) < len(found):
        return [""] * len(texts)
    return leads


def split_run_together(text: str) -> tuple[str, str, bool]:
    """`split_head` for an item of a list run together in one paragraph (`一是…，…；二是…`): its head
    is its lead up to the first ，；。 (unless that clause is an adverbial opener or too short)."""
    stripped = text.strip()
    stop, comma = _scan(stripped)
    if comma >= 0 and (stop < 0 or comma < stop):
        clause = clean(stripped[:comma]).strip(_TRIM)
        if len(clause) >= MIN_CLAUSE and not _ADVERBIAL.match(fold(clause)):
            return clause, clean(stripped[comma + 1 :]).rstrip("；;，,、 "), len(clause) > MAX_HEAD
    return split_head(text)


def split_head(text: str, label: str = "") -> tuple[str, str, bool]:
    """Split a point's text (marker removed) into (head, body, long_head).

    The head is the lead up to the first 。；：！, or, when that sentence is long, its first short
    clause (`要增加对数据平台建设的投入，进一步建设…` gives `要增加对数据平台建设的投入`).
    A long sentence without a short first clause is kept whole and flagged long. `label`: the item's
    short label lead found by `label_leads` (`水` of `水，自来水管道老旧…`), its head.
    """
    text = text.strip()
    if label:
        end = next(
            (i for i, d in _walk(text, 0, *_nesting(text)) if not d and clean(text[:i]).strip(_TRIM) == label), -1
        )
        return label, clean(text[end + 1 :]).rstrip("；;，,、 ") if end >= 0 else "", len(label) > MAX_HEAD
    label = COUNTED_LABEL.match(fold(text)) or _PART_LABEL.match(fold(text))
    if label:
        text = text[label.end() :]  # `难题一：治理主体能力不足`, `摘 要：…`: the head is after the label
    lead = _DISCOURSE.match(fold(text))  # fold keeps offsets: one character for one
    if lead and len(text) - lead.end() >= MIN_CLAUSE:
        text = text[lead.end() :]
    lead = _BRACKETED.match(text)
    if lead and len(clean(lead.group(1))) >= MIN_CLAUSE:  # not a label (`【摘 要】`, `【关键词】`)
        # `【强化监督问责】对层层加码的…`: a lead the page set apart in brackets, as bold would.
        return clean(lead.group(1)), clean(text[lead.end() :]).rstrip("；;，,、 "), False
    if _SPEECH.match(text):
        text = text[1:]  # `“积极推进…融合，既有助于…。”某委员认为…`: words quoted, sentences like any other
    gap = GAP_HEAD.match(text)
    if gap:
        # `基础文化设施利用率有待提高 近年来全市…`: a head whose stop was lost (it was bold on the page)
        # and its body, apart only by a space.
        return clean(gap.group(1) or gap.group(2)), clean(text[gap.end() :]).rstrip("；;，,、 "), False
    start = 0  # an offset, not a slice per sentence: a text of many stray stops stays linear
    nesting = _nesting(text)
    while start < len(text):
        stop, _ = _scan(text, start, nesting)
        sentence = text[start:] if stop < 0 else text[start:stop]
        cut = stop
        if len(clean(sentence).strip(_TRIM)) > MAX_HEAD:
            comma = _clause_cut(sentence)
            if comma >= 0:
                cut = start + comma
            opened = _after_opener(sentence) if comma < 0 else None
            if opened is not None:
                # The opener sets the scene for the body: it goes there, before the rest.
                head = clean(sentence[opened[0] : opened[1]]).strip(_TRIM)
                body = text[start : start + opened[0]] + text[start + opened[1] + 1 :]
                return head, clean(body).rstrip("；;，,、 "), False
        head = clean(text[start:] if cut < 0 else text[start:cut]).strip(_TRIM)
        if head[:1] in "“‘「『" and not _closes(head):
            head = head[1:]  # a quote that opens the paragraph and closes past the head, or never
        if head:
            body = "" if cut < 0 else text[cut + 1 :].lstrip("—")
            return head, clean(body).rstrip("；;，,、 "), len(head) > MAX_HEAD
        if cut < 0:
            break
        # Nothing before the first stop (a stray mark): take the next sentence instead.
        start = cut + 1
        while start < len(text) and (text[start].isspace() or text[start] in _STOPS):
            start += 1
    return "", "", False
