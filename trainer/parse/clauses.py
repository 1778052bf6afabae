"""Lists run together in one sentence with no markers: clauses parted by ； after a lead; no structure."""

from __future__ import annotations

import re
from collections.abc import Callable

from trainer.core.model import SectionKind
from trainer.parse.continued import REFERS_BACK
from trainer.parse.heads import split_head, split_run_together
from trainer.parse.headwords import CALL_START
from trainer.parse.markers import cn_number, find_inline
from trainer.parse.normalize import clean
from trainer.parse.paragraphs import Para
from trainer.parse.successions import top_list
from trainer.parse.vocab import COUNTS_WHAT_FOLLOWS, KIND_WORDS, heads_kind, is_heading_phrase, lead_kind

MIN_CLAUSES = 3  # two clauses parted by ； are a sentence's halves; three or more are a list
# The lead names what it lists, maybe going on to say it lists them (`…实践路径主要包括：`).
_KINDS = "|".join(sorted(KIND_WORDS, key=len, reverse=True))
_SAYS = r"(?:主要|大致|具体)?(?:包括|有|是|表现为|体现为|表现在|体现在)(?:以下几点|以下几个方面|如下)?"
_KIND_END = re.compile(f"(?:{_KINDS})(?:，?{_SAYS}|如下)?$")  # `…原因主要有以下几点`, `…困境，主要表现为`
# A lead and the sentence after its colon, up to the sentence's end.
_ANNOUNCED = re.compile(r"(?:^|(?<=[。！？：]))([^。！？：]{4,60})：([^。！？：]+)")  # after a label too (`摘要：`)
# The same said with no colon (`存在的问题主要包括A；B；C等。`, an abstract's way), the list ending its sentence.
# A word or two may stand between the kind and what it comprises (`成绩显著，主要表现为`). (Items parted by
# 、 are not taken: as often as a page's list, they sum up one it gives in full below; session 17.)
_LISTED = re.compile(
    f"(?:^|(?<=[。！？：]))([^。！？：；]{{2,40}}?(?:{_KINDS})(?:[^，。；：]{{0,4}}，)?{_SAYS})([^。！？：]+)(?=[。！？])"
)

# The same said before the kind (`针对…存在A，…；B，…；C，…等问题。`): clauses parted by ； (never 、), named as a kind
# by the word that closes them.
_FOUND = re.compile(
    f"(?:^|(?<=[。！？：]))([^。！？：；]{{0,40}}?(?:存在|面临|出现)着?)([^。！？：]+?)等(?:{_KINDS})(?=[。！？，])"
)


# A lead saying a list of a kind follows (`长城保护存在以下主要问题：`, `…原因如下：`), then sentences to the
# paragraph's end with no ； and no number: each sentence is an item, read by the head rule.
_SENTENCES_TOLD = re.compile(
    rf"(?:^|(?<=[。！？]))([^。！？：]{{0,40}}(?:以下|如下|下列)[^。！？：]{{0,6}}(?:{_KINDS})[^。！？：]{{0,4}})：([^：；]+。)$"
)
SENTENCE_ITEM = (6, 80)  # a sentence this long is an item; longer is prose


# `存在问题：部分单位…，仍存在…的问题。整改措施：一是…`: a row of a report setting out what was found and what is
# done about it, each after a label naming its kind, in one paragraph.
_KIND_LABEL = re.compile(r"(?:^|(?<=[。！？]))([^。！？：；，]{2,16})：")


def labelled_claims(para: Para) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """Where a paragraph holds two or more labels naming a kind, the label over a single claim (no list of its
    own, one sentence) and that claim as its point; the labels over lists are read as any lead."""
    labels = [m for m in _KIND_LABEL.finditer(para.key) if is_heading_phrase(m.group(1)) and lead_kind(m.group(1))]
    if len(labels) < LABELS_MIN:
        return []
    found = []
    for m, nxt in zip(labels, [*labels[1:], None], strict=True):
        text = para.key[m.end() : nxt.start() if nxt else len(para.key)]
        sentences = [t for t in text.split("。") if t.strip()]
        if len(sentences) == 1 and not top_list(find_inline(text)):
            found.append((m.group(1), _items(para, m.end(), [sentences[0]], split_run_together)))
    return found


LABELS_MIN = 2


# What a meeting or a document requires, said as clauses each opening on 要 (`会议要求，要坚持统筹推进，…；要坚持
# 提质增效，…；要坚持惠民利民，…。`): a list of measures.
_REQUIRED = re.compile(
    r"(?:^|(?<=[。！？]))([^。！？：；，]{0,12}(?:要求|强调|指出|提出|部署|建议))[，：](要[^。！？：]+)(?=[。！？]|$)"
)

# `调研组建议：建立…机制，加快…建设，推动…，加大…力度。`: after a lead that suggests, clauses parted by ，, each
# opening on a verb that acts: the suggestions, one a clause.
# Verbs a suggestion opens on besides headwords' calls (`探索建立…`, `出台…`): not rows there, where they would
# tilt the kind of heads (`探索…` leads findings too).
_SUGGESTS = re.compile(r"^(?:探索|出台|制定)")
_SUGGESTED = re.compile(
    r"(?:^|(?<=[。！？]))([^。！？：；，]{0,12}(?:建议|提出|呼吁))[：:]([^。！？：；]+)(?=[。！？]|$)"
)


# A sentence setting out to solve what was said (`为了解决…的问题，需要从…多方面进行改进。`), then a sentence of
# clauses parted by ；: the measures it announced.
_ANSWERING = re.compile(
    r"(?:^|(?<=[。！？]))((?:为了?解决|要解决|解决)[^。！？：；]{2,60})。([^。！？：]+)(?=[。！？]|$)"
)


# `…社会价值体现在三方面：`: a lead that counts what it lists, as many clauses as it counts.
_COUNTS = re.compile(r"([两二三四五六七八九十])(?:个|条|点|种|类|项|大|方面)[^，。；]{0,6}$")


# `三张清单`, `四步法`, `五大痛点`, `两个确立`: a heading counting the things it lists (not `二十大`, `十四五`).
# A new measure word is a character here.
_COUNTS_ITEMS = re.compile(
    r"(?<![一二三四五六七八九十两\d])([两二三四五六七八九]|\d)(?:张|个|大|条|点|种|类|项|步|方面|重|招|件|者)"
)


def counts_group(heading: str, size: int) -> bool:
    """True when a heading counts as many things (two or more) as a group of items has members."""
    for m in _COUNTS_ITEMS.finditer(heading):
        n = _count_value(m.group(1))
        if n >= 2 and n == size:
            return True
    return False


# `本文从五个根源入手`, `提出三点建议`: a sentence counting things of a kind (the kind word right after the count).
_COUNTS_KIND = re.compile(
    rf"(?<![一二三四五六七八九十两\d])([两二三四五六七八九]|\d)(?:个|大|条|点|项|种)(?:方面的?)?(?:{_KINDS})"
)


def counts_kind(text: str, size: int) -> bool:
    """True when a sentence counts as many things of a kind (two or more) as a group has members
    (`本文从五个根源入手` before five numbered items)."""
    return any(_count_value(m.group(1)) == size >= 2 for m in _COUNTS_KIND.finditer(text))


def _count_value(word: str) -> int:
    """`两` → 2, `三` → 3, `4` → 4."""
    return 2 if word == "两" else int(word) if word.isdigit() else cn_number(word)


def counted(lead: str) -> int:
    """How many items a lead counts (`体现在三方面`, `我提三点要求` → 3), 0 when it counts none."""
    m = _COUNTS.search(lead)
    return 0 if m is None else _count_value(m.group(1))


def semicolon_points(para: Para, under_kind: bool = False) -> list[tuple[str, list[tuple[str, str, int]]]]:
    """The lists of a paragraph announced by a lead that ends by naming what it lists (`…还存在着诸多的问题：`,
    `…原因主要有以下几点：`) and parted by ； with no numbers (`A，…；B，…；C，…。`): per list the lead, and
    (head, body, offset) per item, each head its clause up to the first ，. So does a lead that names a kind
    anywhere and counts the clauses (`…社会价值体现在三方面：`), when they are as many as it counts, and a lead
    saying what a kind comprises with no colon, its items parted by ； (`…的问题主要包括A；B；C等。`). A colon
    whose lead names no kind (`重点部署五方面任务：`, `危害不小：`) is prose, and so are fewer than MIN_CLAUSES
    clauses after a lead that names a kind and counts none. Under a heading naming a kind (`under_kind`), any
    colon lead before MIN_CLAUSES clauses or more (`…仍有不少薄弱之处，主要是：A；B；C`) announces its list."""
    found = [
        m for m in _ANNOUNCED.finditer(para.key) if _announces(m.group(1).rstrip(), m.group(2).split("；"), under_kind)
    ]
    lists = [(m.group(1).strip(), _items(para, m.start(2), m.group(2).split("；"))) for m in found]
    if not lists and (told := _SENTENCES_TOLD.search(para.key)):
        pieces = told.group(2).split("。")[:-1]
        if len(pieces) >= 2 and all(SENTENCE_ITEM[0] <= len(p) <= SENTENCE_ITEM[1] for p in pieces):
            lists.append((told.group(1).strip(), _items(para, told.start(2), pieces, split_head)))
    lists.extend(labelled_claims(para))
    for m in _REQUIRED.finditer(para.key):
        pieces = m.group(2).split("；")
        if len(pieces) >= MIN_CLAUSES and all(p.startswith("要") and len(p) >= 4 for p in pieces):
            lists.append((m.group(1).strip(), _items(para, m.start(2), pieces)))
    for m in _ANSWERING.finditer(para.key):
        pieces = m.group(2).split("；")
        if len(pieces) >= MIN_CLAUSES and all(len(p.strip()) >= 4 for p in pieces):
            lists.append((m.group(1).strip(), _items(para, m.start(2), pieces)))
    for m in _LISTED.finditer(para.key):
        pieces = m.group(2).split("；")
        if _announces(m.group(1).rstrip(), pieces):
            lists.append((m.group(1).strip(), _items(para, m.start(2), pieces)))
    for m in _SUGGESTED.finditer(para.key):
        pieces = m.group(2).split("，")
        if len(pieces) >= MIN_CLAUSES and all(
            len(p) >= 4 and (CALL_START.match(p) or _SUGGESTS.match(p)) for p in pieces
        ):
            lists.append((m.group(1).strip(), _items(para, m.start(2), pieces)))
    for m in _FOUND.finditer(para.key):
        pieces = m.group(2).split("；")
        if len(pieces) >= MIN_CLAUSES and all(len(p.strip()) >= 4 for p in pieces):
            lists.append((m.group(1).strip(), _items(para, m.start(2), pieces)))
    return sorted(lists, key=lambda found: found[1][0][2])


# `…缺乏力度等等。`, `…严重不足等。`: the list's close, no part of its last head (`平等`, `均等` … are words).
_ETC = re.compile(r"(?:等等|等方面|等问题|(?<![平均对同相初中高优上])等)$")


def _announces(lead: str, pieces: list[str], under_kind: bool = False) -> bool:
    as_counted = counted(lead) == len(pieces) and lead_kind(lead) not in (None, SectionKind.OTHER)
    kinded = (under_kind or bool(_KIND_END.search(lead))) and len(pieces) >= MIN_CLAUSES
    return (as_counted or kinded) and all(len(p.strip()) >= 4 for p in pieces)


def _items(
    para: Para, start: int, pieces: list[str], split: Callable[[str], tuple[str, str, bool]] | None = None
) -> list[tuple[str, str, int]]:
    """(head, body, offset) per piece from `start`, each head its lead clause. Pieces each on a line of their
    own are items as any list's: the head rule reads them whole when short (so does `split`, when given)."""
    lines = {at for at, _ in para.segments}
    bounds = [start + sum(len(p) + 1 for p in pieces[: i + 1]) for i in range(len(pieces) - 1)]
    if split is None:
        split = split_head if bounds and all(b in lines for b in bounds) else split_run_together
    out = []
    for piece in pieces:
        head, body, _ = split(para.text[start : start + len(piece)])
        out.append((_ETC.sub("", clean(head)), body, start))
        start += len(piece) + 1
    return out


# Clauses of one sentence opening alike, a 排比 with no numbers (`实现…自立自强，是…的内在要求，是…的客观
# 需要，是…的必然选择。`): each clause is a point, its head the clause without the opener when the
# opener is a copula. A row per opener: (opener, kept in the head, the kind such a run names).
PARALLEL_OPENERS: tuple[tuple[str, bool, SectionKind], ...] = (
    ("是", False, SectionKind.SIGNIFICANCE),
    ("有利于", True, SectionKind.SIGNIFICANCE),
    ("有助于", True, SectionKind.SIGNIFICANCE),
)
_SENTENCE = re.compile(r"[^。！？]+")
CLAUSE_MAX = 40  # a clause of a 排比 is a phrase, not a sentence of its own
CLAUSE_MIN = 4  # what a clause says after its opener: `是的`, `是，` say nothing
_NOT_OPENING = ("是的", "是否", "是非", "是不是")  # a reply or a question, no copula opening a claim


def parallel_points(para: Para) -> tuple[SectionKind, list[tuple[str, str, int]]]:
    """The clauses (head, body, offset) of the first sentence holding MIN_CLAUSES or more clauses in a
    row (parted by ，) that open with one opener of PARALLEL_OPENERS, and that opener's kind; else
    (OTHER, [])."""
    for sentence in _SENTENCE.finditer(para.key):
        clauses, start = [], sentence.start()
        for piece in sentence.group().split("，"):
            clauses.append((start, piece))
            start += len(piece) + 1
        for opener, kept, kind in PARALLEL_OPENERS:
            run = []
            for at, piece in clauses:
                said = len(piece) - len(opener)
                if piece.startswith(opener) and said >= CLAUSE_MIN and len(piece) <= CLAUSE_MAX:
                    if piece.startswith(_NOT_OPENING):
                        break
                    run.append((at, piece))
                elif run:
                    break
            if len(run) >= MIN_CLAUSES and len(run[-1][1]) > len(opener):
                skip = 0 if kept else len(opener)
                return kind, [(clean(para.text[at + skip : at + len(piece)]), "", at) for at, piece in run]
    return _opened_sentences(para)


_PIECE = re.compile(r"[^。！？；]+")


def _opened_sentences(para: Para) -> tuple[SectionKind, list[tuple[str, str, int]]]:
    """Sentences (or clauses parted by ；) of one paragraph, MIN_CLAUSES or more, that open with an opener
    kept in the head (`有利于维护社会稳定；…。有利于促进社会和谐；…；有利于提高社会治理水平；…`), each with
    its elaboration between them: each is a point, its head the opening clause; else (OTHER, [])."""
    for opener, kept, kind in PARALLEL_OPENERS:
        if not kept or para.key.count(opener) < MIN_CLAUSES:
            continue  # cheap test first: most paragraphs hold no such run
        pieces = [
            (m.start() + len(m.group()) - len(m.group().lstrip()), m.group().strip()) for m in _PIECE.finditer(para.key)
        ]
        run = [(at, piece.split("，")[0]) for at, piece in pieces if piece.startswith(opener)]
        if len(run) >= MIN_CLAUSES and all(len(h) - len(opener) >= CLAUSE_MIN and len(h) <= CLAUSE_MAX for _, h in run):
            return kind, [(clean(para.text[at : at + len(head)]), "", at) for at, head in run]
    return SectionKind.OTHER, []


# Sentences of one paragraph opening with one frame, a 排比 of sentences (`从历史创造的厚度上彰显了…。从意义
# 诠释的深度上阐明了…。从理想建构的高度上展现了…。`): each sentence is a point, its head its lead clause,
# with the clause after it when the lead is only a viewpoint (`从生成场景上看，其是…的产物`). A row per frame.
PARALLEL_FRAMES: tuple[re.Pattern[str], ...] = (re.compile(r"[从從][^，。；！？]{1,14}?上"),)
LEAD_SENTENCE_MAX = 16
_VIEWPOINT_ONLY = re.compile(r"^[从從][^，]{1,14}?(?:上看|上来看|来看|看)$")


def parallel_sentences(para: Para) -> tuple[SectionKind | None, list[tuple[str, str, int]]]:
    """The sentences (head, body, offset) of the first run of MIN_CLAUSES or more sentences in a row that
    open with one frame of PARALLEL_FRAMES, and the kind a short sentence before them names (`…意义重大。`),
    or None: they are then the points of the heading above them; else (None, [])."""
    for frame in PARALLEL_FRAMES:
        run: list[tuple[int, int]] = []
        lead = ""
        for m in _SENTENCE.finditer(para.key):
            start = m.start() + len(m.group()) - len(m.group().lstrip())
            if frame.match(para.key, start):
                run.append((start, m.end()))
                continue
            if len(run) >= MIN_CLAUSES:
                break
            run, lead = [], m.group()
        if len(run) < MIN_CLAUSES:
            continue
        out = []
        for start, end in run:
            pieces = para.key[start:end].split("，")
            cut = len("，".join(pieces[:2] if _VIEWPOINT_ONLY.match(pieces[0]) else pieces[:1]))
            out.append((clean(para.text[start : start + cut]), clean(para.text[start + cut + 1 : end + 1]), start))
        lead = lead.strip()  # a short sentence leading in (`坚定文化自信意义重大。`), not prose naming a word
        return (lead_kind(lead) if len(lead) <= LEAD_SENTENCE_MAX else None), out
    return None, []


def parallel_section(para: Para) -> tuple[SectionKind | None, list[tuple[str, str, int]]]:
    """The clauses of `parallel_points`, of the kind their heads name or else their opener's; else the
    sentences of `parallel_sentences`, of the kind the sentence before them names, or None: the heading
    above them says it (their heads name sides of a subject, not its kind: `从生成场景上看，其是…异化的
    产物` under `…的实质`)."""
    kind, clauses = parallel_points(para)
    if not clauses:
        return parallel_sentences(para)
    voted = heads_kind([head for head, _, _ in clauses])
    return (kind if voted is SectionKind.OTHER else voted), clauses


def clause_lead(key: str, start: int) -> tuple[int, int] | None:
    """Where the lead of a list run together in a paragraph from `start` is, when `structure._lead`
    does not take it: a sentence counting what follows (`…建议从以下几方面入手。第一、…`) or a clause
    naming the kind of what follows (`造成这种情况的原因，一是…`); else None."""
    end = text_end(key, start)  # the text before the list, read in place: this is asked of every list
    if not key.endswith(("。", "，"), 0, end):
        return None
    begin = last_stop(key, 0, end - 1) + 1
    said = key[begin : end - 1]
    if key.endswith("。", 0, end):
        counts = COUNTS_WHAT_FOLLOWS.search(key[max(0, end - 12) : end]) and lead_kind(said)
        return (begin, end - 1) if counts or REFERS_BACK.match(said) else None
    if "，" in said or lead_kind(said) in (None, SectionKind.OTHER):
        return None
    return begin, end - 1


def last_stop(key: str, lo: int, hi: int, stops: str = "。！？；") -> int:
    """`max(key.rfind(c, lo, hi) for c in stops)`: where the last sentence ends before `hi`, or -1, read
    back from `hi` to the nearest stop only (a search per mark runs back to `lo` for a mark the text lacks:
    quadratic over a paragraph of thousands of lists, each asking for the sentence before it)."""
    lo, hi, _ = slice(lo, hi).indices(len(key))  # as rfind reads them (negative from the end)
    for i in range(hi - 1, lo - 1, -1):
        if key[i] in stops:
            return i
    return -1


def text_end(key: str, at: int) -> int:
    """Where `key[:at].rstrip()` ends, found without copying what comes before `at` (a paragraph of
    thousands of lists asks it of each: a copy each time is quadratic)."""
    while at > 0 and key[at - 1].isspace():
        at -= 1
    return at
