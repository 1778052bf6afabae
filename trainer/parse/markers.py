"""The numbering styles of the genre as one table, and finding them in folded text; no structure."""

from __future__ import annotations

import re
from dataclasses import dataclass

from trainer.parse.memo import per_document
from trainer.parse.vocab import KIND_WORDS

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "[一二三四五六七八九十]{1,3}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_DOT_DIGITS = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
SYMBOLS = "★☆●○■□◆◇▲△►▶❖✦✧"
HEADING_SYMBOLS = "★☆"
# `再者`, `此外` go on with a 首先/其次 list they follow (never open one), before a `最后`.
_SEQ = {"首先": 1, "其次": 2, "再次": 3, "再者": 3, "此外": 98, "最后": 99}
SEQUENCE_WORDS = tuple(_SEQ)  # `heads` takes them off a point's head
_SEQ_WORDS = "|".join(_SEQ)
_ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ"
_LETTERS = "abcdefghij"
_MEASURES = "个位年月日号时点分秒万亿千百元人次项条名家户所座岁天周批件台辆吨亩米度倍成届期级类种大线只份张篇部本场轮处层套间口片斤升公平"
# Emoji and marks a page puts before a number (`📌1.`, `🔹一是`, `✅（一）`): decoration, not a marker.
_DECORATION = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50\u2b55\u2705\u274c\ufe0f\u200d]+ *")
_SIDES = {"一方面": 1, "另一方面": 2}

# The conventional depth of the numbering styles of Chinese official writing: 一、 > （一） > 1. > （1） > ①.
STYLE_RANK = {
    "cn_dun": 1,
    "cn_paren": 2,
    "arabic": 3,
    "dotted": 4,
    "dotted3": 5,
    "ar_paren": 4,
    "ar_rparen": 4,
    "padded": 2,
    "circled": 5,
}
PROSE_RANK = 6  # prose-style markers (一是, 第一, 首先) count one depth below every numbered style

# Prose styles counted by a numeral (二是, 其三, 第四): they say where in a list an item stands.
COUNTED_PROSE = frozenset({"yishi", "yiyao", "yize", "diyi", "qiyi"})

# Styles that run on inside a paragraph and so only start a list at ordinal 1 or after an open sibling.
PROSE_STYLES = frozenset({"yishi", "yiyao", "yize", "diyi", "qiyi", "seq", "side"})


def list_rank(style: str) -> int:
    """The conventional depth of a numbering style (1 the outermost), 0 when it has none."""
    return STYLE_RANK.get(style, PROSE_RANK if style in PROSE_STYLES else 0)


def cn_number(text: str) -> int:
    """Value of a small Chinese numeral (一 .. 九十九); 0 when it is not one."""
    if not text or any(c not in _CN_DIGITS and c != "十" for c in text):
        return 0
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    if len(ones) > 1 or len(tens) > 1 or ones == "十":  # 十十 is no numeral
        return 0
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


@dataclass(frozen=True, slots=True)
class Marker:
    """A numbering marker found at `start`; the item text begins at `end`."""

    style: str
    ordinal: int
    start: int
    end: int


# Words a page counts its points by (`原因一：`, `难题二：`, `对策2：`): the section vocabulary's kind words
# and a few more (`發現一：`, `结论二：`, `方法二：`); `问题1` is left out: it asks a practice question.
_COUNTED_MORE = ("要点", "特点", "观点", "分论点", "方面", "发现", "方法", "技巧", "原则", "步骤", "结论", "不足之处")
_COUNTED_WORDS = "|".join(
    sorted({*(w for w in KIND_WORDS if 2 <= len(w) <= 3), *_COUNTED_MORE} - {"问题"}, key=len, reverse=True)
)

# `第一篇`, `第二章`, `第四讲`: a collection's or a course's chapter label (a title's or a topic's label, a line)
CHAPTER_LABEL = r"第[一二三四五六七八九十\d]{1,3}(?:篇|章|部分|节|讲|期|幕|课|单元)"

# `原因一`, `对策2`: a counted word and its number (group 1), the `word_num` style's marker and, before
# `：`, a counted label that is no part of a point's head (`难题一：治理主体能力不足`).
_COUNTED = rf"(?:{_COUNTED_WORDS}) ?({_CN}|\d{{1,2}})"
COUNTED_LABEL = re.compile(rf"{_COUNTED} ?：\s*(?=\S)")

# (style, pattern on folded text, inline allowed after a comma). Group 1 is the ordinal text.
_TABLE: tuple[tuple[str, str, bool], ...] = (
    ("cn_paren", rf"（({_CN})）[、.]?", False),
    # `一）`: the same with its opening bracket lost, at the start of a line only.
    ("cn_paren", rf"({_CN})）(?=[^、，。）\s])", False),
    ("ar_paren", r"（(\d{1,2})）[、.]?", False),
    ("ar_paren", f"([{_PAREN_DIGITS}])", False),
    ("circled", f"([{_CIRCLED}])[、.]?", False),
    ("arabic", f"([{_DOT_DIGITS}])", False),
    # `一、`, and `一。`/`一.` as pages mistype it (a Chinese numeral is never a decimal).
    ("cn_dun", rf"({_CN})(?:[、]|[。.．](?![\d一二三四五六七八九十]))", False),
    ("arabic", r"(\d)\ufe0f?\u20e3", False),  # `1️⃣`: a keycap emoji digit, as 公众号 and 知乎 pages number
    # `1.` and `1、` are one style: documents mix them within one list.
    ("arabic", r"(\d{1,2})\.(?![\d.])", False),
    ("arabic", r"(\d{1,2})\.(?=(?:19|20)\d\d年)", False),  # `1.2003年卫生部…`: opening with a year, no decimal
    ("arabic", r"(\d{1,2}) ?、", False),
    ("ar_rparen", r"(\d{1,2})）", False),
    ("padded", r"0([1-9]) ?(?=[\u4e00-\u9fff])(?![年月日号时点])", False),  # `01经济结构转型…`, a post's parts
    ("arabic", rf"([1-9])(?=[\u4e00-\u9fff])(?![{_MEASURES}])", False),  # `1制度框架明确`: no mark between
    # `1 安全保障的缺失 网约车司机在…`: a space only, between the number, a head and its text; not a table's row
    # flattened to cells (`1 配电箱接地 接地电阻≤4Ω □合格`, `5 防护罩`)
    (
        "arabic",
        rf"([1-9]) (?![{_MEASURES}])(?=[\u4e00-\u9fff][^ ]{{1,23}} [^ ]{{12}})(?![^ ]{{1,24}} [^ ]{{1,24}} )",
        False,
    ),
    # `1.1.2`, `2.3.1`: the third level of decimal numbering, by its last number (`1.1.3个人…` is item 3)
    ("dotted3", r"\d{1,2}\.\d{1,2}\.(\d{1,2})(?:\.(?=[ \u4e00-\u9fff]))?(?![\d.%％]) ?", False),
    # `1.1`, `2.3`, a thesis's `2.1.`: the second level of decimal numbering.
    # A unit after it makes a figure (`1.5万`, `2.3年，`), not one in a word (`1.1人口老龄化`, `7.1人力资源`).
    (
        "dotted",
        r"\d{1,2}\.(\d{1,2})(?:\.(?=[ \u4e00-\u9fff]))?(?![\d.%％倍万亿千百元项次户月日米度]|[人个年](?![\u4e00-\u9fff])|人[次均]|个[百千万月]|年[来前后间底初]) ?",
        False,
    ),
    ("dotted", r"\d{1,2}\.(\d)(?=(?:19|20)\d\d(?:年|-|—|–))", False),  # `8.12023-2024年…`: 8.1, then a year
    ("roman", f"([{_ROMAN}])[、.]?", False),
    ("letter", r"([a-jA-J])[.、）](?![A-Za-z.])", False),
    ("letter", r"（([a-jA-J])）", False),
    # `一，要加强…`: a Chinese numeral and a comma, at the start of a line only.
    ("cn_dun", rf"({_CN})，(?!\d)", False),
    # `第一问：`, `第2题：`, `第三部分：`, `第一步：`, `第二招：`, `第一章` …: a counted label, at the start of a line only.
    (
        "di_label",
        rf"第({_CN}|\d{{1,2}}) ?(?:问|题|点|条|步|招|部分|个方面|方面|节|章|幕|课|单元)(?:[：:，、.]| (?=\S))",
        False,
    ),
    # `问题一：`, `试题2.`: a question put to the reader, counted, at the start of a line only.
    ("q_label", rf"(?:问题|试题|题目)({_CN}|\d{{1,2}}) ?[：:、.]", False),
    # `原因一：`, `对策2.`: a section word before the number, at the start of a line only.
    ("word_num", rf"{_COUNTED}(?:[：:、.]| (?=\S))", False),  # `痛点 1：` spaced too
    ("diyi", rf"第({_CN})(?:是|[，、：.](?!\d))", True),
    ("qiyi", rf"其({_CN})(?:是|[，、：])", True),  # `其一是…`, as `第一是…`
    ("yishi", rf"({_CN})(?:是(?![否的])|曰)[，：]?", True),  # `一是非经营性…` (是非 at a clause start too), `一曰…`
    ("yiyao", rf"({_CN})要(?![求素点害是])[，：]?", True),
    # `一则…；二则…`, `一来…，二来…`: a count of reasons or harms in one sentence (`一来二去` is an idiom)
    ("yize", rf"({_CN})(?:则|来)(?![一二三四五六七八九十去])[，：]?", True),
    ("side", r"(另一方面|一方面)[，：]?", True),
    # `首先是…其次是…再次是…`: 是 belongs to the marker, as in 一是, 第一是, 其一是.
    ("seq", rf"({_SEQ_WORDS})(?:是(?![否的])[，：]?|[，：])", True),
    # `首先需要…`, `其次要…`: these two count with no comma too (`再次`, `最后` do not: 再次强调, 最后一公里).
    ("seq", r"(首先|其次)(?=[\u4e00-\u9fff])", True),
)
_COMPILED = tuple((style, re.compile(pat), comma) for style, pat, comma in _TABLE)
_LINE_START = re.compile("|".join(f"(?:{pat})" for _, pat, _ in _TABLE))
_AFTER_COMMA = frozenset(style for style, _, comma in _TABLE if comma)


def _ordinal(style: str, raw: str) -> int:
    if raw.isascii() and raw.isdigit():
        return int(raw)
    if raw in _CIRCLED:
        return _CIRCLED.index(raw) + 1
    if raw in _PAREN_DIGITS:
        return _PAREN_DIGITS.index(raw) + 1
    if raw in _DOT_DIGITS:
        return _DOT_DIGITS.index(raw) + 1
    if raw in _ROMAN:
        return _ROMAN.index(raw) + 1
    if style == "letter":
        return _LETTERS.index(raw.lower()) + 1
    if style == "seq":
        return _SEQ[raw]
    if style == "side":
        return _SIDES[raw]
    return cn_number(raw)


# The rows as one pattern, each in a group of its own (its ordinal the group inside): at a position the
# first row that matches is the first alternative that does, found in one try instead of a try per row.
_ROWS = re.compile("|".join(f"({pat})" for _, pat, _ in _TABLE))
_ROW_OF_GROUP = {1 + i + sum(rx.groups for _, rx, _ in _COMPILED[:i]): i for i in range(len(_COMPILED))}


def _match_at(key: str, pos: int) -> Marker | None:
    m = _ROWS.match(key, pos)
    if m is None:
        return None
    first = _ROW_OF_GROUP[m.lastindex or 0]
    for style, rx, _ in _COMPILED[first:]:
        m = rx.match(key, pos)
        if m:
            n = _ordinal(style, m.group(1))
            if n <= 0:
                continue  # `十十、` numbers nothing: a later row may read the line
            end = m.end()
            while end < len(key) and key[end] == " ":
                end += 1
            return Marker(style, n, pos, end)
    return None


@per_document  # the passes ask this of one line several times; a Marker is immutable
def match_line(key: str) -> Marker | None:
    """The marker that opens a line (folded, left-stripped), or None.

    Decoration before a number (`📌1.`) is looked through: the marker's `end` is past both.
    """
    if not key:
        return None
    if key[0] in SYMBOLS:
        return Marker("sym" + key[0], 0, 0, len(key) - len(key[1:].lstrip(" ")))  # past the spaces after it
    if key[0] in "-*•·" and len(key) > 1 and key[1] == " ":
        num = match_line(key[2:]) or Marker("bullet", 0, 0, 0)  # `• 1. 技术…`: the bullet decorates a number
        ranked = num.style in STYLE_RANK
        return Marker(num.style, num.ordinal, 0, 2 + num.end) if ranked else Marker("bullet", 0, 0, 2)
    deco = _DECORATION.match(key)
    if deco and deco.end() < len(key):
        inner = match_line(key[deco.end() :])
        if inner is not None and not inner.style.startswith("sym"):
            return Marker(inner.style, inner.ordinal, 0, deco.end() + inner.end)
        words = inner is None and "\u4e00" <= key[deco.end()] <= "\u9fff"  # `💡营商环境的核心…`: a bullet
        return Marker("emoji", 0, 0, deco.end()) if words else None
    if not _LINE_START.match(key):
        return None
    marker = _match_at(key, 0)
    return None if marker is None or marker.end >= len(key) else marker  # a bare number alone is no item


_BOUNDARY = "。；：！？"
_INLINE_HINT = re.compile(
    r"[一二三四五六七八九十][是曰则来]|[一二三四五六七八九十]要|第[一二三四五六七八九十]|其[一二三四五六七八九十]"
    rf"|一方面|{_SEQ_WORDS}|（(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})）"
    f"|[{_CIRCLED}{_PAREN_DIGITS}]|\\d{{1,2}}[.、）]|[一二三四五六七八九十]{{1,3}}、"
)


REMARK_MAX = 40  # a bracketed remark after a stop (`…报区安委办。（表格见附）2、…`) is this long at most


def _remark_after_stop(key: str, close: int) -> bool:
    """True when the bracket closing at `close` opens right after a stop: a remark, and the sentence
    before it ended, so a marker after it starts an item."""
    opening = max(key.rfind("（", max(0, close - REMARK_MAX), close), key.rfind("(", max(0, close - REMARK_MAX), close))
    return opening > 0 and key[opening - 1] in _BOUNDARY


def find_inline(key: str) -> list[Marker]:
    """Every marker in a paragraph's folded text that sits at a clause boundary."""
    return list(_inline(key))


@per_document  # the outline, its readings and the points each look for a paragraph's run-together list
def _inline(key: str) -> tuple[Marker, ...]:
    found: list[Marker] = []
    for m in _INLINE_HINT.finditer(key):
        pos = m.start()
        if pos > 0 and key[pos - 1] == "另" and key.startswith("一方面", pos):
            continue
        prev = pos - 1
        while prev >= 0 and key[prev] == " ":
            prev -= 1
        before = key[prev] if prev >= 0 else ""
        # A space before the marker parts items as a stop would (`1.基础设施薄弱 2.人才流失严重`).
        spaced = prev < pos - 1
        if before in "）)" and _remark_after_stop(key, prev):
            before = "。"
        closed = before in "）)"  # `…台账（排查表见附件）2、严格…`: the aside ends the item before a number
        if before and before not in _BOUNDARY and before not in "，、" and not spaced and not closed:
            continue  # mid-clause: no marker of any style starts here
        marker = _match_at(key, pos)
        if marker is None:
            continue
        comma_ok = marker.style in _AFTER_COMMA
        closed = closed and marker.style == "arabic"
        if before and before not in _BOUNDARY and not (comma_ok and before in "，、") and not spaced and not closed:
            continue
        if found and found[-1].end > pos:
            continue
        found.append(marker)
    for m in re.finditer("另一方面", key):
        side = _match_at(key, m.start())
        left = key[m.start() - 1] if m.start() else ""
        if side and (not left or left in _BOUNDARY or left in "，、"):
            found.append(side)
    found.sort(key=lambda mk: mk.start)
    return tuple(sorted([*found, *_glued_firsts(key, found)], key=lambda mk: mk.start))


GLUED_LOOK = 600  # how far before a succession's second member its glued first is looked for
_GLUED_AFTER = {"arabic": re.compile(r"[第表图附件.\d]")}  # a word the first may not follow (`表1、`)


def _glued_firsts(key: str, found: list[Marker]) -> list[Marker]:
    """The first member of a succession whose later ones stand at clause boundaries, glued to the words
    before it (`…影响因素1、小微企业…。2、…`): the nearest marker of the style numbered 1 before the 2,
    after the last marker of that style, and not inside a word (`表1、`). Arabic numbers only: a glued
    `一、` opens an outline run together (`【提纲】一、…（一）…`) whose nesting an inline list does not keep."""
    firsts: list[Marker] = []
    last: dict[str, Marker] = {}
    for mk in found:
        before = last.get(mk.style)
        last[mk.style] = mk
        word = _GLUED_AFTER.get(mk.style)
        if mk.ordinal != 2 or word is None or (before is not None and before.ordinal == 1):
            continue
        start = max(before.end if before else 0, mk.start - GLUED_LOOK)
        found_at = (_match_at(key, h.start()) for h in _INLINE_HINT.finditer(key, start, mk.start))
        ones = [m for m in found_at if m is not None and m.style == mk.style and m.ordinal == 1 and m.end <= mk.start]
        if ones and not (ones[-1].start and word.match(key, ones[-1].start - 1)):
            firsts.append(ones[-1])
    return firsts
